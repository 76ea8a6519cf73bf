package io.gradspec.check.hint;

import io.gradspec.expr.sema.TypedSpec.ClaimInfo;
import io.gradspec.result.Hint;
import io.gradspec.result.ShapeMismatch;
import io.gradspec.spec.Layout;
import java.util.List;

/** The hint for a claim of the wrong shape: whether its transpose fits, and whether that matches. */
public final class ShapeHints {
  private ShapeHints() {}

  /** The hints for {@code ci}, whose index space is not the derivative's ({@code s}). */
  public static List<Hint> of(ClaimInfo ci, ShapeMismatch s) {
    if (!s.transposeFits()) return List.of(Hint.cannotArrange());
    long n = 1;
    for (int v : s.expected()) n *= v;
    if (!s.transposeMatches()) return List.of(Hint.transposeFits(false, n, List.of()));
    // vec is one matrix in any layout's place: the transposed claim is the fix, another layout is not
    if (ci.decl().layout() == Layout.VEC) {
      return List.of(Hint.transposeFits(true, n, List.of(new Hint.Fix(ClaimRewrites.transposed(ci.entry()), null, false))));
    }
    Layout other = ci.decl().layout() == Layout.DENOMINATOR ? Layout.NUMERATOR : Layout.DENOMINATOR;
    return List.of(Hint.transposeFits(true, n, List.of(new Hint.Fix(null, other, false),
        new Hint.Fix(ClaimRewrites.transposed(ci.entry()), null, false))));
  }
}
