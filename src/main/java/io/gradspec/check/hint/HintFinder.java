package io.gradspec.check.hint;

import io.gradspec.expr.sema.TypedSpec.ClaimInfo;
import io.gradspec.result.Hint;
import io.gradspec.result.Tolerance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Explains a failed claim by testing hypotheses against every component before suggesting them, one
 * detector per kind of mistake: a zero derivative ({@link ZeroDerivative}), permuted axes
 * ({@link Permutations}; for a vec claim, vec taken row-major, {@link RowMajorVec}), a lost sign ({@link Negation}) or constant ({@link Scale}), a missing symmetric
 * part ({@link SymmetricPart}), the two conventions for a symmetric matrix mixed up
 * ({@link SymmetricConvention}), and, when nothing else fits, an error confined to a diagonal or a slice
 * ({@link Support}). The corrections they suggest are re-checked before they are offered: at most one
 * layout change and one rewritten claim.
 */
public final class HintFinder {
  private HintFinder() {}

  /** Runs the spec again with a correction applied, as a full check; true when every component then agrees. */
  public interface Recheck {
    boolean passes(Hint.Fix fix);
  }

  /**
   * Hints for a claim of the right shape that disagrees. Arrays are row-major over the index space of
   * sizes {@code sizes}. {@code transposedProbes} maps each square input matrix M (other than `wrt`) to the
   * claim's values with M replaced by M' (for the missing-symmetric-part test). {@code symmetric}: `wrt` is
   * declared `perturb: symmetric` (for {@link SymmetricConvention}).
   */
  public static List<Hint> find(ClaimInfo ci, int[] sizes, double[] claimed, double[] numeric, double[] fdErr,
                                Tolerance tol, int base, Map<String, double[]> transposedProbes, Recheck recheck,
                                boolean symmetric) {
    ClaimArrays a = new ClaimArrays(ci, sizes, claimed, numeric, fdErr, tol, base);
    if (a.size() == 0) return List.of();
    Hint zero = ZeroDerivative.detect(a);
    if (zero != null) return List.of(zero);
    List<Hint> found = new ArrayList<>();
    // a vec claim's own axes are not the ones compared: permuting those, or the other layout, is no advice
    // for it, unless vec is the identity there (vectors)
    boolean vecMoves = ci.space().vec() && !ci.space().vecIsNumerator();
    add(found, vecMoves ? RowMajorVec.detect(a) : Permutations.detect(a));
    Hint negated = Negation.detect(a);
    add(found, negated != null ? negated : Scale.detect(a));
    for (Map.Entry<String, double[]> probe : transposedProbes.entrySet()) {
      add(found, SymmetricPart.detect(a, probe.getKey(), probe.getValue()));
    }
    add(found, SymmetricConvention.detect(a, symmetric));
    if (found.isEmpty()) add(found, ConstantOffset.detect(a));
    if (found.isEmpty()) {
      // a product's factors in the wrong order: offered only when swapping them passes the re-check
      List<Hint> swaps = FactorOrder.candidates(a);
      if (swaps != null) {
        for (Hint h : rechecked(swaps, recheck)) {
          if (h.fixes().get(0).checked()) return List.of(h);
        }
      }
      add(found, Support.detect(a));
    }
    return rechecked(found, recheck);
  }

  private static void add(List<Hint> out, Hint h) {
    if (h != null) out.add(h);
  }

  /** Each hint with its fixes tried in order until one layout change and one rewritten claim pass. */
  private static List<Hint> rechecked(List<Hint> hints, Recheck recheck) {
    boolean layoutDone = false, claimDone = false;
    List<Hint> out = new ArrayList<>();
    for (Hint h : hints) {
      List<Hint.Fix> fixes = new ArrayList<>();
      for (Hint.Fix f : h.fixes()) {
        boolean isLayout = f.claim() == null;
        boolean passed = !(isLayout ? layoutDone : claimDone) && recheck.passes(f);
        if (passed && isLayout) layoutDone = true;
        if (passed && !isLayout) claimDone = true;
        fixes.add(f.withChecked(passed));
      }
      out.add(h.withFixes(fixes));
    }
    return out;
  }
}
