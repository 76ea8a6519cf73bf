package io.gradspec.result;

import io.gradspec.spec.Diagnostic;

/**
 * The contract's {@code error} object: message, file, 1-based line and column. {@code diagnostic} is the
 * full diagnostic for renderers that draw carets (null for errors with no source position).
 */
public record ErrorInfo(String message, String file, int line, int column, Diagnostic diagnostic) {
  public static ErrorInfo of(Diagnostic d) {
    return new ErrorInfo(d.message(), d.file(), d.line(), d.column(), d);
  }
}
