package io.gradspec.expr.syntax;

import io.gradspec.spec.Span;
import java.util.List;

/** {@code [i, j, k] -> body}: one scalar element per index tuple. */
public record IndexFormula(List<IndexVar> indices, Expr body, Span span) {
  public IndexFormula { indices = List.copyOf(indices); }
}
