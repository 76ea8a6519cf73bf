package io.gradspec.check.hint;

import io.gradspec.result.Hint;

/** The numeric derivative is zero in every component (within atol): `of` does not change with `wrt`. */
final class ZeroDerivative {
  private ZeroDerivative() {}

  static Hint detect(ClaimArrays a) {
    double atol = a.tol().atol();
    for (double v : a.numeric()) if (Math.abs(v) > atol) return null;
    return Hint.zeroDerivative(atol);
  }
}
