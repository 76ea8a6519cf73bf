package io.gradspec.numeric;

import io.gradspec.expr.Perturbation;

/**
 * One numeric Jacobian column by central differences: {@code (f(x + h e_k) - f(x - h e_k)) / (x_+ - x_-)},
 * with {@code h = step * max(1, |x_k|)} and the denominator taken from the perturbed values actually
 * representable, so the division uses the step that really happened. Also gives each component's
 * round-off bound {@code SAFETY * eps * (|f+| + |f-|) / (x_+ - x_-)}.
 */
public final class CentralDifference {
  /**
   * Safety factor on the round-off term. Evaluating f rounds every intermediate, not just the result;
   * 16 covers the accumulation in sums of up to ~10^4 terms of like magnitude without crying wolf, while
   * staying far below any real error relative to rtol = 1e-5.
   */
  public static final double SAFETY = 16.0;
  private static final double EPS = Math.ulp(1.0);

  private final Perturbation p;
  private final double step;
  private final double[] plus;
  private double[] coarse;
  private double[] coarseErr;
  /** Last column's actual step (x+ - x-) / 2. */
  private double h;

  public CentralDifference(Perturbation p, double step) {
    this.p = p;
    this.step = step;
    this.plus = new double[p.outputSize()];
  }

  /**
   * Computes column k into {@code numeric} and {@code fdError}, and the values of f at x+h and x-h into
   * {@code fPlus}/{@code fMinus} when they are non-null. Restores x_k without recomputing; call {@link Perturbation#restore()} when done.
   */
  public void column(int k, double[] numeric, double[] fdError, double[] fPlus, double[] fMinus) {
    column(k, numeric, fdError, fPlus, fMinus, 1.0);
  }

  private void column(int k, double[] numeric, double[] fdError, double[] fPlus, double[] fMinus, double scale) {
    double x = p.get(k);
    double hk = scale * step * Math.max(1.0, Math.abs(x));
    double xp = x + hk, xm = x - hk;
    double width = xp - xm;
    h = width / 2;
    p.set(k, xp);
    double[] out = p.output();
    int m = plus.length;
    System.arraycopy(out, 0, plus, 0, m);
    p.set(k, xm);
    out = p.output();
    for (int i = 0; i < m; i++) {
      double fp = plus[i], fm = out[i];
      numeric[i] = (fp - fm) / width;
      fdError[i] = SAFETY * EPS * (Math.abs(fp) + Math.abs(fm)) / width;
      if (fPlus != null) fPlus[i] = fp;
      if (fMinus != null) fMinus[i] = fm;
    }
    p.reset(k, x);
  }

  /**
   * Richardson extrapolation: central differences D(h) and D(h/2), combined as
   * {@code R = D(h/2) + (D(h/2) - D(h)) / 3}, which cancels the h^2 truncation term. The error estimate
   * is {@code |D(h/2) - D(h)| / 3} (the size of the correction, a bound on D(h/2)'s truncation error and
   * conservative for R) plus the round-off term at the smaller step. f(x +- h/2) go to fPlus/fMinus.
   */
  public void richardsonColumn(int k, double[] numeric, double[] fdError, double[] fPlus, double[] fMinus) {
    int m = plus.length;
    if (coarse == null) { coarse = new double[m]; coarseErr = new double[m]; }
    column(k, coarse, coarseErr, null, null, 1.0);
    column(k, numeric, fdError, fPlus, fMinus, 0.5);
    for (int i = 0; i < m; i++) {
      double fine = numeric[i];
      double corr = (fine - coarse[i]) / 3.0;
      numeric[i] = fine + corr;
      fdError[i] = fdError[i] + Math.abs(corr);
    }
  }

  /** The half-width of the last column's step as actually represented. */
  public double lastStep() { return h; }
}
