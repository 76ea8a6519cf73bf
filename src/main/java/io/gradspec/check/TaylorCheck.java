package io.gradspec.check;

import io.gradspec.expr.eval.ClaimPlan;
import io.gradspec.expr.kernel.Perturbation;
import io.gradspec.math.Gaussian;
import io.gradspec.math.IndexSpace;
import io.gradspec.numeric.CentralDifference;
import io.gradspec.numeric.DirectionalDifference;
import io.gradspec.numeric.TaylorRemainders;
import io.gradspec.result.TaylorTest;
import java.util.SplittableRandom;

/**
 * The Taylor test of one claim at one point (README, "The Taylor test"): a random direction
 * {@code d_k = s_k v_k}, v standard normal and {@code s_k = |x_k|} (the mean |x| where x_k is 0, 1 where
 * all are), so that every component moves in proportion to its size and {@code x + t d} stays in the domain
 * of a log or a square root up to {@code t |v_k| < 1}; the claim contracted with d by streaming over its
 * elements; the numeric directional derivative along d by one central difference at the check's step;
 * then {@link TaylorRemainders}. Under `perturb: symmetric` d is symmetric and the claim is contracted over
 * the upper triangle only (a claim under that convention holds {@code G_ij + G_ji} at both [i, j] and
 * [j, i]). About 24 evaluations of f. When the numeric derivative's own remainder does not shrink like t^2
 * along that d (sin at 1e6, where |x| is far longer than f's curvature scale), the test is run again with
 * {@code s_k = min(1, |x_k|)} and that one is kept if it does.
 */
final class TaylorCheck {
  /** Claims of more elements are not contracted (one pass over an index formula of 2^22 elements is ~0.1 s). */
  static final long LIMIT = 1L << 22;

  private TaylorCheck() {}

  /** The test, or null when the claim has more than {@link #LIMIT} elements. Leaves the point as it was. */
  static TaylorTest run(ClaimCheck check, long seed) {
    if (check.plan().components > LIMIT) return null;
    TaylorTest relative = run(check, seed, false);
    if (smooth(relative)) return relative;
    // a direction in proportion to |x| can be too long for f's curvature (sin at 1e6): try one no longer
    // than 1 per component, and keep it if the numeric derivative is in its Taylor regime there
    TaylorTest bounded = run(check, seed, true);
    return smooth(bounded) ? bounded : relative;
  }

  /** The numeric derivative's remainder shrinks like t^2, or is round-off: f is smooth along d at these steps. */
  private static boolean smooth(TaylorTest t) {
    return t.numericReading() == TaylorTest.Reading.DERIVATIVE || t.numericReading() == TaylorTest.Reading.ROUND_OFF;
  }

  private static TaylorTest run(ClaimCheck check, long seed, boolean bounded) {
    Perturbation pert = check.pert();
    pert.restore();
    int n = pert.size(), m = pert.outputSize();
    double[] x = pert.wrtBase();
    double[] d = direction(x, seed, pert.symmetric() ? (int) Math.round(Math.sqrt(n)) : 0, bounded);
    double[] cd = new double[m], cdAbs = new double[m], cx = new double[m];
    contract(check, d, cd, cdAbs, cx);
    DirectionalDifference dd = new DirectionalDifference(pert, check.step(), check.precision());
    double[] nd = new double[m], fdError = new double[m];
    boolean finite = dd.derivative(d, 0, n, nd, fdError);
    pert.restore();
    if (!finite) java.util.Arrays.fill(nd, Double.NaN);
    // the central difference's error: its round-off, and the effective direction's offset from d (x +- h d
    // rounded moves each input by up to half an ulp: about SAFETY eps |C| |x| / h, with the claim for J)
    double[] ndError = new double[m], ndAbs = new double[m];
    double eps = check.precision().eps;
    for (int i = 0; i < m; i++) {
      ndError[i] = fdError[i] + CentralDifference.SAFETY * eps * cx[i] / check.step();
      ndAbs[i] = Math.abs(nd[i]);
    }
    TaylorRemainders.Series s = TaylorRemainders.along(pert, d, new double[][] {cd, nd},
        new double[][] {new double[m], ndError}, new double[][] {cdAbs, ndAbs}, cx, check.precision(),
        () -> check.deadline().check());
    return new TaylorTest(s.steps(), s.remainders()[0], s.remainders()[1], s.floors()[0], s.floors()[1],
        TaylorRemainders.order(s.steps(), s.remainders()[0], s.floors()[0]),
        TaylorRemainders.order(s.steps(), s.remainders()[1], s.floors()[1]));
  }

  /**
   * The direction: {@code s_k v_k}, with s_k at most 1 when {@code bounded}; for a symmetric `wrt` of
   * {@code rows} rows, mirrored below the diagonal.
   */
  static double[] direction(double[] x, long seed, int rows, boolean bounded) {
    int n = x.length;
    double mean = 0;
    for (double v : x) mean += Math.abs(v);
    mean = n == 0 || mean == 0 ? 1 : mean / n;
    double[] d = new double[n];
    new Gaussian(new SplittableRandom(seed)).fill(d, 0, n);
    for (int k = 0; k < n; k++) {
      double scale = x[k] != 0 ? Math.abs(x[k]) : mean;
      d[k] *= bounded ? Math.min(1, scale) : scale;
    }
    if (rows > 0) {
      for (int i = 0; i < rows; i++) for (int j = 0; j < i; j++) d[i * rows + j] = d[j * rows + i];
    }
    return d;
  }

  /**
   * {@code cd = C d}, {@code cdAbs = |C| |d|} and {@code cx = |C| |x|}, streaming over the claim's elements
   * (an index formula is evaluated element by element, a matrix claim read from its value).
   */
  private static void contract(ClaimCheck check, double[] d, double[] cd, double[] cdAbs, double[] cx) {
    ClaimPlan plan = check.plan();
    IndexSpace whole = check.space().whole();
    double[] x = check.pert().wrtBase();
    int rows = check.pert().symmetric() ? (int) Math.round(Math.sqrt(x.length)) : 0;
    double[] data = plan.isFormula() ? null : plan.value().data();
    int[] t = new int[whole.rank()];
    long size = whole.size();
    for (long f = 0; f < size; f++) {
      double c = data != null ? data[(int) f] : plan.at(t);
      if (data == null) whole.next(t);
      int k = check.space().wrtComponent(f);
      if (rows > 0 && k / rows > k % rows) continue;
      int i = check.space().ofComponent(f);
      cd[i] += c * d[k];
      cdAbs[i] += Math.abs(c * d[k]);
      cx[i] += Math.abs(c * x[k]);
    }
  }
}
