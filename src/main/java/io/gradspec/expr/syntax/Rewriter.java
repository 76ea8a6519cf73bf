package io.gradspec.expr.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites a tree bottom-up: every node is rebuilt from its rewritten children, so this class as it stands
 * copies a tree, and a subclass overrides only the nodes it changes (calling {@code super} to descend).
 * Rebuilt nodes keep their spans; a node a subclass makes up takes the span of the node it replaces.
 */
public class Rewriter implements Expr.Visitor<Expr> {
  /** The rewritten expression. */
  public final Expr rewrite(Expr e) { return e.accept(this); }

  /** An entry with its expression rewritten, or an index formula with its body rewritten (its indices kept). */
  public final Entry rewrite(Entry e) {
    if (!e.isFormula()) return Entry.of(rewrite(e.expr()));
    IndexFormula f = e.formula();
    return Entry.of(new IndexFormula(f.indices(), rewrite(f.body()), f.span()));
  }

  @Override public Expr visitNum(Expr.Num e) { return e; }

  @Override public Expr visitName(Expr.Name e) { return e; }

  @Override public Expr visitUnary(Expr.Unary e) { return new Expr.Unary(rewrite(e.operand()), e.span()); }

  @Override public Expr visitBinary(Expr.Binary e) {
    return new Expr.Binary(e.op(), rewrite(e.left()), rewrite(e.right()), e.opSpan(), e.span());
  }

  @Override public Expr visitTranspose(Expr.Transpose e) { return new Expr.Transpose(rewrite(e.operand()), e.span()); }

  @Override public Expr visitAccess(Expr.Access e) {
    return new Expr.Access(rewrite(e.target()), rewriteAll(e.indices()), e.span());
  }

  @Override public Expr visitCall(Expr.Call e) {
    return new Expr.Call(e.name(), e.nameSpan(), rewriteAll(e.args()), e.span());
  }

  @Override public Expr visitSum(Expr.Sum e) { return new Expr.Sum(e.index(), rewrite(e.body()), e.span()); }

  @Override public Expr visitRange(Expr.Range e) {
    return new Expr.Range(e.from() == null ? null : rewrite(e.from()), e.to() == null ? null : rewrite(e.to()), e.span());
  }

  /** Each of {@code items}, rewritten, in order. */
  protected final List<Expr> rewriteAll(List<Expr> items) {
    List<Expr> out = new ArrayList<>(items.size());
    for (Expr x : items) out.add(rewrite(x));
    return out;
  }
}
