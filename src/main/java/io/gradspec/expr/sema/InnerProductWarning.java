package io.gradspec.expr.sema;

import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.shape.Shape;
import io.gradspec.expr.syntax.BinaryOp;
import io.gradspec.expr.syntax.Expr;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Diagnostics;

/**
 * {@code diag(s) - s' * s}: an inner product {@code v' * v} is 1 x 1, so added to or subtracted from a
 * matrix it is broadcast over every entry, with no shape error to say so; the outer product {@code v * v'}
 * was almost always meant. A warning, not an error: the spec still runs, and writing the number as
 * {@code dot(v, v)} says it is meant.
 */
public final class InnerProductWarning {
  private InnerProductWarning() {}

  /** Warns when one side of {@code e} (a + or -) is {@code v' * v} and the other a matrix of two axes. */
  static void check(Expr.Binary e, Shape l, Shape r, Diagnostics diags) {
    if (e.op() != BinaryOp.ADD && e.op() != BinaryOp.SUB) return;
    warn(e.left(), r, diags);
    warn(e.right(), l, diags);
  }

  /** {@code v' * v} as written: the same operand on both sides of {@code *}, transposed on the left. */
  public static boolean isInnerProduct(Expr.Binary p) {
    return p.op() == BinaryOp.MUL && p.left() instanceof Expr.Transpose t
        && ShapeChecker.text(t.operand()).equals(ShapeChecker.text(p.right()));
  }

  private static void warn(Expr side, Shape other, Diagnostics diags) {
    if (!(side instanceof Expr.Binary p) || !isInnerProduct(p)) return;
    String v = ShapeChecker.text(p.right());
    if (other.rank() != 2 || other.rows().equals(Axis.ONE) || other.cols().equals(Axis.ONE)) return;
    String product = ShapeChecker.text(p);
    diags.add(Diagnostic.warning("inner-product", p.span(), "`" + product + "` is 1 x 1 here, so it is broadcast over every"
            + " entry of the " + other + " matrix")
        .withLabel("1 x 1 (an inner product)")
        .withHelp("for the outer product write `" + v + " * " + v + "'`; for the number, `dot(" + v + ", " + v
            + ")` says so"));
  }
}
