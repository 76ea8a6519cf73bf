package io.gradspec.cli;

/**
 * The one rule for what the output may assume of a terminal: whether there is one, whether to colour, and
 * whether to show the progress line. Colours and progress appear only on a terminal, so that pipes, files
 * and CI logs get plain text.
 */
final class Terminal {
  private Terminal() {}

  /**
   * True when the JVM's streams are (most likely) a terminal: {@code System.console() != null} on Java 17;
   * from Java 22 on, a console exists even when the streams are redirected, and {@code Console.isTerminal()}
   * (looked up reflectively, as we compile for 17) tells.
   */
  static boolean isTerminal() {
    java.io.Console c = System.console();
    if (c == null) return false;
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return true;
    }
  }

  /** TERM=dumb: a terminal that draws neither colours nor carriage-return tricks (Emacs shells, some CI). */
  private static boolean dumb() {
    return "dumb".equals(System.getenv("TERM"));
  }

  /**
   * True when the output is a terminal, {@code --no-color} was not given, the report is not going to a file,
   * and the NO_COLOR convention (https://no-color.org) is not in force.
   */
  static boolean colorWanted(boolean noColor, boolean toFile) {
    if (noColor || toFile || !isTerminal()) return false;
    String env = System.getenv("NO_COLOR");
    if (env != null && !env.isEmpty()) return false;
    return !dumb();
  }

  /**
   * Whether to show the progress line, which goes to standard error: only when standard error itself is a
   * terminal, so that {@code 2> err.txt} never gets carriage returns, whatever standard output is.
   */
  static boolean progressWanted() {
    return stderrIsTerminal() && !dumb();
  }

  /**
   * Java has no test for standard error alone ({@code System.console()} looks at standard input and
   * output), so: what bin/gradspec found with {@code [ -t 2 ]} (the property {@value #STDERR_PROPERTY}),
   * else where file descriptor 2 leads on Linux ({@code /proc/self/fd/2} is {@code /dev/pts/N} or
   * {@code /dev/ttyN} for a terminal), else the console test.
   */
  static boolean stderrIsTerminal() {
    String told = System.getProperty(STDERR_PROPERTY);
    if (told != null) return Boolean.parseBoolean(told);
    java.nio.file.Path fd2 = java.nio.file.Path.of("/proc/self/fd/2");
    try {
      String target = java.nio.file.Files.readSymbolicLink(fd2).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
      return isTerminal();
    }
  }

  /** Set by bin/gradspec to {@code true} or {@code false}. */
  static final String STDERR_PROPERTY = "gradspec.stderr.terminal";

  /**
   * The columns the text report fits on standard output: what bin/gradspec found with {@code stty size}
   * when standard output is a terminal ({@value #COLUMNS_PROPERTY}), else the COLUMNS variable when set (as
   * Python's {@code shutil.get_terminal_size} reads it), else {@link io.gradspec.report.DiagnosticRenderer#WRAP}:
   * files, pipes and CI logs are 100 columns wide everywhere unless someone asks otherwise.
   */
  static int columns() {
    int fallback = io.gradspec.report.DiagnosticRenderer.WRAP;
    String told = System.getProperty(COLUMNS_PROPERTY);
    if (told == null || told.isBlank()) told = System.getenv("COLUMNS");
    try {
      return told == null || told.isBlank() ? fallback
          : io.gradspec.report.DiagnosticRenderer.fit(Integer.parseInt(told.strip()));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** Set by bin/gradspec to the terminal's columns when standard output is a terminal. */
  static final String COLUMNS_PROPERTY = "gradspec.columns";
}
