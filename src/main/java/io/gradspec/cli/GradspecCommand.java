package io.gradspec.cli;

import io.gradspec.Version;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The top command: subcommands, {@code --help}, {@code --version} and the exit codes. */
@Command(name = "gradspec", mixinStandardHelpOptions = true, version = GradspecCommand.VERSION,
    description = "Checks claimed derivatives, written as YAML specs, against central differences.",
    exitCodeOnInvalidInput = ExitCode.INVALID,
    // picocli's default for an exception is 1, which would make a crash look like "a claim failed"
    exitCodeOnExecutionException = ExitCode.INTERNAL,
    exitCodeListHeading = "%nExit codes:%n")
public final class GradspecCommand implements Runnable, ExitCode.Documented {
  /** What {@code --version} prints, for every command. */
  static final String VERSION = "gradspec " + Version.VERSION;

  /** The subcommands, in the order --help lists them. */
  private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();
  static {
    SUBCOMMANDS.put("check", CheckCommand::new);
    SUBCOMMANDS.put("validate", ValidateCommand::new);
    SUBCOMMANDS.put("explain", ExplainCommand::new);
    SUBCOMMANDS.put("init", InitCommand::new);
    SUBCOMMANDS.put("schema", SchemaCommand::new);
    // `gradspec help [COMMAND]`, as in every picocli tool (and git, cargo, go)
    SUBCOMMANDS.put("help", CommandLine.HelpCommand::new);
  }

  /** The whole command line, every subcommand included (for help, completion scripts and tests). */
  public static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * The command line for these arguments. Building picocli's model of a command costs reflection over
   * every option, and picocli's classes cannot go into the class-data archive (they are Java 5 class
   * files), so when the arguments name a subcommand only that one is built: about a third of the start-up
   * of a short `check`. A lone --version needs none of them. Otherwise, without one (--help, a typo),
   * all are built, so help and "did you mean" see every command.
   */
  public static CommandLine commandLine(String[] args) {
    CommandLine cl = documented(new CommandLine(new GradspecCommand()));
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) return cl;
    String named = null;
    for (String a : args) {
      if (a.startsWith("-")) continue;
      // help needs the command it describes
      named = SUBCOMMANDS.containsKey(a) && !a.equals("help") ? a : null;
      break;
    }
    for (Map.Entry<String, Supplier<Object>> e : SUBCOMMANDS.entrySet()) {
      if (named == null || named.equals(e.getKey())) {
        cl.addSubcommand(e.getKey(), documented(new CommandLine(e.getValue().get())));
      }
    }
    return cl;
  }

  /** The command line with the "Exit codes:" list of its help filled in from {@link ExitCode}. */
  private static CommandLine documented(CommandLine cl) {
    if (cl.getCommand() instanceof ExitCode.Documented d) cl.getCommandSpec().usageMessage().exitCodeList(d.exitCodes());
    return cl;
  }

  @Spec CommandSpec spec;

  @Override public Map<String, String> exitCodes() {
    return ExitCode.help(Map.of(ExitCode.INTERNAL, "internal error: a bug in gradspec (--verbose shows the stack trace)"),
        ExitCode.OK, ExitCode.FAILED, ExitCode.INVALID, ExitCode.INCONCLUSIVE, ExitCode.NO_SPECS, ExitCode.INTERNAL);
  }

  @Override public void run() {
    throw new ParameterException(spec.commandLine(), "missing command: check, validate, explain, init or schema");
  }
}
