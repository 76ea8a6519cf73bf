package io.gradspec.cli;

/** Whether to colour the output: only on a terminal, and never when the user asked for plain text. */
final class Terminal {
  private Terminal() {}

  /**
   * True when stdout is a terminal, {@code --no-color} was not given, the report is not going to a file,
   * and the NO_COLOR convention (https://no-color.org) is not in force.
   */
  static boolean colorWanted(boolean noColor, boolean toFile) {
    if (noColor || toFile || System.console() == null) return false;
    String env = System.getenv("NO_COLOR");
    if (env != null && !env.isEmpty()) return false;
    String term = System.getenv("TERM");
    return term == null || !term.equals("dumb");
  }
}
