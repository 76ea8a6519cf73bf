package io.gradspec.cli;

import java.util.Map;
import picocli.CommandLine.ParameterException;

/**
 * The exit codes as the commands use them: the codes and what they mean are {@link io.gradspec.result.ExitCode}'s
 * (named here too, for picocli's annotations), and so is every command's {@code --help} list ({@link #help}).
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
   * The "Exit codes:" list of a command's help: the codes it can return, each with its meaning for a run
   * unless {@code own} words it for this command (explain's 0 is "the component agrees").
   */
  static Map<String, String> help(Map<Integer, String> own, int... codes) {
    return io.gradspec.result.ExitCode.helpList(own, codes);
  }

  /** A command whose {@code --help} ends with the exit codes it can return. */
  interface Documented {
    /** The "Exit codes:" list, made by {@link ExitCode#help}. */
    Map<String, String> exitCodes();
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
