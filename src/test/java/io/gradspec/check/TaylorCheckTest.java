package io.gradspec.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.TestSpecs;
import io.gradspec.numeric.TaylorRemainders;
import io.gradspec.result.ClaimResult;
import io.gradspec.result.SpecResult;
import io.gradspec.result.Status;
import io.gradspec.result.TaylorTest;
import io.gradspec.spec.load.SpecLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Taylor test (README, "The Taylor test"): a failed claim always carries one, a passing claim only
 * when asked (--verbose); a derivative's remainder shrinks like t^2 and a wrong claim's like t, at small
 * inputs, under `perturb: symmetric`, in fast mode, and it does not change the verdict or the numbers.
 */
class TaylorCheckTest {
  static final String LOG_SMALL = """
      name: log small x
      dims: {N: 3}
      inputs:
        x: {shape: [N], value: [1e-4, 2e-4, 0.5]}
      define:
        f: sum(log(x))
      claims:
        - {wrt: x, claim: "[i] -> 1 / x[i]"}
        - {wrt: x, claim: "[i] -> 1.001 / x[i]"}
      """;

  static SpecResult check(String yaml, CheckOptions options) {
    return Checker.check(TestSpecs.spec(yaml), options);
  }

  @Test
  void aFailedClaimAlwaysHasOneAndAPassingOneOnlyWhenAsked() {
    SpecResult plain = check(LOG_SMALL, CheckOptions.defaults());
    assertNull(plain.claims().get(0).taylor());
    TaylorTest wrong = plain.claims().get(1).taylor();
    assertNotNull(wrong);
    assertEquals(Status.FAILED, plain.claims().get(1).status());
    assertEquals(TaylorTest.Reading.NOT_DERIVATIVE, wrong.claimReading(), String.valueOf(wrong.claimOrder()));
    assertEquals(1.0, wrong.claimOrder(), 0.05);
    assertEquals(2.0, wrong.numericOrder(), 0.05);

    SpecResult verbose = check(LOG_SMALL, CheckOptions.builder().taylorPassing(true).build());
    TaylorTest right = verbose.claims().get(0).taylor();
    assertEquals(Status.PASSED, verbose.claims().get(0).status());
    assertEquals(2.0, right.claimOrder(), 0.05);
    // asking for it changes nothing else
    for (int c = 0; c < 2; c++) {
      ClaimResult a = plain.claims().get(c), b = verbose.claims().get(c);
      assertEquals(a.status(), b.status());
      assertEquals(a.maxAbsError(), b.maxAbsError());
      assertEquals(a.offenders().size(), b.offenders().size());
    }
    assertEquals(wrong.claimOrder(), verbose.claims().get(1).taylor().claimOrder(), "the same seeded direction");
  }

  @Test
  void theStepsHalveFromAnEighthAndTheSeriesLineUp() {
    TaylorTest t = check(LOG_SMALL, CheckOptions.defaults()).claims().get(1).taylor();
    int count = TaylorRemainders.LAST - TaylorRemainders.FIRST + 1;
    assertEquals(count, t.steps().length);
    assertEquals(0.125, t.steps()[0]);
    for (int s = 1; s < count; s++) assertEquals(t.steps()[s - 1] / 2, t.steps()[s]);
    assertEquals(count, t.claimRemainders().length);
    assertEquals(count, t.numericRemainders().length);
    assertEquals(count, t.claimFloors().length);
  }

  @Test
  void symmetricPerturbationContractsTheConventionsUpperTriangle() {
    SpecResult right = Checker.check(load("specs/examples/33-symmetric-perturbation.yaml"),
        CheckOptions.builder().taylorPassing(true).build());
    for (ClaimResult c : right.claims()) {
      assertEquals(Status.PASSED, c.status(), c.toString());
      assertTrue(c.taylor().claimReading() == TaylorTest.Reading.DERIVATIVE
          || c.taylor().claimReading() == TaylorTest.Reading.ROUND_OFF, c.of() + ": " + c.taylor().claimOrder());
    }
    SpecResult wrong = Checker.check(load("specs/mistakes/26-symmetric-convention.yaml"), CheckOptions.defaults());
    ClaimResult c = wrong.claims().get(0);
    assertEquals(Status.XFAILED, c.status());
    assertEquals(TaylorTest.Reading.NOT_DERIVATIVE, c.taylor().claimReading());
    assertEquals(TaylorTest.Reading.DERIVATIVE, c.taylor().numericReading());
  }

  @Test
  void fastModeFailuresHaveOneToo() {
    String yaml = """
        name: wide linear map with one wrong row
        dims: {C: 3, D: 5000}
        inputs:
          W: {shape: [C, D]}
          x: {shape: [D]}
        define:
          y: W * x
        claims:
          - {wrt: x, claim: "[c, d] -> W[c, d] * (1 + (c == 1) * (d == 77))"}
        """;
    ClaimResult c = check(yaml, CheckOptions.builder().mode(Mode.FAST).build()).claims().get(0);
    assertEquals(Status.FAILED, c.status());
    assertEquals("fast", c.mode());
    assertEquals(TaylorTest.Reading.NOT_DERIVATIVE, c.taylor().claimReading(), String.valueOf(c.taylor().claimOrder()));
  }

  @Test
  void aLinearFunctionsRemaindersStayWithinRoundOff() {
    String yaml = """
        name: linear
        dims: {C: 3, D: 4}
        inputs:
          W: {shape: [C, D]}
          x: {shape: [D]}
        define:
          y: W * x
        claims:
          - {wrt: x, claim: W}
          - {wrt: x, claim: 2 * W}
        """;
    SpecResult r = check(yaml, CheckOptions.builder().taylorPassing(true).build());
    assertEquals(TaylorTest.Reading.ROUND_OFF, r.claims().get(0).taylor().claimReading());
    assertEquals(TaylorTest.Reading.ROUND_OFF, r.claims().get(0).taylor().numericReading());
    assertEquals(TaylorTest.Reading.NOT_DERIVATIVE, r.claims().get(1).taylor().claimReading());
  }

  @Test
  void orderIsTheSlopeOverTheSmallestStepsAboveTheFloor() {
    double[] t = {1, 0.5, 0.25, 0.125, 0.0625, 0.03125};
    double[] floor = new double[6];
    java.util.Arrays.fill(floor, 1e-12);
    double[] quadratic = new double[6], linear = new double[6];
    for (int s = 0; s < 6; s++) {
      quadratic[s] = 3 * t[s] * t[s];
      linear[s] = t[s] + quadratic[s];
    }
    assertEquals(2.0, TaylorRemainders.order(t, quadratic, floor), 1e-12);
    // the smallest steps decide: the linear term wins there
    assertTrue(TaylorRemainders.order(t, linear, floor) < 1.5);
    // below the floor nothing is read: too few points leave no order
    java.util.Arrays.fill(floor, 1e-2);
    assertTrue(Double.isNaN(TaylorRemainders.order(t, quadratic, floor)));
    double[] withNaN = quadratic.clone();
    withNaN[5] = Double.NaN;
    java.util.Arrays.fill(floor, 1e-12);
    assertEquals(2.0, TaylorRemainders.order(t, withNaN, floor), 1e-12);
  }

  static io.gradspec.spec.Spec load(String path) {
    return SpecLoader.load(Path.of(path), path).documents().get(0).spec();
  }
}
