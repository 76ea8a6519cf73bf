package io.gradspec.report;

/**
 * Makes text from a spec file safe to print on a terminal. A spec's name, a note or a source line can hold
 * control characters (an ESC starting a colour or a cursor move, a carriage return that overwrites a line)
 * or Unicode bidirectional controls that reorder what the reader sees ("Trojan Source"); printed as they
 * are, they would let a spec file rewrite the report around it. They are shown as visible escapes instead,
 * e.g. {@code \x1b} and {@code \u202e}. Line breaks and tabs are layout and are kept.
 */
public final class ControlChars {
  private ControlChars() {}

  /** {@code s} with every control character other than line break and tab written as an escape. */
  public static String escape(String s) {
    if (s == null) return null;
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int n = Character.charCount(cp);
      if (needsEscape(cp)) {
        if (sb == null) sb = new StringBuilder(s.length() + 8).append(s, 0, i);
        sb.append(escapeOf(cp));
      } else if (sb != null) {
        sb.appendCodePoint(cp);
      }
      i += n;
    }
    return sb == null ? s : sb.toString();
  }

  /**
   * {@code s} as one line: as {@link #escape}, and line breaks, carriage returns and tabs as {@code \n},
   * {@code \r}, {@code \t} too. For what must stay on its line in every format: file names and spec names
   * (a file named with a line break could otherwise print a forged "PASS" line of its own).
   */
  public static String line(String s) {
    if (s == null) return null;
    String e = escape(s);
    if (e.indexOf('\n') < 0 && e.indexOf('\t') < 0) return e;
    return e.replace("\n", "\\n").replace("\t", "\\t");
  }

  /** Whether the code point is shown as an escape. */
  static boolean needsEscape(int cp) {
    if (cp == '\n' || cp == '\t') return false;
    return Character.isISOControl(cp) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
        || cp == 0x200E || cp == 0x200F || cp == 0x061C;
  }

  /** The visible form of one escaped code point. */
  static String escapeOf(int cp) {
    return cp <= 0xFF ? String.format(java.util.Locale.ROOT, "\\x%02x", cp)
        : String.format(java.util.Locale.ROOT, "\\u%04x", cp);
  }
}
