package io.gradspec.report;

/**
 * The commands gradspec prints for a person to paste back ({@code explain ...} beside an offender,
 * {@code check ...} after {@code init}, {@code init} when there is nothing to check) start the way gradspec
 * was started: {@code bin/gradspec} when it was run as {@code bin/gradspec}, {@code gradspec} when it was
 * found on PATH or is used from Java. {@code bin/gradspec} passes what was typed as the system property
 * {@code gradspec.invokedAs}.
 */
public final class CommandName {
  private CommandName() {}

  /** The program's name as a shell word, e.g. {@code bin/gradspec}; {@code gradspec} when not told. */
  public static String get() {
    String typed = System.getProperty("gradspec.invokedAs");
    if (typed == null || typed.isBlank() || typed.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) return "gradspec";
    return shellWord(typed);
  }

  /** {@code s} as one word for a POSIX shell: as it is when that is safe, else in single quotes. */
  public static String shellWord(String s) {
    if (!s.isEmpty() && s.matches("[A-Za-z0-9_./@%+=:,-]+")) return s;
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
