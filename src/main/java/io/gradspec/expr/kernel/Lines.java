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
   * How a value (row-major) splits into lines along {@code along}: how many,
   * how long, the offset between line starts ({@code step}) and between a line's entries ({@code stride}).
   */
  private record Layout(int lines, int count, int step, int stride, boolean rows, int cols) {
    static Layout of(Node a, Along along) {
      int r = along == Along.ALL ? 1 : a.m.numRows, c = along == Along.ALL ? a.size() : a.m.numCols;
      boolean rows = along != Along.COLS;
      return new Layout(rows ? r : c, rows ? c : r, rows ? c : 1, rows ? 1 : c, rows, c);
    }

    /** The line that entry {@code i} lies on. */
    int lineOf(int i) { return rows ? i / cols : i % cols; }
  }

  /** One value per line: a scalar ({@link Along#ALL}), a column (ROWS) or a row (COLS). */
  public static Node.Op reduce(Buffers at, Shape s, Node a, Along along, Reduce f) {
    Node.Op n = at.op(s, a);
    double[] in = a.m.data, out = n.m.data;
    Layout g = Layout.of(a, along);
    int lines = g.lines, count = g.count, step = g.step, stride = g.stride;
    n.kernel(() -> { for (int l = 0; l < lines; l++) out[l] = f.of(in, l * step, stride, count); });
    if (lines > 1) {
      n.dirtyKernel(() -> {
        if (a.dirtyAll) { n.fallback(); return; }
        for (int t = 0; t < a.dirtyCount; t++) {
          int i = a.dirtyIdx[t], l = g.lineOf(i);
          if (n.mark(l)) out[l] = f.of(in, l * step, stride, count);
        }
      });
    }
    return n;
  }

  /** A value of the argument's shape, each line scanned. */
  public static Node.Op scan(Buffers at, Shape s, Node a, Along along, Scan f) {
    Node.Op n = at.op(s, a);
    double[] in = a.m.data, out = n.m.data;
    Layout g = Layout.of(a, along);
    int lines = g.lines, count = g.count, step = g.step, stride = g.stride;
    n.kernel(() -> { for (int l = 0; l < lines; l++) f.of(in, out, l * step, stride, count); });
    n.dirtyKernel(() -> {
      if (a.dirtyAll || lines == 1) { n.fallback(); return; }
      for (int t = 0; t < a.dirtyCount; t++) {
        int i = a.dirtyIdx[t], l = g.lineOf(i);
        if (!n.mark(l * step)) continue;
        f.of(in, out, l * step, stride, count);
        for (int k = 1; k < count; k++) n.mark(l * step + k * stride);
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
