package io.gradspec.expr.builtin;

import io.gradspec.expr.syntax.Expr;
import java.util.function.DoubleSupplier;

/**
 * Arithmetic of the bounds that prove a claim's support exact (expr.eval.SupportAnalysis): a bound is a
 * supplier of a magnitude no value of an expression exceeds at the current point, and it is infinite
 * as soon as it is not trusted to be finite.
 */
public final class Bounds {
  private Bounds() {}

  /** Beyond this a bound is not trusted to stay finite (products of intermediates, rounding). */
  public static final double LIMIT = 1e300;

  /** {@code b}, or infinity when it is at or past {@link #LIMIT}. */
  public static double cap(double b) { return b < LIMIT ? b : Double.POSITIVE_INFINITY; }

  /** 1 while {@code x} is finite: for functions whose values stay within [-1, 1] (and 0/1 results). */
  public static DoubleSupplier unit(DoubleSupplier x) {
    return () -> x.getAsDouble() < LIMIT ? 1 : Double.POSITIVE_INFINITY;
  }

  /** 1 while both are finite: for a comparison or a delta, whose values are 0 or 1. */
  public static DoubleSupplier unit(DoubleSupplier x, DoubleSupplier y) {
    return () -> x.getAsDouble() < LIMIT && y.getAsDouble() < LIMIT ? 1 : Double.POSITIVE_INFINITY;
  }

  /** {@code c} while both are finite, null when either is null: for functions bounded by a constant (atan2). */
  public static DoubleSupplier constant(double c, DoubleSupplier x, DoubleSupplier y) {
    return x == null || y == null ? null : () -> x.getAsDouble() < LIMIT && y.getAsDouble() < LIMIT ? c : Double.POSITIVE_INFINITY;
  }

  /** The larger of two bounds, null when either is null (maximum, minimum, where). */
  public static DoubleSupplier max(DoubleSupplier a, DoubleSupplier b) {
    return a == null || b == null ? null : () -> Math.max(a.getAsDouble(), b.getAsDouble());
  }

  /** x^p for a whole non-negative number p: at most B^p; anything else is not bounded (null). */
  public static DoubleSupplier power(DoubleSupplier x, Expr exponent) {
    Double p = number(exponent);
    if (x == null || p == null || p < 0 || p != Math.rint(p) || p > 64) return null;
    double q = p;
    return () -> cap(Math.pow(Math.max(1.0, x.getAsDouble()), q) * 2);
  }

  /** The value of a finite number literal, else null. */
  public static Double number(Expr e) {
    return e instanceof Expr.Num n && Double.isFinite(n.value()) ? n.value() : null;
  }
}
