package io.gradspec.expr.eval;

import io.gradspec.expr.sema.TypedSpec.DimRef;
import io.gradspec.expr.sema.TypedSpec.IndexRef;
import io.gradspec.expr.syntax.Expr;
import java.util.List;

/**
 * What {@link ElementBytecode} needs to know about an element-level body before writing it: which parts
 * call out to closures (their loops must keep the environment current), which loop, and the range of
 * each integer index expression (to run it in int, and to drop the checks an axis makes needless).
 */
final class ElementAnalysis {
  /** Index arithmetic beyond this magnitude runs in double, as the closures do; within it, in int (no overflow). */
  private static final long EXACT = 1L << 30;
  private static final List<String> INLINE = List.of("if", "where", "delta", "maximum", "minimum");

  private final Compilation c;

  ElementAnalysis(Compilation c) { this.c = c; }

  /** Whether {@code e} is a call this class leaves to a closure, or contains one: its loops keep the environment current. */
  boolean callsOut(Expr e) {
    if (c.t.isHoisted(e)) return false;
    if (e instanceof Expr.Call call && !INLINE.contains(call.name())) return true;
    return children(e).stream().anyMatch(this::callsOut);
  }

  boolean loops(Expr e) {
    if (c.t.isHoisted(e)) return false;
    return e instanceof Expr.Sum || children(e).stream().anyMatch(this::loops);
  }

  static List<Expr> children(Expr e) {
    if (e instanceof Expr.Unary u) return List.of(u.operand());
    if (e instanceof Expr.Transpose t) return List.of(t.operand());
    if (e instanceof Expr.Binary b) return List.of(b.left(), b.right());
    if (e instanceof Expr.Sum s) return List.of(s.body());
    if (e instanceof Expr.Call call) return call.args();
    if (e instanceof Expr.Access a) return a.indices();
    return List.of();
  }

  /**
   * The range [lo, hi] of an integer index expression (index variables, integer literals, dims, + - *), or
   * null when it is not one or could leave the doubles' exact integers: then it runs in double.
   */
  long[] range(Expr e) {
    if (e instanceof Expr.Num n) {
      double v = n.value();
      return v == Math.rint(v) && Math.abs(v) < EXACT ? new long[] {(long) v, (long) v} : null;
    }
    Integer dim = dim(e);
    if (dim != null) return dim < EXACT ? new long[] {dim, dim} : null;
    if (e instanceof Expr.Name && c.t.refs.get(e) instanceof IndexRef ref) {
      long n = ref.slot().range.size(c.dims);
      return c.base + n - 1 < EXACT ? new long[] {c.base, c.base + n - 1} : null;
    }
    if (e instanceof Expr.Transpose t) return range(t.operand());
    if (e instanceof Expr.Unary u) { long[] a = range(u.operand()); return a == null ? null : new long[] {-a[1], -a[0]}; }
    if (!(e instanceof Expr.Binary b)) return null;
    long[] a = range(b.left()), z = range(b.right());
    if (a == null || z == null) return null;
    long[] out = switch (b.op()) {
      case ADD -> new long[] {a[0] + z[0], a[1] + z[1]};
      case SUB -> new long[] {a[0] - z[1], a[1] - z[0]};
      case MUL, EMUL -> {
        long p = a[0] * z[0], q = a[0] * z[1], r = a[1] * z[0], s = a[1] * z[1];
        yield new long[] {Math.min(Math.min(p, q), Math.min(r, s)), Math.max(Math.max(p, q), Math.max(r, s))};
      }
      default -> null;
    };
    return out == null || Math.abs(out[0]) >= EXACT || Math.abs(out[1]) >= EXACT ? null : out;
  }

  /** The slots of the index variables {@code body} reads but does not loop over, in order. */
  java.util.SortedSet<Integer> outerSlots(Expr body) {
    java.util.SortedSet<Integer> used = new java.util.TreeSet<>();
    java.util.Set<Integer> looped = new java.util.HashSet<>();
    java.util.ArrayDeque<Expr> todo = new java.util.ArrayDeque<>(List.of(body));
    while (!todo.isEmpty()) {
      Expr e = todo.pop();
      if (c.t.isHoisted(e)) continue;
      if (e instanceof Expr.Name && c.t.refs.get(e) instanceof IndexRef ref) used.add(ref.slot().slot);
      if (e instanceof Expr.Sum s) looped.add(c.t.sumSlots.get(s).slot);
      todo.addAll(children(e));
    }
    used.removeAll(looped);
    return used;
  }

  /** The value of {@code e} when it names a dim (a constant of the compilation), else null. */
  Integer dim(Expr e) {
    return e instanceof Expr.Name && c.t.refs.get(e) instanceof DimRef d ? c.dims.get(d.symbol()) : null;
  }
}
