package io.gradspec.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.api.ClaimReport;
import io.gradspec.api.Gradspec;
import io.gradspec.api.JavaProgram;
import io.gradspec.api.Report;
import io.gradspec.api.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A program that is not deterministic (README, "Noisy programs"), served in process over the real
 * protocol: its noise is measured at the base point and counted as round-off, so a correct backward is
 * never failed for it, a wrong one still fails where the noise leaves room, and the report names the noise.
 */
class NoisyProgramTest {
  static final String SPEC = """
      name: noisy tanh
      dims: {N: 4}
      program: {java: noisy}
      functions:
        f: {args: [[N]], returns: [N]}
      inputs:
        x: [N]
      define:
        y: f(x)
      claims:
        - {of: y, wrt: x, claim: program}
        - {of: y, wrt: x, claim: "[i, j] -> (i == j) * (1 - tanh(x[i])^2) * 1.01"}
      """;

  /** tanh with a relative noise of {@code level} (GPU atomics' reordered sums), and its correct vjp. */
  static JavaProgram noisy(double level, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    return JavaProgram.named("noisy")
        .function("f", args -> {
          double[] x = args[0].data(), y = new double[x.length];
          for (int i = 0; i < x.length; i++) y[i] = Math.tanh(x[i]) * (1 + level * (2 * rnd.nextDouble() - 1));
          return Tensor.of(new int[] {x.length}, y);
        })
        .vjp("f", (cot, args) -> {
          double[] x = args[0].data(), g = new double[x.length];
          for (int i = 0; i < x.length; i++) g[i] = cot.data()[i] * (1 - Math.tanh(x[i]) * Math.tanh(x[i]));
          return new double[][] {g};
        });
  }

  @ParameterizedTest
  @ValueSource(doubles = {1e-10, 1e-9, 1e-7, 1e-6, 1e-5, 1e-4})
  void aCorrectBackwardIsNeverFailedForTheNoise(double level) {
    for (long seed = 0; seed < 5; seed++) {
      Report r = Gradspec.options().seed(seed).program(noisy(level, seed)).checkYaml("noisy.yaml", SPEC);
      ClaimReport right = r.claims().get(0);
      assertTrue(right.status().equals("passed") || right.status().equals("inconclusive"), level + ": " + r);
      assertTrue(r.json().contains("\"noise\": {"), r::toString);
    }
  }

  @Test
  void aWrongClaimStillFailsAndTheReportNamesTheNoise() {
    Report r = Gradspec.options().program(noisy(1e-9, 1)).checkYaml("noisy.yaml", SPEC);
    assertEquals("passed", r.claims().get(0).status(), r::toString);
    assertEquals("failed", r.claims().get(1).status(), r::toString);
    String text = r.toString();
    assertTrue(text.contains("the program is not deterministic: 5 evaluations of f at the same point differ by up to"), text);
    assertTrue(r.claims().get(1).text().contains("the claim is the numeric derivative scaled by 1.01"), text);
  }

  @Test
  void aDeterministicProgramIsCheckedAsBefore() {
    Report r = Gradspec.options().program(noisy(0, 1)).checkYaml("noisy.yaml", SPEC);
    assertEquals("passed", r.claims().get(0).status(), r::toString);
    assertEquals("failed", r.claims().get(1).status(), r::toString);
    assertFalse(r.toString().contains("not deterministic"), r::toString);
    assertFalse(r.json().contains("\"noise\""), r.json());
  }
}
