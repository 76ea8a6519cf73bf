package io.gradspec.expr.kernel;

import io.gradspec.spec.Span;

/**
 * An evaluation error found only at run time (an index out of range computed from other indices): the
 * spec is {@code error}, exit 2 (contract §6), not inconclusive.
 */
public final class EvalException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Span span;
  private final String label;
  private final String note;
  private final String help;

  public EvalException(Span span, String message, String label) {
    this(span, message, label, null, null);
  }

  private EvalException(Span span, String message, String label, String note, String help) {
    super(message, null, false, false);
    this.span = span;
    this.label = label;
    this.note = note;
    this.help = help;
  }

  /** A copy with a note: context for the message (rustc's `= note:`). */
  public EvalException withNote(String note) { return new EvalException(span, getMessage(), label, note, help); }

  /** A copy with a help line saying how to fix it. */
  public EvalException withHelp(String help) { return new EvalException(span, getMessage(), label, note, help); }

  public Span span() { return span; }
  public String label() { return label; }
  public String note() { return note; }
  public String help() { return help; }
}
