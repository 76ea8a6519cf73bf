package io.gradspec.check;

import io.gradspec.expr.sema.TypedSpec.ClaimInfo;
import io.gradspec.expr.sema.TypedSpec;
import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.syntax.Expr;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Method;
import java.util.List;
import java.util.Map;

/**
 * The cost of a claim, known before anything runs: each component of `wrt` costs two perturbed evaluations
 * (four with Richardson), a Hessian's 2n + 1, in every trial of every dims map. A claim over {@link
 * io.gradspec.spec.Limits#maxEvaluations()} is refused at once, not after hours.
 */
final class Budget {
  private Budget() {}

  /** Perturbed evaluations of one claim over all dims maps and trials (saturates at Long.MAX_VALUE). */
  static long evaluations(ClaimInfo claim, List<Map<String, Integer>> dimsMaps, CheckSettings s) {
    long perComponent = 2L * s.trials() * (s.method() == Method.RICHARDSON ? 2 : 1);
    long total = 0;
    for (Map<String, Integer> dims : dimsMaps) {
      long n = 1;
      for (Axis a : claim.wrtSpace()) n = times(n, a.size(dims));
      // a Hessian's column k is one evaluation of the complex form and two perturbed ones per component
      long cost = claim.decl().hessian() ? times(times(n, plus(times(n, 2), 1)), s.trials()) : times(n, perComponent);
      total = total > Long.MAX_VALUE - cost ? Long.MAX_VALUE : total + cost;
    }
    return total;
  }

  private static long times(long a, long b) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * The terms one evaluation of an index formula computes: its elements times the terms of its body, where
   * a sum's terms are its range times its body's (saturating). Matrix expressions cost about their elements
   * and are bounded by --max-elements already.
   */
  static long terms(Expr e, TypedSpec t, Map<String, Integer> dims) {
    if (e instanceof Expr.Sum s) {
      TypedSpec.IndexSlot slot = t.sumSlots.get(s);
      long range = slot == null || slot.range == null ? 1 : Math.max(1, slot.range.size(dims));
      return times(range, terms(s.body(), t, dims));
    }
    long n = 1;
    if (e instanceof Expr.Unary u) n = plus(n, terms(u.operand(), t, dims));
    else if (e instanceof Expr.Binary b) n = plus(n, plus(terms(b.left(), t, dims), terms(b.right(), t, dims)));
    else if (e instanceof Expr.Transpose tr) n = plus(n, terms(tr.operand(), t, dims));
    else if (e instanceof Expr.Access a) {
      n = plus(n, terms(a.target(), t, dims));
      for (Expr i : a.indices()) n = plus(n, terms(i, t, dims));
    } else if (e instanceof Expr.Call c) {
      for (Expr a : c.args()) n = plus(n, terms(a, t, dims));
    }
    return n;
  }

  private static long plus(long a, long b) { return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b; }

  /**
   * The first index formula (a definition's or a claim's) whose one evaluation computes more than
   * {@code max} terms, as an error at it; null when all fit. The timeout is polled between columns, so
   * four nested sums over 1000 would otherwise run for hours under any --timeout.
   */
  static Diagnostic terms(TypedSpec typed, List<Map<String, Integer>> dimsMaps, long max) {
    for (Map<String, Integer> dims : dimsMaps) {
      for (TypedSpec.DefInfo d : typed.defines.values()) {
        long n = cost(d.entry(), d.shape().count(dims), typed, dims);
        if (n > max) return tooMany(d.entry().span(), "definition `" + d.def().name().value() + "`", n, max, dims);
      }
      for (ClaimInfo c : typed.claims) {
        if (c.entry() == null || c.program() != null) continue;
        long n = cost(c.entry(), c.space().components(dims), typed, dims);
        if (n > max) return tooMany(c.entry().span(), "claim d " + c.of() + " / d " + c.wrt(), n, max, dims);
      }
    }
    return null;
  }

  /** An index formula: its elements times its body's terms; an expression: its terms (sums in it are scalars). */
  private static long cost(io.gradspec.expr.syntax.Entry e, long elements, TypedSpec t, Map<String, Integer> dims) {
    return e.isFormula() ? times(Math.max(1, elements), terms(e.formula().body(), t, dims)) : terms(e.expr(), t, dims);
  }

  private static Diagnostic tooMany(io.gradspec.spec.Span at, String what, long n, long max, Map<String, Integer> dims) {
    return Diagnostic.error("limit", at, what + " computes " + (n == Long.MAX_VALUE ? "more than 9.2e18" : n)
            + " terms of sums in one evaluation, more than the limit of " + max)
        .withLabel("elements times the ranges of nested sums, under dims " + dims)
        .withHelp("use smaller dims, write the sum as a matrix product, or raise the limit with `--max-terms`");
  }

  /** The first claim over the budget as an error at its `wrt`, or null when every claim fits. */
  static Diagnostic check(TypedSpec typed, List<Map<String, Integer>> dimsMaps, CheckSettings s, long max) {
    for (ClaimInfo c : typed.claims) {
      long n = evaluations(c, dimsMaps, s);
      if (n <= max) continue;
      return Diagnostic.error("limit", c.decl().wrt().span(), "claim d " + c.of() + " / d " + c.wrt() + " needs "
              + n + " perturbed evaluations, more than the limit of " + max)
          .withLabel("2 evaluations per component of `" + c.wrt() + "`, per trial and dims map")
          .withHelp("use fewer trials or smaller dims, or raise the limit with `--max-evaluations`");
    }
    return null;
  }
}
