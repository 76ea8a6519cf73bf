package io.gradspec.result;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of the contract (§5), what each means for a run, and their precedence, in one place: the
 * run's code ({@link #of}), the commands' codes and their {@code --help} lists ({@link #helpList}) all
 * come from here.
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
   * A run's code by the contract's precedence: no spec at all, then some spec or claim invalid, then some
   * claim failed or xpassed, then some claim inconclusive, else every claim passed or xfailed.
   */
  public static int of(Summary s) {
    if (s.specs() == 0) return NO_SPECS;
    if (s.errors() > 0) return INVALID;
    if (s.failed() > 0 || s.xpassed() > 0) return FAILED;
    if (s.inconclusive() > 0) return INCONCLUSIVE;
    return OK;
  }

  /** What {@code code} means for a run of {@code check}. */
  public static String meaning(int code) {
    String m = MEANINGS.get(code);
    if (m == null) throw new IllegalArgumentException("no exit code " + code);
    return m;
  }

  /**
   * The exit-code list of a command's {@code --help}, in picocli's form (code right-aligned -> meaning):
   * {@code codes} in order, each with its meaning for a run unless {@code own} words it for this command.
   */
  public static Map<String, String> helpList(Map<Integer, String> own, int... codes) {
    Map<String, String> out = new LinkedHashMap<>();
    // (not String.format: its first use loads the locale data, ~20 ms of a --version)
    for (int c : codes) out.put((c < 10 ? " " : "") + c, own.getOrDefault(c, meaning(c)));
    return out;
  }
}
