package io.gradspec.numeric;

import io.gradspec.expr.kernel.Perturbation;

/**
 * Re-estimates chosen entries of one numeric Jacobian column with a sequence of steps
 * {@code h, h/2, ..., h/2^(STEPS-1)} and Ridders' extrapolation tableau (C. J. F. Ridders, Adv. Eng.
 * Software 4, 1982; the {@code dfridr} of Numerical Recipes, with step ratio 2): each tableau entry
 * cancels one more even power of h, and the error estimate is the distance to its neighbours, so an
 * estimate whose error is small really is independent of the step. The tableau stops (per entry) when
 * going on makes the estimate worse, which is where round-off takes over.
 *
 * <p>From the three largest steps it also takes the one-sided differences {@code (f(x + h) - f(x)) / h} and
 * {@code (f(x) - f(x - h)) / h}: for a smooth f their gap is about {@code h f''} and halves with the step;
 * at a kink it stays (relu at 0: 1 and 0 at every step). And it measures how large the intermediates are
 * that the perturbation flows through ({@link Perturbation#touchedScale}), for the round-off of f itself.
 */
public final class StepRefinement {
  /** Steps in the sequence: h down to h/128, 2 evaluations of f each. */
  public static final int STEPS = 8;
  /** Ridders' stop rule: the diagonal moved more than this many times the best error. */
  private static final double SAFE = 2.0;
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
   * base point ({@code base}). Makes up to 2 {@link #STEPS} evaluations of f and leaves x_k at its base
   * value (without recomputing, as {@link CentralDifference} does).
   */
  public static Estimate[] refine(Perturbation p, int k, int[] rows, int count, double[] base, double step,
                                  Precision precision) {
    double eps = precision.eps;
    double x = p.get(k);
    double h0 = step * Math.max(1.0, Math.abs(x));
    double[] prev = new double[count * STEPS], cur = new double[count * STEPS];
    double[] err = new double[count], ans = new double[count], roAt = new double[count];
    boolean[] done = new boolean[count];
    int[] computed = new int[count];
    double[][] d = new double[count][STEPS];
    double[][] fwd = new double[count][3], bwd = new double[count][3], sideRo = new double[count][3];
    double[] steps = new double[STEPS];
    java.util.Arrays.fill(err, Double.POSITIVE_INFINITY);
    for (double[] row : d) java.util.Arrays.fill(row, Double.NaN);
    double[] plus = new double[count];
    double scale = 0;
    int taken = 0;
    for (int j = 0; j < STEPS; j++) {
      boolean any = false;
      for (boolean b : done) any |= !b;
      if (!any && j >= 3) break; // the kink test needs three steps
      double hj = h0 / (1 << j);
      double xp = precision.round(x + hj), xm = precision.round(x - hj);
      double width = xp - xm;
      if (!(width > 0)) break;
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
        if (j < 3) {
          fwd[t][j] = (fp - f0) / (xp - x);
          bwd[t][j] = (f0 - fm) / (x - xm);
          sideRo[t][j] = CentralDifference.SAFETY * eps * (Math.abs(fp) + Math.abs(f0) + Math.abs(fm))
              / Math.min(xp - x, x - xm);
        }
        if (done[t]) continue;
        double dj = (fp - fm) / width;
        if (!Double.isFinite(dj)) { done[t] = true; continue; }
        d[t][j] = dj;
        computed[t] = j + 1;
        double ro = CentralDifference.roundOff(fp, fm, width, eps);
        int at = t * STEPS;
        cur[at] = dj;
        if (j == 0) { ans[t] = dj; roAt[t] = ro; }
        double fac = 4;
        for (int q = 1; q <= j; q++) {
          // (a fac - a') / (fac - 1), written so that it cannot overflow where a and a' do not
          cur[at + q] = cur[at + q - 1] + (cur[at + q - 1] - prev[at + q - 1]) / (fac - 1);
          fac *= 4;
          double e = Math.max(Math.abs(cur[at + q] - cur[at + q - 1]), Math.abs(cur[at + q] - prev[at + q - 1]));
          if (e <= err[t]) { err[t] = e; ans[t] = cur[at + q]; roAt[t] = ro; }
        }
        if (j > 0 && Math.abs(cur[at + j] - prev[at + j - 1]) >= SAFE * err[t]) done[t] = true;
        System.arraycopy(cur, at, prev, at, j + 1);
      }
    }
    p.reset(k, x);
    Estimate[] result = new Estimate[count];
    double[] shown = java.util.Arrays.copyOf(steps, taken);
    for (int t = 0; t < count; t++) {
      boolean kink = false;
      double left = Double.NaN, right = Double.NaN, side = Double.NaN;
      if (taken >= 3) {
        left = bwd[t][2];
        right = fwd[t][2];
        side = sideRo[t][2];
        double g0 = Math.abs(fwd[t][0] - bwd[t][0]), g2 = Math.abs(right - left);
        kink = Double.isFinite(g0) && Double.isFinite(g2) && g2 > 4 * side && g2 >= KINK_RATIO * g0
            && g2 <= g0 / KINK_RATIO;
      }
      result[t] = new Estimate(ans[t], err[t] + roAt[t], java.util.Arrays.copyOf(shown, computed[t]),
          java.util.Arrays.copyOf(d[t], computed[t]), left, right, side, kink, scale);
    }
    return result;
  }
}
