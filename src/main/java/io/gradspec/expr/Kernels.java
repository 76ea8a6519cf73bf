package io.gradspec.expr;

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
final class Kernels {
  private Kernels() {}

  static int[] space(int rows, int cols) {
    if (rows == 1 && cols == 1) return new int[0];
    if (rows == 1) return new int[] {cols};
    if (cols == 1) return new int[] {rows};
    return new int[] {rows, cols};
  }

  /** Index space for a symbolic shape: drops literal-1 axes even when a symbol's value is 1 is kept. */
  static int[] space(Shape s, java.util.Map<String, Integer> dims) {
    var axes = s.indexSpace();
    int[] out = new int[axes.size()];
    for (int i = 0; i < out.length; i++) out[i] = (int) axes.get(i).size(dims);
    return out;
  }

  static Node.Op op(Shape s, java.util.Map<String, Integer> dims, Node... deps) {
    int rows, cols;
    if (s.rank() <= 2) {
      rows = (int) s.rows().size(dims);
      cols = (int) s.cols().size(dims);
    } else {
      rows = 1;
      cols = (int) s.count(dims);
    }
    return new Node.Op(rows, cols, space(s, dims), deps);
  }

  static Node.Op unary(Shape s, java.util.Map<String, Integer> dims, Node a, DoubleUnaryOperator f) {
    Node.Op n = op(s, dims, a);
    double[] in = a.m.data, out = n.m.data;
    int len = n.size();
    n.kernel(() -> { for (int i = 0; i < len; i++) out[i] = f.applyAsDouble(in[i]); });
    return n;
  }

  /** Elementwise with broadcasting of literal-1 axes and scalars. */
  static Node.Op binary(Shape s, java.util.Map<String, Integer> dims, Node a, Node b, DoubleBinaryOperator f) {
    Node.Op n = op(s, dims, a, b);
    DMatrixRMaj A = a.m, B = b.m, O = n.m;
    double[] ad = A.data, bd = B.data, od = O.data;
    int rows = O.numRows, cols = O.numCols;
    if (A.numRows == rows && A.numCols == cols && B.numRows == rows && B.numCols == cols) {
      int len = rows * cols;
      n.kernel(() -> { for (int i = 0; i < len; i++) od[i] = f.applyAsDouble(ad[i], bd[i]); });
    } else if (A.getNumElements() == 1 && B.numRows == rows && B.numCols == cols) {
      int len = rows * cols;
      n.kernel(() -> { double x = ad[0]; for (int i = 0; i < len; i++) od[i] = f.applyAsDouble(x, bd[i]); });
    } else if (B.getNumElements() == 1 && A.numRows == rows && A.numCols == cols) {
      int len = rows * cols;
      n.kernel(() -> { double y = bd[0]; for (int i = 0; i < len; i++) od[i] = f.applyAsDouble(ad[i], y); });
    } else {
      int ar = A.numRows == 1 ? 0 : A.numCols, ac = A.numCols == 1 ? 0 : 1;
      int br = B.numRows == 1 ? 0 : B.numCols, bc = B.numCols == 1 ? 0 : 1;
      n.kernel(() -> {
        int o = 0;
        for (int r = 0; r < rows; r++)
          for (int c = 0; c < cols; c++) od[o++] = f.applyAsDouble(ad[r * ar + c * ac], bd[r * br + c * bc]);
      });
    }
    return n;
  }

  /** c = a * b, i.e. c_ij = sum_k a_ik b_kj (EJML); a scalar side scales. Neither argument is modified. */
  static Node.Op mult(Shape s, java.util.Map<String, Integer> dims, Node a, Node b) {
    if (a.size() == 1 || b.size() == 1) return binary(s, dims, a, b, (x, y) -> x * y);
    Node.Op n = op(s, dims, a, b);
    DMatrixRMaj out = n.m;
    if (out.numRows == 1 && out.numCols == 1) {
      // [1, D] * [D, 1]: a dot product; EJML's mult handles it, but keep the buffer 1 x 1
      n.kernel(() -> CommonOps_DDRM.mult(a.m, b.m, out));
    } else {
      n.kernel(() -> CommonOps_DDRM.mult(a.m, b.m, out));
    }
    return n;
  }

  static Node.Op transpose(Shape s, java.util.Map<String, Integer> dims, Node a) {
    Node.Op n = op(s, dims, a);
    if (a.m.numRows == 1 || a.m.numCols == 1) {
      double[] in = a.m.data, out = n.m.data;
      int len = n.size();
      n.kernel(() -> System.arraycopy(in, 0, out, 0, len));
    } else {
      n.kernel(() -> CommonOps_DDRM.transpose(a.m, n.m));
    }
    return n;
  }

  static Node.Op reduce(java.util.Map<String, Integer> dims, Node a, String f) {
    Node.Op n = op(Shape.SCALAR, dims, a);
    double[] in = a.m.data, out = n.m.data;
    int len = a.size();
    switch (f) {
      case "sum" -> n.kernel(() -> { double s = 0; for (int i = 0; i < len; i++) s += in[i]; out[0] = s; });
      case "mean" -> n.kernel(() -> { double s = 0; for (int i = 0; i < len; i++) s += in[i]; out[0] = s / len; });
      case "norm" -> n.kernel(() -> out[0] = normF(in, len));
      case "logsumexp" -> n.kernel(() -> out[0] = logsumexp(in, 0, len, 1));
      case "trace" -> n.kernel(() -> out[0] = CommonOps_DDRM.trace(a.m));
      case "det" -> {
        LUDecompositionAlt_DDRM lu = new LUDecompositionAlt_DDRM();
        DMatrixRMaj work = a.m.createLike();
        n.kernel(() -> { work.setTo(a.m); out[0] = lu.decompose(work) ? lu.computeDeterminant().real : Double.NaN; });
      }
      case "logdet" -> {
        LUDecompositionAlt_DDRM lu = new LUDecompositionAlt_DDRM();
        DMatrixRMaj work = a.m.createLike();
        int dim = a.m.numRows;
        n.kernel(() -> {
          work.setTo(a.m);
          if (!lu.decompose(work)) { out[0] = Double.NaN; return; }
          double[] lud = lu.getLU().data;
          double s = 0;
          for (int i = 0; i < dim; i++) s += StrictMath.log(Math.abs(lud[i * dim + i]));
          out[0] = s; // log|det|; -Inf when singular
        });
      }
      default -> throw new IllegalArgumentException(f);
    }
    return n;
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
    return max + StrictMath.log(s);
  }

  static Node.Op inv(Shape s, java.util.Map<String, Integer> dims, Node a) {
    Node.Op n = op(s, dims, a);
    DMatrixRMaj out = n.m;
    if (out.numRows == 1) {
      n.kernel(() -> out.data[0] = 1.0 / a.m.data[0]);
      return n;
    }
    DMatrixRMaj work = a.m.createLike();
    n.kernel(() -> {
      work.setTo(a.m);
      if (!CommonOps_DDRM.invert(work, out)) java.util.Arrays.fill(out.data, Double.NaN);
    });
    return n;
  }

  static Node.Op rowsum(Shape s, java.util.Map<String, Integer> dims, Node a, boolean rows) {
    Node.Op n = op(s, dims, a);
    int R = a.m.numRows, C = a.m.numCols;
    double[] in = a.m.data, out = n.m.data;
    if (rows) {
      n.kernel(() -> { for (int r = 0; r < R; r++) { double t = 0; for (int c = 0; c < C; c++) t += in[r * C + c]; out[r] = t; } });
    } else {
      n.kernel(() -> { java.util.Arrays.fill(out, 0, C, 0.0); for (int r = 0; r < R; r++) for (int c = 0; c < C; c++) out[c] += in[r * C + c]; });
    }
    return n;
  }

  static Node.Op diag(Shape s, java.util.Map<String, Integer> dims, Node v) {
    Node.Op n = op(s, dims, v);
    double[] in = v.m.data, out = n.m.data;
    int len = v.size();
    n.kernel(() -> { java.util.Arrays.fill(out, 0.0); for (int i = 0; i < len; i++) out[i * len + i] = in[i]; });
    return n;
  }

  static Node.Op diagonal(Shape s, java.util.Map<String, Integer> dims, Node a) {
    Node.Op n = op(s, dims, a);
    double[] in = a.m.data, out = n.m.data;
    int len = a.m.numRows, cols = a.m.numCols;
    n.kernel(() -> { for (int i = 0; i < len; i++) out[i] = in[i * cols + i]; });
    return n;
  }

  static Node.Op constant(Shape s, java.util.Map<String, Integer> dims, String kind) {
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

  static Node.Op kron(Shape s, java.util.Map<String, Integer> dims, Node a, Node b) {
    Node.Op n = op(s, dims, a, b);
    n.kernel(() -> CommonOps_DDRM.kron(a.m, b.m, n.m));
    return n;
  }

  static Node.Op outer(Shape s, java.util.Map<String, Integer> dims, Node a, Node b) {
    Node.Op n = op(s, dims, a, b);
    double[] ad = a.m.data, bd = b.m.data, out = n.m.data;
    int na = a.size(), nb = b.size();
    n.kernel(() -> { for (int i = 0; i < na; i++) for (int j = 0; j < nb; j++) out[i * nb + j] = ad[i] * bd[j]; });
    return n;
  }

  static Node.Op dot(java.util.Map<String, Integer> dims, Node a, Node b) {
    Node.Op n = op(Shape.SCALAR, dims, a, b);
    double[] ad = a.m.data, bd = b.m.data, out = n.m.data;
    int len = a.size();
    n.kernel(() -> { double s = 0; for (int i = 0; i < len; i++) s += ad[i] * bd[i]; out[0] = s; });
    return n;
  }

  static Node.Op softmax(Shape s, java.util.Map<String, Integer> dims, Node a, boolean rows) {
    Node.Op n = op(s, dims, a);
    double[] in = a.m.data, out = n.m.data;
    int R = rows ? a.m.numRows : 1, C = rows ? a.m.numCols : a.size();
    n.kernel(() -> {
      for (int r = 0; r < R; r++) {
        double lse = logsumexp(in, r * C, C, 1);
        for (int c = 0; c < C; c++) out[r * C + c] = StrictMath.exp(in[r * C + c] - lse);
      }
    });
    return n;
  }

  static Node.Op logsumexpRows(Shape s, java.util.Map<String, Integer> dims, Node a) {
    Node.Op n = op(s, dims, a);
    double[] in = a.m.data, out = n.m.data;
    int R = a.m.numRows, C = a.m.numCols;
    n.kernel(() -> { for (int r = 0; r < R; r++) out[r] = logsumexp(in, r * C, C, 1); });
    return n;
  }

  /** Lazy only in what it copies: both branches are computed, but a NaN in the other one never reaches it. */
  static Node.Op choose(Shape s, java.util.Map<String, Integer> dims, Node c, Node a, Node b) {
    Node.Op n = op(s, dims, c, a, b);
    double[] out = n.m.data;
    int len = n.size();
    n.kernel(() -> {
      Node src = c.m.data[0] != 0 ? a : b;
      if (src.size() == 1) java.util.Arrays.fill(out, src.m.data[0]);
      else System.arraycopy(src.m.data, 0, out, 0, len);
    });
    return n;
  }

  static Node.Op copy(Node a) {
    Node.Op n = new Node.Op(a.m.numRows, a.m.numCols, a.space, a);
    double[] in = a.m.data, out = n.m.data;
    int len = a.size();
    n.kernel(() -> System.arraycopy(in, 0, out, 0, len));
    return n;
  }

  static DoubleUnaryOperator elementwise(String f) {
    switch (f) {
      case "exp": return StrictMath::exp;
      case "log": return StrictMath::log;
      case "sqrt": return Math::sqrt;
      case "abs": return Math::abs;
      case "sin": return StrictMath::sin;
      case "cos": return StrictMath::cos;
      case "tan": return StrictMath::tan;
      case "tanh": return StrictMath::tanh;
      case "sigmoid": return x -> x >= 0 ? 1.0 / (1.0 + StrictMath.exp(-x)) : StrictMath.exp(x) / (1.0 + StrictMath.exp(x));
      case "softplus": return x -> Math.max(x, 0) + StrictMath.log1p(StrictMath.exp(-Math.abs(x)));
      case "relu": return x -> x > 0 ? x : 0.0;
      case "sign": return Math::signum;
      default: throw new IllegalArgumentException(f);
    }
  }

  static DoubleBinaryOperator binaryOp(BinaryOp op) {
    switch (op) {
      case ADD: return Double::sum;
      case SUB: return (x, y) -> x - y;
      case MUL: case EMUL: return (x, y) -> x * y;
      case DIV: case EDIV: return (x, y) -> x / y;
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
  static double pow(double x, double p) {
    if (p == 2) return x * x;
    if (p == 1) return x;
    if (p == 3) return x * x * x;
    return StrictMath.pow(x, p);
  }
}
