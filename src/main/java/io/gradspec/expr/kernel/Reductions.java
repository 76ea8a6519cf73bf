package io.gradspec.expr.kernel;

import io.gradspec.expr.shape.Shape;
import io.gradspec.math.FdLibm;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.lu.LUDecompositionAlt_DDRM;

/**
 * Values reduced to a scalar (sum, mean, norm, trace, det, logdet) or to one entry per row or column
 * (rowsum, colsum). Where a change of a few entries has a cheap exact update (a sum's change, the
 * determinant lemma) the dirty kernel uses it.
 */
public final class Reductions {
  private Reductions() {}

  /** The sum of every entry. */
  public static Node.Op sum(Buffers at, Node a) { return total(at, a, false); }

  /** The mean of every entry. */
  public static Node.Op mean(Buffers at, Node a) { return total(at, a, true); }

  private static Node.Op total(Buffers at, Node a, boolean mean) {
    Node.Op n = at.op(Shape.SCALAR, a);
    double[] in = a.m.data, out = n.m.data;
    int len = a.size();
    double scale = mean ? 1.0 / len : 1.0;
    if (!mean) n.kernel(() -> { double s = 0; for (int i = 0; i < len; i++) s += in[i]; out[0] = s; });
    else n.kernel(() -> { double s = 0; for (int i = 0; i < len; i++) s += in[i]; out[0] = s / len; });
    // the base total plus the change of each dirty term
    n.dirtyKernel(() -> {
      if (a.dirtyAll) { n.fallback(); return; }
      double d = 0;
      for (int t = 0; t < a.dirtyCount; t++) { int i = a.dirtyIdx[t]; d += in[i] - a.base[i]; }
      out[0] = n.base[0] + d * scale;
      n.mark(0);
    });
    return n;
  }

  /** The Frobenius norm, scaled so that it neither overflows nor underflows before the square root. */
  public static Node.Op norm(Buffers at, Node a) {
    Node.Op n = at.op(Shape.SCALAR, a);
    double[] in = a.m.data, out = n.m.data;
    int len = a.size();
    n.kernel(() -> out[0] = normF(in, len));
    return n;
  }

  private static double normF(double[] in, int len) {
    double scale = 0;
    for (int i = 0; i < len; i++) scale = Math.max(scale, Math.abs(in[i]));
    if (scale == 0 || !Double.isFinite(scale)) return scale;
    double s = 0;
    for (int i = 0; i < len; i++) { double v = in[i] / scale; s += v * v; }
    return scale * Math.sqrt(s);
  }

  /** The sum of the diagonal; a change off the diagonal changes nothing. */
  public static Node.Op trace(Buffers at, Node a) {
    Node.Op n = at.op(Shape.SCALAR, a);
    double[] in = a.m.data, out = n.m.data;
    n.kernel(() -> out[0] = CommonOps_DDRM.trace(a.m));
    int cols = a.m.numCols;
    n.dirtyKernel(() -> {
      if (a.dirtyAll) { n.fallback(); return; }
      double d = 0;
      for (int t = 0; t < a.dirtyCount; t++) { int i = a.dirtyIdx[t]; if (i / cols == i % cols) d += in[i] - a.base[i]; }
      out[0] = n.base[0] + d;
      n.mark(0);
    });
    return n;
  }

  /** The determinant by LU; NaN when the factorisation fails. */
  public static Node.Op det(Buffers at, Node a) { return determinant(at, a, false); }

  /** log|det| from the LU diagonal: -Inf when singular, NaN when the factorisation fails. */
  public static Node.Op logdet(Buffers at, Node a) { return determinant(at, a, true); }

  private static Node.Op determinant(Buffers at, Node a, boolean log) {
    Node.Op n = at.op(Shape.SCALAR, a);
    double[] out = n.m.data;
    LUDecompositionAlt_DDRM lu = new LUDecompositionAlt_DDRM();
    DMatrixRMaj work = at.matrix(a.m.numRows, a.m.numCols);
    int dim = a.m.numRows;
    if (!log) {
      n.kernel(() -> { work.setTo(a.m); out[0] = lu.decompose(work) ? lu.computeDeterminant().real : Double.NaN; });
    } else {
      n.kernel(() -> {
        work.setTo(a.m);
        if (!lu.decompose(work)) { out[0] = Double.NaN; return; }
        double[] lud = lu.getLU().data;
        double s = 0;
        for (int i = 0; i < dim; i++) s += FdLibm.log(Math.abs(lud[i * dim + i]));
        out[0] = s; // log|det|; -Inf when singular
      });
    }
    n.dirtyKernel(rankOneDet(at, n, a, log));
    return n;
  }

  /**
   * The matrix determinant lemma for one changed entry: det(A + d e_i e_j') = det(A) (1 + d inv(A)[j, i]),
   * so a perturbation of one element costs O(1) after one inverse of the base point (cached per base
   * snapshot) instead of a new O(n^3) factorisation. Anything else (several dirty entries, a singular
   * base) recomputes in full.
   */
  private static Runnable rankOneDet(Buffers at, Node.Op n, Node a, boolean log) {
    int dim = a.m.numRows;
    DMatrixRMaj inv = at.matrix(dim, dim);
    DMatrixRMaj baseA = at.matrix(dim, dim);
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

  /** The sum of each row, as a column. */
  public static Node.Op rowsum(Buffers at, Shape s, Node a) { return lineSums(at, s, a, true); }

  /** The sum of each column, as a row. */
  public static Node.Op colsum(Buffers at, Shape s, Node a) { return lineSums(at, s, a, false); }

  private static Node.Op lineSums(Buffers at, Shape s, Node a, boolean rows) {
    Node.Op n = at.op(s, a);
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
}
