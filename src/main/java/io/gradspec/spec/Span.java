package io.gradspec.spec;

/** A range of characters in a source file: where a value or token came from. */
public record Span(SourceFile file, int offset, int length) {
  public Span {
    if (offset < 0) offset = 0;
    if (length < 0) length = 0;
  }

  public int line() { return file == null ? 0 : file.line(offset); }
  public int column() { return file == null ? 0 : file.column(offset); }
  public int end() { return offset + length; }

  /** The smallest span covering both. */
  public Span to(Span other) {
    if (other == null) return this;
    int start = Math.min(offset, other.offset);
    int end = Math.max(end(), other.end());
    return new Span(file, start, end - start);
  }

  public String text() {
    if (file == null) return "";
    String t = file.text();
    int s = Math.min(offset, t.length());
    return t.substring(s, Math.min(t.length(), s + length));
  }

  @Override public String toString() {
    return (file == null ? "?" : file.displayPath()) + ":" + line() + ":" + column();
  }
}
