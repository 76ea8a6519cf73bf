package io.gradspec.numeric;

/**
 * The floating-point precision a function is computed in, and what follows for checking it: the unit
 * round-off {@code eps} of the round-off bound, and the default step and tolerances (README, "The
 * tolerance model" and "float32 programs"). The step balances truncation (h^2) against round-off
 * (eps / h): {@code h = cbrt(eps)}. A single-precision program sees its inputs and perturbed points
 * rounded to float32, so the step gradspec divides by is the one the program took. A program that is not
 * deterministic gets a larger {@code eps}, its measured noise ({@link #noisy}).
 */
public final class Precision {
  public static final Precision DOUBLE = new Precision(Math.ulp(1.0), 1e-5, 1e-8, false);
  /** float32: eps 1.2e-7, step 4.9e-3; round-off and the backward's own float32 error need rtol 1e-3. */
  public static final Precision SINGLE = new Precision(Math.ulp(1.0f), 1e-3, 1e-5, true);

  public final double eps;
  public final double defaultStep;
  public final double defaultRtol;
  public final double defaultAtol;
  private final boolean single;

  private Precision(double eps, double rtol, double atol, boolean single) {
    this.eps = eps;
    this.defaultStep = StrictMath.cbrt(eps);
    this.defaultRtol = rtol;
    this.defaultAtol = atol;
    this.single = single;
  }

  /**
   * This precision with the round-off of a noisy program: {@code eps} at least {@code noise} (a relative
   * noise level measured by {@code check.ProgramNoise}); the tolerances stay, the dtype stays.
   */
  public Precision noisy(double noise) {
    return noise <= eps ? this : new Precision(noise, defaultRtol, defaultAtol, single);
  }

  /** x as the program holds it: itself in double precision, the nearest float in single. */
  public double round(double x) {
    return single ? (double) (float) x : x;
  }

  /** The protocol's word for it. */
  public String dtype() { return single ? "float32" : "float64"; }
}
