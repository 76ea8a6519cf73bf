package io.gradspec.result;

/**
 * The whole error pattern of a failed claim, for pictures (the HTML heatmap): for every component of the
 * derivative's index space, in row-major order, {@code |claimed - numeric|} and the tolerance that
 * component was held to. Floats, because a picture needs no more and the grid can hold up to
 * {@code check.ClaimCheck.HINT_LIMIT} components. A component whose values were not finite has a NaN error.
 *
 * @param sizes     numeric sizes of the index space (0-based, row-major)
 * @param absError  |claimed - numeric| per component
 * @param tolerance the allowed error per component (contract §3)
 */
public record ErrorGrid(int[] sizes, float[] absError, float[] tolerance) {
  public ErrorGrid {
    long n = 1;
    for (int s : sizes) n *= s;
    if (absError.length != n || tolerance.length != n) {
      throw new IllegalArgumentException("grid of " + n + " components, but " + absError.length + " errors and "
          + tolerance.length + " tolerances");
    }
  }

  /** The grid of full claimed/numeric arrays (row-major over {@code sizes}), held to {@code tol}. */
  public static ErrorGrid of(int[] sizes, double[] claimed, double[] numeric, double[] fdError, Tolerance tol) {
    float[] err = new float[claimed.length];
    float[] allowed = new float[claimed.length];
    for (int i = 0; i < claimed.length; i++) {
      err[i] = (float) Math.abs(claimed[i] - numeric[i]);
      allowed[i] = (float) tol.allowed(claimed[i], numeric[i], fdError[i]);
    }
    return new ErrorGrid(sizes.clone(), err, allowed);
  }

  /** Number of components. */
  public int size() { return absError.length; }
}
