package io.gradspec.check;

import io.gradspec.expr.eval.ClaimPlan;
import io.gradspec.expr.eval.ClaimSupport;
import io.gradspec.expr.kernel.Perturbation;
import io.gradspec.expr.sema.DerivativeSpace;
import io.gradspec.numeric.NumericColumns;
import io.gradspec.numeric.Precision;
import io.gradspec.result.InconclusiveReason;
import io.gradspec.result.Tolerance;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.Method;
import java.util.Map;

/**
 * What comparing one claim at one point needs: the compiled claim and the perturbation of its `of` by its
 * `wrt` (both at the point drawn), the derivative's numeric index space, the step and method, the
 * tolerance, how many offenders to keep, whether to keep the full claimed/numeric arrays (for hints),
 * whether to read a matrix claim transposed (to test whether a wrong-shape claim's transpose would
 * match), the delta support that lets a column compare only the entries that can be nonzero (null:
 * every entry), the deadline polled per column, the precision f is computed in (a float32 program's),
 * whether a disagreement is re-estimated at smaller steps before it counts ({@link Confirmation}), and the
 * numeric columns when they are not central differences of `of` (the complex step's, a Hessian's; else null).
 */
record ClaimCheck(ClaimPlan plan, Perturbation pert, DerivativeSpace.Numeric space, double step, boolean richardson,
                  Tolerance tol, int maxOffenders, boolean keepFull, boolean transposed, ClaimSupport support,
                  Deadline deadline, Precision precision, boolean confirm, NumericColumns reference) {
  /** Full arrays are kept for hints only up to this many components. */
  static final int HINT_LIMIT = 1 << 20;

  /**
   * The comparison the checker makes: full arrays for a claim of at most {@link #HINT_LIMIT} components,
   * and the claim's support when it is an index formula that has one (unless {@code options} asks for
   * dense columns).
   */
  static ClaimCheck of(ClaimPlan plan, Perturbation pert, DerivativeSpace.Numeric space, CheckSettings s, Tolerance tol,
                       CheckOptions options, Deadline deadline, Precision precision, NumericColumns reference) {
    // the complex step's columns are dense and need no confirming: they have no step error to refine away
    ClaimSupport support = options.denseColumns() || !plan.isFormula() || reference != null ? null : plan.support();
    return new ClaimCheck(plan, pert, space, s.step(), s.method() == Method.RICHARDSON, tol, options.maxOffenders(),
        plan.components <= HINT_LIMIT, false, support, deadline, precision, reference == null && !options.unconfirmed(),
        reference);
  }

  /** Column k of the numeric derivative: the complex step's, else a shared sweep's ({@code kept}, or null), else {@code cd}'s. */
  void numericColumn(io.gradspec.numeric.CentralDifference cd, SharedSweep.Columns kept, int k, double[] numeric,
                     double[] fdErr, double[] fp, double[] fm) {
    if (reference != null) reference.column(k, numeric, fdErr, fp, fm);
    else if (kept != null) kept.column(cd, k, numeric, fdErr, fp, fm);
    else cd.column(k, richardson, numeric, fdErr, fp, fm);
  }

  /** The same comparison with the claim read transposed: no offenders, no arrays, every entry (a yes/no test). */
  ClaimCheck transposedClaim() {
    return new ClaimCheck(plan, pert, space, step, richardson, tol, 0, false, true, null, deadline, precision, false,
        reference);
  }

  /** The same comparison of another copy of the program (a column block's): its claim and perturbation. */
  ClaimCheck on(ClaimPlan copy, Perturbation copyPert) {
    return new ClaimCheck(copy, copyPert, space, step, richardson, tol, maxOffenders, keepFull, transposed,
        support == null ? null : copy.support(), deadline, precision, confirm, reference);
  }

  /**
   * The same comparison of a program that is not deterministic: its measured relative noise as the round-off
   * ({@link io.gradspec.numeric.Precision#noisy}), and a step no smaller than the one that balances that
   * round-off against truncation, {@code cbrt(noise)}.
   */
  ClaimCheck noisy(double noise) {
    Precision p = precision.noisy(noise);
    return new ClaimCheck(plan, pert, space, Math.max(step, StrictMath.cbrt(p.eps)), richardson, tol, maxOffenders,
        keepFull, transposed, support, deadline, p, confirm, reference);
  }

  /** The same comparison counting disagreements as they are, without re-estimating them ({@link Confirmation}). */
  ClaimCheck unconfirmed() {
    return new ClaimCheck(plan, pert, space, step, richardson, tol, maxOffenders, keepFull, transposed, support,
        deadline, precision, false, reference);
  }

  /**
   * Why component {@code u} could not be judged, as the report names it: its index and its `wrt`
   * component in the spec's index base, that component's value, and where ({@code dims}, {@code trial}).
   */
  InconclusiveReason reason(ColumnComparison.Untrusted u, int base, Map<String, Integer> dims, int trial) {
    int k = space.wrtComponent(u.flat());
    return new InconclusiveReason(u.verdict(), u.stepLost(), plan.info.of(), plan.info.wrt(),
        space.whole().tuple(u.flat(), base), space.wrt().tuple(k, base), pert.get(k), step, u.claimed(), u.numeric(),
        u.fPlus(), u.fMinus(), u.fdError(), dims, trial, null, u.evidence());
  }
}
