package io.gradspec.expr.eval;

import io.gradspec.expr.builtin.Bounds;
import io.gradspec.math.IndexSpace;
import java.util.function.DoubleSupplier;

/**
 * Where an index-formula claim can be nonzero, read off its `delta` factors: a body that is a product with
 * a factor {@code delta(a, b)}, where {@code a} indexes `of` and {@code b} indexes `wrt` (or is a number),
 * is zero unless {@code a == b}. So for one column (one `wrt` tuple) only the `of` tuples with every
 * pinned index at its value need the formula; a delta of two `wrt` indices (or one and a number) zeroes
 * whole columns. Only factors of the top-level product count: a sum pins nothing.
 *
 * <p>"Zero" must hold bit for bit as the dense evaluation would see it: {@code 0 * rest} is NaN when the
 * rest is infinite or NaN, and an element access out of range throws. So the support is used only at a
 * point where a bound on every other factor proves it finite everywhere ({@link #exact()}); the factors
 * it can bound are index variables, numbers, hoisted values, in-range accesses of finite values, sums,
 * products, differences, comparisons, deltas and ifs of such. Anything else: no support, dense path.
 */
public final class ClaimSupport {
  /** Pins of `of` axes: {@code ofAxis[p]} equals `wrt` axis {@code wrtAxis[p]}, or the number {@code value[p]} when that is -1. */
  private final int[] ofAxis;
  private final int[] wrtAxis;
  private final double[] value;
  /** Column conditions: `wrt` axis {@code colA[q]} equals `wrt` axis {@code colB[q]}, or the number {@code colValue[q]}. */
  private final int[] colA;
  private final int[] colB;
  private final double[] colValue;
  private final int base;
  private final DoubleSupplier bound;
  private boolean checked;
  private boolean exact;

  ClaimSupport(int[] ofAxis, int[] wrtAxis, double[] value, int[] colA, int[] colB, double[] colValue, int base,
               DoubleSupplier bound) {
    this.ofAxis = ofAxis;
    this.wrtAxis = wrtAxis;
    this.value = value;
    this.colA = colA;
    this.colB = colB;
    this.colValue = colValue;
    this.base = base;
    this.bound = bound;
  }

  /** Forgets the last point's verdict (the claim was prepared at a new point). */
  void reset() { checked = false; }

  /** Whether, at the current point, every entry outside the support is exactly a (signed) zero. */
  public boolean exact() {
    if (!checked) {
      double b = bound.getAsDouble();
      exact = b < Bounds.LIMIT;
      checked = true;
    }
    return exact;
  }

  /** The most rows {@link #rows} can give for one column: the product of the sizes of the unpinned `of` axes. */
  public long rowsPerColumn(int[] ofSizes) {
    long r = 1;
    boolean[] pinned = new boolean[ofSizes.length];
    for (int a : ofAxis) pinned[a] = true;
    for (int a = 0; a < ofSizes.length; a++) if (!pinned[a]) r *= ofSizes[a];
    return r;
  }

  /**
   * The `of` tuples (flat, 0-based, row-major over {@code ofSizes}) where column {@code wrtTuple} (0-based)
   * can be nonzero, ascending, into {@code out}; returns how many. {@code pinned} and {@code idx} are
   * scratch of length {@code ofSizes.length}.
   */
  public int rows(int[] wrtTuple, int[] ofSizes, int[] out, int[] pinned, int[] idx) {
    for (int q = 0; q < colA.length; q++) {
      double a = wrtTuple[colA[q]] + base;
      double b = colB[q] >= 0 ? wrtTuple[colB[q]] + base : colValue[q];
      if (a != b) return 0;
    }
    java.util.Arrays.fill(pinned, -1);
    for (int p = 0; p < ofAxis.length; p++) {
      int a = ofAxis[p];
      int v;
      if (wrtAxis[p] >= 0) {
        v = wrtTuple[wrtAxis[p]];
      } else {
        double v0 = value[p] - base;
        if (v0 != Math.rint(v0) || v0 < 0 || v0 >= ofSizes[a]) return 0;
        v = (int) v0;
      }
      if (v < 0 || v >= ofSizes[a] || (pinned[a] >= 0 && pinned[a] != v)) return 0;
      pinned[a] = v;
    }
    // row-major enumeration of the free axes, pinned ones held: ascending flat indices
    int rank = ofSizes.length;
    for (int a = 0; a < rank; a++) {
      idx[a] = pinned[a] >= 0 ? pinned[a] : 0;
      if (ofSizes[a] == 0) return 0;
    }
    int count = 0;
    while (true) {
      out[count++] = (int) IndexSpace.flatten(idx, ofSizes);
      int d = rank - 1;
      while (d >= 0) {
        if (pinned[d] < 0 && ++idx[d] < ofSizes[d]) break;
        if (pinned[d] < 0) idx[d] = 0;
        d--;
      }
      if (d < 0) return count;
    }
  }
}
