package io.gradspec.report.html;

/** HTML text escaping, shared by the HTML report and its heatmaps. */
final class Html {
  private Html() {}

  /** {@code s} safe as HTML text or a double-quoted attribute value. */
  static String escape(String raw) {
    if (raw == null) return "";
    // no control character from a spec file reaches the page (ESC, BEL, NUL, bidi controls); line breaks stay
    String s = io.gradspec.report.ControlChars.escape(raw);
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
