package io.gradspec.expr.sema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.TestSpecs;
import io.gradspec.expr.shape.Axis;
import io.gradspec.result.SpecResult;
import io.gradspec.result.Status;
import io.gradspec.spec.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 13 item 3: axes with arithmetic, kept symbolic and simplified; slices, concat, reshape, pad, tril. */
class ShapeArithmeticTest {
  private static String spec(String dims, String inputs, String define, String claim) {
    return "name: t\ndims: " + dims + "\ninputs: " + inputs + "\ndefine:\n  " + define + "\nclaims:\n  - " + claim + "\n";
  }

  private static Diagnostic only(String yaml) {
    List<Diagnostic> ds = TestSpecs.errors(yaml);
    assertEquals(1, ds.size(), () -> "expected one diagnostic, got " + ds);
    return ds.get(0);
  }

  @Test void axesArePolynomialsInOneCanonicalForm() {
    Axis mp = Axis.parse("M+P");
    assertEquals(Axis.of("M"), Axis.difference(mp, Axis.of("P")), "(M+P) - P is M");
    assertEquals(Axis.parse("P + M"), mp);
    assertEquals("2*N", Axis.parse("N + N").toString());
    assertEquals("C*D", Axis.parse("D*C").toString());
    assertEquals("N-1", Axis.parse("N - 1").toString());
    assertEquals(Axis.parse("2*N+2"), Axis.parse("2*(N+1)"));
    assertEquals(Axis.ONE, Axis.parse("N - N + 1"));
    assertNull(Axis.parse("N +"));
    assertNull(Axis.parse("N / 2"));
    assertEquals(7, Axis.parse("2*N-1").size(java.util.Map.of("N", 4)));
  }

  @Test void concatOfMByDAndPByDIsMPlusPByD_andTheDifferenceSimplifies() {
    // (M+P) - P rows from row M on are B's shape [P, D]: a claim against B's own index space fits
    SpecResult r = TestSpecs.check(spec("{M: 3, P: 2, D: 4}", "{A: [M, D], B: [P, D]}",
        "C: concat(A, B)\n  y: C[M:M+P, :]", "{wrt: B, claim: \"[i, j, k, l] -> delta(i, k) * delta(j, l)\"}"));
    assertEquals(Status.PASSED, r.status(), () -> String.valueOf(r.error()));
    assertEquals(Status.PASSED, r.claims().get(0).status());
  }

  @Test void concatNeedsMatchingColumns() {
    Diagnostic d = only(spec("{M: 3, P: 2, D: 4}", "{A: [M, D], B: [P, M]}", "C: concat(A, B)", "{wrt: A, claim: 1}"));
    assertTrue(d.message().contains("`concat` expects the columns of the first argument, D"), d.message());
    assertEquals("to put matrices side by side use `concat_cols(A, B)`", d.help().get(0));
  }

  @Test void reshapeKeepsTheNumberOfEntriesSymbolically() {
    assertEquals(List.of(), TestSpecs.errors(spec("{N: 3}", "{A: [2*N, N]}", "R: reshape(A, N, 2*N)", "{wrt: A, claim: \"[i, j, k, l] -> delta(i * 2 * N + j, k * N + l)\"}")));
    Diagnostic d = only(spec("{N: 3}", "{A: [2*N, N]}", "R: reshape(A, N, N)", "{wrt: A, claim: 1}"));
    assertTrue(d.message().contains("expects a value of N*N entries"), d.message());
  }

  @Test void literalSizesAndArithmeticInInputShapes() {
    assertEquals(List.of(), TestSpecs.errors(spec("{N: 3}", "{A: [3, N-1], x: [2*N]}", "y: sum(A) * sum(x)",
        "{wrt: x, claim: \"sum(A) * ones(1, 2*N)\"}")));
    List<Diagnostic> ds = TestSpecs.errorsOnLoad(spec("{N: 3}", "{A: [0, N]}", "y: sum(A)", "{wrt: A, claim: 1}"));
    assertEquals(1, ds.size(), ds::toString);
    assertTrue(ds.get(0).message().contains("a literal axis is a positive whole number"), ds.get(0).message());
  }

  @Test void anAxisThatComesOutBelowOneIsAnErrorUnderThoseDims() {
    SpecResult r = TestSpecs.check(spec("{N: 1}", "{x: [N], A: [N-1, N]}", "y: sum(A) * x", "{wrt: x, claim: 1}"));
    assertEquals(Status.ERROR, r.status());
    assertTrue(r.error().message().contains("is 0 under dims"), r.error().message());
  }

  @Test void sliceBoundsAreKnownBeforeTheSpecRuns() {
    Diagnostic d = only(spec("{N: 3}", "{x: [N], k: []}", "y: x[0:k]", "{wrt: x, claim: 1}"));
    assertTrue(d.message().contains("a slice bound must be a number or a dimension expression"), d.message());
    d = only(spec("{N: 3}", "{x: [N]}", "y: x[2:2]", "{wrt: x, claim: 1}"));
    assertTrue(d.message().contains("is empty"), d.message());
  }

  @Test void aSliceOutOfRangeIsAnEvaluationErrorNamingTheValidIndices() {
    SpecResult r = TestSpecs.check(spec("{N: 3}", "{x: [N]}", "y: sum(x[1:N+1])", "{wrt: x, claim: 1}"));
    assertEquals(Status.ERROR, r.status());
    assertTrue(r.error().message().contains("takes indices 1 to 3, but axis 1 has 3 (valid indices are 0 to 2)"), r.error().message());
  }

  @Test void slicesFollowTheIndexBase() {
    SpecResult r = TestSpecs.check("name: t\nindex-base: 1\ndims: {N: 4}\ninputs: {x: [N]}\ndefine:\n  y: x[2:N+1]\n"
        + "claims:\n  - {wrt: x, claim: \"[i, j] -> delta(i + 1, j)\"}\n");
    assertEquals(Status.PASSED, r.status(), () -> String.valueOf(r.error()));
    assertEquals(Status.PASSED, r.claims().get(0).status());
  }

  @Test void trilTakesAWholeNumberOffset() {
    Diagnostic d = only(spec("{N: 3}", "{A: [N, N], k: []}", "y: tril(A, k)", "{wrt: A, claim: 1}"));
    assertTrue(d.message().contains("expects the diagonal offset k as a number"), d.message());
    d = only(spec("{N: 3}", "{A: [N, N]}", "y: tril(A, 1, 2)", "{wrt: A, claim: 1}"));
    assertTrue(d.message().contains("`tril` takes 1 or 2 arguments, but 3 are given"), d.message());
  }
}
