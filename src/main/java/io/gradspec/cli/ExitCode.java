package io.gradspec.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ParameterException;

/**
 * The exit codes of the contract (§5), and the one list of what they mean, which every command's
 * {@code --help} prints from ({@link #help}).
 */
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

  /** What each code means for a run of specs (`check`), in the order --help lists them. */
  private static final Map<Integer, String> MEANINGS = new LinkedHashMap<>();
  static {
    MEANINGS.put(OK, "every claim passed or xfailed");
    MEANINGS.put(FAILED, "some claim failed or xpassed");
    MEANINGS.put(INVALID, "usage error, or some spec invalid");
    MEANINGS.put(INCONCLUSIVE, "nothing failed, but some claim is inconclusive");
    MEANINGS.put(NO_SPECS, "no spec found under the given paths");
    MEANINGS.put(INTERNAL, "internal error: a bug in gradspec");
  }

  private ExitCode() {}

  /**
   * The "Exit codes:" list of a command's help: the codes it can return, in the order of the list above,
   * each with its meaning there unless {@code own} words it for this command (explain's 0 is "the
   * component agrees"). Keys are right-aligned to two digits, as picocli prints them.
   */
  static Map<String, String> help(Map<Integer, String> own, int... codes) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<Integer, String> m : MEANINGS.entrySet()) {
      int code = m.getKey();
      if (!contains(codes, code)) continue;
      // (not String.format: its first use loads the locale data, ~20 ms of a --version)
      out.put((code < 10 ? " " : "") + code, own.getOrDefault(code, m.getValue()));
    }
    for (int code : codes) {
      if (!MEANINGS.containsKey(code)) throw new IllegalArgumentException("exit code " + code + " is not in the list");
    }
    return out;
  }

  private static boolean contains(int[] codes, int code) {
    for (int c : codes) if (c == code) return true;
    return false;
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
