package io.gradspec.expr.kernel;

import io.gradspec.expr.shape.Shape;
import io.gradspec.math.FdLibm;

/**
 * The softmax family, over a whole vector or row by row: softmax and logsumexp, both computed through
 * the maximum so that large entries do not overflow.
 */
public final class Softmax {
  private Softmax() {}

  /** exp(a_i - logsumexp(a)) over the whole value. */
  public static Node.Op softmax(Buffers at, Shape s, Node a) { return softmax(at, s, a, false); }

  /** Softmax of each row; a changed entry recomputes its row only. */
  public static Node.Op softmaxRows(Buffers at, Shape s, Node a) { return softmax(at, s, a, true); }

  private static Node.Op softmax(Buffers at, Shape s, Node a, boolean rows) {
    Node.Op n = at.op(s, a);
    double[] in = a.m.data, out = n.m.data;
    int R = rows ? a.m.numRows : 1, C = rows ? a.m.numCols : a.size();
    n.kernel(() -> {
      for (int r = 0; r < R; r++) {
        double lse = logsumexp(in, r * C, C, 1);
        for (int c = 0; c < C; c++) out[r * C + c] = StrictMath.exp(in[r * C + c] - lse);
      }
    });
    if (rows) {
      // each row's terms exp(x - max) at the base point, made from the input's base snapshot: a row whose
      // max did not move reuses the terms of its unchanged entries, which are the same doubles, so its
      // logsumexp is the same bits as recomputing it, for one exp per changed entry instead of one per entry
      double[] terms = new double[R * C], maxes = new double[R];
      int[] epoch = {-1};
      n.dirtyKernel(() -> {
        if (a.dirtyAll) { n.fallback(); return; }
        if (epoch[0] != a.baseEpoch) {
          epoch[0] = a.baseEpoch;
          for (int r = 0; r < R; r++) {
            maxes[r] = max(a.base, r * C, C, 1);
            for (int c = 0; c < C; c++) terms[r * C + c] = StrictMath.exp(a.base[r * C + c] - maxes[r]);
          }
        }
        for (int t = 0; t < a.dirtyCount; t++) {
          int r = a.dirtyIdx[t] / C;
          if (!n.mark(r * C)) continue;
          double max = max(in, r * C, C, 1), lse;
          if (Double.compare(max, maxes[r]) != 0 || Double.isInfinite(max) || Double.isNaN(max)) {
            lse = logsumexp(in, r * C, C, 1);
          } else {
            double sum = 0;
            for (int c = 0; c < C; c++) {
              int i = r * C + c;
              sum += a.isDirty(i) ? StrictMath.exp(in[i] - max) : terms[i];
            }
            lse = max + FdLibm.log(sum);
          }
          for (int c = 0; c < C; c++) { out[r * C + c] = StrictMath.exp(in[r * C + c] - lse); n.mark(r * C + c); }
        }
      });
    }
    return n;
  }

  /** The largest of {@code count} entries from {@code from}, {@code stride} apart (the one max of every logsumexp). */
  private static double max(double[] in, int from, int count, int stride) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < count; i++) max = Math.max(max, in[from + i * stride]);
    return max;
  }

  /** log sum_i exp(a_i) over the whole value. */
  public static Node.Op logsumexp(Buffers at, Node a) {
    Node.Op n = at.op(Shape.SCALAR, a);
    double[] in = a.m.data, out = n.m.data;
    int len = a.size();
    n.kernel(() -> out[0] = logsumexp(in, 0, len, 1));
    return n;
  }

  /** logsumexp of each row, as a column; a changed entry recomputes its row only. */
  public static Node.Op logsumexpRows(Buffers at, Shape s, Node a) {
    Node.Op n = at.op(s, a);
    double[] in = a.m.data, out = n.m.data;
    int R = a.m.numRows, C = a.m.numCols;
    n.kernel(() -> { for (int r = 0; r < R; r++) out[r] = logsumexp(in, r * C, C, 1); });
    n.dirtyKernel(() -> {
      if (a.dirtyAll) { n.fallback(); return; }
      for (int t = 0; t < a.dirtyCount; t++) {
        int r = a.dirtyIdx[t] / C;
        if (n.mark(r)) out[r] = logsumexp(in, r * C, C, 1);
      }
    });
    return n;
  }

  /** Softmax of one line, as a {@link Lines.Scan} (softmax_over an axis). */
  public static void line(double[] in, double[] out, int from, int stride, int count) {
    double lse = logsumexp(in, from, count, stride);
    for (int k = 0; k < count; k++) { int i = from + k * stride; out[i] = StrictMath.exp(in[i] - lse); }
  }

  /** logsumexp of one line, as a {@link Lines.Reduce} (logsumexp_over an axis). */
  public static double lineLogsumexp(double[] in, int from, int stride, int count) {
    return logsumexp(in, from, count, stride);
  }

  private static double logsumexp(double[] in, int from, int count, int stride) {
    double max = max(in, from, count, stride);
    if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) return max;
    if (max == Double.POSITIVE_INFINITY) return max;
    double s = 0;
    for (int i = 0; i < count; i++) s += StrictMath.exp(in[from + i * stride] - max);
    return max + FdLibm.log(s);
  }
}
