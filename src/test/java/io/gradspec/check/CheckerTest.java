package io.gradspec.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.TestSpecs;
import io.gradspec.report.HintWording;
import io.gradspec.report.ReasonWording;
import io.gradspec.result.ClaimResult;
import io.gradspec.result.ErrorGrid;
import io.gradspec.result.SpecResult;
import io.gradspec.result.Status;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.Method;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checking rule of contract §3 and the verdicts of §4, both ways: right claims pass, wrong ones fail. */
class CheckerTest {
  private static final String LINEAR = """
      name: linear
      dims: {C: 3, D: 7}
      inputs: {W: [C, D], x: [D]}
      define:
        y: W * x
      claims:
        - {wrt: x, claim: W}
        - {wrt: W, claim: "[i, j, k] -> delta(i, j) * x[k]"}
        - {wrt: x, claim: W', layout: denominator}
      """;

  @Test void correctClaimsPass() {
    SpecResult r = TestSpecs.check(LINEAR);
    assertEquals(Status.PASSED, r.status());
    for (ClaimResult c : r.claims()) {
      assertEquals(Status.PASSED, c.status(), c.claimText());
      assertEquals(0, c.mismatches());
      assertTrue(c.maxAbsError() < 1e-8, "max error " + c.maxAbsError());
    }
    assertEquals(List.of(3, 7), r.claims().get(0).indexSpace());
    assertEquals(List.of(3, 3, 7), r.claims().get(1).indexSpace());
    assertEquals(List.of(7, 3), r.claims().get(2).indexSpace());
  }

  @Test void aWrongComponentIsPinpointed() {
    SpecResult r = TestSpecs.check(LINEAR.replace("claim: W}", "claim: \"[i, j] -> W[i, j] + delta(i, 1) * delta(j, 4)\"}"));
    ClaimResult c = r.claims().get(0);
    assertEquals(Status.FAILED, c.status());
    assertEquals(1, c.mismatches());
    assertEquals(21, c.components());
    assertArrayEquals(new int[] {1, 4}, c.offenders().get(0).index());
    assertEquals(1.0, c.offenders().get(0).absError(), 1e-8);
    assertEquals(0, c.trial());
  }

  @Test void aFailedClaimKeepsItsWholeErrorGrid() {
    SpecResult r = TestSpecs.check(LINEAR.replace("claim: W}", "claim: \"[i, j] -> W[i, j] + delta(i, 1) * delta(j, 4)\"}"));
    ErrorGrid g = r.claims().get(0).grid();
    assertNotNull(g);
    assertArrayEquals(new int[] {3, 7}, g.sizes());
    int over = 0;
    for (int f = 0; f < g.size(); f++) if (g.absError(f) > g.tolerance()[f]) over++;
    assertEquals(1, over);
    assertEquals(1.0, g.absError(1 * 7 + 4), 1e-6);
    assertNull(r.claims().get(1).grid(), "a passed claim keeps no grid");
  }

  @Test void theErrorGridKeepsTheSignOfClaimedMinusNumeric() {
    SpecResult r = TestSpecs.check(LINEAR.replace("claim: W}", "claim: \"[i, j] -> W[i, j] - delta(i, 1) * delta(j, 4)\"}"));
    ErrorGrid g = r.claims().get(0).grid();
    assertEquals(-1.0, g.error()[1 * 7 + 4], 1e-6, "claimed - numeric, for the signed map");
    assertEquals(-1.0, g.extreme()[1 * 7 + 4], 1e-6);
    assertFalse(g.downsampled());
  }

  @Test void aClaimAboveTheFullArraysLimitStillGetsADownsampledGrid() {
    // 1100 x 1100 = 1.21M components: above ClaimCheck.HINT_LIMIT, so no full arrays are kept; the
    // comparison itself keeps the grid's cells (each the max over a 9 x 9 block)
    SpecResult r = TestSpecs.check("""
        name: large
        dims: {N: 1100}
        inputs: {x: [N]}
        define:
          y: tanh(x)
        claims:
          - {wrt: x, claim: "[i, j] -> delta(i, j) * (1 - tanh(x[i]) * tanh(x[i])) + 0.5 * delta(i, 700) * delta(j, 3)"}
        """);
    ClaimResult c = r.claims().get(0);
    assertEquals(Status.FAILED, c.status());
    assertTrue(c.components() > ClaimCheck.HINT_LIMIT);
    ErrorGrid g = c.grid();
    assertNotNull(g, "a claim this large once got no grid, and so no heatmap");
    assertTrue(g.downsampled());
    assertTrue(g.size() <= ErrorGrid.MAX_CELLS, g.size() + " cells");
    assertArrayEquals(new int[] {1100, 1100}, g.space());
    int[] sizes = g.sizes();
    int worst = (700 / g.block()[0]) * sizes[1] + 3 / g.block()[1];
    assertEquals(0.5, g.error()[worst], 1e-6, "the block of the wrong component keeps its error");
    int over = 0;
    for (int i = 0; i < g.size(); i++) if (g.absError(i) > g.tolerance()[i]) over++;
    assertEquals(1, over, "every other block is within tolerance");
  }

  @Test void aWrongShapeClaimWhoseTransposeFitsKeepsTheTransposedComparisonsGrid() {
    SpecResult r = TestSpecs.check(LINEAR.replace("{wrt: x, claim: W}", "{wrt: x, claim: W'}")
        .replace("{wrt: x, claim: W', layout: denominator}", "{wrt: x, claim: 2 * W', layout: numerator}"));
    ErrorGrid fits = r.claims().get(0).grid();
    assertNotNull(fits, "the claim transposed is compared component by component");
    assertArrayEquals(new int[] {3, 7}, fits.sizes(), "in the derivative's index space");
    for (int i = 0; i < fits.size(); i++) assertTrue(fits.absError(i) <= fits.tolerance()[i], "W' transposed is W");
    ClaimResult doubled = r.claims().get(2);
    assertNotNull(doubled.shape());
    assertFalse(doubled.shape().transposeMatches());
    ErrorGrid g = doubled.grid();
    assertNotNull(g);
    int over = 0;
    for (int i = 0; i < g.size(); i++) if (g.absError(i) > g.tolerance()[i]) over++;
    assertTrue(over > 15, "2 W' transposed is 2 W, wrong wherever W is not 0: " + over);
  }

  @Test void indexBaseOneShiftsPrintedIndices() {
    SpecResult r = TestSpecs.check(("index-base: 1\n" + LINEAR)
        .replace("claim: W}", "claim: \"[i, j] -> W[i, j] + delta(i, 3) * delta(j, 7)\"}"));
    assertArrayEquals(new int[] {3, 7}, r.claims().get(0).offenders().get(0).index());
  }

  @Test void wrongShapeClaimFailsAndSaysTheTransposeFits() {
    SpecResult r = TestSpecs.check(LINEAR.replace("{wrt: x, claim: W}", "{wrt: x, claim: W'}"));
    ClaimResult c = r.claims().get(0);
    assertEquals(Status.FAILED, c.status());
    assertNotNull(c.shape());
    assertEquals(List.of(7, 3), c.shape().claimed());
    assertEquals(List.of(3, 7), c.shape().expected());
    assertTrue(c.shape().transposeFits());
    assertTrue(c.shape().transposeMatches());
    assertEquals(21, c.mismatches());
    assertTrue(c.offenders().isEmpty());
    assertTrue(HintWording.lines(c).get(0).contains("did you mean `layout: denominator`"), HintWording.lines(c).toString());
  }

  @Test void expectFailGivesXfailedAndXpassed() {
    SpecResult r = TestSpecs.check(LINEAR.replace("{wrt: x, claim: W}", "{wrt: x, claim: -W, expect: fail}")
        .replace("{wrt: x, claim: W', layout: denominator}", "{wrt: x, claim: W', layout: denominator, expect: fail}"));
    assertEquals(Status.XFAILED, r.claims().get(0).status());
    assertEquals(Status.XPASSED, r.claims().get(2).status());
    assertEquals(Status.FAILED, r.status());
  }

  @Test void nonFiniteValuesAreInconclusive() {
    SpecResult r = TestSpecs.check("""
        name: logs
        dims: {D: 4}
        inputs: {x: [D]}
        define:
          f: sum(log(x))
        claims:
          - {wrt: x, claim: 1 ./ x}
        """);
    ClaimResult c = r.claims().get(0);
    assertEquals(Status.INCONCLUSIVE, c.status());
    assertNotNull(c.inconclusiveReason());
    assertTrue(ReasonWording.text(c.inconclusiveReason()).contains("NaN"), ReasonWording.text(c.inconclusiveReason()));
    assertEquals(Status.INCONCLUSIVE, r.status());
  }

  @Test void wrtADefinitionHoldsItFree() {
    SpecResult r = TestSpecs.check("""
        name: chain
        dims: {C: 3, M: 4, D: 5}
        inputs: {V: [C, M], W: [M, D], x: [D]}
        define:
          m: W * x
          y: V * m
        claims:
          - {of: y, wrt: m, claim: V}
          - {of: m, wrt: x, claim: W}
          - {of: y, wrt: x, claim: V * W}
          - {of: y, wrt: m, claim: V * W, expect: fail}
        """);
    for (ClaimResult c : r.claims()) assertTrue(c.status() == Status.PASSED || c.status() == Status.XFAILED, c.claimText());
    assertEquals(Status.XFAILED, r.claims().get(3).status());
  }

  @Test void dimsListChecksEveryMapAndReportsTheFirstFailure() {
    SpecResult r = TestSpecs.check("""
        name: dl
        dims: [{N: 1}, {N: 3}]
        inputs: {A: [N, N]}
        define:
          f: trace(A * A)
        claims:
          - {wrt: A, claim: 2 * A'}
          - {wrt: A, claim: 2 * A, expect: fail}
        """);
    assertEquals(Status.XFAILED, r.claims().get(1).status(), "A = A' only when N = 1");
    assertEquals(Map.of("N", 3), r.claims().get(1).dims());
    assertEquals(Status.PASSED, r.claims().get(0).status());
  }

  @Test void richardsonIsReportedAndPasses() {
    SpecResult r = TestSpecs.check(LINEAR, new CheckSettings(null, null, Method.RICHARDSON, null, null, null));
    assertEquals(Status.PASSED, r.status());
    assertEquals("richardson", r.claims().get(0).method());
  }

  @Test void sameSeedSameNumbersDifferentSeedDifferentNumbers() {
    String wrong = LINEAR.replace("claim: W}", "claim: W .* 1.5}");
    ClaimResult a = TestSpecs.check(wrong).claims().get(0);
    ClaimResult b = TestSpecs.check(wrong).claims().get(0);
    ClaimResult c = TestSpecs.check(wrong, new CheckSettings(null, 7L, null, null, null, null)).claims().get(0);
    assertEquals(a.offenders().get(0).claimed(), b.offenders().get(0).claimed());
    assertTrue(a.offenders().get(0).claimed() != c.offenders().get(0).claimed());
  }

  @Test void runtimeIndexOutOfRangeIsASpecError() {
    SpecResult r = TestSpecs.check("""
        name: oob
        dims: {D: 3}
        inputs: {x: [D]}
        define:
          y: "[i: D] -> x[i + 1]"
        claims:
          - {wrt: x, claim: eye(D)}
        """);
    assertEquals(Status.ERROR, r.status());
    assertEquals("eval", r.error().diagnostic().code());
    assertNull(r.claims().isEmpty() ? null : r.claims());
  }

  @Test void claimToleranceOverridesSpecAndCliOverridesBoth() {
    String s = LINEAR.replace("claim: W}", "claim: W .* 1.001, rtol: 0.01}");
    assertEquals(Status.PASSED, TestSpecs.check(s).claims().get(0).status());
    assertEquals(Status.FAILED, TestSpecs.check(s, new CheckSettings(null, null, null, null, 1e-5, null)).claims().get(0).status());
  }
}
