package io.gradspec.math;

import java.util.SplittableRandom;

/**
 * Standard Gaussians by the Box-Muller transform, {@code sqrt(-2 ln u1) cos(2 pi u2)}, with
 * {@link FdLibm}'s log and cos: the same numbers on every JDK. The input sampler's Gaussian, one per two
 * uniforms, so that any entry of an input can be drawn without those before it; {@link Gaussian} is the
 * faster sampler for fast mode's directions.
 */
public final class BoxMuller {
  private BoxMuller() {}

  /** The Gaussian of two uniforms in [0, 1). */
  public static double of(double u1, double u2) {
    if (u1 < 1e-300) u1 = 1e-300;
    // FdLibm: StrictMath's own log and cos, without a JNI call each
    return Math.sqrt(-2 * FdLibm.log(u1)) * FdLibm.cos(2 * Math.PI * u2);
  }

  /** The Gaussian of the next two uniforms of {@code rng}. */
  public static double next(SplittableRandom rng) {
    double u1 = rng.nextDouble();
    return of(u1, rng.nextDouble());
  }
}
