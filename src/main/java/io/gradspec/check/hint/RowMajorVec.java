package io.gradspec.check.hint;

import io.gradspec.math.IndexSpace;
import io.gradspec.result.Hint;
import java.util.Arrays;

/**
 * A vec claim built with vec taken row-major (the rows stacked, as NumPy's {@code reshape} and
 * {@code flatten} do) where `layout: vec` stacks columns: {@code kron(A, B')} for d vec(A X B) / d vec(X),
 * whose column-major answer is {@code kron(B', A)}. Tried for both `of` and `wrt`, then for each alone.
 * The arrays are in numerator order (how a vec claim is compared), so the claim's own row of component
 * (i, k) is the column-major index of i.
 */
final class RowMajorVec {
  private RowMajorVec() {}

  /** Which of `of` and `wrt` are taken row-major, in the order tried ({@link Hint#rowMajorVec}'s {@code which}). */
  private static final int[][] TRIED = {{1, 1}, {1, 0}, {0, 1}};

  static Hint detect(ClaimArrays a) {
    int[] sizes = a.sizes();
    int ofRank = a.info().ofSpace().size();
    IndexSpace of = new IndexSpace(Arrays.copyOfRange(sizes, 0, ofRank));
    IndexSpace wrt = new IndexSpace(Arrays.copyOfRange(sizes, ofRank, sizes.length));
    int m = (int) of.size(), n = (int) wrt.size();
    int[] row = new int[m], col = new int[n];
    boolean ofMoves = false, wrtMoves = false;
    for (int i = 0; i < m; i++) { row[i] = (int) of.columnMajor(i); ofMoves |= row[i] != i; }
    for (int k = 0; k < n; k++) { col[k] = (int) wrt.columnMajor(k); wrtMoves |= col[k] != k; }
    for (int t = 0; t < TRIED.length; t++) {
      boolean rowOf = TRIED[t][0] == 1, rowWrt = TRIED[t][1] == 1;
      // a half whose two orders agree (a vector) says nothing: leave it to the variant without it
      if (rowOf && !ofMoves || rowWrt && !wrtMoves) continue;
      // the claim's entry at its own (row(i), col(k)) holds, under the hypothesis, the derivative's entry
      // whose row-major indices are those numbers
      double[] candidate = new double[m * n];
      for (int i = 0; i < m; i++) {
        for (int k = 0; k < n; k++) {
          candidate[i * n + k] = a.numeric()[(rowOf ? row[i] : i) * n + (rowWrt ? col[k] : k)];
        }
      }
      double worst = a.maxError(candidate);
      if (worst >= 0) return Hint.rowMajorVec(t, a.size(), worst);
    }
    return null;
  }
}
