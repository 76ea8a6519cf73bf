package io.gradspec.check.hint;

import io.gradspec.result.Hint;

/**
 * The claim misses the symmetric part of a square input M: the claim plus the same claim with M replaced
 * by M' (a probe the checker evaluates) matches the numeric derivative, as when a rule that holds only
 * for a symmetric M was used.
 */
final class SymmetricPart {
  private SymmetricPart() {}

  /** {@code probe}: the claim's values with {@code m} transposed. */
  static Hint detect(ClaimArrays a, String m, double[] probe) {
    double[] claimed = a.claimed();
    double[] sum = new double[claimed.length];
    for (int i = 0; i < claimed.length; i++) sum[i] = claimed[i] + probe[i];
    double worst = a.maxError(sum, a.numeric());
    if (worst >= 0) {
      return Hint.symmetricPart(m, a.size(), worst, 1,
          new Hint.Fix(ClaimRewrites.symmetrized(a.info().entry(), m), null, false));
    }
    // the same slip written with the factor 2 of a symmetric M's rule: 2 X A for d trace(X A X') / d X,
    // whose half-sum with A transposed, X (A + A'), is the derivative
    for (int i = 0; i < sum.length; i++) sum[i] /= 2;
    worst = a.maxError(sum, a.numeric());
    if (worst < 0) return null;
    return Hint.symmetricPart(m, a.size(), worst, 0.5,
        new Hint.Fix(ClaimRewrites.scaled(ClaimRewrites.symmetrized(a.info().entry(), m), 0.5), null, false));
  }
}
