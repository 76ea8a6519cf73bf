package io.gradspec.expr;

import io.gradspec.spec.Span;

/**
 * An evaluation error found only at run time (an index out of range computed from other indices): the
 * spec is {@code error}, exit 2 (contract §6), not inconclusive.
 */
public final class EvalException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Span span;
  private final String label;

  public EvalException(Span span, String message, String label) {
    super(message, null, false, false);
    this.span = span;
    this.label = label;
  }

  public Span span() { return span; }
  public String label() { return label; }
}
