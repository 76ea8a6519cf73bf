package io.gradspec.math;

import java.util.Arrays;

/**
 * A numeric index space in row-major order: the sizes of its axes, and the one rule for turning a flat
 * index into a tuple and back (the last axis varies fastest). {@link #next} steps a tuple like an
 * odometer, for loops that visit every tuple in flat order without dividing. {@link #columnMajor} is the
 * other order, the one {@code vec} stacks (the first axis varies fastest).
 */
public final class IndexSpace {
  private final int[] sizes;
  private final long size;

  public IndexSpace(int... sizes) {
    this.sizes = sizes.clone();
    long n = 1;
    for (int s : sizes) n *= s;
    this.size = n;
  }

  /** The number of tuples (1 for the empty space of a scalar). */
  public long size() { return size; }

  public int rank() { return sizes.length; }

  /** The size of axis {@code a}. */
  public int size(int a) { return sizes[a]; }

  public int[] sizes() { return sizes.clone(); }

  /** Writes the tuple of {@code flat} (0-based) into {@code out} (length {@link #rank()}). */
  public void unflatten(long flat, int[] out) {
    unflatten(flat, sizes, out);
  }

  /** The tuple of {@code flat}, shifted by {@code base} (the spec's index base, for printing). */
  public int[] tuple(long flat, int base) {
    int[] t = new int[sizes.length];
    unflatten(flat, t);
    for (int i = 0; i < t.length; i++) t[i] += base;
    return t;
  }

  /** The flat index of a 0-based tuple. */
  public long flatten(int[] tuple) {
    long f = 0;
    for (int a = 0; a < sizes.length; a++) f = f * sizes[a] + tuple[a];
    return f;
  }

  /** Steps {@code tuple} to the next one in row-major order; false (and all zeros) after the last. */
  public boolean next(int[] tuple) {
    for (int a = sizes.length - 1; a >= 0; a--) {
      if (++tuple[a] < sizes[a]) return true;
      tuple[a] = 0;
    }
    return false;
  }

  /** Row-major unflattening over the given sizes: the rule this class stands for, without an instance. */
  public static void unflatten(long flat, int[] sizes, int[] out) {
    for (int d = sizes.length - 1; d >= 0; d--) {
      out[d] = (int) (flat % sizes[d]);
      flat /= sizes[d];
    }
  }

  /** {@link #unflatten(long, int[], int[])} for an int index (int division is the cheaper one, in hot loops). */
  public static void unflatten(int flat, int[] sizes, int[] out) {
    for (int d = sizes.length - 1; d >= 0; d--) {
      out[d] = flat % sizes[d];
      flat /= sizes[d];
    }
  }

  /** Row-major flattening of a 0-based tuple over the given sizes. */
  public static long flatten(int[] tuple, int[] sizes) {
    long f = 0;
    for (int a = 0; a < sizes.length; a++) f = f * sizes[a] + tuple[a];
    return f;
  }

  /**
   * The column-major flat index of the tuple whose row-major flat index is {@code flat}: the position of that
   * entry in vec (a matrix's columns stacked, Magnus and Neudecker), the first axis fastest at any rank.
   */
  public long columnMajor(long flat) {
    // peel the row-major tuple off from the last axis, as unflatten does, and weigh each entry by the sizes
    // of the axes before it
    long[] stride = new long[sizes.length];
    long s = 1;
    for (int d = 0; d < sizes.length; d++) { stride[d] = s; s *= sizes[d]; }
    long out = 0;
    for (int d = sizes.length - 1; d >= 0; d--) {
      out += (flat % sizes[d]) * stride[d];
      flat /= sizes[d];
    }
    return out;
  }

  @Override public boolean equals(Object o) { return o instanceof IndexSpace s && Arrays.equals(sizes, s.sizes); }

  @Override public int hashCode() { return Arrays.hashCode(sizes); }

  @Override public String toString() { return Arrays.toString(sizes); }
}
