package io.gradspec.numeric;

import io.gradspec.expr.kernel.Perturbation;

/**
 * The Taylor remainder test along one direction d (as in dolfin-adjoint's {@code taylor_test}): for the
 * steps {@code t = 2^-3, 2^-4, ..., 2^-24}, the remainder {@code r(t) = ||f(x + t d) - f(x) - t g||_2} of
 * a claimed directional derivative g. When g is the derivative along d, {@code r(t) = O(t^2)}; when it is
 * off by e, {@code r(t) ~ t ||e||} once t is small enough. So the order read off the smallest steps says
 * whether g is the derivative without trusting any one step, and the numeric directional derivative's
 * remainder, of order 2, is the contrast.
 *
 * <p>Round-off floor of a remainder:
 * {@code eps * (||f(x + t d)|| + ||f(x)|| + t ||a|| + ||b|| + sqrt(m) M) + t ||e||}, where a bounds the rounding
 * of the contraction {@code g} ({@code sum_k |C_ik d_k|}), b that of the perturbed inputs themselves
 * ({@code sum_k |C_ik x_k|}: {@code x + t d} is rounded to the precision f is computed in, which moves f by
 * up to C times half an ulp of x), M the largest intermediate value on the way from x to f (the round-off
 * of {@code (x + 1e16) - 1e16} is eps 1e16, whatever f's size), and e is g's own error bound (0 for a claim; for a central difference
 * its round-off, which alone would make a linear f's remainder shrink like t). A remainder counts towards
 * the order only when it is {@link #ABOVE_FLOOR} times its floor, which is the margin (an estimate, not a
 * worst case as the central difference's SAFETY factor makes its bound: a float32 f has only 7 decades
 * between its round-off and its size, and a bound 16 times larger would leave too few steps to read).
 */
public final class TaylorRemainders {
  /** The first and last exponents of the steps {@code t = 2^-k}. */
  public static final int FIRST = 3;
  public static final int LAST = 24;
  /** A remainder is read for the order only when it is this many times its round-off floor. */
  public static final double ABOVE_FLOOR = 100;
  /** The order is the slope over at most this many of the smallest steps whose remainders are read. */
  public static final int FIT = 4;
  /**
   * Fewer steps than this above the floor give no order: two points can both lie where f is not yet in its
   * Taylor regime (a saturated tanh at t = 1/8), and their slope is then anything between 1 and 2.
   */
  public static final int MIN_FIT = 3;

  private TaylorRemainders() {}

  /**
   * The steps, and for each directional derivative {@code g[q]} its remainders (NaN where f(x + t d) is not
   * finite) and round-off floors.
   */
  public record Series(double[] steps, double[][] remainders, double[][] floors) {}

  /**
   * Evaluates f at {@code x + t d} for every step. {@code g[q]}, {@code error[q]}, {@code abs[q]}: each
   * directional derivative, its error bound e and its contraction bound a; {@code inputs}: the bound b. Call it with `wrt` at its base point; it
   * leaves it there, with `of` recomputed there. {@code poll} runs before each evaluation (the deadline).
   */
  public static Series along(Perturbation p, double[] d, double[][] g, double[][] error, double[][] abs, double[] inputs,
                             Precision precision, Runnable poll) {
    p.restore();
    double[] f0 = p.output().clone();
    double f0Norm = norm(f0);
    double inputNorm = norm(inputs);
    double rootM = Math.sqrt(f0.length);
    int count = LAST - FIRST + 1;
    double[] steps = new double[count];
    double[][] rem = new double[g.length][count];
    double[][] floors = new double[g.length][count];
    double[] x = p.wrt();
    double[] base = p.wrtBase();
    int n = x.length;
    for (int s = 0; s < count; s++) {
      poll.run();
      double t = StrictMath.scalb(1.0, -(FIRST + s));
      steps[s] = t;
      for (int k = 0; k < n; k++) x[k] = precision.round(base[k] + t * d[k]);
      p.recompute();
      double[] ft = p.output();
      double ftNorm = norm(ft);
      double touched = p.touchedScale();
      for (int q = 0; q < g.length; q++) {
        double r2 = 0;
        boolean finite = Double.isFinite(ftNorm);
        for (int i = 0; i < ft.length && finite; i++) {
          double e = ft[i] - f0[i] - t * g[q][i];
          r2 += e * e;
        }
        rem[q][s] = finite ? Math.sqrt(r2) : Double.NaN;
        floors[q][s] = precision.eps * (ftNorm + f0Norm + t * norm(abs[q]) + inputNorm + rootM * touched)
            + t * norm(error[q]);
      }
      System.arraycopy(base, 0, x, 0, n);
    }
    p.restore();
    return new Series(steps, rem, floors);
  }

  /**
   * The order of a remainder series: the least-squares slope of log r against log t over the {@link #FIT}
   * smallest steps whose remainder is finite and {@link #ABOVE_FLOOR} times its floor; NaN when fewer than
   * {@link #MIN_FIT} are (the remainder is round-off at every step: f is linear along d and g exact, or f too noisy).
   */
  public static double order(double[] steps, double[] remainders, double[] floors) {
    double[] lx = new double[FIT], ly = new double[FIT];
    int used = 0;
    for (int s = steps.length - 1; s >= 0 && used < FIT; s--) {
      double r = remainders[s];
      if (!Double.isFinite(r) || !(r > ABOVE_FLOOR * floors[s])) continue;
      lx[used] = StrictMath.log(steps[s]);
      ly[used] = StrictMath.log(r);
      used++;
    }
    if (used < MIN_FIT) return Double.NaN;
    double mx = 0, my = 0;
    for (int i = 0; i < used; i++) { mx += lx[i]; my += ly[i]; }
    mx /= used;
    my /= used;
    double sxy = 0, sxx = 0;
    for (int i = 0; i < used; i++) {
      sxy += (lx[i] - mx) * (ly[i] - my);
      sxx += (lx[i] - mx) * (lx[i] - mx);
    }
    return sxy / sxx;
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double e : v) s += e * e;
    return Math.sqrt(s);
  }
}
