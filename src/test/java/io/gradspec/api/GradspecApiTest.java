package io.gradspec.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.program.ProgramClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stable Java API: checks of files and text, options, and Java functions served in process. */
class GradspecApiTest {
  static final String WRONG = """
      name: y = W x, claimed twice
      dims: {C: 3, D: 4}
      inputs:
        W: [C, D]
        x: [D]
      define:
        y: W * x
      claims:
        - {wrt: x, claim: W}
        - {wrt: x, claim: 2 * W}
      """;

  @Test
  void aFolderOfSpecsChecksAsOnTheCommandLine() {
    Report r = Gradspec.check("specs/seed");
    assertTrue(r.passed(), r::toString);
    assertEquals(0, r.exitCode());
    assertFalse(r.claims().isEmpty());
    assertTrue(r.claims().stream().allMatch(ClaimReport::ok), r::toString);
    assertTrue(r.toString().contains("PASS  specs/seed/"), r::toString);
    assertTrue(r.json().contains("\"specs\""));
  }

  @Test
  void aSpecGivenAsTextNamesTheOffendingClaim() {
    Report r = Gradspec.checkYaml("linear.yaml", WRONG);
    assertFalse(r.passed());
    assertEquals(1, r.exitCode());
    List<ClaimReport> claims = r.claims();
    assertEquals(List.of("claim 1: d y / d x", "claim 2: d y / d x"), claims.stream().map(ClaimReport::name).toList());
    assertEquals("passed", claims.get(0).status());
    assertEquals("failed", claims.get(1).status());
    assertEquals("linear.yaml", claims.get(1).file());
    assertTrue(claims.get(1).text().contains("error[claim-failed]"), claims.get(1).text());
    assertTrue(claims.get(1).text().contains("--> linear.yaml:10:"), claims.get(1).text());
    assertTrue(r.toString().contains("FAIL  linear.yaml  y = W x, claimed twice"), r::toString);
  }

  @Test
  void optionsAreTheCommandLines() {
    Report seven = Gradspec.options().seed(7).trials(1).mode("full").checkYaml("linear.yaml", WRONG);
    assertTrue(seven.toString().contains("seed 7"), seven::toString);
    assertTrue(seven.toString().contains("trial 0 of 1"), seven::toString);
    // a loose enough tolerance lets nothing fail; the option wins over the spec, as --rtol does
    assertTrue(Gradspec.options().rtol(10).checkYaml("linear.yaml", WRONG).passed());
    assertThrows(IllegalArgumentException.class, () -> Gradspec.options().mode("quick"));
    assertThrows(IllegalArgumentException.class, () -> Gradspec.options().jobs(0));
  }

  @Test
  void aBrokenSpecIsAnErrorWithItsDiagnostic() {
    Report r = Gradspec.checkYaml("broken.yaml", "name: broken\ndims: {N: 2}\ninputs:\n  x: [N]\ndefine:\n  y: z\nclaims:\n"
        + "  - {wrt: x, claim: \"1\"}\n");
    assertEquals(2, r.exitCode());
    assertEquals(1, r.errors().size(), r::toString);
    assertTrue(r.errors().get(0).text().contains("unknown name `z`"), r.errors().get(0).text());
  }

  static final String DENSE = """
      name: dense layer in Java
      dims: {C: 3, D: 4}
      program: {java: layers}
      functions:
        dense: {args: [[C, D], [D]], returns: [C]}
      inputs:
        W: [C, D]
        x: [D]
      define:
        y: dense(W, x)
        L: sum(y .* y)
      claims:
        - {of: y, wrt: x, claim: program}
        - {of: y, wrt: W, claim: program}
        - {of: L, wrt: x, claim: "[d] -> sum(c, 2 * y[c] * (1 - y[c]^2) * W[c, d])"}
      """;

  /** tanh(W x), with its vector-Jacobian product; {@code transposeBug} swaps W's indices in dx. */
  static JavaProgram layers(boolean transposeBug) {
    return JavaProgram.named("layers")
        .function("dense", args -> {
          Tensor w = args[0], x = args[1];
          int c = w.size(0), d = w.size(1);
          double[] y = new double[c];
          for (int i = 0; i < c; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) s += w.get(i, k) * x.data()[k];
            y[i] = Math.tanh(s);
          }
          return Tensor.of(new int[] {c}, y);
        })
        .vjp("dense", (cot, args) -> {
          Tensor w = args[0], x = args[1];
          int c = w.size(0), d = w.size(1);
          double[] gw = new double[c * d], gx = new double[d];
          for (int i = 0; i < c; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) s += w.get(i, k) * x.data()[k];
            double g = cot.data()[i] * (1 - Math.tanh(s) * Math.tanh(s));
            for (int k = 0; k < d; k++) {
              gw[i * d + k] = g * x.data()[k];
              // the bug: W[k, i] for W[i, k], inside the square corner only
              gx[k] += g * (transposeBug && k < c ? w.get(k, i) : w.get(i, k));
            }
          }
          return new double[][] {gw, gx};
        });
  }

  @Test
  void javaFunctionsAreCheckedInProcessAsProgramsAre() {
    Report right = Gradspec.options().program(layers(false)).checkYaml("dense.yaml", DENSE);
    assertTrue(right.passed(), right::toString);
    assertTrue(right.toString().contains("3 claims"), right::toString);
    Report wrong = Gradspec.options().program(layers(true)).checkYaml("dense.yaml", DENSE);
    assertEquals(1, wrong.exitCode(), wrong::toString);
    ClaimReport dx = wrong.claims().get(0);
    assertEquals("failed", dx.status(), wrong::toString);
    assertTrue(dx.text().contains("the program's vjp"), dx.text());
    assertEquals("passed", wrong.claims().get(1).status(), "dW is right: " + wrong);
    assertEquals(0, ProgramClient.running(), "the in-process program ended with the run");
  }

  @Test
  void aJavaProgramsExceptionIsThatSpecsErrorAndNothingElses() {
    JavaProgram broken = JavaProgram.named("layers").function("dense", args -> {
      throw new IllegalStateException("weights not loaded");
    });
    Report r = Gradspec.options().program(broken).checkYaml("dense.yaml", DENSE);
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.toString().contains("weights not loaded"), r::toString);
  }

  @Test
  void aJavaProgramNotRegisteredIsRefusedAtItsName() {
    Report r = Gradspec.checkYaml("dense.yaml", DENSE);
    assertEquals(2, r.exitCode(), r::toString);
    String text = r.toString();
    assertTrue(text.contains("error[program-not-registered]: this spec's program `layers` is served by a Java caller"), text);
    assertTrue(text.contains("--> dense.yaml:3:"), text);
  }
}
