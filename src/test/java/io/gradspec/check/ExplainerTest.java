package io.gradspec.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.TestSpecs;
import io.gradspec.report.ReasonWording;
import io.gradspec.result.ClaimResult;
import io.gradspec.result.Explanation;
import io.gradspec.result.Offender;
import io.gradspec.result.Status;
import io.gradspec.spec.Spec;
import org.junit.jupiter.api.Test;

/** {@code explain} judges a component by the checker's own comparison, so the two verdicts cannot drift. */
class ExplainerTest {
  @Test void everyOffenderTheCheckerReportsDisagreesWhenExplained() {
    Spec spec = TestSpecs.spec("""
        name: wrong diagonal
        dims: {N: 4}
        inputs: {x: [N]}
        define:
          y: x .* x
        claims:
          - {wrt: x, claim: "[i, j] -> delta(i, j) * x[i] + 0 * x[j]"}
        """);
    ClaimResult c = Checker.check(spec, CheckOptions.defaults()).claims().get(0);
    assertEquals(Status.FAILED, c.status());
    for (Offender o : c.offenders()) {
      Explanation e = Explainer.explain(spec, CheckOptions.defaults(), 0, 0, c.trial(), o.index());
      assertEquals(Explanation.Verdict.DISAGREES, e.verdict());
      assertEquals(o.claimed(), e.claimed());
      assertEquals(o.numeric(), e.numeric());
      assertEquals(o.tolerance(), e.tolerance());
    }
    Explanation off = Explainer.explain(spec, CheckOptions.defaults(), 0, 0, 0, new int[] {0, 1});
    assertEquals(Explanation.Verdict.AGREES, off.verdict());
  }

  @Test void aComponentSwampedInItsColumnIsInconclusiveInBoth() {
    Spec spec = TestSpecs.spec("""
        name: offset sum
        dims: {D: 3}
        inputs: {x: [D]}
        define:
          s: sum(x .* x) + 1e12
        claims:
          - {wrt: x, claim: x}
        """);
    ClaimResult c = Checker.check(spec, CheckOptions.defaults()).claims().get(0);
    assertEquals(Status.INCONCLUSIVE, c.status());
    Explanation e = Explainer.explain(spec, CheckOptions.defaults(), 0, 0, 0, c.inconclusiveReason().index());
    assertEquals(Explanation.Verdict.INCONCLUSIVE, e.verdict());
    assertEquals(c.inconclusiveReason().verdict(), e.why().verdict());
    assertTrue(ReasonWording.brief(e.why()).startsWith("round-off swamps the comparison"), ReasonWording.brief(e.why()));
  }
}
