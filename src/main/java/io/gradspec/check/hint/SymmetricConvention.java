package io.gradspec.check.hint;

import io.gradspec.result.Hint;
import io.gradspec.spec.Layout;

/**
 * The two conventions for a derivative with respect to a symmetric matrix, mixed up: with A[i, j] and
 * A[j, i] moved together (`perturb: symmetric`) the numeric derivative is G + G' - diag(G), so a claim of G
 * has off-diagonal entries half the numeric ones; with the components moved one at a time it is G, so a
 * claim of 2G - diag(G) has them twice. Diagonal entries agree either way.
 */
final class SymmetricConvention {
  private SymmetricConvention() {}

  /** {@code symmetric}: `wrt` is declared `perturb: symmetric`. Null unless the claim fits the pattern. */
  static Hint detect(ClaimArrays a, boolean symmetric) {
    int[] sizes = a.sizes();
    if (a.info().wrtSpace().size() != 2 || sizes.length < 2) return null;
    boolean denominator = a.info().decl().layout() == Layout.DENOMINATOR;
    int first = denominator ? 0 : sizes.length - 2;
    int n = sizes[first];
    if (sizes[first + 1] != n) return null;
    // flat = ((outer * n + i) * n + j) * inner: j's stride is the product of the sizes after it
    long inner = 1;
    for (int d = first + 2; d < sizes.length; d++) inner *= sizes[d];
    double[] claimed = a.claimed(), numeric = a.numeric(), candidate = new double[claimed.length];
    double factor = symmetric ? 2 : 0.5;
    boolean offDiagonalMatters = false;
    for (int f = 0; f < claimed.length; f++) {
      long r = f / inner;
      int j = (int) (r % n), i = (int) (r / n % n);
      candidate[f] = i == j ? claimed[f] : factor * claimed[f];
      if (i != j && !a.agrees(claimed[f], numeric[f], a.fdError()[f])) offDiagonalMatters = true;
    }
    if (!offDiagonalMatters) return null;
    double worst = a.maxError(candidate, numeric);
    if (worst < 0) return null;
    return Hint.symmetricConvention(a.info().wrt(), symmetric, a.size(), worst);
  }
}
