package io.gradspec.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The exit codes as the commands use them: the codes themselves are {@link io.gradspec.result.ExitCode}'s
 * (named here too, for picocli's annotations), and so are the {@code --help} lists ({@link #describe}).
 */
public final class ExitCode {
  public static final int OK = io.gradspec.result.ExitCode.OK;
  public static final int FAILED = io.gradspec.result.ExitCode.FAILED;
  public static final int INVALID = io.gradspec.result.ExitCode.INVALID;
  public static final int INCONCLUSIVE = io.gradspec.result.ExitCode.INCONCLUSIVE;
  public static final int NO_SPECS = io.gradspec.result.ExitCode.NO_SPECS;
  public static final int INTERNAL = io.gradspec.result.ExitCode.INTERNAL;

  private ExitCode() {}

  /**
   * Sets the "Exit codes:" list of every command's {@code --help}: the codes each command can return, in
   * the words of a run unless the command has its own.
   */
  static void describe(CommandLine top) {
    list(top, Map.of(INTERNAL, "internal error: a bug in gradspec (--verbose shows the stack trace)"),
        OK, FAILED, INVALID, INCONCLUSIVE, NO_SPECS, INTERNAL);
    Map<String, CommandLine> sub = top.getSubcommands();
    list(sub.get("check"), Map.of(), OK, FAILED, INVALID, INCONCLUSIVE, NO_SPECS, INTERNAL);
    list(sub.get("validate"), Map.of(OK, "every spec is valid"), OK, INVALID, NO_SPECS, INTERNAL);
    list(sub.get("explain"), Map.of(OK, "the component agrees", FAILED, "the component disagrees",
        INVALID, "usage error, or the spec is invalid",
        INCONCLUSIVE, "the component is inconclusive (a value is not finite)"), OK, FAILED, INVALID, INCONCLUSIVE, INTERNAL);
    list(sub.get("init"), Map.of(OK, "the folder was written",
        INVALID, "usage error, or a file to write exists already (nothing was written)"), OK, INVALID, INTERNAL);
    list(sub.get("schema"), Map.of(OK, "the schema was printed"), OK, INTERNAL);
  }

  private static void list(CommandLine cl, Map<Integer, String> own, int... codes) {
    if (cl != null) cl.getCommandSpec().usageMessage().exitCodeList(io.gradspec.result.ExitCode.helpList(own, codes));
  }

  /** 2 for a usage error that escaped the parameter handler, 70 for anything else. */
  public static int forThrowable(Throwable t) {
    return t instanceof ParameterException ? INVALID : INTERNAL;
  }

  /** The one line printed for an internal error. */
  static String internalErrorLine(Throwable t) {
    String message = t.getMessage() == null ? "" : ": " + t.getMessage().lines().findFirst().orElse("");
    return "gradspec: internal error: " + t.getClass().getSimpleName() + message
        + " (this is a bug in gradspec; run with --verbose for the stack trace)";
  }
}
