package io.gradspec.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.TestSpecs;
import io.gradspec.harden.Cli;
import io.gradspec.result.ClaimResult;
import io.gradspec.result.Hint;
import io.gradspec.result.SpecResult;
import io.gradspec.result.Status;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `perturb: symmetric` (issue 13, item 6): A[i, j] and A[j, i] move together, so the numeric derivative is
 * G + G' - diag(G); the report names the convention, a claim of the other convention gets a hint, and an
 * input that cannot be kept symmetric is refused where it is declared.
 */
class SymmetricPerturbationTest {
  @TempDir Path dir;

  private static final String QUADRATIC = """
      name: quadratic form
      dims: {N: 3}
      inputs:
        A: {shape: [N, N], %s}
        x: [N]
      define:
        f: x' * A * x
      claims:
        - {wrt: A, claim: "x * x'"}
        - {wrt: A, claim: "2 * x * x' - diag(x .* x)"}
      """;

  private static SpecResult run(String yaml, Mode mode) {
    return Checker.check(TestSpecs.spec(yaml), CheckOptions.builder().mode(mode).build());
  }

  @Test void theSymmetricConventionIsWhatIsChecked() {
    SpecResult s = run(QUADRATIC.formatted("perturb: symmetric"), Mode.FULL);
    ClaimResult g = s.claims().get(0), sym = s.claims().get(1);
    assertEquals(Status.FAILED, g.status(), g.toString());
    assertEquals(6, g.mismatches(), "the off-diagonal entries are half the numeric ones");
    assertTrue(g.symmetric());
    assertEquals(Status.PASSED, sym.status(), sym.toString());
    Hint h = g.hints().stream().filter(x -> x.kind() == Hint.Kind.SYMMETRIC_CONVENTION).findFirst().orElseThrow();
    assertEquals(1.0, h.value());
    assertEquals("A", h.input());
  }

  @Test void independentPerturbationChecksGAndNamesTheOtherConvention() {
    SpecResult s = run(QUADRATIC.formatted("init: symmetric"), Mode.FULL);
    assertEquals(Status.PASSED, s.claims().get(0).status());
    ClaimResult sym = s.claims().get(1);
    assertEquals(Status.FAILED, sym.status());
    assertFalse(sym.symmetric());
    Hint h = sym.hints().stream().filter(x -> x.kind() == Hint.Kind.SYMMETRIC_CONVENTION).findFirst().orElseThrow();
    assertEquals(0.0, h.value());
  }

  @Test void fastModeChecksASymmetricClaimInFull() {
    SpecResult s = run(QUADRATIC.formatted("perturb: symmetric"), Mode.FAST);
    assertEquals("full", s.claims().get(1).mode());
    assertEquals(Status.PASSED, s.claims().get(1).status());
  }

  @Test void theReportsSayWhichConventionAClaimWasCheckedUnder() {
    Path f = Cli.write(dir, "q.yaml", QUADRATIC.formatted("perturb: symmetric"));
    Cli text = Cli.run("check", f.toString(), "--no-color");
    assertEquals(1, text.exitCode(), text.all());
    assertTrue(text.stdout().contains("`A` perturbed symmetrically"), text.stdout());
    assertTrue(text.stdout().contains("the claim is the gradient with the entries of `A` independent"), text.stdout());
    Cli json = Cli.run("check", f.toString(), "--format", "json");
    assertTrue(json.stdout().contains("\"perturb\": \"symmetric\""), json.stdout());
    Cli explain = Cli.run("explain", f.toString(), "--claim", "2", "--index", "0,1");
    assertEquals(0, explain.exitCode(), explain.all());
    assertTrue(explain.stdout().contains("the input component that is perturbed, with A[1, 0] (perturb: symmetric)"),
        explain.stdout());
  }

  @Test void anInputThatCannotBeKeptSymmetricIsRefusedWhereItIsDeclared() {
    String[][] cases = {
        {"shape: [N, M], perturb: symmetric", "keeps a square matrix symmetric, but input `A` has shape [N, M]", "5:28"},
        {"shape: [N, N], init: normal, perturb: symmetric", "but `init: normal` draws one that is not", "5:28"},
        {"shape: [N, N], value: [[1, 2], [3, 4]], perturb: symmetric", "has row 1, column 0 = 3.0 and row 0, column 1 = 2.0", "5:28"},
        {"shape: [N, N], type: int, range: N, perturb: symmetric", "moves real numbers, but input `A` is `type: int`", "5:64"},
        {"shape: [N, N], perturb: sideways", "perturb", "5:38"},
    };
    for (String[] c : cases) {
      Path f = Cli.write(dir, "bad.yaml", """
          name: bad
          dims: {N: 2, M: 3}
          inputs:
            x: [N]
            A: {%s}
          define:
            f: sum(x)
          claims:
            - {wrt: x, claim: "ones(1, N)"}
          """.formatted(c[0]));
      Cli r = Cli.run("validate", f.toString());
      assertEquals(2, r.exitCode(), r.all());
      assertTrue(r.all().contains(c[1]), c[0] + "\n" + r.all());
      assertTrue(r.all().contains("bad.yaml:"), r.all());
    }
  }
}
