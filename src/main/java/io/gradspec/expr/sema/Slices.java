package io.gradspec.expr.sema;

import static io.gradspec.expr.sema.ShapeChecker.text;

import io.gradspec.expr.sema.TypedSpec.DimRef;
import io.gradspec.expr.sema.TypedSpec.SliceInfo;
import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.shape.Shape;
import io.gradspec.expr.syntax.BinaryOp;
import io.gradspec.expr.syntax.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * The typing of a slice access {@code A[a:b, :]} (format 1.2): bounds are numbers or dimension expressions
 * (so that its shape is known symbolically: {@code x[1:N]} has length {@code N-1}), in the spec's index
 * base, the end excluded as in Python; a plain index among them picks one row or column.
 */
final class Slices {
  private final Analysis an;
  private final ExprTyper typer;

  Slices(Analysis an, ExprTyper typer) {
    this.an = an;
    this.typer = typer;
  }

  static boolean isSlice(Expr.Access e) {
    for (Expr i : e.indices()) if (i instanceof Expr.Range) return true;
    return false;
  }

  Shape type(Expr.Access e) {
    Shape t = typer.type(e.target());
    if (t == null) return null;
    if (!typer.requireMatrix(t, e.target(), "a slice")) return null;
    List<Axis> space = t.indexSpace();
    if (space.size() != e.indices().size()) {
      an.error("index-count", e.span(), "`" + text(e.target()) + "` has an index space of rank " + space.size() + ", but "
          + e.indices().size() + " indices are given", e.indices().size() + " indices",
          "a slice gives one index or `from:to` per axis of the index space " + Shape.spaceString(space));
      return null;
    }
    long base = an.spec.indexBase();
    List<Axis> from = new ArrayList<>(), length = new ArrayList<>();
    List<Boolean> kept = new ArrayList<>();
    for (int k = 0; k < space.size(); k++) {
      Expr i = e.indices().get(k);
      if (i instanceof Expr.Range r) {
        Axis a = r.from() == null ? Axis.literal(base) : position(r.from());
        Axis b = r.to() == null ? Axis.sum(space.get(k), Axis.literal(base)) : position(r.to());
        if (a == null || b == null) return null;
        Axis len = Axis.difference(b, a);
        if (len.isLiteral() && len.literalValue() < 1) {
          an.error("shape", r.span(), "the slice `" + text(r) + "` is empty", "length " + len,
              "`from:to` takes from <= k < to, the end excluded as in Python");
          return null;
        }
        from.add(Axis.difference(a, Axis.literal(base)));
        length.add(len);
        kept.add(true);
      } else {
        Axis a = position(i);
        if (a == null) return null;
        from.add(Axis.difference(a, Axis.literal(base)));
        length.add(Axis.ONE);
        kept.add(false);
      }
    }
    an.slices.put(e, new SliceInfo(from, length, kept));
    if (space.size() == 1) {
      Axis n = kept.get(0) ? length.get(0) : Axis.ONE;
      return t.rows().isOne() ? Shape.matrix(Axis.ONE, n) : Shape.matrix(n, Axis.ONE);
    }
    return Shape.matrix(kept.get(0) ? length.get(0) : Axis.ONE, kept.get(1) ? length.get(1) : Axis.ONE);
  }

  /** A slice bound or a fixed index: a whole number, a dimension symbol, or `+ - *` of them. */
  private Axis position(Expr e) {
    an.shapes.put(e, Shape.SCALAR);
    if (e instanceof Expr.Num n && n.value() >= 0 && n.value() == Math.rint(n.value()) && n.value() < 1e9) {
      return Axis.literal((long) n.value());
    }
    if (e instanceof Expr.Name n && an.dimSymbols.contains(n.name())) {
      an.refs.put(n, new DimRef(n.name()));
      return Axis.of(n.name());
    }
    if (e instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB || b.op() == BinaryOp.MUL)) {
      Axis l = position(b.left());
      if (l == null) return null;
      Axis r = position(b.right());
      if (r == null) return null;
      return b.op() == BinaryOp.ADD ? Axis.sum(l, r) : b.op() == BinaryOp.SUB ? Axis.difference(l, r) : Axis.product(l, r);
    }
    an.error("shape", e.span(), "a slice bound must be a number or a dimension expression, found `" + text(e) + "`",
        "not known before the spec runs", "slices have shapes known symbolically: write bounds like `0`, `N`, `N-1`, `2*K`");
    return null;
  }
}
