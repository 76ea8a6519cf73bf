package io.gradspec.expr.kernel;

import io.gradspec.expr.shape.Shape;
import java.util.Arrays;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Kernels that move entries without arithmetic: transpose, diag, diagonal, the constants (a number,
 * eye, ones, zeros), a copy, a gather by a table, and the choice of {@code if}.
 */
public final class Structure {
  private Structure() {}

  /** The transpose of a matrix; of a rank-3 value, of each matrix along its first axis (torch's {@code A.mT}). */
  public static Node.Op transpose(Buffers at, Shape s, Node a) {
    if (s.rank() == 3) return batchedTranspose(at, s, a);
    Node.Op n = at.op(s, a);
    double[] in = a.m.data, out = n.m.data;
    if (a.m.numRows == 1 || a.m.numCols == 1) {
      copying(n, a); // a vector's transpose has the same entries in the same order
    } else {
      n.kernel(() -> CommonOps_DDRM.transpose(a.m, n.m));
      int rows = a.m.numRows, cols = a.m.numCols;
      n.dirtyKernel(() -> {
        if (a.dirtyAll) { n.fallback(); return; }
        for (int t = 0; t < a.dirtyCount; t++) {
          int i = a.dirtyIdx[t], r = i / cols, c = i % cols, o = c * rows + r;
          out[o] = in[i];
          n.mark(o);
        }
      });
    }
    return n;
  }

  private static Node.Op batchedTranspose(Buffers at, Shape s, Node a) {
    Node.Op n = at.op(s, a);
    double[] in = a.m.data, out = n.m.data;
    // the output is [P, C, R]: each input entry (p, r, c) goes to (p, c, r)
    int C = at.size(s.axes().get(1)), R = at.size(s.axes().get(2)), len = a.size();
    n.kernel(() -> { for (int i = 0; i < len; i++) out[transposedIndex(i, R, C)] = in[i]; });
    n.dirtyKernel(() -> {
      if (a.dirtyAll) { n.fallback(); return; }
      for (int t = 0; t < a.dirtyCount; t++) {
        int i = a.dirtyIdx[t], o = transposedIndex(i, R, C);
        out[o] = in[i];
        n.mark(o);
      }
    });
    return n;
  }

  private static int transposedIndex(int i, int rows, int cols) {
    int p = i / (rows * cols), r = (i / cols) % rows, c = i % cols;
    return (p * cols + c) * rows + r;
  }

  /** The square matrix with vector {@code v} on its diagonal. */
  public static Node.Op diag(Buffers at, Shape s, Node v) {
    Node.Op n = at.op(s, v);
    double[] in = v.m.data, out = n.m.data;
    int len = v.size();
    n.kernel(() -> { Arrays.fill(out, 0.0); for (int i = 0; i < len; i++) out[i * len + i] = in[i]; });
    n.dirtyKernel(() -> {
      if (v.dirtyAll) { n.fallback(); return; }
      for (int t = 0; t < v.dirtyCount; t++) { int i = v.dirtyIdx[t]; out[i * len + i] = in[i]; n.mark(i * len + i); }
    });
    return n;
  }

  /** The diagonal of a square matrix, as a column. */
  public static Node.Op diagonal(Buffers at, Shape s, Node a) {
    Node.Op n = at.op(s, a);
    double[] in = a.m.data, out = n.m.data;
    int len = a.m.numRows, cols = a.m.numCols;
    n.kernel(() -> { for (int i = 0; i < len; i++) out[i] = in[i * cols + i]; });
    n.dirtyKernel(() -> {
      if (a.dirtyAll) { n.fallback(); return; }
      for (int t = 0; t < a.dirtyCount; t++) {
        int i = a.dirtyIdx[t];
        if (i / cols == i % cols) { out[i / cols] = in[i]; n.mark(i / cols); }
      }
    });
    return n;
  }

  /** A number. */
  public static Node.Op constant(Buffers at, double v) {
    Node.Op n = at.scalar();
    n.m.data[0] = v;
    n.kernel(() -> { });
    return n;
  }

  /** The identity matrix (ones on the diagonal of a possibly non-square shape). */
  public static Node.Op eye(Buffers at, Shape s) {
    Node.Op n = fixed(at, s);
    double[] out = n.m.data;
    int rows = n.m.numRows, cols = n.m.numCols;
    for (int i = 0; i < Math.min(rows, cols); i++) out[i * cols + i] = 1;
    return n;
  }

  public static Node.Op ones(Buffers at, Shape s) {
    Node.Op n = fixed(at, s);
    Arrays.fill(n.m.data, 1.0);
    return n;
  }

  public static Node.Op zeros(Buffers at, Shape s) { return fixed(at, s); }

  /** A node whose entries are set once, here (a new buffer is zeroed). */
  private static Node.Op fixed(Buffers at, Shape s) {
    Node.Op n = at.op(s);
    n.kernel(() -> { });
    return n;
  }

  /** Lazy only in what it copies: both branches are computed, but a NaN in the other one never reaches it. */
  public static Node.Op choose(Buffers at, Shape s, Node c, Node a, Node b) {
    Node.Op n = at.op(s, c, a, b);
    double[] out = n.m.data;
    int len = n.size();
    n.kernel(() -> {
      Node src = c.m.data[0] != 0 ? a : b;
      if (src.size() == 1) Arrays.fill(out, src.m.data[0]);
      else System.arraycopy(src.m.data, 0, out, 0, len);
    });
    n.dirtyKernel(() -> {
      Node src = c.m.data[0] != 0 ? a : b;
      if (c.isDirty() || src.dirtyAll || (src.size() == 1 && len > 1)) { n.fallback(); return; }
      for (int t = 0; t < src.dirtyCount; t++) { int i = src.dirtyIdx[t]; out[i] = src.m.data[i]; n.mark(i); }
    });
    return n;
  }

  /**
   * Entry f of the result is entry {@code from[f]} of {@code a}: a claim written in vec layout rearranged
   * into the order it is compared in (expr.sema.DerivativeSpace). A claim is computed once per point, so a
   * change recomputes it all.
   */
  public static Node.Op gather(Buffers at, Shape s, Node a, int[] from) {
    Node.Op n = at.op(s, a);
    double[] in = a.m.data, out = n.m.data;
    n.kernel(() -> { for (int f = 0; f < from.length; f++) out[f] = in[from[f]]; });
    return n;
  }

  /** A node of its own holding {@code a}'s value: a snapshot, or a definition that aliases another value. */
  public static Node.Op copy(Buffers at, Node a) {
    return copying(at.like(a, a), a);
  }

  /** Gives {@code n} the kernels that copy {@code a}'s buffer (of n's length): in a perturbation, its dirty entries. */
  private static Node.Op copying(Node.Op n, Node a) {
    double[] in = a.m.data, out = n.m.data;
    int len = n.size();
    n.kernel(() -> System.arraycopy(in, 0, out, 0, len));
    n.dirtyKernel(() -> {
      if (a.dirtyAll) { n.fallback(); return; }
      for (int t = 0; t < a.dirtyCount; t++) { int i = a.dirtyIdx[t]; out[i] = in[i]; n.mark(i); }
    });
    return n;
  }
}
