package io.gradspec.expr.kernel;

import io.gradspec.expr.shape.Shape;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** Functions of a square matrix as a whole: the inverse. Every entry depends on every other, so a change recomputes it all. */
public final class MatrixFunctions {
  private MatrixFunctions() {}

  /** inv(A) by EJML, NaN everywhere when A is singular; 1 / a for a scalar. */
  public static Node.Op inv(Buffers at, Shape s, Node a) {
    Node.Op n = at.op(s, a);
    DMatrixRMaj out = n.m;
    if (out.numRows == 1) {
      n.kernel(() -> out.data[0] = 1.0 / a.m.data[0]);
      return n;
    }
    DMatrixRMaj work = at.matrix(a.m.numRows, a.m.numCols);
    n.kernel(() -> {
      work.setTo(a.m);
      if (!CommonOps_DDRM.invert(work, out)) java.util.Arrays.fill(out.data, Double.NaN);
    });
    return n;
  }
}
