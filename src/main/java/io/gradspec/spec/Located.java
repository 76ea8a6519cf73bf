package io.gradspec.spec;

/** A YAML value together with the span it was read from. */
public record Located<T>(T value, Span span) {
  public static <T> Located<T> of(T value, Span span) { return new Located<>(value, span); }
}
