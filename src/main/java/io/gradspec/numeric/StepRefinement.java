package io.gradspec.numeric;

import io.gradspec.expr.kernel.Perturbation;

/**
 * Re-estimates chosen entries of one numeric Jacobian column with a sequence of steps
 * {@code h, h/2, ..., h/2^(STEPS-1)} and Ridders' extrapolation tableau (C. J. F. Ridders, Adv. Eng.
 * Software 4, 1982; the {@code dfridr} of Numerical Recipes, with step ratio 2): each tableau entry
 * cancels one more even power of h, and the error estimate is the distance to its neighbours, so an
 * estimate whose error is small really is independent of the step. Every step is evaluated and the
 * tableau is started at each of them, its best entry kept: where round-off takes over at small steps,
 * or a pole or kink spoils the large ones, the differences between entries grow and those entries lose.
 *
 * <p>From the three largest steps it also takes the one-sided differences {@code (f(x + h) - f(x)) / h} and
 * {@code (f(x) - f(x - h)) / h}: for a smooth f their gap is about {@code h f''} and halves with the step;
 * at a kink it stays (relu at 0: 1 and 0 at every step). And it measures how large the intermediates are
 * that the perturbation flows through ({@link Perturbation#touchedScale}), for the round-off of f itself.
 */
public final class StepRefinement {
  /** Steps in the sequence: h down to h/128, 2 evaluations of f each (16 in all). */
  public static final int STEPS = 8;
  /**
   * A gap that keeps between this fraction and its inverse over two halvings is a kink (a smooth gap keeps
   * 1/4 of itself; a jump's grows fourfold, as its differences grow like 1/h).
   */
  private static final double KINK_RATIO = 0.6;

  /**
   * One entry re-estimated.
   *
   * @param value     the best extrapolated estimate
   * @param error     its error bound: the tableau's estimate plus the round-off of the step it came from
   * @param steps     the steps h actually taken (half of x+ - x-), largest first
   * @param estimates the central difference at each of {@code steps} (NaN where f was not finite)
   * @param left      the backward difference at the third step, (f(x) - f(x - h)) / h
   * @param right     the forward difference at the third step
   * @param sideError the round-off bound of either one-sided difference there
   * @param kink      the one-sided differences keep a gap as the step shrinks: f is not differentiable here
   * @param scale     the largest intermediate the perturbation flows through
   */
  public record Estimate(double value, double error, double[] steps, double[] estimates, double left, double right,
                         double sideError, boolean kink, double scale) {}

  private StepRefinement() {}

  /**
   * Re-estimates entries {@code rows[0..count)} of column k at relative step {@code step}, given `of` at the
   * base point ({@code base}). Makes 2 {@link #STEPS} evaluations of f and leaves x_k at its base
   * value (without recomputing, as {@link CentralDifference} does).
   */
  public static Estimate[] refine(Perturbation p, int k, int[] rows, int count, double[] base, double step,
                                  Precision precision) {
    double eps = precision.eps;
    double x = p.get(k);
    double h0 = step * Math.max(1.0, Math.abs(x));
    double[][] d = new double[count][STEPS], ro = new double[count][STEPS];
    double[][] fwd = new double[count][STEPS], bwd = new double[count][STEPS], sideRo = new double[count][STEPS];
    double[] steps = new double[STEPS];
    double[] plus = new double[count];
    double scale = 0;
    int taken = 0;
    for (int j = 0; j < STEPS; j++) {
      double hj = h0 / (1 << j);
      double xp = precision.round(x + hj), xm = precision.round(x - hj);
      double width = xp - xm;
      if (!(width > 0) || !(xp > x) || !(x > xm)) break;
      p.set(k, xp);
      scale = Math.max(scale, p.touchedScale());
      double[] out = p.output();
      for (int t = 0; t < count; t++) plus[t] = out[rows[t]];
      p.set(k, xm);
      scale = Math.max(scale, p.touchedScale());
      out = p.output();
      steps[j] = width / 2;
      taken = j + 1;
      for (int t = 0; t < count; t++) {
        double fp = plus[t], fm = out[rows[t]], f0 = base[rows[t]];
        d[t][j] = (fp - fm) / width;
        ro[t][j] = CentralDifference.roundOff(fp, fm, width, eps);
        fwd[t][j] = (fp - f0) / (xp - x);
        bwd[t][j] = (f0 - fm) / (x - xm);
        sideRo[t][j] = CentralDifference.SAFETY * eps * (Math.abs(fp) + Math.abs(f0) + Math.abs(fm))
            / Math.min(xp - x, x - xm);
      }
    }
    p.reset(k, x);
    Estimate[] result = new Estimate[count];
    double[] shown = java.util.Arrays.copyOf(steps, taken);
    for (int t = 0; t < count; t++) {
      int finite = 0;
      while (finite < taken && Double.isFinite(d[t][finite])) finite++;
      double[] best = tableau(d[t], ro[t], settled(d[t], ro[t], finite), finite);
      // the kink test on the three smallest steps: the most local view of f, where a smooth gap is smallest
      boolean kink = false;
      double left = Double.NaN, right = Double.NaN, side = Double.NaN;
      if (finite >= 3) {
        int a = finite - 3, c = finite - 1;
        left = bwd[t][c];
        right = fwd[t][c];
        side = sideRo[t][c];
        double g0 = Math.abs(fwd[t][a] - bwd[t][a]), g2 = Math.abs(right - left);
        kink = Double.isFinite(g0) && Double.isFinite(g2) && g2 > 4 * side && g2 >= KINK_RATIO * g0
            && g2 <= g0 / KINK_RATIO;
      }
      result[t] = new Estimate(best[0], best[1], java.util.Arrays.copyOf(shown, finite),
          java.util.Arrays.copyOf(d[t], finite), left, right, side, kink, scale);
    }
    return result;
  }

  /**
   * The first step from which the estimates {@code d[0..n)} settle: past the last place where the change
   * from one step to the next grew (beyond twice the previous change and the round-off), which a smooth f
   * never does (its changes shrink fourfold per halving). A jump the large steps straddle does: floor at
   * 1.7e5, where h = 1 spans a jump and h/4 does not, gives 1, 1, 0, 0, ...; their tableau entries agree
   * with each other to round-off and would otherwise be taken for a settled derivative of 1.
   */
  static int settled(double[] d, double[] ro, int n) {
    int from = 0;
    for (int j = 1; j + 1 < n; j++) {
      double before = Math.abs(d[j] - d[j - 1]), after = Math.abs(d[j + 1] - d[j]);
      if (after > 2 * before + 4 * (ro[j] + ro[j + 1])) from = j + 1;
    }
    return Math.min(from, Math.max(0, n - 2)); // at least two estimates for the tableau
  }

  /**
   * The best entry of Ridders' tableau over the estimates {@code d[from..n)} (step ratio 2), started at every
   * step in turn, so that large steps spoilt by a pole or a kink just past them do not spoil the smaller
   * ones: {value, error}, the error being the tableau's estimate plus the round-off of the smallest step
   * the entry uses. With one estimate, that estimate and an infinite error.
   */
  private static double[] tableau(double[] d, double[] ro, int from, int n) {
    double value = n > from ? d[from] : Double.NaN, error = Double.POSITIVE_INFINITY;
    double[] prev = new double[n], cur = new double[n];
    for (int start = from; start + 1 < n; start++) {
      prev[0] = d[start];
      for (int i = start + 1; i < n; i++) {
        int len = i - start;
        cur[0] = d[i];
        double fac = 4;
        for (int q = 1; q <= len; q++) {
          // (a fac - a') / (fac - 1), written so that it cannot overflow where a and a' do not
          cur[q] = cur[q - 1] + (cur[q - 1] - prev[q - 1]) / (fac - 1);
          fac *= 4;
          double e = Math.max(Math.abs(cur[q] - cur[q - 1]), Math.abs(cur[q] - prev[q - 1])) + ro[i];
          if (e < error) { error = e; value = cur[q]; }
        }
        System.arraycopy(cur, 0, prev, 0, len + 1);
      }
    }
    return new double[] {value, error};
  }
}
