package io.gradspec.expr.shape;

/** The small grammar of an axis: {@code expr = term (("+" | "-") term)*, term = factor ("*" factor)*, factor = INT | NAME | "(" expr ")"}. */
final class AxisParser {
  private final String s;
  private int i;

  AxisParser(String text) { this.s = text; }

  boolean atEnd() { skip(); return i == s.length(); }

  private void skip() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }

  private boolean eat(char c) {
    skip();
    if (i < s.length() && s.charAt(i) == c) { i++; return true; }
    return false;
  }

  Axis expression() {
    Axis a = term();
    while (a != null) {
      if (eat('+')) { Axis b = term(); a = b == null ? null : Axis.sum(a, b); }
      else if (eat('-')) { Axis b = term(); a = b == null ? null : Axis.difference(a, b); }
      else break;
    }
    return a;
  }

  private Axis term() {
    Axis a = factor();
    while (a != null && eat('*')) {
      Axis b = factor();
      a = b == null ? null : Axis.product(a, b);
    }
    return a;
  }

  private Axis factor() {
    skip();
    if (i >= s.length()) return null;
    char c = s.charAt(i);
    if (c == '(') {
      i++;
      Axis a = expression();
      return a != null && eat(')') ? a : null;
    }
    int start = i;
    if (Character.isDigit(c)) {
      while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
      if (i - start > 9) return null;
      return Axis.literal(Long.parseLong(s.substring(start, i)));
    }
    if (Character.isLetter(c) || c == '_') {
      while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
      String name = s.substring(start, i);
      return name.chars().allMatch(ch -> ch < 128) ? Axis.of(name) : null;
    }
    return null;
  }
}
