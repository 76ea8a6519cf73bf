package io.gradspec.expr.eval;

import io.gradspec.spec.Diagnostic;

/** A compile-time error under one dims map: it ends the compilation, and its diagnostic is reported. */
final class CompileError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final transient Diagnostic diagnostic;

  CompileError(Diagnostic d) {
    super(d.message(), null, false, false);
    this.diagnostic = d;
  }
}
