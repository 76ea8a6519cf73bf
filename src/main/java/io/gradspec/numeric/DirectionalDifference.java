package io.gradspec.numeric;

import io.gradspec.expr.kernel.Perturbation;

/**
 * The derivative of f along a direction by central differences:
 * {@code (f(x + h d) - f(x - h d)) / 2h}, where d is supported on a contiguous range {@code [lo, hi)} of
 * `wrt`. Only some of {@code x_k +- h d_k} are representable, so the difference really is taken along the
 * <em>effective</em> direction {@code w_k = (fl(x_k + h d_k) - fl(x_k - h d_k)) / 2h} ({@link #span} over
 * {@link #width});
 * callers contract the claim with w, not d, so both sides see the same direction. Each output component
 * gets the round-off bound {@code SAFETY * eps * (|f+| + |f-|) / 2h}, the same model as
 * {@link CentralDifference}.
 */
public final class DirectionalDifference {
  private final Perturbation p;
  private final double h;
  private final double eps;
  private final double[] plus;
  private long evaluations;

  /**
   * @param step      the half-width h of the step along d (d already carries the per-component scale)
   * @param precision what f is computed in (its eps scales the round-off bound)
   */
  public DirectionalDifference(Perturbation p, double step, Precision precision) {
    this.p = p;
    this.h = step;
    this.eps = precision.eps;
    this.plus = new double[p.outputSize()];
  }

  /**
   * The step actually taken at base value x for direction component d, {@code fl(x + h d) - fl(x - h d)}:
   * the effective direction's component is this over {@link #width()}. (A contraction with the spans,
   * divided by the width once, saves a division per component.)
   */
  public double span(double x, double d) {
    double hd = h * d;
    return (x + hd) - (x - hd);
  }

  /** 2h, the width the central difference divides by. */
  public double width() { return 2 * h; }

  /**
   * Writes the derivative along d into {@code numeric} and its round-off bound into {@code fdError};
   * {@code dir[j]} is the direction's component {@code lo + j}. Call it with `wrt` at its base values
   * ({@link Perturbation#wrtBase()}, which the steps start from); it leaves `wrt` there again but the
   * downstream buffers stale: call {@link Perturbation#restore()} when done. Returns false when some
   * f(x +- h d) is not finite (then numeric is meaningless).
   */
  public boolean derivative(double[] dir, int lo, int hi, double[] numeric, double[] fdError) {
    double[] x = p.wrt();
    double[] base = p.wrtBase();
    int len = hi - lo;
    for (int j = 0; j < len; j++) x[lo + j] = base[lo + j] + h * dir[j];
    p.recomputeRange(lo, hi);
    double[] out = p.output();
    int m = plus.length;
    System.arraycopy(out, 0, plus, 0, m);
    for (int j = 0; j < len; j++) x[lo + j] = base[lo + j] - h * dir[j];
    p.recomputeRange(lo, hi);
    out = p.output();
    System.arraycopy(base, lo, x, lo, len);
    evaluations += 2;
    boolean finite = true;
    double width = 2 * h;
    for (int i = 0; i < m; i++) {
      double fp = plus[i], fm = out[i];
      if (!Double.isFinite(fp) || !Double.isFinite(fm)) finite = false;
      numeric[i] = (fp - fm) / width;
      fdError[i] = CentralDifference.roundOff(fp, fm, width, eps);
    }
    return finite;
  }

  /** How many evaluations of f this object has made. */
  public long evaluations() { return evaluations; }
}
