package io.gradspec.harden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.TestSpecs;
import io.gradspec.check.CheckOptions;
import io.gradspec.check.Checker;
import io.gradspec.check.Mode;
import io.gradspec.report.ReasonWording;
import io.gradspec.result.ClaimResult;
import io.gradspec.result.SpecResult;
import io.gradspec.result.Status;
import io.gradspec.result.Tolerance;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The adversarial run's critical and high findings on verdicts (issue 14, items 1, 2 and 4): a NaN, an
 * overflowing bound or a round-off bound that swamps the values compared never makes a wrong claim pass,
 * in full or in fast mode; each is inconclusive with a reason, or refused where it is read.
 */
class NeverFalsePassTest {
  private static final String EXP = """
      name: exp
      dims: {D: 3}
      inputs: {x: [D]}
      define:
        y: exp(x)
      claims:
        - {wrt: x, claim: -42 * eye(D)}
      """;

  private static SpecResult run(String yaml, CheckSettings explicit, Mode mode) {
    return Checker.check(TestSpecs.spec(yaml), CheckOptions.builder().explicit(explicit).mode(mode).build());
  }

  private static CheckSettings step(double h) {
    return new CheckSettings(null, null, null, h, null, null);
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, names = {"FULL", "FAST"})
  void aStepThatRoundsAwayIsInconclusiveNeverAPass(Mode mode) {
    // what `check: {step: 1e-300}` did before the spec reader refused it: 0/0 agreed with anything
    ClaimResult c = run(EXP, step(1e-300), mode).claims().get(0);
    assertEquals(Status.INCONCLUSIVE, c.status(), c.toString());
    String reason = ReasonWording.text(c.inconclusiveReason());
    assertTrue(reason.startsWith("the step rounds to 0 at x[0] = "), reason);
    assertTrue(reason.contains("nothing was perturbed"), reason);
  }

  @Test
  void aStepThatRoundsAwayWithRichardsonIsInconclusive() {
    CheckSettings s = new CheckSettings(null, null, Method.RICHARDSON, 1e-300, null, null);
    ClaimResult c = run(EXP, s, Mode.FULL).claims().get(0);
    assertEquals(Status.INCONCLUSIVE, c.status(), c.toString());
  }

  @Test
  void aTinyStepInTheSpecIsRefusedWhereItIsWritten() {
    var errors = TestSpecs.errorsOnLoad(EXP + "check: {step: 1e-300}\n");
    assertEquals(1, errors.size(), errors.toString());
    assertEquals("bad-value", errors.get(0).code());
    assertTrue(errors.get(0).message().contains("at least 2.2e-16"), errors.get(0).message());
    assertEquals(8, errors.get(0).line());
  }

  @Test
  void aTinyStepOnTheCommandLineIsRefused() {
    Cli r = Cli.run("check", "specs/seed/01-column-vectors.yaml", "--step", "1e-17");
    assertEquals(2, r.exitCode(), r.all());
    assertTrue(r.stderr().contains("at least 2.2e-16"), r.stderr());
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, names = {"FULL", "FAST"})
  void aWrongClaimAtHugeValuesFails(Mode mode) {
    // |f(x + h)| + |f(x - h)| overflowed, the bound was Infinity and -12345 passed
    ClaimResult c = run("""
        name: huge x
        dims: {D: 1}
        inputs:
          x: {shape: [D], value: [1e308]}
        define:
          y: x
        claims:
          - {wrt: x, claim: "-12345 * eye(D)"}
        """, CheckSettings.EMPTY, mode).claims().get(0);
    assertEquals(Status.FAILED, c.status(), c.toString());
    assertEquals(1, c.mismatches());
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, names = {"FULL", "FAST"})
  void everyWrongComponentNearOverflowIsReported(Mode mode) {
    ClaimResult c = run("""
        name: times 1e308
        dims: {D: 3}
        inputs:
          x: {shape: [D], value: [0.5, 0.7, 0.9]}
        define:
          y: x * 1e308
        claims:
          - {wrt: x, claim: "-1 * eye(D)"}
        """, CheckSettings.EMPTY, mode).claims().get(0);
    assertEquals(Status.FAILED, c.status(), c.toString());
    assertEquals(3, c.mismatches());
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, names = {"FULL", "FAST"})
  void roundOffThatSwampsTheValuesIsInconclusive(Mode mode) {
    // the true gradient is 2x; the round-off bound (about 590) dwarfs both values
    ClaimResult c = run("""
        name: offset sum
        dims: {D: 3}
        inputs: {x: [D]}
        define:
          s: sum(x .* x) + 1e12
        claims:
          - {wrt: x, claim: x}
        """, CheckSettings.EMPTY, mode).claims().get(0);
    assertEquals(Status.INCONCLUSIVE, c.status(), c.toString());
    assertTrue(ReasonWording.text(c.inconclusiveReason()).startsWith("round-off swamps the comparison"),
        ReasonWording.text(c.inconclusiveReason()));
    // f(x + h) = f(x - h): the numeric derivative is 0 and the bound 5.9e10
    ClaimResult d = run("""
        name: offset 1e20
        dims: {D: 3}
        inputs: {x: [D]}
        define:
          y: x + 1e20
        claims:
          - {wrt: x, claim: -12345 * eye(D)}
        """, CheckSettings.EMPTY, mode).claims().get(0);
    assertEquals(Status.INCONCLUSIVE, d.status(), d.toString());
  }

  @Test
  void zeroEntriesOfALargeFunctionStillPass() {
    // the off-diagonal zeros of d y / d x have a round-off bound above atol (|y| ~ 1e4), but far below the
    // column's diagonal entry: ordinary noise, not a swamped comparison
    ClaimResult c = TestSpecs.check("""
        name: large values
        dims: {D: 4}
        inputs:
          x: {shape: [D], value: [1e4, 2e4, -3e4, 5e3]}
        define:
          y: x .* x
        claims:
          - {wrt: x, claim: 2 * diag(x)}
        """).claims().get(0);
    assertEquals(Status.PASSED, c.status(), c.toString());
  }

  @Test
  void theJudgingRuleNeverAgreesWithANaN() {
    Tolerance t = new Tolerance(1e-5, 1e-8);
    assertNotEquals(Tolerance.Verdict.AGREES, t.judge(1, Double.NaN, 0, 1, 1));
    assertNotEquals(Tolerance.Verdict.AGREES, t.judge(Double.NaN, 1, 0, 1, 1));
    assertNotEquals(Tolerance.Verdict.AGREES, t.judge(1, 1, Double.NaN, 1, 1));
    assertNotEquals(Tolerance.Verdict.AGREES, t.judge(1, 1, Double.POSITIVE_INFINITY, 1, 1));
    assertTrue(t.judge(1, 1, Double.NaN, 1, 1).inconclusive());
    assertEquals(Tolerance.Verdict.AGREES, t.judge(1, 1 + 1e-9, 1e-12, 1, 1));
    assertEquals(Tolerance.Verdict.DISAGREES, t.judge(1, 2, 1e-12, 1, 1));
  }

  @Test
  void theRoundOffBoundDoesNotOverflow() {
    double b = io.gradspec.numeric.CentralDifference.roundOff(1.7e308, 1.7e308, 1e303, Math.ulp(1.0));
    assertTrue(Double.isFinite(b) && b > 0, "bound " + b);
  }
}
