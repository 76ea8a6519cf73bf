package io.gradspec.expr.sema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.TestSpecs;
import io.gradspec.spec.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The symbolic pass: every shape rule, with the position and wording of each error. */
class ShapeCheckerTest {

  private static Diagnostic only(String yaml) {
    List<Diagnostic> ds = TestSpecs.errors(yaml);
    assertEquals(1, ds.size(), () -> "expected one diagnostic, got " + ds);
    return ds.get(0);
  }

  private static String spec(String dims, String inputs, String define, String claim) {
    return "name: t\ndims: " + dims + "\ninputs: " + inputs + "\ndefine:\n  " + define + "\nclaims:\n  - " + claim + "\n";
  }

  @Test void innerDimensionsAreComparedAsSymbolsEvenWhenEqualInSize() {
    Diagnostic d = only(spec("{C: 3, D: 3}", "{W: [C, D], x: [C]}", "y: W * x", "{wrt: x, claim: W}"));
    assertEquals("inner dimensions D and C differ", d.message());
    assertEquals(5, d.line());
    assertEquals(8, d.column()); // the `*`
  }

  @Test void unknownNameSuggestsTheCaseVariantWithItsShape() {
    Diagnostic d = only(spec("{N: 3}", "{B: [N, N], x: [N]}", "y: b * x", "{wrt: x, claim: B}"));
    assertEquals("unknown name `b` in define `y`", d.message());
    assertEquals("unknown-name", d.code());
    assertEquals(List.of("names are case-sensitive; did you mean the input `B` (shape [N, N])?"), d.help());
    assertEquals(5, d.line());
    assertEquals(6, d.column());
  }

  @Test void unknownFunctionSuggestsTheNearestBuiltin() {
    Diagnostic d = only(spec("{N: 3}", "{x: [N]}", "y: tanhh(x)", "{wrt: x, claim: diag(1 - tanh(x) .^ 2)}"));
    assertEquals("unknown function `tanhh`", d.message());
    assertEquals(List.of("did you mean `tanh(A)`?"), d.help());
  }

  @Test void claimIndexCountMustMatchTheIndexSpace() {
    Diagnostic d = only(spec("{C: 2, D: 3}", "{W: [C, D], x: [D]}", "y: W * x", "{wrt: W, claim: \"[i, j] -> x[j]\"}"));
    assertEquals("index-count", d.code());
    assertTrue(d.message().contains("rank 3 (C, C, D)"), d.message());
  }

  @Test void defineIndicesNeedRanges() {
    Diagnostic d = only(spec("{D: 3}", "{x: [D]}", "y: \"[i] -> x[i]\"", "{wrt: x, claim: eye(D)}"));
    assertEquals("missing-range", d.code());
    assertEquals(List.of("give each index its range, e.g. `[i: D] -> ...`"), d.help());
  }

  @Test void sumRangeIsInferredFromItsUses() {
    List<Diagnostic> ds = TestSpecs.errors(spec("{C: 2, D: 3}", "{W: [C, D], x: [D]}",
        "y: \"[i: C] -> sum(k, W[i, k] * x[k])\"", "{wrt: x, claim: W}"));
    assertTrue(ds.isEmpty(), ds::toString);
  }

  @Test void sumRangeThatCannotBeInferredIsAnError() {
    Diagnostic d = only(spec("{D: 3}", "{x: [D]}", "y: sum(k, 2)", "{wrt: x, claim: x}"));
    assertEquals("sum-range", d.code());
  }

  @Test void sumRangesMustAgree() {
    Diagnostic d = only(spec("{C: 3, D: 3}", "{x: [D], z: [C]}", "y: sum(k, x[k] * z[k])", "{wrt: x, claim: z}"));
    assertEquals("range", d.code());
    assertTrue(d.message().contains("ranges over D"), d.message());
  }

  @Test void wrtThatOfDoesNotDependOnIsAnError() {
    Diagnostic d = only(spec("{D: 3}", "{x: [D], z: [D]}", "y: 2 * x", "{wrt: z, claim: x}"));
    assertEquals("no-dependence", d.code());
  }

  @Test void ofMustNameADefinition() {
    Diagnostic d = only(spec("{D: 3}", "{x: [D]}", "y: 2 * x", "{of: x, wrt: x, claim: x}"));
    assertEquals("bad-of", d.code());
  }

  @Test void undefinedDimensionSymbol() {
    Diagnostic d = only("name: t\ndims: {D: 3}\ninputs: {x: [E]}\ndefine:\n  y: 2 * x\nclaims:\n  - {wrt: x, claim: 2}\n");
    assertEquals("undefined dimension symbol `E`", d.message());
  }

  @Test void literalOfTheWrongShapeIsAnError() {
    Diagnostic d = only("name: t\ndims: {D: 3}\ninputs:\n  x: {shape: [D], value: [1, 2]}\ndefine:\n  y: 2 * x\n"
        + "claims:\n  - {wrt: x, claim: 2 * eye(D)}\n");
    assertEquals("bad-value", d.code());
  }

  @Test void constantElementAccessOutOfRange() {
    Diagnostic d = only(spec("{D: 3}", "{x: [D]}", "y: x[3] * x", "{wrt: x, claim: x}"));
    assertEquals("index-range", d.code());
    assertTrue(d.label().contains("valid indices are 0 to 2"), d.label());
  }

  @Test void comparisonsTakeScalars() {
    Diagnostic d = only(spec("{D: 3}", "{x: [D]}", "y: if(x > 0, x, -x)", "{wrt: x, claim: x}"));
    assertEquals("shape", d.code());
  }

  @Test void broadcastingRowsAndColumns() {
    List<Diagnostic> ds = TestSpecs.errors(spec("{N: 3, C: 2}", "{X: [N, C], b: [1, C]}", "Y: X + b",
        "{wrt: b, claim: \"[i, j, k] -> delta(j, k)\"}"));
    assertTrue(ds.isEmpty(), ds::toString);
    Diagnostic d = only(spec("{N: 3, C: 2}", "{X: [N, C], b: [C]}", "Y: X + b", "{wrt: b, claim: X}"));
    assertTrue(d.message().startsWith("shapes [N, C] and [C, 1] do not match"), d.message());
  }

  @Test void matrixPowerNeedsElementwiseOperator() {
    Diagnostic d = only(spec("{D: 3}", "{x: [D]}", "y: x ^ 2", "{wrt: x, claim: 2 * diag(x)}"));
    assertEquals(List.of("for an elementwise power use `.^`"), d.help());
  }
}
