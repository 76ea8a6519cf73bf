package io.gradspec.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.TestSpecs;
import io.gradspec.expr.eval.Compiler;
import io.gradspec.expr.eval.Program;
import io.gradspec.expr.sema.ShapeChecker;
import io.gradspec.expr.sema.TypedSpec;
import io.gradspec.numeric.InputSampler;
import io.gradspec.result.SpecResult;
import io.gradspec.result.Status;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Diagnostics;
import io.gradspec.spec.Spec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 13 item 2: `type: int` and `type: bool` inputs, drawn or given, never perturbed, used as indices and masks. */
class DiscreteInputsTest {
  private static final String CE = """
      name: ce
      index-base: %d
      dims: {N: 40, C: 3}
      inputs:
        Z: [N, C]
        label: {shape: [N], type: int, range: %s}
      define:
        L: "-sum(n, log(softmax_rows(Z)[n, label[n]])) / N"
      claims:
        - wrt: Z
          claim: "[n, c] -> (softmax_rows(Z)[n, c] - delta(c, label[n])) / N"
      """;

  /** The values drawn for `label` in trial 0. */
  private static double[] drawn(String yaml) {
    Spec spec = TestSpecs.spec(yaml);
    Diagnostics d = new Diagnostics();
    TypedSpec t = ShapeChecker.check(spec, d);
    Program p = Compiler.compile(t, spec.dims().get(0), d);
    InputSampler.draw(p, 1, spec.name().value(), 0);
    return p.inputs().get("label").data().clone();
  }

  @Test void anIntInputIsDrawnFromTheIndicesOfItsRangeInTheSpecsIndexBase() {
    for (int base = 0; base <= 1; base++) {
      Set<Double> seen = new HashSet<>();
      for (double v : drawn(CE.formatted(base, "C"))) seen.add(v);
      assertEquals(Set.of(base + 0.0, base + 1.0, base + 2.0), seen, "base " + base);
    }
    Set<Double> seen = new HashSet<>();
    for (double v : drawn(CE.formatted(0, "[1, 3]"))) seen.add(v);
    assertEquals(Set.of(1.0, 2.0), seen, "[1, 3] is 1 and 2: the end is excluded");
  }

  @Test void crossEntropyWithIntegerLabelsChecksInBothIndexBases() {
    for (int base = 0; base <= 1; base++) {
      SpecResult r = TestSpecs.check(CE.formatted(base, "C"));
      assertEquals(Status.PASSED, r.status(), () -> String.valueOf(r.error()));
      assertEquals(Status.PASSED, r.claims().get(0).status());
    }
  }

  @Test void aLabelOutsideTheIndexedAxisIsAnEvaluationErrorNamingIt() {
    SpecResult r = TestSpecs.check(CE.formatted(0, "[0, 4]").replace("N: 40", "N: 400"));
    assertEquals(Status.ERROR, r.status());
    assertTrue(r.error().message().contains("out of range") || r.error().message().contains("index"), r.error().message());
  }

  @Test void aBoolInputIsAMaskOfZerosAndOnes() {
    SpecResult r = TestSpecs.check("""
        name: mask
        dims: {D: 30}
        inputs:
          x: [D]
          m: {shape: [D], type: bool}
        define:
          y: where(m, x .* x, -x) + (x > 0) .* x
        claims:
          - {wrt: x, claim: "diag(where(m, 2 * x, -1) + (x > 0))"}
          - {wrt: x, claim: "diag(2 * x)", expect: fail}
        """);
    assertEquals(Status.PASSED, r.status(), () -> String.valueOf(r.error()));
    assertEquals(Status.PASSED, r.claims().get(0).status());
    assertEquals(Status.XFAILED, r.claims().get(1).status(), "a mask that is not all ones: the claim must fail");
  }

  @Test void aDiscreteInputIsNeverAWrt() {
    Diagnostic d = only(TestSpecs.errors(CE.formatted(0, "C").replace("- wrt: Z", "- wrt: label")));
    assertEquals("discrete-wrt", d.code());
    assertTrue(d.message().contains("`label` is a `type: int` input, which is never perturbed"), d.message());
    assertEquals("an int input has no derivative", d.label());
  }

  @Test void literalValuesMustBeWholeNumbersAndMasksZeroOrOne() {
    String yaml = """
        name: v
        dims: {N: 2}
        inputs:
          x: [N]
          k: {shape: [N], type: %s, value: [0, %s]}
        define: {y: "x[k[0]] * x"}
        claims: [{wrt: x, claim: 1}]
        """;
    Diagnostic d = only(TestSpecs.errorsOnLoad(yaml.formatted("int", "1.5")));
    assertTrue(d.message().contains("a `type: int` input holds whole numbers, but `value` has 1.5"), d.message());
    d = only(TestSpecs.errorsOnLoad(yaml.formatted("bool", "2")));
    assertTrue(d.message().contains("holds 0s and 1s, but `value` has 2"), d.message());
    assertEquals(List.of(), TestSpecs.errorsOnLoad(yaml.formatted("int", "1")), "a literal int needs no range");
  }

  @Test void rangeIsRequiredForIntAndRefusedElsewhere() {
    String base = "name: r\ndims: {N: 2}\ninputs:\n  x: [N]\n  k: {shape: [N]%s}\ndefine: {y: x}\nclaims: [{wrt: x, claim: 1}]\n";
    Diagnostic d = only(TestSpecs.errorsOnLoad(base.formatted(", type: int")));
    assertEquals("missing-key", d.code());
    assertTrue(d.help().get(0).contains("range: C"), d.help().toString());
    d = only(TestSpecs.errorsOnLoad(base.formatted(", type: bool, range: N")));
    assertTrue(d.message().contains("`range` is for `type: int` inputs"), d.message());
    d = only(TestSpecs.errorsOnLoad(base.formatted(", range: N")));
    assertEquals("add `type: int`, or remove `range`", d.help().get(0));
    d = only(TestSpecs.errorsOnLoad(base.formatted(", type: int, range: [3, 3]")));
    assertTrue(d.message().contains("`range`"), d.message());
    d = only(TestSpecs.errorsOnLoad(base.formatted(", type: int, range: N, init: uniform")));
    assertTrue(d.message().contains("`init` draws real numbers"), d.message());
    d = only(TestSpecs.errorsOnLoad(base.formatted(", type: itn, range: N")));
    assertEquals("did you mean `int`?", d.help().get(0));
    d = only(TestSpecs.errors(base.formatted(", type: int, range: M")));
    assertEquals("unknown-dim", d.code());
  }

  private static Diagnostic only(List<Diagnostic> ds) {
    assertEquals(1, ds.size(), ds::toString);
    return ds.get(0);
  }
}
