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

  // ---------------------------------------------------------------- rank 3 (issue 13 item 4)

  private static final String RANK3 = "{Q: [H, T, E], W: [E, E]}";
  private static final String HTE = "{H: 2, T: 4, E: 3}";

  private static Diagnostic rank3(String define) {
    return only(spec(HTE, RANK3, define, "{wrt: Q, claim: \"[h, t, e] -> 1\"}"));
  }

  @Test void anAxisNamedTwiceIsCountedFromTheEnd() {
    Diagnostic d = rank3("y: sum(sum_over(bmm(Q, Q'), T))");
    assertEquals("`T` is 2 axes of `bmm(Q, Q')`, whose shape is [H, T, T]", d.message());
    assertEquals(List.of("count from the end instead: `-1` is the last axis, `-2` the one before it"), d.help());
    assertEquals(31, d.column()); // the `T`
  }

  @Test void aPositiveAxisNumberIsRefusedAsAmbiguous() {
    Diagnostic d = rank3("y: sum(sum_over(Q, 2))");
    assertEquals("`2` is not an axis of `Q`, whose shape is [H, T, E]", d.message());
    assertTrue(d.help().get(0).startsWith("a number would be read from 0 by NumPy and from the index base here"), d.help().toString());
  }

  @Test void anAxisCountedFromTheEndMustExist() {
    Diagnostic d = rank3("y: sum(sum_over(Q, -4))");
    assertEquals("`sum_over` counts axes from the end with -1 to -3, but `-4` is not one of them", d.message());
  }

  @Test void anAxisMustBeOneOfTheValues() {
    Diagnostic d = only(spec("{H: 2, T: 4, E: 3, N: 2}", RANK3, "y: sum(mean_over(Q, N))", "{wrt: Q, claim: \"[h, t, e] -> 1\"}"));
    assertEquals("`N` is not an axis of `Q`, whose shape is [H, T, E]", d.message());
    assertEquals(List.of("name one of its axes (`H`, `T`, `E`) or count from the end: `-1` is the last"), d.help());
  }

  @Test void theMatrixProductOfARank3ValueSuggestsBmm() {
    Diagnostic d = rank3("y: sum(Q * W)");
    assertEquals("the matrix product `*` needs values of rank <= 2, but `Q` has shape [H, T, E]", d.message());
    assertTrue(d.help().get(0).contains("`bmm(A, B)`"), d.help().toString());
  }

  @Test void rank3ValuesBroadcastOnlyAgainstScalarsAndTheirOwnShape() {
    Diagnostic d = rank3("y: sum(Q + W)");
    assertEquals("shapes [H, T, E] and [E, E] do not match for `+`", d.message());
    assertTrue(d.notes().get(0).startsWith("values of rank above 2 broadcast only against a scalar"), d.notes().toString());
    Diagnostic f = rank3("y: sum(maximum(Q, W))");
    assertTrue(f.message().startsWith("`maximum` expects the shape of the other arguments"), f.message());
  }

  @Test void bmmNeedsMatchingInnerAxesAndSuggestsTheTranspose() {
    Diagnostic d = rank3("y: sum(bmm(Q, Q))");
    assertEquals("`bmm` expects E as its second axis (the left side has E columns), but this has shape [H, T, E]", d.message());
    assertEquals(List.of("did you mean `bmm(Q, Q')`? (on a rank-3 value `'` swaps the last two axes)"), d.help());
    Diagnostic m = rank3("y: sum(bmm(Q, W))");
    assertEquals("`bmm` expects a rank-3 value [P, K, N], but this has shape [E, E]", m.message());
  }

  @Test void rank3ValuesTypeThroughElementwiseFunctionsReductionsAndClaims() {
    List<Diagnostic> ds = TestSpecs.errors(spec(HTE, RANK3,
        "y: sum(softmax_over(tanh(bmm(Q, Q')) / 2, -1) .* exp(-bmm(Q, Q')))",
        "{wrt: Q, claim: \"Q - Q\"}"));
    assertEquals(List.of(), ds);
  }
}
