package io.gradspec.expr.sema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.shape.Shape;
import io.gradspec.math.IndexSpace;
import io.gradspec.spec.Layout;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The vec layout's index mapping (issue 12): a vec claim is a [numel(of), numel(wrt)] matrix whose row is the
 * column-major vec index of `of` and whose column that of `wrt`, compared in numerator order.
 */
class DerivativeSpaceTest {
  private static final Map<String, Integer> DIMS = Map.of("M", 2, "N", 3, "P", 4, "Q", 5);
  private static final Axis M = Axis.of("M"), N = Axis.of("N"), P = Axis.of("P"), Q = Axis.of("Q");

  /** Y = A X B with A 2 x 3, X 3 x 4, B 4 x 5: Y is 2 x 5, nothing square. */
  private static DerivativeSpace yByX(Layout layout) {
    return DerivativeSpace.of("Y", Shape.matrix(M, Q), "X", Shape.matrix(N, P), layout);
  }

  @Test void columnMajorIsTheFirstIndexFastest() {
    IndexSpace s = new IndexSpace(2, 5);
    // row-major flat 0..9 is (r, c) = (flat / 5, flat % 5); column-major is r + 2 c
    for (int f = 0; f < 10; f++) assertEquals(f / 5 + 2L * (f % 5), s.columnMajor(f), "flat " + f);
    // rank 3: (a, b, c) over (2, 3, 4) is a + 2 b + 6 c
    IndexSpace t = new IndexSpace(2, 3, 4);
    int[] tuple = new int[3];
    for (int f = 0; f < 24; f++) {
      t.unflatten(f, tuple);
      assertEquals(tuple[0] + 2L * tuple[1] + 6L * tuple[2], t.columnMajor(f), "flat " + f);
    }
    // a vector and a scalar: the identity
    for (int f = 0; f < 7; f++) assertEquals(f, new IndexSpace(7).columnMajor(f));
    assertEquals(0, new IndexSpace().columnMajor(0));
  }

  @Test void aVecClaimIsOneMatrixButIsComparedInNumeratorOrder() {
    DerivativeSpace vec = yByX(Layout.VEC);
    assertEquals(List.of(Axis.product(M, Q), Axis.product(N, P)), vec.claimAxes());
    assertEquals(List.of(M, Q, N, P), vec.axes(), "offenders are named d Y[i, j] / d X[k, l]");
    assertEquals(List.of("Y row", "Y col", "X row", "X col"), vec.axisNames());
    assertTrue(vec.numerator());
    assertTrue(vec.vec());
    assertFalse(vec.vecIsNumerator());
    assertEquals(0, vec.ofAt());
    assertEquals(2, vec.wrtAt());
    // numerator and denominator: the claim has the derivative's own index space
    assertEquals(yByX(Layout.NUMERATOR).axes(), yByX(Layout.NUMERATOR).claimAxes());
    assertEquals(List.of(N, P, M, Q), yByX(Layout.DENOMINATOR).claimAxes());
  }

  @Test void theNonSquareMappingOfYByX() {
    DerivativeSpace.Numeric s = yByX(Layout.VEC).at(DIMS);
    assertEquals(10, s.m());
    assertEquals(12, s.n());
    assertArrayEquals(new int[] {2, 5, 3, 4}, s.whole().sizes());
    // Y[1, 2] is vec(Y) entry 1 + 2 * 2 = 5; X[2, 3] is vec(X) entry 2 + 3 * 3 = 11
    int i = (int) s.of().flatten(new int[] {1, 2}), k = (int) s.wrt().flatten(new int[] {2, 3});
    assertEquals(7, i);
    assertEquals(11, k);
    assertEquals(5, s.vecRow(i));
    assertEquals(11, s.vecColumn(k));
    assertEquals(5L * 12 + 11, s.vecFlat(i, k));
    assertEquals(s.vecFlat(i, k), s.claimFlat(i, k));
    // the flat index compared and reported is numerator's; the report adds the vec row and column
    long flat = s.flat(i, k);
    assertEquals(7L * 12 + 11, flat);
    assertArrayEquals(new int[] {1, 2, 2, 3}, s.whole().tuple(flat, 0));
    assertArrayEquals(new int[] {5, 11}, s.vecIndex(flat, 0));
    assertArrayEquals(new int[] {6, 12}, s.vecIndex(flat, 1), "in the spec's index base");
    // X[1, 0] and X[0, 1]: row-major 4 and 1, column-major 1 and 3
    assertEquals(1, s.vecColumn(4));
    assertEquals(3, s.vecColumn(1));
  }

  @Test void everyComponentHasItsOwnPlaceInTheVecMatrix() {
    DerivativeSpace.Numeric s = yByX(Layout.VEC).at(DIMS);
    boolean[] seen = new boolean[s.m() * s.n()];
    for (int i = 0; i < s.m(); i++) {
      for (int k = 0; k < s.n(); k++) {
        int at = (int) s.vecFlat(i, k);
        assertFalse(seen[at], "two components at " + at);
        seen[at] = true;
      }
    }
  }

  @Test void aScalarOfGivesARowAndVectorsTheIdentity() {
    DerivativeSpace grad = DerivativeSpace.of("f", Shape.SCALAR, "X", Shape.matrix(N, P), Layout.VEC);
    assertEquals(List.of(Axis.product(N, P)), grad.claimAxes());
    DerivativeSpace.Numeric g = grad.at(DIMS);
    assertArrayEquals(new int[] {3}, g.vecIndex(g.flat(0, 1), 0), "X[0, 1] is vec(X) entry 3");
    DerivativeSpace vectors = DerivativeSpace.of("y", Shape.matrix(M, Axis.ONE), "x", Shape.matrix(N, Axis.ONE),
        Layout.VEC);
    assertTrue(vectors.vecIsNumerator());
    assertEquals(List.of(M, N), vectors.claimAxes());
    DerivativeSpace.Numeric v = vectors.at(DIMS);
    for (int i = 0; i < 2; i++) for (int k = 0; k < 3; k++) assertEquals(v.flat(i, k), v.vecFlat(i, k));
  }
}
