package io.gradspec.expr.kernel;

import io.gradspec.expr.shape.Shape;
import java.util.Arrays;

/**
 * Kernels that work along lines of a value: the whole value, each row, or each column. Reductions to one
 * number per line (max, min, prod and the arg- forms) and scans that keep the line's length (cumsum,
 * cumprod, sort). A changed entry recomputes only its own line; a reduction over the whole value is one
 * line, so it is recomputed (these are O(n), as the change itself).
 */
public final class Lines {
  private Lines() {}

  /** Which lines: the whole value (row-major), each row, or each column. */
  public enum Along { ALL, ROWS, COLS }

  /** One number from the {@code count} entries {@code in[from + k * stride]}. */
  @FunctionalInterface
  public interface Reduce {
    double of(double[] in, int from, int stride, int count);
  }

  /** Writes the scan of the line {@code in[from + k * stride]} into the same places of {@code out}. */
  @FunctionalInterface
  public interface Scan {
    void of(double[] in, double[] out, int from, int stride, int count);
  }

  /**
   * How a value (row-major) splits into lines: {@code lines} of {@code count} entries each, the entries of a
   * line {@code inner} apart. Line {@code l} starts at {@code (l / inner) * count * inner + l % inner}, so
   * the lines are numbered row-major over the value's other axes (a reduction's output order).
   */
  record Layout(int lines, int count, int inner) {
    static Layout of(Node a, Along along) {
      return along == Along.ALL ? new Layout(1, a.size(), 1)
          : along == Along.ROWS ? new Layout(a.m.numRows, a.m.numCols, 1)
          : new Layout(a.m.numCols, a.m.numRows, a.m.numCols);
    }

    /** The lines along one axis of a value: the axis has {@code count} entries, {@code inner} is the product of the later axes. */
    static Layout along(int size, int count, int inner) {
      return new Layout(size / count, count, inner);
    }

    /** Where line {@code l} starts. */
    int from(int l) { return (l / inner) * count * inner + l % inner; }

    /** The line that entry {@code i} lies on. */
    int lineOf(int i) { return (i / (count * inner)) * inner + i % inner; }
  }

  /** One value per line: a scalar ({@link Along#ALL}), a column (ROWS) or a row (COLS). */
  public static Node.Op reduce(Buffers at, Shape s, Node a, Along along, Reduce f) {
    return reduce(at, s, a, Layout.of(a, along), f);
  }

  /**
   * One value per line along axis {@code axis} of {@code a}, whose symbolic shape is {@code shape}: the
   * result is {@code a} without that axis ({@code sum_over} and the other reductions over a named axis).
   */
  public static Node.Op reduceAlong(Buffers at, Shape s, Node a, Shape shape, int axis, Reduce f) {
    return reduce(at, s, a, along(at, a, shape, axis), f);
  }

  /** A value of the argument's shape, each line along axis {@code axis} scanned (softmax_over). */
  public static Node.Op scanAlong(Buffers at, Shape s, Node a, Shape shape, int axis, Scan f) {
    return scan(at, s, a, along(at, a, shape, axis), f);
  }

  private static Layout along(Buffers at, Node a, Shape shape, int axis) {
    int inner = 1;
    for (int k = axis + 1; k < shape.rank(); k++) inner *= at.size(shape.axes().get(k));
    return Layout.along(a.size(), at.size(shape.axes().get(axis)), inner);
  }

  private static Node.Op reduce(Buffers at, Shape s, Node a, Layout g, Reduce f) {
    Node.Op n = at.op(s, a);
    double[] in = a.m.data, out = n.m.data;
    int lines = g.lines, count = g.count, stride = g.inner;
    n.kernel(() -> { for (int l = 0; l < lines; l++) out[l] = f.of(in, g.from(l), stride, count); });
    if (lines > 1) {
      n.dirtyKernel(() -> {
        if (a.dirtyAll) { n.fallback(); return; }
        for (int t = 0; t < a.dirtyCount; t++) {
          int i = a.dirtyIdx[t], l = g.lineOf(i);
          if (n.mark(l)) out[l] = f.of(in, g.from(l), stride, count);
        }
      });
    }
    return n;
  }

  /** A value of the argument's shape, each line scanned. */
  public static Node.Op scan(Buffers at, Shape s, Node a, Along along, Scan f) {
    return scan(at, s, a, Layout.of(a, along), f);
  }

  private static Node.Op scan(Buffers at, Shape s, Node a, Layout g, Scan f) {
    Node.Op n = at.op(s, a);
    double[] in = a.m.data, out = n.m.data;
    int lines = g.lines, count = g.count, stride = g.inner;
    n.kernel(() -> { for (int l = 0; l < lines; l++) f.of(in, out, g.from(l), stride, count); });
    n.dirtyKernel(() -> {
      if (a.dirtyAll || lines == 1) { n.fallback(); return; }
      for (int t = 0; t < a.dirtyCount; t++) {
        int i = a.dirtyIdx[t], l = g.lineOf(i), from = g.from(l);
        if (!n.mark(from)) continue;
        f.of(in, out, from, stride, count);
        for (int k = 1; k < count; k++) n.mark(from + k * stride);
      }
    });
    return n;
  }

  // ------------------------------------------------------------------ the line functions

  /** The largest entry; NaN when any is NaN (as NumPy's max). */
  public static double max(double[] in, int from, int stride, int count) {
    double m = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < count; k++) m = Math.max(m, in[from + k * stride]);
    return m;
  }

  /** The smallest entry; NaN when any is NaN. */
  public static double min(double[] in, int from, int stride, int count) {
    double m = Double.POSITIVE_INFINITY;
    for (int k = 0; k < count; k++) m = Math.min(m, in[from + k * stride]);
    return m;
  }

  public static double sum(double[] in, int from, int stride, int count) {
    double p = 0;
    for (int k = 0; k < count; k++) p += in[from + k * stride];
    return p;
  }

  public static double mean(double[] in, int from, int stride, int count) {
    return sum(in, from, stride, count) / count;
  }

  public static double prod(double[] in, int from, int stride, int count) {
    double p = 1;
    for (int k = 0; k < count; k++) p *= in[from + k * stride];
    return p;
  }

  /**
   * The position (from 0) of the largest entry ({@code sign} 1) or the smallest (-1), the first on ties and
   * the first NaN if there is one (as NumPy's argmax).
   */
  public static int argBest(double[] in, int from, int stride, int count, int sign) {
    int best = 0;
    double b = in[from];
    if (Double.isNaN(b)) return 0;
    for (int k = 1; k < count; k++) {
      double v = in[from + k * stride];
      if (Double.isNaN(v)) return k;
      if (sign > 0 ? v > b : v < b) { b = v; best = k; }
    }
    return best;
  }

  public static void cumsum(double[] in, double[] out, int from, int stride, int count) {
    double s = 0;
    for (int k = 0; k < count; k++) { int i = from + k * stride; s += in[i]; out[i] = s; }
  }

  public static void cumprod(double[] in, double[] out, int from, int stride, int count) {
    double p = 1;
    for (int k = 0; k < count; k++) { int i = from + k * stride; p *= in[i]; out[i] = p; }
  }

  /** Ascending, NaNs last (as NumPy's sort); of a vector, whose entries are contiguous (stride 1). */
  public static void sort(double[] in, double[] out, int from, int stride, int count) {
    System.arraycopy(in, from, out, from, count);
    Arrays.sort(out, from, from + count);
  }
}
