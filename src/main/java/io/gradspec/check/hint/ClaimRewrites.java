package io.gradspec.check.hint;

import io.gradspec.expr.syntax.BinaryOp;
import io.gradspec.expr.syntax.Entry;
import io.gradspec.expr.syntax.Expr;
import io.gradspec.expr.syntax.IndexFormula;
import io.gradspec.expr.syntax.IndexVar;
import io.gradspec.expr.syntax.Rewriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The corrections hints suggest, as rewritten claims: each takes the claim's tree and returns the tree of
 * the corrected claim (an index formula keeps its indices; its body is rewritten).
 */
final class ClaimRewrites {
  private ClaimRewrites() {}

  /** {@code -body}. */
  static Entry negated(Entry claim) {
    return mapBody(claim, b -> new Expr.Unary(b, b.span()));
  }

  /**
   * The claim times {@code factor}: {@code k * body} for an integer k, {@code body / k} when factor is 1/k,
   * else the factor to 3 significant digits.
   */
  static Entry scaled(Entry claim, double factor) {
    return mapBody(claim, b -> {
      // a numeric factor already in the claim takes the new one: `(2 * x * x') / 2` is printed `x * x'`
      Expr folded = folded(b, factor);
      if (folded != null) return folded;
      long k = Math.round(factor);
      if (Math.abs(factor - k) < 1e-6 * Math.max(1, Math.abs(factor))) return times(num(k, b), b);
      long inv = Math.round(1 / factor);
      if (inv != 0 && Math.abs(1 / factor - inv) < 1e-6 * Math.abs(1 / factor)) {
        Expr divided = new Expr.Binary(BinaryOp.DIV, b, num(Math.abs(inv), b), b.span(), b.span());
        return inv < 0 ? new Expr.Unary(divided, b.span()) : divided;
      }
      String text = String.format(Locale.ROOT, "%.3g", factor);
      return times(new Expr.Num(Double.parseDouble(text), text, b.span()), b);
    });
  }

  /**
   * {@code e} times {@code factor} with the factor merged into a number on the left spine of {@code e}'s
   * product (or into a division by a number, or through a minus), when the merged number is an integer or
   * the reciprocal of one; null when there is no such number or the result would not be a short number.
   */
  static Expr folded(Expr e, double factor) {
    if (e instanceof Expr.Num n) return number(n.value() * factor, e);
    if (e instanceof Expr.Unary u) return folded(u.operand(), -factor);
    if (!(e instanceof Expr.Binary b)) return null;
    if (b.op() == BinaryOp.MUL) {
      if (b.left() instanceof Expr.Num n) {
        Expr k = number(n.value() * factor, n);
        if (k == null) return null;
        if (k instanceof Expr.Num one && one.value() == 1) return b.right();
        return k instanceof Expr.Num ? new Expr.Binary(BinaryOp.MUL, k, b.right(), b.opSpan(), b.span())
            : divided(b.right(), k);
      }
      Expr left = folded(b.left(), factor);
      return left == null ? null : new Expr.Binary(BinaryOp.MUL, left, b.right(), b.opSpan(), b.span());
    }
    if (b.op() == BinaryOp.DIV && b.right() instanceof Expr.Num d && d.value() != 0) {
      double k = factor / d.value();
      if (Math.abs(k - 1) < 1e-12) return b.left();
      Expr left = folded(b.left(), k);
      if (left != null) return left;
      Expr n = number(k, b);
      if (n == null) return null;
      return n instanceof Expr.Num ? new Expr.Binary(BinaryOp.MUL, n, b.left(), b.opSpan(), b.span()) : divided(b.left(), n);
    }
    return null;
  }

  /**
   * {@code v} as a short number: an integer as itself, 1/k as the marker {@code Unary(Num k)} that
   * {@link #divided} turns into a division; null otherwise.
   */
  private static Expr number(double v, Expr at) {
    long k = Math.round(v);
    if (k != 0 && Math.abs(v - k) < 1e-9 * Math.abs(v)) return k < 0 ? null : num(k, at);
    if (v == 0) return null;
    long inv = Math.round(1 / v);
    if (inv > 0 && Math.abs(1 / v - inv) < 1e-9 * Math.abs(1 / v)) return new Expr.Unary(num(inv, at), at.span());
    return null;
  }

  private static Expr divided(Expr e, Expr reciprocal) {
    Expr k = ((Expr.Unary) reciprocal).operand();
    return new Expr.Binary(BinaryOp.DIV, e, k, e.span(), e.span());
  }

  /** Every use of the input matrix {@code m} (not already transposed) replaced by {@code (m + m')}. */
  static Entry symmetrized(Entry claim, String m) {
    return new Rewriter() {
      @Override public Expr visitName(Expr.Name e) {
        if (!e.name().equals(m)) return e;
        return new Expr.Binary(BinaryOp.ADD, e, new Expr.Transpose(e, e.span()), e.span(), e.span());
      }

      @Override public Expr visitTranspose(Expr.Transpose e) {
        return e.operand() instanceof Expr.Name n && n.name().equals(m) ? e : super.visitTranspose(e);
      }
    }.rewrite(claim);
  }

  /**
   * For {@code [i, j, k] -> body} and a permutation p of its axes under which it matches: the formula with
   * the same header whose body reads the axes in the derivative's order; null for an expression claim or
   * a header of another length.
   */
  static Entry permuted(Entry claim, int[] p) {
    if (!claim.isFormula() || claim.formula().indices().size() != p.length) return null;
    List<IndexVar> header = claim.formula().indices();
    String[] out = new String[p.length];
    for (int a = 0; a < p.length; a++) out[p[a]] = header.get(a).name();
    // rename so the header reads as written ([i, j, k]) and the body follows
    Map<String, String> rename = new HashMap<>();
    for (int q = 0; q < p.length; q++) rename.put(out[q], header.get(q).name());
    IndexFormula f = claim.formula();
    return Entry.of(new IndexFormula(f.indices(), renamed(f.body(), rename), f.span()));
  }

  /** An expression claim transposed: {@code W'} becomes {@code W}, anything else gets a {@code '}; null for a formula. */
  static Entry transposed(Entry claim) {
    if (claim.isFormula()) return null;
    Expr e = claim.expr();
    // a transposed claim loses its transpose: `(((1 - y .^ 2) .* W)')'` is printed `(1 - y .^ 2) .* W`
    if (e instanceof Expr.Transpose t) return Entry.of(t.operand());
    return Entry.of(new Expr.Transpose(e, e.span()));
  }

  /** The expression with index names replaced (a `sum` that rebinds a name stops the renaming below it). */
  static Expr renamed(Expr e, Map<String, String> map) {
    return new Rewriter() {
      @Override public Expr visitName(Expr.Name n) { return new Expr.Name(map.getOrDefault(n.name(), n.name()), n.span()); }

      @Override public Expr visitSum(Expr.Sum s) {
        Map<String, String> inner = new HashMap<>(map);
        inner.remove(s.index().name());
        return new Expr.Sum(s.index(), renamed(s.body(), inner), s.span());
      }
    }.rewrite(e);
  }

  private static Entry mapBody(Entry claim, java.util.function.UnaryOperator<Expr> f) {
    if (!claim.isFormula()) return Entry.of(f.apply(claim.expr()));
    IndexFormula formula = claim.formula();
    return Entry.of(new IndexFormula(formula.indices(), f.apply(formula.body()), formula.span()));
  }

  private static Expr times(Expr factor, Expr b) {
    return new Expr.Binary(BinaryOp.MUL, factor, b, b.span(), b.span());
  }

  private static Expr num(long k, Expr at) {
    return new Expr.Num(k, Long.toString(k), at.span());
  }
}
