package io.gradspec.cli;

import io.gradspec.report.CommandName;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * Usage errors in the grep style: one line saying what is wrong, one line saying where help is, exit 2.
 * No usage dump, which would bury the message.
 *
 * <pre>
 * gradspec: invalid value for option '--method': expected central, richardson or complex-step, found `fast`
 * Try 'gradspec check --help' for more information.
 * </pre>
 */
final class ShortErrorHandler implements IParameterExceptionHandler {
  @Override public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    String message = lowerFirst(ex.getMessage() == null ? "invalid command line" : ex.getMessage().strip());
    if (ex instanceof UnmatchedArgumentException u) {
      List<String> unmatched = u.getUnmatched();
      boolean commandExpected = !cmd.getSubcommands().isEmpty() && !unmatched.isEmpty()
          && !unmatched.get(0).startsWith("-");
      if (commandExpected) message = "unknown command `" + unmatched.get(0) + "`";
      List<String> suggestions = u.getSuggestions();
      if (!suggestions.isEmpty()) message += " (did you mean `" + suggestions.get(0) + "`?)";
    }
    java.util.regex.Matcher help = java.util.regex.Pattern.compile("unknown subcommand '(.*)'\\.?").matcher(message);
    if (help.matches()) {
      // `gradspec help chek`: picocli's HelpCommand words it its own way; say it as for `gradspec chek`
      if (cmd.getParent() != null) cmd = cmd.getParent();
      message = "unknown command `" + help.group(1) + "`" + io.gradspec.spec.DidYouMean.suggest(help.group(1),
          cmd.getSubcommands().keySet()).map(m -> " (did you mean `" + m + "`?)").orElse("");
    }
    err.println("gradspec: " + message);
    // the command as it was started (bin/gradspec check --help), so that the hint works when pasted
    String qualified = cmd.getCommandSpec().qualifiedName();
    String typed = CommandName.get() + qualified.substring(cmd.getCommandSpec().root().name().length());
    err.println("Try '" + typed + " --help' for more information.");
    err.flush();
    return ExitCode.INVALID;
  }

  /** Picocli's messages are sentence case; gradspec's are lowercase facts. Keeps acronyms ("YAML"). */
  static String lowerFirst(String s) {
    if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && !Character.isUpperCase(s.charAt(1))) {
      return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
    return s;
  }
}
