package io.gradspec.check.hint;

import io.gradspec.expr.sema.InnerProductWarning;
import io.gradspec.expr.syntax.BinaryOp;
import io.gradspec.expr.syntax.Entry;
import io.gradspec.expr.syntax.Expr;
import io.gradspec.expr.syntax.Printer;
import io.gradspec.expr.syntax.Rewriter;
import io.gradspec.result.Hint;
import java.util.ArrayList;
import java.util.List;

/**
 * One operator slipped: a chain rule multiplied in the wrong order ({@code W * V} for {@code V * W}; matrix
 * products do not commute, and with square factors the wrong order has the right shape), or a sign slip
 * inside a term ({@code s .* (1 + s)} for {@code s .* (1 - s)}, where only "the diagonal is wrong" could be
 * said otherwise). The candidates are the claim with one product's factors swapped, then with one sum's
 * {@code +} and {@code -} exchanged; nothing in the arrays tells them apart, so each is re-checked and only
 * one that passes is offered (HintFinder).
 */
final class FactorOrder {
  private FactorOrder() {}

  /** At most this many products are tried: each candidate costs one re-check of the claim. */
  static final int MAX_CANDIDATES = 6;
  /** Nor above this many components, where a re-check is a whole check again. */
  static final long MAX_COMPONENTS = 1 << 16;

  /** The candidates, one per matrix product of the claim (outermost first); null when there is none. */
  static List<Hint> candidates(ClaimArrays a) {
    Entry claim = a.info().entry();
    if (claim == null || a.size() > MAX_COMPONENTS) return null;
    List<Expr.Binary> products = new ArrayList<>();
    collect(claim.isFormula() ? claim.formula().body() : claim.expr(), products);
    List<Hint> out = new ArrayList<>();
    for (Expr.Binary p : products) {
      if (out.size() == MAX_CANDIDATES) break;
      Expr.Binary changed = p.op() == BinaryOp.MUL ? new Expr.Binary(BinaryOp.MUL, p.right(), p.left(), p.opSpan(), p.span())
          : new Expr.Binary(p.op() == BinaryOp.ADD ? BinaryOp.SUB : BinaryOp.ADD, p.left(), p.right(), p.opSpan(), p.span());
      Entry fixed = new Rewriter() {
        @Override public Expr visitBinary(Expr.Binary e) {
          return e == p ? changed : super.visitBinary(e);
        }
      }.rewrite(claim);
      List<Hint.Fix> fix = List.of(new Hint.Fix(fixed, null, false));
      String was = Printer.print(Entry.of(p));
      out.add(p.op() == BinaryOp.MUL ? Hint.factorsSwapped(was, InnerProductWarning.isInnerProduct(p), a.size(), fix)
          : Hint.signFlipped(was, a.size(), fix));
    }
    return out.isEmpty() ? null : out;
  }

  /** Products of two non-numbers, outermost first, then sums and differences, outermost first. */
  private static void collect(Expr e, List<Expr.Binary> out) {
    List<Expr.Binary> sums = new ArrayList<>();
    new Rewriter() {
      @Override public Expr visitBinary(Expr.Binary b) {
        if (b.op() == BinaryOp.MUL && !(b.left() instanceof Expr.Num) && !(b.right() instanceof Expr.Num)) out.add(b);
        if (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB) sums.add(b);
        return super.visitBinary(b);
      }
    }.rewrite(Entry.of(e));
    out.addAll(sums);
  }
}
