package io.gradspec.spec;

import java.util.List;

/**
 * One entry of {@code inputs}. {@code shape} holds the axes as written ("C", "1", "C*D").
 * {@code value} is null unless a literal was given: then a Double, or a List of Doubles, or a List of
 * Lists of Doubles, with {@code valueSpan} its position.
 */
public record InputDecl(Located<String> name, List<Located<String>> shape, Span shapeSpan, Init init,
                        Object value, Span valueSpan) {
  public InputDecl { shape = List.copyOf(shape); }
}
