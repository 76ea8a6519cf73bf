package io.gradspec.cli;

import picocli.CommandLine.ParameterException;

/** The exit codes of the contract (§5), in one place. {@code --help} lists them. */
public final class ExitCode {
  /** Every claim passed or xfailed. */
  public static final int OK = 0;
  /** Some claim failed or xpassed (and nothing was invalid). */
  public static final int FAILED = 1;
  /** Usage error, or some spec invalid. */
  public static final int INVALID = 2;
  /** Nothing failed, but some claim is inconclusive. */
  public static final int INCONCLUSIVE = 3;
  /** No spec found under the given paths. */
  public static final int NO_SPECS = 4;
  /** A bug in gradspec, never a user's mistake (sysexits' EX_SOFTWARE). */
  public static final int INTERNAL = 70;

  private ExitCode() {}

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
