package io.gradspec.expr.syntax;

import io.gradspec.spec.Span;

/** A parsed {@code define} or {@code claim} entry: either a plain expression or an index formula. */
public record Entry(Expr expr, IndexFormula formula) {
  public static Entry of(Expr e) { return new Entry(e, null); }
  public static Entry of(IndexFormula f) { return new Entry(null, f); }
  public boolean isFormula() { return formula != null; }
  public Span span() { return formula != null ? formula.span() : expr.span(); }
}
