package io.gradspec.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.TestSpecs;
import io.gradspec.report.HintWording;
import io.gradspec.result.ClaimResult;
import io.gradspec.result.Hint;
import io.gradspec.result.Offender;
import io.gradspec.result.SpecResult;
import io.gradspec.result.Status;
import io.gradspec.spec.Layout;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * `layout: vec` end to end (issue 12): d vec(A X B) / d vec(X) = kron(B', A) passes as written, in full and
 * fast mode and as an index formula; a wrong claim fails with its offenders named d Y[i, j] / d X[k, l] and
 * their vec row and column; one of the wrong shape says what vec needs.
 */
class VecLayoutTest {
  /** A 2 x 3, X 3 x 4, B 4 x 5: nothing is square. */
  private static final String AXB = """
      name: vec
      dims: {M: 2, N: 3, P: 4, Q: 5}
      inputs: {A: [M, N], X: [N, P], B: [P, Q]}
      define:
        Y: A * X * B
      claims:
        - {wrt: X, claim: "%s", layout: vec}
      """;

  private static ClaimResult check(String claim) {
    return TestSpecs.check(AXB.formatted(claim)).claims().get(0);
  }

  @Test void theBooksClaimPasses() {
    ClaimResult c = check("kron(B', A)");
    assertEquals(Status.PASSED, c.status());
    assertEquals(Layout.VEC, c.layout());
    assertEquals(120, c.components());
    assertEquals(List.of(2, 5, 3, 4), c.indexSpace(), "reported in numerator order");
    assertTrue(c.maxAbsError() < 1e-8, "max error " + c.maxAbsError());
  }

  @Test void aVecIndexFormulaPassesToo() {
    // row r = m + M q of Y[m, q], column c = n + N p of X[n, p]: Y[m, q] = A[m, n] X[n, p] B[p, q]
    ClaimResult c = check("[r, c] -> kron(B', A)[r, c]");
    assertEquals(Status.PASSED, c.status());
    assertEquals(Status.PASSED, check("[r, c] -> sum(m: M, sum(q: Q, sum(n: N, sum(p: P, delta(r, m + M * q) "
        + "* delta(c, n + N * p) * A[m, n] * B[p, q]))))").status());
  }

  @Test void fastModeGivesTheSameVerdicts() {
    CheckOptions fast = CheckOptions.builder().mode(Mode.FAST).build();
    SpecResult right = Checker.check(TestSpecs.spec(AXB.formatted("kron(B', A)")), fast);
    SpecResult wrong = Checker.check(TestSpecs.spec(AXB.formatted("kron(A, B')")), fast);
    assertEquals(Status.PASSED, right.claims().get(0).status());
    assertEquals("fast", right.claims().get(0).mode());
    assertEquals(Status.FAILED, wrong.claims().get(0).status());
  }

  @Test void theRowMajorVecFailsWithItsOffendersNamedAndTheHint() {
    ClaimResult c = check("kron(A, B')");
    assertEquals(Status.FAILED, c.status());
    assertEquals(120, c.components());
    assertEquals(List.of("i", "j", "k", "l"), c.indexNames());
    for (Offender o : c.offenders()) {
      // the offender's vec row and column are the column-major indices of its Y and X halves
      int[] t = o.index();
      assertArrayEquals(new int[] {t[0] + 2 * t[1], t[2] + 3 * t[3]}, o.vecIndex(), "offender " + List.of(t));
    }
    // the claim and the numeric derivative, component by component: kron(A, B')[m Q + q, n P + p] is
    // A[m, n] B[p, q], which is d Y[m, q] / d X[n, p]; read at vec's (m + M q, n + N p) it is another entry
    Offender worst = c.offenders().get(0);
    assertTrue(worst.absError() > 1e-3);
    assertEquals(1, c.hints().size(), "hints: " + c.hints());
    assertEquals(Hint.Kind.ROW_MAJOR_VEC, c.hints().get(0).kind());
    assertTrue(HintWording.lines(c).get(0).contains("vec taken row-major for `Y` and `X`"), HintWording.lines(c).toString());
  }

  @Test void oneWrongEntryIsNamedByItsComponentAndItsVecPlace() {
    // entry (5, 11) of the vec matrix is d Y[1, 2] / d X[2, 3]
    ClaimResult c = check("kron(B', A) + outer(eye(M*Q)[:, 5], eye(N*P)[:, 11])");
    assertEquals(Status.FAILED, c.status());
    assertEquals(1, c.mismatches());
    assertArrayEquals(new int[] {1, 2, 2, 3}, c.offenders().get(0).index());
    assertArrayEquals(new int[] {5, 11}, c.offenders().get(0).vecIndex());
    assertEquals(1.0, c.offenders().get(0).absError(), 1e-8);
  }

  @Test void theIndexBaseAppliesToTheVecPlaceToo() {
    ClaimResult c = TestSpecs.check(("index-base: 1\n" + AXB).formatted(
        "kron(B', A) + outer(eye(M*Q)[:, 6], eye(N*P)[:, 12])")).claims().get(0);
    assertArrayEquals(new int[] {2, 3, 3, 4}, c.offenders().get(0).index());
    assertArrayEquals(new int[] {6, 12}, c.offenders().get(0).vecIndex());
  }

  @Test void aClaimOfTheWrongShapeSaysWhatVecNeeds() {
    ClaimResult c = check("kron(B, A)");
    assertEquals(Status.FAILED, c.status());
    assertNotNull(c.shape());
    assertEquals(List.of(8, 15), c.shape().claimed());
    assertEquals(List.of(10, 12), c.shape().expected());
    assertEquals("(M*Q, N*P)", c.shape().expectedSymbolic());
    String words = String.join("\n", HintWording.lines(c));
    assertTrue(words.contains("cannot be arranged into (M*Q, N*P): vec layout needs one row per entry of `Y`"), words);
  }

  @Test void theTransposeOfAVecClaimIsSuggestedWithoutALayoutChange() {
    ClaimResult c = check("kron(B', A)'");
    assertEquals(Status.FAILED, c.status());
    assertTrue(c.shape().transposeMatches(), "the vec claim's transpose is read at vec's rows and columns");
    Hint h = c.hints().get(0);
    assertEquals(Hint.Kind.TRANSPOSE_MATCHES, h.kind());
    assertTrue(h.fixes().stream().allMatch(f -> f.layout() == null), "no other layout for a vec claim");
  }

  @Test void aScalarsGradientIsARowOfVec() {
    SpecResult r = TestSpecs.check("""
        name: gradient
        dims: {N: 3, P: 2}
        inputs: {X: [N, P], C: [N, P]}
        define:
          f: sum(C .* X)
        claims:
          - {wrt: X, claim: "reshape(C', 1, N*P)", layout: vec}
          - {wrt: X, claim: "reshape(C, 1, N*P)", layout: vec}
        """);
    assertEquals(Status.PASSED, r.claims().get(0).status());
    ClaimResult wrong = r.claims().get(1);
    assertEquals(Status.FAILED, wrong.status());
    assertEquals(Hint.Kind.ROW_MAJOR_VEC, wrong.hints().get(0).kind());
    assertEquals(2.0, wrong.hints().get(0).value(), "only `wrt` is taken row-major");
    assertEquals(1, wrong.offenders().get(0).vecIndex().length, "a scalar `of` has no vec row");
  }

  @Test void forVectorsVecIsNumeratorLayoutAndKeepsItsTransposeHint() {
    String spec = """
        name: vectors
        dims: {D: 4}
        inputs: {W: [D, D], x: [D]}
        define:
          y: W * x
        claims:
          - {wrt: x, claim: W, layout: vec}
          - {wrt: x, claim: W', layout: vec}
        """;
    SpecResult r = TestSpecs.check(spec);
    assertEquals(Status.PASSED, r.claims().get(0).status());
    ClaimResult c = r.claims().get(1);
    assertEquals(Status.FAILED, c.status());
    assertEquals(2, c.offenders().get(0).vecIndex().length, "a vec row and column");
    assertEquals(Hint.Kind.PERMUTED, c.hints().get(0).kind(), "with vectors the vec matrix is the Jacobian");
    String words = String.join("\n", HintWording.lines(c));
    assertTrue(words.contains("write the claim as `W`"), words);
  }
}
