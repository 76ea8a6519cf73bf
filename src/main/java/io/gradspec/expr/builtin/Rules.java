package io.gradspec.expr.builtin;

import io.gradspec.expr.kernel.Lines.Along;
import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.shape.Shape;
import java.util.ArrayList;
import java.util.List;

/** Shape rules shared by several entries of {@link Builtins}: broadcasting, reductions, joining, reshaping. */
final class Rules {
  private Rules() {}

  /** The shape of a reduction along {@code along}: a scalar, a column [rows, 1], or a row [1, cols]. */
  static Shape reduced(Arguments a, Along along) {
    Shape x = a.shape(0);
    return along == Along.ALL ? Shape.SCALAR : along == Along.ROWS ? Shape.matrix(x.rows(), Axis.ONE)
        : Shape.matrix(Axis.ONE, x.cols());
  }

  /** The broadcast shape of arguments {@code which}, as the elementwise operators broadcast; null after an error. */
  static Shape broadcast(Arguments a, int... which) {
    Shape[] shapes = new Shape[which.length];
    for (int k = 0; k < which.length; k++) shapes[k] = a.shape(which[k]);
    int odd = Shape.tensorMismatch(shapes);
    if (odd >= 0) return a.error(which[odd], "the shape of the other arguments", Shape.TENSOR_BROADCAST);
    for (Shape s : shapes) if (!s.isMatrixLike() && !s.isScalarLike()) return Shape.tensorBroadcast(shapes);
    Axis rows = Axis.ONE, cols = Axis.ONE;
    for (int i : which) {
      Shape s = a.shape(i);
      if (s.isScalarLike()) continue;
      Axis r = joined(rows, s.rows()), c = joined(cols, s.cols());
      if (r == null || c == null) {
        return a.error(i, "a shape that broadcasts with " + Shape.matrix(rows, cols),
            "elementwise arguments need equal shapes, or an axis of literal size 1 (or a scalar) to broadcast");
      }
      rows = r;
      cols = c;
    }
    return Shape.matrix(rows, cols);
  }

  static Axis joined(Axis a, Axis b) {
    return a.equals(b) || b.isOne() ? a : a.isOne() ? b : null;
  }

  /** concat: the rows of A then those of B (same columns); concat_cols: side by side (same rows). Vectors join end to end. */
  static Shape joinedShape(Arguments a, boolean sideBySide) {
    Shape x = a.shape(0), y = a.shape(1);
    if (x.isVectorLike() && y.isVectorLike() && !sideBySide == (x.cols().isOne() && y.cols().isOne())) {
      Axis n = Axis.sum(a.length(0), a.length(1));
      return sideBySide ? Shape.matrix(Axis.ONE, n) : Shape.matrix(n, Axis.ONE);
    }
    if (!sideBySide) {
      return x.cols().equals(y.cols()) ? Shape.matrix(Axis.sum(x.rows(), y.rows()), x.cols())
          : a.error(1, "the columns of the first argument, " + x.cols(), "to put matrices side by side use `concat_cols(A, B)`");
    }
    return x.rows().equals(y.rows()) ? Shape.matrix(x.rows(), Axis.sum(x.cols(), y.cols()))
        : a.error(1, "the rows of the first argument, " + x.rows(), "to put one matrix above another use `concat(A, B)`");
  }

  /** reshape(A, r, c): the same number of entries, symbolically (a polynomial identity, e.g. (2*N) * 1 = N * 2). */
  static Shape reshaped(Arguments a) {
    Shape x = a.shape(0);
    Axis r = a.dimension(1), c = a.dimension(2);
    Axis before = Axis.product(x.rows(), x.cols()), after = Axis.product(r, c);
    return before.equals(after) ? Shape.matrix(r, c)
        : a.error(0, "a value of " + after + " entries", "reshape keeps the number of entries: " + x + " has " + before);
  }

  static Axis padded(Axis axis, Axis p) { return Axis.sum(axis, Axis.product(Axis.literal(2), p)); }

  /** `if`: a scalar condition, and branches of one shape (or scalars, which broadcast). */
  static Shape choice(Arguments a) {
    Shape c = a.shape(0), x = a.shape(1), y = a.shape(2);
    if (!c.isScalarLike()) {
      return a.error(0, "a scalar condition", "compare elements, e.g. `x[i] > 0`; for a mask, choose entry by entry with `where(mask, a, b)`");
    }
    if (x.isScalarLike() && y.isScalarLike()) return Shape.SCALAR;
    if (x.indexSpace().equals(y.indexSpace()) && x.equals(y)) return x;
    if (x.isScalarLike()) return y;
    if (y.isScalarLike()) return x;
    return a.error(2, "the shape of the other branch " + x, null);
  }

  /** bmm(A, B): [P, M, K] and [P, K, N] give [P, M, N], as torch.bmm. */
  static Shape batchedProduct(Arguments a) {
    String how = "`bmm` multiplies the matrices along the first axis, as torch.bmm: [P, M, K] and [P, K, N]; for two matrices use `*`";
    Shape l = a.shape(0), r = a.shape(1);
    if (l.rank() != 3) return a.error(0, "a rank-3 value [P, M, K]", how);
    if (r.rank() != 3) return a.error(1, "a rank-3 value [P, K, N]", how);
    List<Axis> x = l.axes(), y = r.axes();
    if (!x.get(0).equals(y.get(0))) {
      return a.error(1, "the batch axis " + x.get(0) + " first, as the left side has", how);
    }
    if (!x.get(2).equals(y.get(1))) {
      boolean swapped = x.get(2).equals(y.get(2));
      return a.error(1, x.get(2) + " as its second axis (the left side has " + x.get(2) + " columns)",
          swapped ? "did you mean `bmm(" + a.text(0) + ", " + transposed(a.text(1)) + ")`? (on a rank-3 value `'` swaps the last two axes)" : how);
    }
    return new Shape(List.of(x.get(0), x.get(1), y.get(2)));
  }

  /** A reduction along the axis argument 1 names: the first argument without that axis (NumPy's keepdims=False). */
  static Shape withoutAxis(Arguments a) {
    Integer k = a.axis(1);
    if (k == null) return null;
    List<Axis> rest = new ArrayList<>(a.shape(0).axes());
    rest.remove((int) k);
    return rest.isEmpty() ? Shape.SCALAR : rest.size() == 1 ? Shape.matrix(rest.get(0), Axis.ONE) : new Shape(rest);
  }

  /** A function along the axis argument 1 names that keeps the first argument's shape (softmax_over). */
  static Shape alongAxis(Arguments a) {
    return a.axis(1) == null ? null : a.shape(0);
  }

  private static String transposed(String operand) {
    return operand.matches("[A-Za-z_][A-Za-z0-9_]*") ? operand + "'" : "(" + operand + ")'";
  }
}
