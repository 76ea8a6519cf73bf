package io.gradspec.math;

import java.util.SplittableRandom;

/**
 * Standard Gaussians by the ziggurat method (Marsaglia and Tsang 2000, in Doornik's 2005 form: 128 layers,
 * the layer index and the uniform taken from disjoint bits, so they are independent) on a
 * {@link SplittableRandom}. It is an exact rejection method: the layers cover the density, a point in the
 * part of a layer under the curve is returned as it is (about 98.8% of draws: one random long, one
 * multiplication, one comparison), one in a wedge is accepted against the density itself, and the base
 * layer's tail beyond R is sampled by Marsaglia's exact tail method. The random bits come from SplitMix64
 * (the generator of {@link SplittableRandom}) seeded by one draw of the given one. So the draws are N(0, 1) up to the
 * rounding of the tables, which is all {@link FastCheck}'s probability argument needs.
 *
 * <p>Deterministic on every JDK: the tables and the rare wedge and tail steps use StrictMath only, the rest
 * is plain double arithmetic. (Marsaglia's polar method needs a logarithm per pair of draws, which is
 * several times slower with StrictMath.log on JDK 17, and not reproducible with Math.log.)
 */
public final class Gaussian {
  private static final int LAYERS = 128;
  /** The start of the tail, and the area of every layer (the base layer includes the tail). */
  private static final double R = 3.442619855899;
  private static final double V = 9.91256303526217e-3;
  /** X[i] is the right edge of layer i (X[0] = V / f(R), the base layer's equal-area width; X[128] = 0). */
  private static final double[] X = new double[LAYERS + 1];
  /** X[i + 1] / X[i]: below it, a point of layer i lies under the curve for sure. */
  private static final double[] RATIO = new double[LAYERS];

  static {
    double f = StrictMath.exp(-0.5 * R * R);
    X[0] = V / f;
    X[1] = R;
    X[LAYERS] = 0;
    for (int i = 2; i < LAYERS; i++) {
      X[i] = StrictMath.sqrt(-2 * StrictMath.log(V / X[i - 1] + f));
      f = StrictMath.exp(-0.5 * X[i] * X[i]);
    }
    for (int i = 0; i < LAYERS; i++) RATIO[i] = X[i + 1] / X[i];
  }

  /**
   * {@link SplitMix64} state (the generator behind {@link SplittableRandom}, stepped here so that the common
   * path of a draw is one short inlined loop body even under the C1-only JIT the launcher uses).
   */
  private long state;

  /** Seeded by one draw of {@code rng}. */
  public Gaussian(SplittableRandom rng) { this.state = rng.nextLong(); }

  /** The next standard Gaussian. */
  double next() {
    while (true) {
      long bits = nextLong();
      int i = (int) bits & (LAYERS - 1);
      // bits 11..63 give the uniform in (-1, 1), bits 0..6 the layer: independent
      double u = 2 * SplitMix64.unit(bits) - 1;
      if (Math.abs(u) < RATIO[i]) return u * X[i];
      double z = rare(i, u);
      if (!Double.isNaN(z)) return z;
    }
  }

  /** Fills {@code out[from, to)} with standard Gaussians (the same values as that many {@link #next()}). */
  public void fill(double[] out, int from, int to) {
    double[] ratio = RATIO, xs = X;
    long st = state;
    for (int j = from; j < to; j++) {
      st += SplitMix64.GAMMA;
      long bits = SplitMix64.mix64(st);
      int i = (int) bits & (LAYERS - 1);
      double u = 2 * SplitMix64.unit(bits) - 1;
      if (Math.abs(u) < ratio[i]) {
        out[j] = u * xs[i];
      } else {
        state = st;
        double z = rare(i, u);
        out[j] = Double.isNaN(z) ? next() : z;
        st = state;
      }
    }
    state = st;
  }

  /** The wedge or the tail for layer i and uniform u: a Gaussian, or NaN when the point is rejected. */
  private double rare(int i, double u) {
    if (i == 0) return tail(u < 0);
    double x = u * X[i];
    double f0 = StrictMath.exp(-0.5 * (X[i] * X[i] - x * x));
    double f1 = StrictMath.exp(-0.5 * (X[i + 1] * X[i + 1] - x * x));
    return f1 + uniform() * (f0 - f1) < 1.0 ? x : Double.NaN;
  }

  private long nextLong() {
    state += SplitMix64.GAMMA;
    return SplitMix64.mix64(state);
  }

  /** Marsaglia's tail method: exact for the normal beyond R. */
  private double tail(boolean negative) {
    double x, y;
    do {
      x = StrictMath.log(uniform()) / R;
      y = StrictMath.log(uniform());
    } while (-2 * y < x * x);
    return negative ? x - R : R - x;
  }

  /** Uniform in (0, 1]: never 0, so its logarithm is finite. */
  private double uniform() { return 1 - SplitMix64.unit(nextLong()); }
}
