package io.gradspec.spec;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A spec file's path and text, with a line index. Offsets are UTF-16 char offsets into {@link #text()};
 * lines and columns are 1-based and columns count Unicode code points, as the contract requires.
 */
public final class SourceFile {
  private final Path path;
  private final String displayPath;
  private final String text;
  private int[] lineStarts;

  public SourceFile(Path path, String displayPath, String text) {
    this.path = path;
    this.displayPath = displayPath;
    this.text = text;
  }

  public Path path() { return path; }

  /**
   * A path as reports show it: as given, with forward slashes where `\` is the separator (Windows);
   * elsewhere `\` is a character of the name (`back\slash.yaml`) and stays.
   */
  public static String display(Path p) {
    return java.io.File.separatorChar == '\\' ? p.toString().replace('\\', '/') : p.toString();
  }
  /** The path as the user gave it (relative, forward slashes), used in every report. */
  public String displayPath() { return displayPath; }
  public String text() { return text; }

  private int[] lineStarts() {
    if (lineStarts == null) {
      int[] starts = new int[16];
      int n = 0;
      starts[n++] = 0;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
          if (n == starts.length) starts = Arrays.copyOf(starts, n * 2);
          starts[n++] = i + 1;
        }
      }
      lineStarts = Arrays.copyOf(starts, n);
    }
    return lineStarts;
  }

  /** 1-based line of a char offset. */
  public int line(int offset) {
    int[] s = lineStarts();
    int idx = Arrays.binarySearch(s, Math.max(0, Math.min(offset, text.length())));
    return (idx >= 0 ? idx : -idx - 2) + 1;
  }

  /** 1-based column of a char offset, counting code points. */
  public int column(int offset) {
    int start = lineStarts()[line(offset) - 1];
    int end = Math.max(start, Math.min(offset, text.length()));
    return text.codePointCount(start, end) + 1;
  }

  /** The text of a 1-based line, without its line terminator. */
  public String lineText(int line) {
    int[] s = lineStarts();
    if (line < 1 || line > s.length) return "";
    int start = s[line - 1];
    int end = line < s.length ? s[line] : text.length();
    while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) end--;
    return text.substring(start, end);
  }

  /** Char offset of a 1-based line and code-point column (clamped to the line). */
  public int offsetOf(int line, int column) {
    int[] s = lineStarts();
    if (line < 1) return 0;
    if (line > s.length) return text.length();
    int start = s[line - 1];
    int end = line < s.length ? s[line] : text.length();
    while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) end--;
    // walk at most column - 1 code points, and on the line asked last from the column found last: the
    // loader asks once per scalar, left to right, so counting from the line's start each time made a
    // long flow sequence (`dims: [{N: 1}, ...]` on one line) quadratic in the line's length
    int at = start, k = 1;
    int[] hit = lastHit;
    if (hit != null && hit[0] == line && hit[1] <= column) {
      at = hit[2];
      k = hit[1];
    }
    for (; k < column && at < end; k++) {
      at += Character.isHighSurrogate(text.charAt(at)) && at + 1 < end && Character.isLowSurrogate(text.charAt(at + 1)) ? 2 : 1;
    }
    lastHit = new int[] {line, k, at};
    return at;
  }

  /** {line, column, offset} of the last {@link #offsetOf} answer (a whole array: threads may share it). */
  private volatile int[] lastHit;

  @Override public String toString() { return displayPath; }
}
