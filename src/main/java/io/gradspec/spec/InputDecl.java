package io.gradspec.spec;

import java.util.List;

/**
 * One entry of {@code inputs}. {@code shape} holds the axes as written ("C", "1", "C*D").
 * {@code value} is null unless a literal was given: then a Double, or a List of Doubles, or a List of
 * Lists of Doubles, with {@code valueSpan} its position. {@code type} is REAL unless the input is declared
 * {@code int} (then {@code range} says what is drawn, or null with a literal value) or {@code bool}.
 * {@code perturb} says how a claim with respect to it moves its components.
 */
public record InputDecl(Located<String> name, List<Located<String>> shape, Span shapeSpan, Init init,
                        Object value, Span valueSpan, InputType type, IntRange range, Perturb perturb) {
  public InputDecl { shape = List.copyOf(shape); }

  /** Perturbed one component at a time. */
  public InputDecl(Located<String> name, List<Located<String>> shape, Span shapeSpan, Init init, Object value,
                   Span valueSpan, InputType type, IntRange range) {
    this(name, shape, shapeSpan, init, value, valueSpan, type, range, Perturb.INDEPENDENT);
  }

  /** A real input. */
  public InputDecl(Located<String> name, List<Located<String>> shape, Span shapeSpan, Init init, Object value, Span valueSpan) {
    this(name, shape, shapeSpan, init, value, valueSpan, InputType.REAL, null);
  }

  /** Whether it is never perturbed: an integer or boolean input. */
  public boolean isDiscrete() { return type != InputType.REAL; }
}
