package io.gradspec.expr.kernel;

import io.gradspec.expr.shape.Shape;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.lu.LUDecompositionAlt_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.linsol.lu.LinearSolverLu_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Decompositions and matrix functions, each with the convention that makes it a function (a unique,
 * differentiable choice): solve, Cholesky (lower, positive diagonal), QR (reduced, R with a positive
 * diagonal), eigh (eigenvalues ascending; each eigenvector's entry of largest magnitude positive),
 * singular values (descending) and the matrix exponential. A failed factorisation gives NaN everywhere
 * (so the components are inconclusive, never an agreement). Every entry depends on every entry of A,
 * so a change of A recomputes the whole; solve recomputes only the changed columns of B.
 */
public final class Decompositions {
  private Decompositions() {}

  /** X with A X = B, by LU of A (once per A: a change of B alone reuses it, column by column). */
  public static Node.Op solve(Buffers at, Shape s, Node a, Node b) {
    Node.Op n = at.op(s, a, b);
    DMatrixRMaj out = n.m;
    int dim = a.m.numRows, cols = out.numCols;
    LUDecompositionAlt_DDRM lu = new LUDecompositionAlt_DDRM();
    LinearSolverLu_DDRM solver = new LinearSolverLu_DDRM(lu);
    DMatrixRMaj work = at.matrix(dim, dim), col = at.matrix(dim, 1), x = at.matrix(dim, 1);
    // ok: the factorisation succeeded; ok[1]: it is of A at the base point (not of a perturbed A)
    boolean[] ok = {false, false};
    n.kernel(() -> {
      work.setTo(a.m);
      ok[0] = solver.setA(work) && !singular(lu.getLU(), dim);
      ok[1] = !a.isDirty();
      if (!ok[0]) { Arrays.fill(out.data, Double.NaN); return; }
      for (int c = 0; c < cols; c++) solveColumn(solver, b.m, c, col, x, out);
    });
    boolean[] marked = new boolean[cols];
    n.dirtyKernel(() -> {
      if (a.isDirty() || b.dirtyAll || !ok[0] || !ok[1]) { n.fallback(); return; }
      int bCols = b.m.numCols;
      for (int t = 0; t < b.dirtyCount; t++) {
        int c = bCols == 1 ? 0 : b.dirtyIdx[t] % bCols;
        if (marked[c]) continue;
        marked[c] = true;
        solveColumn(solver, b.m, c, col, x, out);
        for (int r = 0; r < dim; r++) n.mark(r * cols + c);
      }
      Arrays.fill(marked, false);
    });
    return n;
  }

  private static boolean singular(DMatrixRMaj lu, int dim) {
    for (int i = 0; i < dim; i++) if (lu.data[i * dim + i] == 0) return true;
    return false;
  }

  private static void solveColumn(LinearSolverLu_DDRM lu, DMatrixRMaj b, int c, DMatrixRMaj col, DMatrixRMaj x,
                                  DMatrixRMaj out) {
    int dim = col.numRows, bCols = b.numCols, cols = out.numCols;
    for (int r = 0; r < dim; r++) col.data[r] = b.data[r * bCols + c];
    lu.solve(col, x);
    for (int r = 0; r < dim; r++) out.data[r * cols + c] = x.data[r];
  }

  /** The lower Cholesky factor L (A = L L', positive diagonal) of an SPD matrix; NaN when A is not. Reads A's lower triangle. */
  public static Node.Op chol(Buffers at, Shape s, Node a) {
    Node.Op n = at.op(s, a);
    int dim = a.m.numRows;
    CholeskyDecomposition_F64<DMatrixRMaj> ch = DecompositionFactory_DDRM.chol(dim, true);
    DMatrixRMaj work = at.matrix(dim, dim);
    n.kernel(() -> {
      // the lower triangle, mirrored: what LAPACK's potrf (uplo='L') and torch.linalg.cholesky read
      for (int r = 0; r < dim; r++) for (int c = 0; c < dim; c++) work.data[r * dim + c] = a.m.data[Math.max(r, c) * dim + Math.min(r, c)];
      if (!ch.decompose(work)) { Arrays.fill(n.m.data, Double.NaN); return; }
      ch.getT(n.m);
      for (int r = 0; r < dim; r++) for (int c = r + 1; c < dim; c++) n.m.data[r * dim + c] = 0;
    });
    return n;
  }

  /** Q ({@code wantQ}) or R of the reduced QR of an M x N matrix, M >= N, R's diagonal made positive; NaN when M < N. */
  public static Node.Op qr(Buffers at, Shape s, Node a, boolean wantQ) {
    Node.Op n = at.op(s, a);
    int rows = a.m.numRows, cols = a.m.numCols;
    QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(rows, cols);
    DMatrixRMaj work = at.matrix(rows, cols), q = at.matrix(rows, cols), r = at.matrix(cols, cols);
    n.kernel(() -> {
      if (rows < cols) { Arrays.fill(n.m.data, Double.NaN); return; }
      work.setTo(a.m);
      if (!qr.decompose(work)) { Arrays.fill(n.m.data, Double.NaN); return; }
      qr.getQ(q, true);
      qr.getR(r, true);
      for (int k = 0; k < cols; k++) {
        if (r.data[k * cols + k] >= 0) continue;
        for (int j = 0; j < cols; j++) r.data[k * cols + j] = -r.data[k * cols + j];
        for (int i = 0; i < rows; i++) q.data[i * cols + k] = -q.data[i * cols + k];
      }
      n.m.setTo(wantQ ? q : r);
    });
    return n;
  }

  /**
   * The eigenvalues of a symmetric matrix, ascending, as a column ({@code vectors} false); or the matrix
   * whose columns are the unit eigenvectors in that order, each with its entry of largest magnitude
   * positive. Reads A as symmetric: (A + A') / 2.
   */
  public static Node.Op eigh(Buffers at, Shape s, Node a, boolean vectors) {
    Node.Op n = at.op(s, a);
    int dim = a.m.numRows;
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(dim, vectors, true);
    DMatrixRMaj work = at.matrix(dim, dim);
    double[] values = new double[dim];
    Integer[] order = new Integer[dim];
    n.kernel(() -> {
      for (int i = 0; i < dim; i++) for (int j = 0; j < dim; j++) work.data[i * dim + j] = 0.5 * (a.m.data[i * dim + j] + a.m.data[j * dim + i]);
      if (!eig.decompose(work)) { Arrays.fill(n.m.data, Double.NaN); return; }
      for (int i = 0; i < dim; i++) { values[i] = eig.getEigenvalue(i).real; order[i] = i; }
      Arrays.sort(order, (x, y) -> Double.compare(values[x], values[y]));
      for (int k = 0; k < dim; k++) {
        int e = order[k];
        if (!vectors) { n.m.data[k] = values[e]; continue; }
        DMatrixRMaj v = eig.getEigenVector(e);
        if (v == null) { Arrays.fill(n.m.data, Double.NaN); return; }
        double norm = 0, big = 0;
        for (int i = 0; i < dim; i++) { norm += v.data[i] * v.data[i]; if (Math.abs(v.data[i]) > Math.abs(big)) big = v.data[i]; }
        double scale = (big < 0 ? -1 : 1) / Math.sqrt(norm);
        for (int i = 0; i < dim; i++) n.m.data[i * dim + k] = v.data[i] * scale;
      }
    });
    return n;
  }

  /** The singular values, descending, as a column of length min(M, N). */
  public static Node.Op svdvals(Buffers at, Shape s, Node a) {
    Node.Op n = at.op(s, a);
    int rows = a.m.numRows, cols = a.m.numCols, k = Math.min(rows, cols);
    SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(rows, cols, false, false, true);
    DMatrixRMaj work = at.matrix(rows, cols);
    n.kernel(() -> {
      work.setTo(a.m);
      if (!svd.decompose(work)) { Arrays.fill(n.m.data, Double.NaN); return; }
      double[] sv = svd.getSingularValues();
      double[] sorted = Arrays.copyOf(sv, k);
      Arrays.sort(sorted);
      for (int i = 0; i < k; i++) n.m.data[i] = sorted[k - 1 - i];
    });
    return n;
  }

  /** The Padé [13/13] coefficients of exp, c_j = (26 - j)! 13! / (26! j! (13 - j)!) (Higham 2005). */
  private static final double[] PADE = new double[14];
  static {
    double c = 1;
    for (int j = 0; j <= 13; j++) {
      PADE[j] = c;
      c = c * (13 - j) / ((26 - j) * (double) (j + 1));
    }
  }

  /** Below this 1-norm Padé [13/13] is exact to double precision (Higham's theta_13). */
  private static final double THETA_13 = 5.371920351148152;

  /**
   * exp(A) by scaling and squaring (Higham 2005): A / 2^k with 1-norm at most theta_13, Padé [13/13] there,
   * then k squarings.
   */
  public static Node.Op expm(Buffers at, Shape s, Node a) {
    Node.Op n = at.op(s, a);
    int dim = a.m.numRows;
    DMatrixRMaj x = at.matrix(dim, dim), pw = at.matrix(dim, dim), tmp = at.matrix(dim, dim),
        num = at.matrix(dim, dim), den = at.matrix(dim, dim);
    n.kernel(() -> {
      double norm = org.ejml.dense.row.NormOps_DDRM.normP1(a.m);
      if (!Double.isFinite(norm)) { Arrays.fill(n.m.data, Double.NaN); return; }
      int k = norm <= THETA_13 ? 0 : (int) Math.ceil(Math.log(norm / THETA_13) / Math.log(2));
      CommonOps_DDRM.scale(Math.scalb(1.0, -k), a.m, x);
      CommonOps_DDRM.setIdentity(pw);
      CommonOps_DDRM.setIdentity(num);
      CommonOps_DDRM.setIdentity(den);
      for (int j = 1; j < PADE.length; j++) {
        CommonOps_DDRM.mult(pw, x, tmp);
        pw.setTo(tmp);
        CommonOps_DDRM.addEquals(num, PADE[j], pw);
        CommonOps_DDRM.addEquals(den, (j % 2 == 0 ? 1 : -1) * PADE[j], pw);
      }
      if (!CommonOps_DDRM.solve(den, num, n.m)) { Arrays.fill(n.m.data, Double.NaN); return; }
      for (int j = 0; j < k; j++) {
        CommonOps_DDRM.mult(n.m, n.m, tmp);
        n.m.setTo(tmp);
      }
    });
    return n;
  }
}
