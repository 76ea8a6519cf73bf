package io.gradspec.expr.kernel;

import io.gradspec.expr.shape.Shape;
import io.gradspec.expr.syntax.BinaryOp;
import io.gradspec.math.FdLibm;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.lu.LUDecompositionAlt_DDRM;

/**
 * Matrix kernels on EJML buffers. Each factory returns an {@link Node.Op} whose buffer is allocated once;
 * {@code compute()} only writes into it. Singular matrices and overflow give NaN/Inf (the checker
 * reports those components as inconclusive), never an exception.
 */
public final class Kernels {
  private Kernels() {}

  /** Index space for a symbolic shape: drops literal-1 axes even when a symbol's value is 1 is kept. */
  static int[] space(Shape s, java.util.Map<String, Integer> dims) {
    var axes = s.indexSpace();
    int[] out = new int[axes.size()];
    for (int i = 0; i < out.length; i++) out[i] = (int) axes.get(i).size(dims);
    return out;
  }

  public static Node.Op op(Shape s, java.util.Map<String, Integer> dims, Node... deps) {
    return new Node.Op(rows(s, dims), cols(s, dims), space(s, dims), deps);
  }

  /** An input's node, laid out as {@link #op} lays out a computed value of that shape. */
  public static Node.Source source(Shape s, java.util.Map<String, Integer> dims) {
    return new Node.Source(rows(s, dims), cols(s, dims), space(s, dims));
  }

  // rank <= 2: a rows x cols matrix; a higher rank: one flat row
  private static int rows(Shape s, java.util.Map<String, Integer> dims) {
    return s.rank() <= 2 ? (int) s.rows().size(dims) : 1;
  }

  private static int cols(Shape s, java.util.Map<String, Integer> dims) {
    return s.rank() <= 2 ? (int) s.cols().size(dims) : (int) s.count(dims);
  }

  public static Node.Op unary(Shape s, java.util.Map<String, Integer> dims, Node a, DoubleUnaryOperator f) {
    Node.Op n = op(s, dims, a);
    double[] in = a.m.data, out = n.m.data;
    int len = n.size();
    n.kernel(() -> { for (int i = 0; i < len; i++) out[i] = f.applyAsDouble(in[i]); });
    n.dirtyKernel(() -> {
      if (a.dirtyAll) { n.fallback(); return; }
      for (int t = 0; t < a.dirtyCount; t++) { int i = a.dirtyIdx[t]; out[i] = f.applyAsDouble(in[i]); n.mark(i); }
    });
    return n;
  }

  /** Elementwise with broadcasting of literal-1 axes and scalars. */
  public static Node.Op binary(Shape s, java.util.Map<String, Integer> dims, Node a, Node b, DoubleBinaryOperator f) {
    Node.Op n = op(s, dims, a, b);
    DMatrixRMaj A = a.m, B = b.m, O = n.m;
    double[] ad = A.data, bd = B.data, od = O.data;
    int rows = O.numRows, cols = O.numCols;
    // row and column strides of each operand: 0 along an axis it is broadcast on
    int ar = A.numRows == 1 ? 0 : A.numCols, ac = A.numCols == 1 ? 0 : 1;
    int br = B.numRows == 1 ? 0 : B.numCols, bc = B.numCols == 1 ? 0 : 1;
    if (A.numRows == rows && A.numCols == cols && B.numRows == rows && B.numCols == cols) {
      int len = rows * cols;
      n.kernel(() -> apply(f, ad, bd, od, len));
    } else if (A.getNumElements() == 1 && B.numRows == rows && B.numCols == cols) {
      int len = rows * cols;
      n.kernel(() -> applyScalarLeft(f, ad[0], bd, od, len));
    } else if (B.getNumElements() == 1 && A.numRows == rows && A.numCols == cols) {
      int len = rows * cols;
      n.kernel(() -> applyScalarRight(f, ad, bd[0], od, len));
    } else {
      n.kernel(() -> {
        int o = 0;
        for (int r = 0; r < rows; r++)
          for (int c = 0; c < cols; c++) od[o++] = f.applyAsDouble(ad[r * ar + c * ac], bd[r * br + c * bc]);
      });
    }
    // A dirty input entry reaches the output entries that read it: itself, or a whole row or column
    // when that input is broadcast along an axis.
    Cell cell = (r, c) -> od[r * cols + c] = f.applyAsDouble(ad[r * ar + c * ac], bd[r * br + c * bc]);
    n.dirtyKernel(() -> {
      if (a.dirtyAll || b.dirtyAll) { n.fallback(); return; }
      spread(n, a, A, rows, cols, cell);
      spread(n, b, B, rows, cols, cell);
    });
    return n;
  }

  // The common operators get loops of their own: one shared loop calling whichever operator it is given
  // cannot inline any of them. Same arithmetic, so the same results.

  private static void apply(DoubleBinaryOperator f, double[] ad, double[] bd, double[] od, int len) {
    if (f == ADD) for (int i = 0; i < len; i++) od[i] = ad[i] + bd[i];
    else if (f == SUB) for (int i = 0; i < len; i++) od[i] = ad[i] - bd[i];
    else if (f == MUL) for (int i = 0; i < len; i++) od[i] = ad[i] * bd[i];
    else if (f == DIV) for (int i = 0; i < len; i++) od[i] = ad[i] / bd[i];
    else for (int i = 0; i < len; i++) od[i] = f.applyAsDouble(ad[i], bd[i]);
  }

  private static void applyScalarLeft(DoubleBinaryOperator f, double x, double[] bd, double[] od, int len) {
    if (f == ADD) for (int i = 0; i < len; i++) od[i] = x + bd[i];
    else if (f == SUB) for (int i = 0; i < len; i++) od[i] = x - bd[i];
    else if (f == MUL) for (int i = 0; i < len; i++) od[i] = x * bd[i];
    else if (f == DIV) for (int i = 0; i < len; i++) od[i] = x / bd[i];
    else for (int i = 0; i < len; i++) od[i] = f.applyAsDouble(x, bd[i]);
  }

  private static void applyScalarRight(DoubleBinaryOperator f, double[] ad, double y, double[] od, int len) {
    if (f == ADD) for (int i = 0; i < len; i++) od[i] = ad[i] + y;
    else if (f == SUB) for (int i = 0; i < len; i++) od[i] = ad[i] - y;
    else if (f == MUL) for (int i = 0; i < len; i++) od[i] = ad[i] * y;
    else if (f == DIV) for (int i = 0; i < len; i++) od[i] = ad[i] / y;
    else for (int i = 0; i < len; i++) od[i] = f.applyAsDouble(ad[i], y);
  }

  /**
   * Elementwise {@code f} on two matrices of the output's shape, either of which is read transposed
   * ({@code aT}: {@code a} holds the transpose of the left operand). Gives what a transpose node followed by
   * {@link #binary} gives, entry for entry, with the same dirty entries in the same order.
   */
  public static Node.Op binaryTransposed(Shape s, java.util.Map<String, Integer> dims, Node a, boolean aT, Node b, boolean bT,
                                  DoubleBinaryOperator f) {
    Node.Op n = op(s, dims, a, b);
    double[] ad = a.m.data, bd = b.m.data, od = n.m.data;
    int rows = n.m.numRows, cols = n.m.numCols, size = rows * cols;
    // in square tiles, so that the transposed reads stay in cache (each entry is computed on its own: the
    // order does not change any value)
    int tile = 32;
    n.kernel(() -> {
      for (int r0 = 0; r0 < rows; r0 += tile) {
        int r1 = Math.min(rows, r0 + tile);
        for (int c0 = 0; c0 < cols; c0 += tile) {
          int c1 = Math.min(cols, c0 + tile);
          if (!aT && bT && f == ADD) {
            for (int r = r0; r < r1; r++) for (int c = c0; c < c1; c++) od[r * cols + c] = ad[r * cols + c] + bd[c * rows + r];
            continue;
          }
          for (int r = r0; r < r1; r++) {
            for (int c = c0; c < c1; c++) {
              int o = r * cols + c, t = c * rows + r;
              od[o] = f.applyAsDouble(ad[aT ? t : o], bd[bT ? t : o]);
            }
          }
        }
      }
    });
    n.dirtyKernel(() -> {
      // a transpose node would have turned a mostly dirty input into "all dirty", and the sum then in full
      if (a.dirtyAll || b.dirtyAll || (aT && a.dirtyCount > size / 2 && size > 8)
          || (bT && b.dirtyCount > size / 2 && size > 8)) {
        n.fallback();
        return;
      }
      for (int k = 0; k < 2; k++) {
        Node in = k == 0 ? a : b;
        boolean tr = k == 0 ? aT : bT;
        for (int t = 0; t < in.dirtyCount; t++) {
          int i = in.dirtyIdx[t];
          // entry i of the input is (i / w, i % w) of its own buffer, w its width
          int o = tr ? (i % rows) * cols + i / rows : i;
          if (n.mark(o)) {
            int r = o / cols, c = o % cols, tt = c * rows + r;
            od[o] = f.applyAsDouble(ad[aT ? tt : o], bd[bT ? tt : o]);
          }
        }
      }
    });
    return n;
  }

  interface Cell { void at(int r, int c); }

  /** Visits (and marks) every output cell that reads a dirty entry of {@code in}, once each. */
  private static void spread(Node.Op out, Node in, DMatrixRMaj shape, int rows, int cols, Cell cell) {
    int inCols = shape.numCols;
    boolean rowB = shape.numRows == 1 && rows > 1, colB = shape.numCols == 1 && cols > 1;
    for (int t = 0; t < in.dirtyCount; t++) {
      int i = in.dirtyIdx[t];
      int r0 = i / inCols, c0 = i % inCols;
      int rFrom = rowB ? 0 : r0, rTo = rowB ? rows : r0 + 1;
      int cFrom = colB ? 0 : c0, cTo = colB ? cols : c0 + 1;
      for (int r = rFrom; r < rTo; r++)
        for (int c = cFrom; c < cTo; c++)
          if (out.mark(r * cols + c)) cell.at(r, c);
    }
  }

  /** c = a * b, i.e. c_ij = sum_k a_ik b_kj (EJML); a scalar side scales. Neither argument is modified. */
  public static Node.Op mult(Shape s, java.util.Map<String, Integer> dims, Node a, Node b) {
    if (a.size() == 1 || b.size() == 1) return binary(s, dims, a, b, MUL);
    Node.Op n = op(s, dims, a, b);
    DMatrixRMaj out = n.m;
    n.kernel(() -> CommonOps_DDRM.mult(a.m, b.m, out));
    // Rank-1 updates: a change d in A[i, j] adds d * B[j, :] to row i of C = A B; a change d in B[j, l] adds
    // d * A[:, j] to column l. Each touched row (column) starts again from its base value, so updates never
    // accumulate across perturbations. When both sides changed, the touched rows are recomputed in full.
    int R = out.numRows, K = a.m.numCols, C = out.numCols;
    double[] ad = a.m.data, bd = b.m.data, od = out.data;
    int[] touched = new int[R + C + 1]; // per output row, then column: the stamp of the last pass that touched it
    n.dirtyKernel(() -> {
      if (a.dirtyAll || b.dirtyAll || (a.isDirty() && b.isDirty())) { n.fallback(); return; }
      double[] cb = n.base;
      // When the touched rows (columns) will hold more than half the entries, Op.computeDirty would turn
      // the marks into "all dirty" afterwards: do that first and skip marking entry by entry. Entries that
      // are not dirty already hold their base values, so "all dirty" needs no copy.
      int size = R * C;
      if (size > 8) {
        int stamp = ++touched[R + C];
        int lines = 0;
        Node d = a.isDirty() ? a : b;
        for (int t = 0; t < d.dirtyCount; t++) {
          int idx = d.dirtyIdx[t];
          int line = d == a ? idx / K : R + idx % C;
          if (touched[line] != stamp) { touched[line] = stamp; lines++; }
        }
        if (lines * (d == a ? C : R) > size / 2) n.markAll();
      }
      if (a.isDirty()) {
        double[] abase = a.base;
        int i = 0, j = -1, prev = -2;
        for (int t = 0; t < a.dirtyCount; t++) {
          int idx = a.dirtyIdx[t];
          // a range of `wrt` (fast mode's directions) is marked in order: step (i, j) instead of dividing
          if (idx == prev + 1 && j + 1 < K) j++;
          else { i = idx / K; j = idx - i * K; }
          prev = idx;
          int row = i * C;
          if (n.mark(row)) {
            od[row] = cb[row];
            for (int l = 1; l < C; l++) { n.mark(row + l); od[row + l] = cb[row + l]; }
          }
          double d = ad[idx] - abase[idx];
          int brow = j * C;
          for (int l = 0; l < C; l++) od[row + l] += d * bd[brow + l];
        }
      } else {
        double[] bbase = b.base;
        int j = 0, l = -1, prev = -2;
        for (int t = 0; t < b.dirtyCount; t++) {
          int idx = b.dirtyIdx[t];
          if (idx == prev + 1 && l + 1 < C) l++;
          else { j = idx / C; l = idx - j * C; }
          prev = idx;
          if (n.mark(l)) {
            od[l] = cb[l];
            for (int i = 1; i < R; i++) { n.mark(i * C + l); od[i * C + l] = cb[i * C + l]; }
          }
          double d = bd[idx] - bbase[idx];
          for (int i = 0; i < R; i++) od[i * C + l] += ad[i * K + j] * d;
        }
      }
    });
    return n;
  }

  public static Node.Op transpose(Shape s, java.util.Map<String, Integer> dims, Node a) {
    Node.Op n = op(s, dims, a);
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

  public static Node.Op reduce(java.util.Map<String, Integer> dims, Node a, String f) {
    Node.Op n = op(Shape.SCALAR, dims, a);
    double[] in = a.m.data, out = n.m.data;
    int len = a.size();
    switch (f) {
      case "sum", "mean" -> {
        double scale = f.equals("mean") ? 1.0 / len : 1.0;
        if (f.equals("sum")) n.kernel(() -> { double s = 0; for (int i = 0; i < len; i++) s += in[i]; out[0] = s; });
        else n.kernel(() -> { double s = 0; for (int i = 0; i < len; i++) s += in[i]; out[0] = s / len; });
        // the base total plus the change of each dirty term
        n.dirtyKernel(() -> {
          if (a.dirtyAll) { n.fallback(); return; }
          double d = 0;
          for (int t = 0; t < a.dirtyCount; t++) { int i = a.dirtyIdx[t]; d += in[i] - a.base[i]; }
          out[0] = n.base[0] + d * scale;
          n.mark(0);
        });
      }
      case "norm" -> n.kernel(() -> out[0] = normF(in, len));
      case "logsumexp" -> n.kernel(() -> out[0] = logsumexp(in, 0, len, 1));
      case "trace" -> {
        n.kernel(() -> out[0] = CommonOps_DDRM.trace(a.m));
        int cols = a.m.numCols;
        n.dirtyKernel(() -> {
          if (a.dirtyAll) { n.fallback(); return; }
          double d = 0;
          for (int t = 0; t < a.dirtyCount; t++) { int i = a.dirtyIdx[t]; if (i / cols == i % cols) d += in[i] - a.base[i]; }
          out[0] = n.base[0] + d;
          n.mark(0);
        });
      }
      case "det" -> {
        LUDecompositionAlt_DDRM lu = new LUDecompositionAlt_DDRM();
        DMatrixRMaj work = Arena.matrix(a.m.numRows, a.m.numCols);
        n.kernel(() -> { work.setTo(a.m); out[0] = lu.decompose(work) ? lu.computeDeterminant().real : Double.NaN; });
        n.dirtyKernel(rankOneDet(n, a, false));
      }
      case "logdet" -> {
        LUDecompositionAlt_DDRM lu = new LUDecompositionAlt_DDRM();
        DMatrixRMaj work = Arena.matrix(a.m.numRows, a.m.numCols);
        int dim = a.m.numRows;
        n.kernel(() -> {
          work.setTo(a.m);
          if (!lu.decompose(work)) { out[0] = Double.NaN; return; }
          double[] lud = lu.getLU().data;
          double s = 0;
          for (int i = 0; i < dim; i++) s += FdLibm.log(Math.abs(lud[i * dim + i]));
          out[0] = s; // log|det|; -Inf when singular
        });
        n.dirtyKernel(rankOneDet(n, a, true));
      }
      default -> throw new IllegalArgumentException(f);
    }
    return n;
  }

  /**
   * The matrix determinant lemma for one changed entry: det(A + d e_i e_j') = det(A) (1 + d inv(A)[j, i]),
   * so a perturbation of one element costs O(1) after one inverse of the base point (cached per base
   * snapshot) instead of a new O(n^3) factorisation. Anything else (several dirty entries, a singular
   * base) recomputes in full.
   */
  private static Runnable rankOneDet(Node.Op n, Node a, boolean log) {
    int dim = a.m.numRows;
    DMatrixRMaj inv = Arena.matrix(dim, dim);
    DMatrixRMaj baseA = Arena.matrix(dim, dim);
    int[] epoch = {-1};
    boolean[] ok = {false};
    return () -> {
      if (a.dirtyAll || a.dirtyCount != 1 || dim == 0) { n.fallback(); return; }
      if (epoch[0] != a.baseEpoch) {
        epoch[0] = a.baseEpoch;
        System.arraycopy(a.base, 0, baseA.data, 0, dim * dim);
        ok[0] = CommonOps_DDRM.invert(baseA, inv);
        for (double v : inv.data) if (!Double.isFinite(v)) { ok[0] = false; break; }
      }
      if (!ok[0]) { n.fallback(); return; }
      int idx = a.dirtyIdx[0], i = idx / dim, j = idx % dim;
      double factor = 1 + (a.m.data[idx] - a.base[idx]) * inv.data[j * dim + i];
      n.m.data[0] = log ? n.base[0] + FdLibm.log(Math.abs(factor)) : n.base[0] * factor;
      n.mark(0);
    };
  }

  static double normF(double[] in, int len) {
    double scale = 0;
    for (int i = 0; i < len; i++) scale = Math.max(scale, Math.abs(in[i]));
    if (scale == 0 || !Double.isFinite(scale)) return scale;
    double s = 0;
    for (int i = 0; i < len; i++) { double v = in[i] / scale; s += v * v; }
    return scale * Math.sqrt(s);
  }

  static double logsumexp(double[] in, int from, int count, int stride) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < count; i++) max = Math.max(max, in[from + i * stride]);
    if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) return max;
    if (max == Double.POSITIVE_INFINITY) return max;
    double s = 0;
    for (int i = 0; i < count; i++) s += StrictMath.exp(in[from + i * stride] - max);
    return max + FdLibm.log(s);
  }

  public static Node.Op inv(Shape s, java.util.Map<String, Integer> dims, Node a) {
    Node.Op n = op(s, dims, a);
    DMatrixRMaj out = n.m;
    if (out.numRows == 1) {
      n.kernel(() -> out.data[0] = 1.0 / a.m.data[0]);
      return n;
    }
    DMatrixRMaj work = Arena.matrix(a.m.numRows, a.m.numCols);
    n.kernel(() -> {
      work.setTo(a.m);
      if (!CommonOps_DDRM.invert(work, out)) java.util.Arrays.fill(out.data, Double.NaN);
    });
    return n;
  }

  public static Node.Op rowsum(Shape s, java.util.Map<String, Integer> dims, Node a, boolean rows) {
    Node.Op n = op(s, dims, a);
    int R = a.m.numRows, C = a.m.numCols;
    double[] in = a.m.data, out = n.m.data;
    if (rows) {
      n.kernel(() -> { for (int r = 0; r < R; r++) { double t = 0; for (int c = 0; c < C; c++) t += in[r * C + c]; out[r] = t; } });
    } else {
      n.kernel(() -> { java.util.Arrays.fill(out, 0, C, 0.0); for (int r = 0; r < R; r++) for (int c = 0; c < C; c++) out[c] += in[r * C + c]; });
    }
    n.dirtyKernel(() -> {
      if (a.dirtyAll) { n.fallback(); return; }
      for (int t = 0; t < a.dirtyCount; t++) {
        int i = a.dirtyIdx[t], o = rows ? i / C : i % C;
        if (n.mark(o)) out[o] = n.base[o];
        out[o] += in[i] - a.base[i];
      }
    });
    return n;
  }

  public static Node.Op diag(Shape s, java.util.Map<String, Integer> dims, Node v) {
    Node.Op n = op(s, dims, v);
    double[] in = v.m.data, out = n.m.data;
    int len = v.size();
    n.kernel(() -> { java.util.Arrays.fill(out, 0.0); for (int i = 0; i < len; i++) out[i * len + i] = in[i]; });
    n.dirtyKernel(() -> {
      if (v.dirtyAll) { n.fallback(); return; }
      for (int t = 0; t < v.dirtyCount; t++) { int i = v.dirtyIdx[t]; out[i * len + i] = in[i]; n.mark(i * len + i); }
    });
    return n;
  }

  public static Node.Op diagonal(Shape s, java.util.Map<String, Integer> dims, Node a) {
    Node.Op n = op(s, dims, a);
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

  public static Node.Op constant(Shape s, java.util.Map<String, Integer> dims, String kind) {
    Node.Op n = op(s, dims);
    double[] out = n.m.data;
    int rows = n.m.numRows, cols = n.m.numCols;
    switch (kind) {
      case "eye" -> { for (int i = 0; i < Math.min(rows, cols); i++) out[i * cols + i] = 1; }
      case "ones" -> java.util.Arrays.fill(out, 1.0);
      default -> { }
    }
    n.kernel(() -> { });
    return n;
  }

  public static Node.Op kron(Shape s, java.util.Map<String, Integer> dims, Node a, Node b) {
    Node.Op n = op(s, dims, a, b);
    n.kernel(() -> CommonOps_DDRM.kron(a.m, b.m, n.m));
    return n;
  }

  public static Node.Op outer(Shape s, java.util.Map<String, Integer> dims, Node a, Node b) {
    Node.Op n = op(s, dims, a, b);
    double[] ad = a.m.data, bd = b.m.data, out = n.m.data;
    int na = a.size(), nb = b.size();
    n.kernel(() -> { for (int i = 0; i < na; i++) for (int j = 0; j < nb; j++) out[i * nb + j] = ad[i] * bd[j]; });
    n.dirtyKernel(() -> {
      if (a.dirtyAll || b.dirtyAll) { n.fallback(); return; }
      for (int t = 0; t < a.dirtyCount; t++) {
        int i = a.dirtyIdx[t];
        for (int j = 0; j < nb; j++) { out[i * nb + j] = ad[i] * bd[j]; n.mark(i * nb + j); }
      }
      for (int t = 0; t < b.dirtyCount; t++) {
        int j = b.dirtyIdx[t];
        for (int i = 0; i < na; i++) { out[i * nb + j] = ad[i] * bd[j]; n.mark(i * nb + j); }
      }
    });
    return n;
  }

  public static Node.Op dot(java.util.Map<String, Integer> dims, Node a, Node b) {
    Node.Op n = op(Shape.SCALAR, dims, a, b);
    double[] ad = a.m.data, bd = b.m.data, out = n.m.data;
    int len = a.size();
    n.kernel(() -> { double s = 0; for (int i = 0; i < len; i++) s += ad[i] * bd[i]; out[0] = s; });
    n.dirtyKernel(() -> {
      if (a.dirtyAll || b.dirtyAll || (a.isDirty() && b.isDirty())) { n.fallback(); return; }
      Node d = a.isDirty() ? a : b;
      double[] other = d == a ? bd : ad, cur = d.m.data;
      double delta = 0;
      for (int t = 0; t < d.dirtyCount; t++) { int i = d.dirtyIdx[t]; delta += (cur[i] - d.base[i]) * other[i]; }
      out[0] = n.base[0] + delta;
      n.mark(0);
    });
    return n;
  }

  public static Node.Op softmax(Shape s, java.util.Map<String, Integer> dims, Node a, boolean rows) {
    Node.Op n = op(s, dims, a);
    double[] in = a.m.data, out = n.m.data;
    int R = rows ? a.m.numRows : 1, C = rows ? a.m.numCols : a.size();
    n.kernel(() -> {
      for (int r = 0; r < R; r++) {
        double lse = logsumexp(in, r * C, C, 1);
        for (int c = 0; c < C; c++) out[r * C + c] = StrictMath.exp(in[r * C + c] - lse);
      }
    });
    if (rows) {
      n.dirtyKernel(() -> {
        if (a.dirtyAll) { n.fallback(); return; }
        for (int t = 0; t < a.dirtyCount; t++) {
          int r = a.dirtyIdx[t] / C;
          if (!n.mark(r * C)) continue;
          double lse = logsumexp(in, r * C, C, 1);
          for (int c = 0; c < C; c++) { out[r * C + c] = StrictMath.exp(in[r * C + c] - lse); n.mark(r * C + c); }
        }
      });
    }
    return n;
  }

  public static Node.Op logsumexpRows(Shape s, java.util.Map<String, Integer> dims, Node a) {
    Node.Op n = op(s, dims, a);
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

  /** Lazy only in what it copies: both branches are computed, but a NaN in the other one never reaches it. */
  public static Node.Op choose(Shape s, java.util.Map<String, Integer> dims, Node c, Node a, Node b) {
    Node.Op n = op(s, dims, c, a, b);
    double[] out = n.m.data;
    int len = n.size();
    n.kernel(() -> {
      Node src = c.m.data[0] != 0 ? a : b;
      if (src.size() == 1) java.util.Arrays.fill(out, src.m.data[0]);
      else System.arraycopy(src.m.data, 0, out, 0, len);
    });
    n.dirtyKernel(() -> {
      Node src = c.m.data[0] != 0 ? a : b;
      if (c.isDirty() || src.dirtyAll || (src.size() == 1 && len > 1)) { n.fallback(); return; }
      for (int t = 0; t < src.dirtyCount; t++) { int i = src.dirtyIdx[t]; out[i] = src.m.data[i]; n.mark(i); }
    });
    return n;
  }

  public static Node.Op copy(Node a) {
    return copying(new Node.Op(a.m.numRows, a.m.numCols, a.space, a), a);
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

  public static DoubleUnaryOperator elementwise(String f) {
    switch (f) {
      case "exp": return StrictMath::exp;
      case "log": return FdLibm::log;
      case "sqrt": return Math::sqrt;
      case "abs": return Math::abs;
      case "sin": return StrictMath::sin;
      case "cos": return FdLibm::cos;
      case "tan": return StrictMath::tan;
      case "tanh": return FdLibm::tanh;
      case "sigmoid": return x -> x >= 0 ? 1.0 / (1.0 + StrictMath.exp(-x)) : StrictMath.exp(x) / (1.0 + StrictMath.exp(x));
      case "softplus": return x -> Math.max(x, 0) + StrictMath.log1p(StrictMath.exp(-Math.abs(x)));
      case "relu": return x -> x > 0 ? x : 0.0;
      case "sign": return Math::signum;
      default: throw new IllegalArgumentException(f);
    }
  }

  static final DoubleBinaryOperator ADD = (x, y) -> x + y;
  static final DoubleBinaryOperator SUB = (x, y) -> x - y;
  static final DoubleBinaryOperator MUL = (x, y) -> x * y;
  static final DoubleBinaryOperator DIV = (x, y) -> x / y;

  public static DoubleBinaryOperator binaryOp(BinaryOp op) {
    switch (op) {
      case ADD: return ADD;
      case SUB: return SUB;
      case MUL: case EMUL: return MUL;
      case DIV: case EDIV: return DIV;
      case POW: case EPOW: return Kernels::pow;
      case EQ: return (x, y) -> x == y ? 1 : 0;
      case NE: return (x, y) -> x != y ? 1 : 0;
      case LT: return (x, y) -> x < y ? 1 : 0;
      case LE: return (x, y) -> x <= y ? 1 : 0;
      case GT: return (x, y) -> x > y ? 1 : 0;
      case GE: return (x, y) -> x >= y ? 1 : 0;
      case AND: return (x, y) -> x != 0 && y != 0 ? 1 : 0;
      case OR: return (x, y) -> x != 0 || y != 0 ? 1 : 0;
      default: throw new IllegalArgumentException(op.name());
    }
  }

  /** x^p, with small integer powers multiplied out (exact and fast; StrictMath.pow(x, 2) is also exact). */
  public static double pow(double x, double p) {
    if (p == 2) return x * x;
    if (p == 1) return x;
    if (p == 3) return x * x * x;
    return StrictMath.pow(x, p);
  }
}
