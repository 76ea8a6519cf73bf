package io.gradspec.spec;

/**
 * The text of an expression as YAML decoded it, with a map from each char of that text to its offset
 * in the source file, so that a token inside a quoted or block scalar still gets its file line:column.
 * {@code offsets} has {@code text.length() + 1} entries (the last one is the end position).
 */
public record ExprText(String text, SourceFile file, int[] offsets) {

  /** An expression that appears verbatim in the file starting at {@code start}. */
  public static ExprText verbatim(String text, SourceFile file, int start) {
    int[] o = new int[text.length() + 1];
    for (int i = 0; i <= text.length(); i++) o[i] = start + i;
    return new ExprText(text, file, o);
  }

  /** The file span of chars [from, to) of the text. */
  public Span span(int from, int to) {
    int f = offsets[Math.max(0, Math.min(from, text.length()))];
    int t = offsets[Math.max(0, Math.min(to, text.length()))];
    if (to > from && to <= text.length()) t = offsets[to - 1] + 1; // last char's own end
    return new Span(file, f, Math.max(0, t - f));
  }

  /** The span of the whole scalar. */
  public Span whole() { return span(0, text.length()); }
}
