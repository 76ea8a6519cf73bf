package io.gradspec.check.hint;

import io.gradspec.expr.syntax.Entry;
import io.gradspec.math.IndexSpace;
import io.gradspec.result.Hint;
import io.gradspec.spec.Layout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The claim is the numeric derivative with its axes in another order: every permutation of the axes that
 * keeps the sizes is tried (ranks 2 to 4). The order that puts the other half's axes first is a layout
 * mix-up; the one that swaps a matrix `of`'s two axes is the derivative of `of'`.
 */
final class Permutations {
  private Permutations() {}

  static Hint detect(ClaimArrays a) {
    int[] sizes = a.sizes();
    int r = sizes.length;
    if (r < 2 || r > 4) return null;
    List<int[]> fits = new ArrayList<>();
    double firstError = -1;
    for (int[] p : perms(r)) {
      if (isIdentity(p)) continue;
      boolean ok = true;
      for (int ax = 0; ax < r; ax++) if (sizes[p[ax]] != sizes[ax]) ok = false;
      if (!ok) continue;
      double w = a.maxError(permuted(a.numeric(), sizes, p));
      if (w < 0) continue;
      if (fits.isEmpty()) firstError = w;
      fits.add(p);
    }
    if (fits.isEmpty()) return null;
    int ofRank = a.info().ofSpace().size(), wrtRank = a.info().wrtSpace().size();
    boolean numerator = a.info().decl().layout() != Layout.DENOMINATOR;
    // the other layout puts the other half's axes first
    int first = numerator ? wrtRank : ofRank;
    int second = numerator ? ofRank : wrtRank;
    int[] swap = new int[r];
    for (int ax = 0; ax < first; ax++) swap[ax] = second + ax;
    for (int b = 0; b < second; b++) swap[first + b] = b;
    Layout otherLayout = numerator ? Layout.DENOMINATOR : Layout.NUMERATOR;
    Entry claim = a.info().entry();
    List<Hint.Order> orders = new ArrayList<>();
    List<Hint.Fix> fixes = new ArrayList<>();
    for (int[] p : fits) {
      boolean layout = Arrays.equals(p, swap) && ofRank > 0 && wrtRank > 0;
      orders.add(new Hint.Order(Arrays.stream(p).boxed().toList(), layout, isTransposeOfOf(p, ofRank)));
      if (layout) fixes.add(new Hint.Fix(null, otherLayout, false));
      Entry rewritten = ClaimRewrites.permuted(claim, p);
      if (rewritten == null && r == 2) rewritten = ClaimRewrites.transposed(claim);
      if (rewritten != null) fixes.add(new Hint.Fix(rewritten, null, false));
    }
    return Hint.permuted(orders, a.size(), fits.size() == 1 ? firstError : Double.NaN, fixes);
  }

  /** A permutation that swaps the two `of` axes and keeps the rest: the derivative of of'. */
  private static boolean isTransposeOfOf(int[] p, int ofRank) {
    if (ofRank != 2 || p.length < 2 || p[0] != 1 || p[1] != 0) return false;
    for (int ax = 2; ax < p.length; ax++) if (p[ax] != ax) return false;
    return true;
  }

  /** moved[idx] = num[idx'] with idx'[p[a]] = idx[a]. */
  static double[] permuted(double[] num, int[] sizes, int[] p) {
    int r = sizes.length;
    int[] strides = new int[r];
    int s = 1;
    for (int ax = r - 1; ax >= 0; ax--) { strides[ax] = s; s *= sizes[ax]; }
    double[] out = new double[num.length];
    IndexSpace space = new IndexSpace(sizes);
    int[] idx = new int[r];
    for (int f = 0; f < num.length; f++) {
      int src = 0;
      for (int ax = 0; ax < r; ax++) src += idx[ax] * strides[p[ax]];
      out[f] = num[src];
      space.next(idx);
    }
    return out;
  }

  private static List<int[]> perms(int r) {
    List<int[]> out = new ArrayList<>();
    permute(new int[r], new boolean[r], 0, out);
    return out;
  }

  private static void permute(int[] cur, boolean[] used, int pos, List<int[]> out) {
    if (pos == cur.length) { out.add(cur.clone()); return; }
    for (int v = 0; v < cur.length; v++) {
      if (used[v]) continue;
      used[v] = true;
      cur[pos] = v;
      permute(cur, used, pos + 1, out);
      used[v] = false;
    }
  }

  private static boolean isIdentity(int[] p) {
    for (int i = 0; i < p.length; i++) if (p[i] != i) return false;
    return true;
  }
}
