package io.gradspec.check.hint;

import io.gradspec.expr.sema.TypedSpec.ClaimInfo;
import io.gradspec.result.Tolerance;

/**
 * What a detector tests its hypothesis on: a failed claim's values at the failing point, row-major over
 * the derivative's index space of sizes {@code sizes} (0-based), with the tolerance it was held to and the
 * spec's index base (for the indices a hint names).
 */
record ClaimArrays(ClaimInfo info, int[] sizes, double[] claimed, double[] numeric, double[] fdError, Tolerance tol,
                   int base) {
  /** Number of components. */
  int size() { return claimed.length; }

  /**
   * Max |claimed - t| when every component of the claim agrees with {@code t} by the checker's own rule
   * ({@link Tolerance#judge}, a swamped component counting as agreeing), else -1.
   */
  double maxError(double[] c, double[] t) {
    double worst = 0;
    for (int i = 0; i < c.length; i++) {
      if (!agrees(c[i], t[i], fdError[i])) return -1;
      worst = Math.max(worst, Math.abs(c[i] - t[i]));
    }
    return worst;
  }

  /** {@link #maxError(double[], double[])} of the claim itself against {@code t}. */
  double maxError(double[] t) { return maxError(claimed, t); }

  /** The checker's rule for one component of an array a hint compares. */
  boolean agrees(double c, double t, double fd) {
    Tolerance.Verdict v = tol.judge(c, t, fd, 0, 0);
    return v == Tolerance.Verdict.AGREES || v == Tolerance.Verdict.SWAMPED;
  }
}
