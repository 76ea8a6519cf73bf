package io.gradspec.harden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.TestSpecs;
import io.gradspec.report.ReasonWording;
import io.gradspec.result.ClaimResult;
import io.gradspec.result.SpecResult;
import io.gradspec.result.Status;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Non-finite numbers make a component inconclusive, never an exception, and the reason names the index and
 * which value went non-finite; degenerate shapes (every dim 1) and empty blocks behave.
 */
class NumericEdgeTest {
  @TempDir Path dir;

  static ClaimResult only(String yaml) {
    SpecResult r = TestSpecs.check(yaml);
    assertEquals(1, r.claims().size(), r.toString());
    return r.claims().get(0);
  }

  static void inconclusive(ClaimResult c, String... parts) {
    assertEquals(Status.INCONCLUSIVE, c.status(), String.valueOf(c));
    String reason = ReasonWording.text(c.inconclusiveReason());
    for (String p : parts) assertTrue(reason.contains(p), reason + " lacks " + p);
  }

  @Test
  void nanInAnInputLiteral() {
    ClaimResult c = only("""
        name: nan literal
        dims: {N: 2}
        inputs:
          x: {shape: [N], value: [1, .nan]}
        define:
          y: sum(x .* x)
        claims:
          - {wrt: x, claim: 2 * x}
        """);
    // the claim 2 * x is NaN at [1]; f(x + h) is NaN everywhere, first at [0]
    inconclusive(c, "is NaN", "index [0]", "(dims {N: 2}, trial 0)");
  }

  @Test
  void infinityInAnInputLiteral() {
    ClaimResult c = only("""
        name: inf literal
        inputs:
          x: {shape: [], value: .inf}
        define:
          y: x * 2
        claims:
          - {wrt: x, claim: 2}
        """);
    inconclusive(c, "f(x + h) is Infinity", "index []");
  }

  @Test
  void nonFiniteOnlyOnOneSideOfTheStep() {
    ClaimResult c = only("""
        name: sqrt at zero
        dims: {N: 3}
        inputs:
          x: {shape: [N], value: [1, 0, 4]}
        define:
          y: sqrt(x)
        claims:
          - {wrt: x, claim: "[i, j] -> if(i == j && x[i] > 0, 0.5 / sqrt(x[i]), 0)"}
        """);
    // d y[1] / d x[1]: sqrt(0 + h) is fine, sqrt(0 - h) is NaN
    inconclusive(c, "f(x - h) is NaN at d y / d x index [1, 1]");
  }

  @Test
  void nonFiniteClaimValue() {
    ClaimResult c = only("""
        name: claim goes non-finite
        dims: {N: 3}
        inputs: {x: [N]}
        define:
          y: sum(x)
        claims:
          - {wrt: x, claim: "[i] -> if(i == 2, log(0), 1)"}
        """);
    inconclusive(c, "the claimed value is -Infinity", "index [2]");
    assertEquals(1, c.mismatches(), "one inconclusive component of three");
  }

  @Test
  void singularMatricesAreInconclusiveNotExceptions() {
    String spec = """
        name: singular %s
        dims: {N: 3}
        inputs: {x: [N]}
        define:
          A: 0 * x * x'
          y: %s
        claims:
          - {wrt: x, claim: "zeros(1, N)"}
        """;
    inconclusive(only(spec.formatted("inv", "sum(inv(A))")), "is NaN", "index [0]");
    inconclusive(only(spec.formatted("logdet", "logdet(A)")), "is -Infinity", "index [0]");
    // det of a singular matrix is an ordinary 0, with an ordinary derivative
    assertEquals(Status.PASSED, only(spec.formatted("det", "det(A)")).status());
    inconclusive(only(spec.formatted("inv in the claim", "sum(x)").replace("zeros(1, N)", "ones(1, N) * inv(A)")),
        "the claimed value is NaN");
  }

  @Test
  void expOverflow() {
    ClaimResult c = only("""
        name: exp overflow
        inputs: {x: []}
        define:
          y: exp(1000 * x .^ 2 + 800)
        claims:
          - {wrt: x, claim: 2000 * x * y}
        """);
    inconclusive(c, "Infinity", "index []");
  }

  @Test
  void dimsOfOneEverywhere() {
    SpecResult r = TestSpecs.check("""
        name: dims one
        dims: [{N: 1, M: 1}, {N: 1, M: 2}]
        inputs: {W: [N, M], x: [M], s: []}
        define:
          y: W * x * s
          z: sum(y .* y)
        claims:
          - {of: y, wrt: x, claim: W * s}
          - {of: y, wrt: W, claim: "[i, j, k] -> delta(i, j) * x[k] * s"}
          - {of: z, wrt: s, claim: "2 * s * sum((W * x) .^ 2)"}
          - {of: z, wrt: W, claim: "2 * s * s * (W * x) * x'"}
        """);
    assertEquals(Status.PASSED, r.status(), r.toString());
    assertEquals(4, r.claims().size());
  }

  @Test
  void emptyDefineIsAClearDiagnostic() {
    for (String define : new String[] {"define: {}", "define:", ""}) {
      Path p = Cli.write(dir, "empty-" + define.length() + ".yaml", """
          name: empty define
          inputs: {x: []}
          %s
          claims:
            - {wrt: x, claim: 1}
          """.formatted(define));
      Cli r = Cli.run("check", p.toString());
      assertEquals(2, r.exitCode(), r.all());
      assertTrue(r.all().contains("claim 1 has no `of`, and the spec defines nothing"), r.all());
      assertTrue(r.all().contains(":5:5"), r.all());
      assertTrue(!r.all().contains("Exception"), r.all());
    }
    // naming an input as `of` is an error at `of`, whether or not there is a define block
    Path p = Cli.write(dir, "of-input.yaml", """
        name: of an input
        inputs: {x: []}
        define: {}
        claims:
          - {of: x, wrt: x, claim: 1}
        """);
    Cli r = Cli.run("check", p.toString());
    assertEquals(2, r.exitCode(), r.all());
    assertTrue(r.all().contains("of-input.yaml:5:10"), r.all());
  }
}
