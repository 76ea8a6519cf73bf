package io.gradspec.numeric;

import io.gradspec.expr.kernel.Perturbation;

/**
 * One numeric Jacobian column by the complex step: the imaginary part of {@code f(x + i h e_k) / h}, read from
 * the spec's complex form ({@link io.gradspec.expr.sema.TangentSpec}) with its direction input set to
 * {@code e_k}. There is no step to choose and no subtractive cancellation, so the column is exact up to the
 * round-off of evaluating it: {@code SAFETY * eps * S}, S the largest magnitude among the tangent's
 * intermediates that this column moved (the sums it adds up can cancel that far, no further).
 */
public final class ComplexStep implements NumericColumns {
  private final Perturbation tangent;
  private final double[] base;

  /**
   * {@code tangent} moves the complex form's direction input and gives the tangent of `of` (null when `of`
   * does not depend on `wrt`: every column is 0); {@code base} is `of` at the point, reported as f(x +- h).
   */
  public ComplexStep(Perturbation tangent, double[] base) {
    this.tangent = tangent;
    this.base = base.clone();
  }

  /** Column k into {@code numeric} and its round-off bound into {@code fdError}; f at the point into fPlus/fMinus. */
  @Override
  public void column(int k, double[] numeric, double[] fdError, double[] fPlus, double[] fMinus) {
    int m = base.length;
    if (tangent == null) {
      java.util.Arrays.fill(numeric, 0, m, 0.0);
      java.util.Arrays.fill(fdError, 0, m, 0.0);
    } else {
      tangent.set(k, 1.0);
      double[] out = tangent.output();
      double err = CentralDifference.SAFETY * Precision.DOUBLE.eps * tangent.touchedScale();
      for (int i = 0; i < m; i++) { numeric[i] = out[i]; fdError[i] = err; }
      // back to direction 0 (copying back only what moved), so that a later claim's columns start from there
      tangent.restore();
    }
    if (fPlus != null) System.arraycopy(base, 0, fPlus, 0, m);
    if (fMinus != null) System.arraycopy(base, 0, fMinus, 0, m);
  }
}
