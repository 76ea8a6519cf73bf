package io.gradspec.expr.builtin;

import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.shape.Shape;
import io.gradspec.expr.syntax.Expr;
import io.gradspec.spec.Diagnostic;

/**
 * What a function's shape rule needs from the analyser that types the call (expr.sema implements it):
 * the arguments' shapes, the dimension arguments of eye/ones/zeros, and the diagnostics.
 */
public interface Typer {
  /** Types an argument; null when an error was already reported below it. */
  Shape type(Expr arg);

  /** A dimension argument (`1`, a symbol, or a product like `C*D`); null (reported) when it is none. */
  Axis dimension(Expr arg);

  /** Whether {@code s} has rank <= 2; reports an error naming {@code what} when not. */
  boolean requireMatrix(Shape s, Expr arg, String what);

  /** Records that the call depends on whatever index variables its arguments use. */
  void markUses(Expr.Call call);

  void report(Diagnostic d);

  /** Records which axis of its first argument a call along an axis names (its position in that shape). */
  void recordAxis(Expr.Call call, int position);
}
