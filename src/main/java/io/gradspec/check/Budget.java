package io.gradspec.check;

import io.gradspec.expr.sema.TypedSpec.ClaimInfo;
import io.gradspec.expr.sema.TypedSpec;
import io.gradspec.expr.shape.Axis;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Method;
import java.util.List;
import java.util.Map;

/**
 * The cost of a claim, known before anything runs: each component of `wrt` costs two perturbed evaluations
 * (four with Richardson), in every trial of every dims map. A claim over {@link
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
      long cost = times(n, perComponent);
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
