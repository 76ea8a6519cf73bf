package io.gradspec.expr.kernel;

import io.gradspec.expr.shape.Shape;
import io.gradspec.expr.syntax.BinaryOp;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;

/**
 * Kernels that compute each output entry from the entries at the same place in their operands: unary
 * functions, and binary operators with broadcasting of literal-1 axes and scalars. The operators
 * themselves are here too ({@link #binaryOp}): the fast loops recognise the four arithmetic ones by
 * identity. Each factory returns a node whose buffer is allocated once; {@code compute()} only writes
 * into it.
 */
public final class Elementwise {
  private Elementwise() {}

  public static Node.Op unary(Buffers at, Shape s, Node a, DoubleUnaryOperator f) {
    Node.Op n = at.op(s, a);
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
  public static Node.Op binary(Buffers at, Shape s, Node a, Node b, DoubleBinaryOperator f) {
    Node.Op n = at.op(s, a, b);
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
    int[] strides = {ar, ac, br, bc};
    n.dirtyKernel(() -> {
      if (a.dirtyAll || b.dirtyAll) { n.fallback(); return; }
      spread(n, a, A, rows, cols, f, ad, bd, od, strides);
      spread(n, b, B, rows, cols, f, ad, bd, od, strides);
    });
    return n;
  }

  /**
   * {@link #spread(Node.Op, Node, DMatrixRMaj, int, int, Cell)} for {@link #binary}, with the four common
   * operators' arithmetic written out (one shared loop calling whichever operator it is given inlines none).
   */
  private static void spread(Node.Op out, Node in, DMatrixRMaj shape, int rows, int cols, DoubleBinaryOperator f,
                             double[] ad, double[] bd, double[] od, int[] strides) {
    int inCols = shape.numCols;
    int ar = strides[0], ac = strides[1], br = strides[2], bc = strides[3];
    int op = f == ADD ? 0 : f == SUB ? 1 : f == MUL ? 2 : f == DIV ? 3 : 4;
    boolean rowB = shape.numRows == 1 && rows > 1, colB = shape.numCols == 1 && cols > 1;
    if (!rowB && !colB) {
      // `in` has the output's shape: dirty entry i is output entry i, and an operand of that shape (or a
      // scalar) is read at i (or 0) without the divisions that find (r, c), which cost more than the rest
      boolean aFlat = ar == cols && ac == 1 || ar == 0 && ac == 0, bFlat = br == cols && bc == 1 || br == 0 && bc == 0;
      int aMask = ar == 0 && ac == 0 ? 0 : -1, bMask = br == 0 && bc == 0 ? 0 : -1;
      for (int t = 0; t < in.dirtyCount; t++) {
        int o = in.dirtyIdx[t];
        if (!out.mark(o)) continue;
        int r = aFlat && bFlat ? 0 : o / cols, c = o - r * cols;
        double x = ad[aFlat ? o & aMask : r * ar + c * ac], y = bd[bFlat ? o & bMask : r * br + c * bc];
        od[o] = combine(op, f, x, y);
      }
      return;
    }
    for (int t = 0; t < in.dirtyCount; t++) {
      int i = in.dirtyIdx[t];
      int r0 = inCols == 1 ? i : i / inCols, c0 = inCols == 1 ? 0 : i - r0 * inCols;
      int rFrom = rowB ? 0 : r0, rTo = rowB ? rows : r0 + 1;
      int cFrom = colB ? 0 : c0, cTo = colB ? cols : c0 + 1;
      for (int r = rFrom; r < rTo; r++) {
        for (int c = cFrom; c < cTo; c++) {
          int o = r * cols + c;
          if (out.mark(o)) od[o] = combine(op, f, ad[r * ar + c * ac], bd[r * br + c * bc]);
        }
      }
    }
  }

  /** {@code f(x, y)}, the four common operators (numbered by {@link #spread}) written out. */
  private static double combine(int op, DoubleBinaryOperator f, double x, double y) {
    return switch (op) {
      case 0 -> x + y;
      case 1 -> x - y;
      case 2 -> x * y;
      case 3 -> x / y;
      default -> f.applyAsDouble(x, y);
    };
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
  public static Node.Op binaryTransposed(Buffers at, Shape s, Node a, boolean aT, Node b, boolean bT,
                                         DoubleBinaryOperator f) {
    Node.Op n = at.op(s, a, b);
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

  /**
   * {@code where(c, a, b)}: {@code a} where {@code c} is nonzero, else {@code b}, entry by entry, each operand
   * broadcast as in {@link #binary}. Both branches are computed values already; a NaN in the branch not
   * chosen does not reach the result.
   */
  public static Node.Op where(Buffers at, Shape s, Node c, Node a, Node b) {
    Node.Op n = at.op(s, c, a, b);
    double[] cd = c.m.data, ad = a.m.data, bd = b.m.data, od = n.m.data;
    int rows = n.m.numRows, cols = n.m.numCols;
    int cr = c.m.numRows == 1 ? 0 : c.m.numCols, cc = c.m.numCols == 1 ? 0 : 1;
    int ar = a.m.numRows == 1 ? 0 : a.m.numCols, ac = a.m.numCols == 1 ? 0 : 1;
    int br = b.m.numRows == 1 ? 0 : b.m.numCols, bc = b.m.numCols == 1 ? 0 : 1;
    Cell cell = (r, col) -> od[r * cols + col] = cd[r * cr + col * cc] != 0 ? ad[r * ar + col * ac] : bd[r * br + col * bc];
    n.kernel(() -> {
      for (int r = 0; r < rows; r++)
        for (int col = 0; col < cols; col++) od[r * cols + col] = cd[r * cr + col * cc] != 0 ? ad[r * ar + col * ac] : bd[r * br + col * bc];
    });
    n.dirtyKernel(() -> {
      if (c.dirtyAll || a.dirtyAll || b.dirtyAll) { n.fallback(); return; }
      spread(n, c, c.m, rows, cols, cell);
      spread(n, a, a.m, rows, cols, cell);
      spread(n, b, b.m, rows, cols, cell);
    });
    return n;
  }

  private interface Cell { void at(int r, int c); }

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

  // ------------------------------------------------------------------ the operators

  static final DoubleBinaryOperator ADD = (x, y) -> x + y;
  static final DoubleBinaryOperator SUB = (x, y) -> x - y;
  static final DoubleBinaryOperator MUL = (x, y) -> x * y;
  static final DoubleBinaryOperator DIV = (x, y) -> x / y;

  /** The entry-by-entry function of a binary operator ({@code *} too: a scalar side makes it one). */
  public static DoubleBinaryOperator binaryOp(BinaryOp op) {
    switch (op) {
      case ADD: return ADD;
      case SUB: return SUB;
      case MUL: case EMUL: return MUL;
      case DIV: case EDIV: return DIV;
      case POW: case EPOW: return Elementwise::pow;
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

  /** a mod b with the sign of b, a - b floor(a / b): Python's {@code %}, NumPy's mod, torch.remainder. */
  public static double mod(double a, double b) {
    double r = a % b; // the sign of a (C's fmod), exact
    return r != 0 && (r < 0) != (b < 0) ? r + b : r;
  }

  /** x^p, with small integer powers multiplied out (exact and fast; StrictMath.pow(x, 2) is also exact). */
  public static double pow(double x, double p) {
    if (p == 2) return x * x;
    if (p == 1) return x;
    if (p == 3) return x * x * x;
    return StrictMath.pow(x, p);
  }
}
