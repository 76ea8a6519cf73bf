package io.gradspec.numeric;

import io.gradspec.expr.eval.Program;
import io.gradspec.expr.kernel.Node;
import io.gradspec.expr.kernel.Perturbation;

/**
 * The columns of a Hessian (`order: 2`) by the complex step of central differences: row k of the Hessian of a
 * scalar f is the gradient of the tangent {@code t_k(x) = df(x)[e_k]}, which the complex form gives exactly
 * (no step error); each entry {@code d t_k / d x_j} is then one central difference of that exact tangent.
 * So the error is one first derivative's (the step's h^2 truncation and the round-off over h), not a second
 * difference's (round-off over h^2). Row k is column k: a Hessian is symmetric, and the claim is compared
 * against the numeric side as it is, so an asymmetric claim fails where it differs from the symmetric one.
 * The error bound adds to the central difference's round-off that of the tangent itself, which can cancel
 * from intermediates as large as S: {@code SAFETY * eps * S / h}.
 */
public final class HessianColumns implements NumericColumns {
  private final Program form;
  private final String tangentOf, wrt;
  private final Node direction;
  private final double step;
  /** For `perturb: symmetric` (a square wrt of this many rows), else 0: the direction moves (i, j) and (j, i). */
  private final int symmetric;
  private double lastStep;

  /**
   * {@code form} is the complex form along `wrt` at the point (direction 0), {@code tangentOf} the tangent of
   * the scalar `of` in it (null when it is 0), {@code wrt} the name of `wrt` there and {@code direction} its
   * direction input.
   */
  public HessianColumns(Program form, String tangentOf, String wrt, Node direction, double step, int symmetric) {
    this.form = form;
    this.tangentOf = tangentOf;
    this.wrt = wrt;
    this.direction = direction;
    this.step = step;
    this.symmetric = symmetric;
  }

  @Override public double lastStep() { return lastStep; }

  /** Whether `wrt` is perturbed symmetrically (a column moves (i, j) and (j, i) together). */
  public boolean symmetric() { return symmetric > 0; }

  /**
   * The Hessian times {@code w}, as fast mode projects it: the gradient of the tangent along w,
   * {@code (t_w(x + h e_j) - t_w(x - h e_j)) / 2h} for every j, into {@code out} with its error bound in
   * {@code error}. One evaluation of the complex form and two perturbed ones per component.
   */
  public void projection(double[] w, double[] out, double[] error) {
    double[] d = direction.data();
    System.arraycopy(w, 0, d, 0, w.length);
    column(-1, out, error, null, null);
  }

  /** Column k; with k = -1, along the direction already in the direction input ({@link #projection}). */
  @Override public void column(int k, double[] numeric, double[] fdError, double[] fPlus, double[] fMinus) {
    if (tangentOf == null) {
      // `of`'s tangent is 0 (piecewise-constant on every path from wrt): so is every Hessian entry
      int n = direction.size();
      java.util.Arrays.fill(numeric, 0, n, 0.0);
      java.util.Arrays.fill(fdError, 0, n, 0.0);
      if (fPlus != null) java.util.Arrays.fill(fPlus, 0, n, 0.0);
      if (fMinus != null) java.util.Arrays.fill(fMinus, 0, n, 0.0);
      return;
    }
    double[] d = direction.data();
    int mirror = symmetric == 0 || k < 0 ? k : (k % symmetric) * symmetric + k / symmetric;
    if (k >= 0) {
      d[k] = 1;
      d[mirror] = 1;
    }
    form.evaluate();
    Perturbation p = form.perturbation(tangentOf, wrt);
    CentralDifference cd = new CentralDifference(p, step);
    double[] n = new double[1], e = new double[1], fp = new double[1], fm = new double[1];
    double eps = Precision.DOUBLE.eps;
    for (int j = 0; j < p.size(); j++) {
      cd.column(j, n, e, fp, fm);
      double s = p.touchedScale();
      numeric[j] = n[0];
      fdError[j] = e[0] + CentralDifference.SAFETY * eps * s / cd.lastStep();
      if (fPlus != null) fPlus[j] = fp[0];
      if (fMinus != null) fMinus[j] = fm[0];
    }
    lastStep = cd.lastStep();
    p.restore();
    // back to direction 0; the form's other values stay at the last direction's until someone evaluates it
    // again (each column does; so does ComplexForms before the complex step reads it)
    java.util.Arrays.fill(d, 0, direction.size(), 0.0);
  }
}
