package io.gradspec.check.hint;

import io.gradspec.math.IndexSpace;
import io.gradspec.result.Hint;
import java.util.Arrays;

/**
 * The claim is right except on one recognisable set: the diagonal of a square derivative (a missing or
 * extra delta), or one index on one axis (a row, a column, a slice).
 */
final class Support {
  private Support() {}

  static Hint detect(ClaimArrays a) {
    int[] sizes = a.sizes();
    int r = sizes.length;
    int n = a.size();
    double[] c = a.claimed(), num = a.numeric(), fd = a.fdError();
    boolean[] bad = new boolean[n];
    int nBad = 0;
    for (int i = 0; i < n; i++) {
      if (!a.agrees(c[i], num[i], fd[i])) { bad[i] = true; nBad++; }
    }
    if (nBad == 0 || nBad == n) return null;
    IndexSpace space = new IndexSpace(sizes);
    int[] idx = new int[r];
    boolean diagonalOnly = r == 2 && sizes[0] == sizes[1];
    int[] fixed = new int[r];
    boolean[] same = new boolean[r];
    Arrays.fill(same, true);
    Arrays.fill(fixed, -1);
    for (int f = 0; f < n; f++) {
      if (bad[f]) {
        if (diagonalOnly && idx[0] != idx[1]) diagonalOnly = false;
        for (int ax = 0; ax < r; ax++) {
          if (fixed[ax] < 0) fixed[ax] = idx[ax];
          else if (fixed[ax] != idx[ax]) same[ax] = false;
        }
      }
      space.next(idx);
    }
    if (diagonalOnly && nBad > 1) return Hint.diagonal(nBad, n);
    for (int ax = 0; ax < r; ax++) {
      if (same[ax] && (nBad > 1 || r == 1)) return Hint.slice(ax, fixed[ax] + a.base(), nBad, n);
    }
    return null;
  }
}
