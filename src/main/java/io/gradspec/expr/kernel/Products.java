package io.gradspec.expr.kernel;

import io.gradspec.expr.shape.Shape;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** Products of two values: the matrix product, the outer, dot and Kronecker products. */
public final class Products {
  private Products() {}

  /** c = a * b, i.e. c_ij = sum_k a_ik b_kj (EJML); a scalar side scales. Neither argument is modified. */
  public static Node.Op mult(Buffers at, Shape s, Node a, Node b) {
    if (a.size() == 1 || b.size() == 1) return Elementwise.binary(at, s, a, b, Elementwise.MUL);
    Node.Op n = at.op(s, a, b);
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

  /** c_{(i k), (j l)} = a_ij b_kl (EJML). */
  public static Node.Op kron(Buffers at, Shape s, Node a, Node b) {
    Node.Op n = at.op(s, a, b);
    n.kernel(() -> CommonOps_DDRM.kron(a.m, b.m, n.m));
    return n;
  }

  /** c_ij = a_i b_j for two vectors. */
  public static Node.Op outer(Buffers at, Shape s, Node a, Node b) {
    Node.Op n = at.op(s, a, b);
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

  /** sum_i a_i b_i for two vectors of one length; a change on one side adds its change times the other side. */
  public static Node.Op dot(Buffers at, Node a, Node b) {
    Node.Op n = at.op(Shape.SCALAR, a, b);
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

  /**
   * The batched product of {@code [P, M, K]} and {@code [P, K, N]}: one matrix product per batch entry, as
   * {@code torch.bmm}. Sizes come from the output's shape {@code s}; K from the left operand's size. A
   * changed entry of A recomputes its output row, of B its output column; each output entry is the same
   * sum in the same order as the full kernel, so incremental results are bit for bit the full ones.
   */
  public static Node.Op bmm(Buffers at, Shape s, Node a, Node b) {
    Node.Op n = at.op(s, a, b);
    int P = at.size(s.axes().get(0)), M = at.size(s.axes().get(1)), N = at.size(s.axes().get(2));
    int K = a.size() / (P * M);
    double[] ad = a.m.data, bd = b.m.data, od = n.m.data;
    n.kernel(() -> {
      for (int p = 0; p < P; p++)
        for (int m = 0; m < M; m++)
          for (int j = 0; j < N; j++) od[(p * M + m) * N + j] = batchedEntry(ad, bd, p, m, j, M, K, N);
    });
    n.dirtyKernel(() -> {
      if (a.dirtyAll || b.dirtyAll) { n.fallback(); return; }
      for (int t = 0; t < a.dirtyCount; t++) {
        int row = a.dirtyIdx[t] / K, p = row / M, m = row % M; // entry (p, m, k): output row (p, m, :)
        for (int j = 0; j < N; j++) {
          int o = row * N + j;
          if (n.mark(o)) od[o] = batchedEntry(ad, bd, p, m, j, M, K, N);
        }
      }
      for (int t = 0; t < b.dirtyCount; t++) {
        int i = b.dirtyIdx[t], p = i / (K * N), j = i % N; // entry (p, k, j): output column (p, :, j)
        for (int m = 0; m < M; m++) {
          int o = (p * M + m) * N + j;
          if (n.mark(o)) od[o] = batchedEntry(ad, bd, p, m, j, M, K, N);
        }
      }
    });
    return n;
  }

  private static double batchedEntry(double[] ad, double[] bd, int p, int m, int j, int M, int K, int N) {
    double sum = 0;
    int ai = (p * M + m) * K, bi = p * K * N + j;
    for (int k = 0; k < K; k++) sum += ad[ai + k] * bd[bi + k * N];
    return sum;
  }
}
