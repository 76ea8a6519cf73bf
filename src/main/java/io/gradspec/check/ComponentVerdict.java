package io.gradspec.check;

import io.gradspec.expr.kernel.Perturbation;
import io.gradspec.numeric.CentralDifference;
import io.gradspec.result.Tolerance;

/** One component of a claim judged exactly as {@link ColumnComparison} judges it: what {@code explain} shows. */
final class ComponentVerdict {
  private ComponentVerdict() {}

  /** One component worked through as the comparison saw it, with the evidence of an inconclusive verdict. */
  record Component(double claimed, double numeric, double fdError, double fPlus, double fMinus, double h,
                   Tolerance.Verdict verdict, double[] evidence, double[] refinement) {}

  /**
   * Component (i, k) — `of` component i, `wrt` component k — worked through as the full comparison judges
   * it: column k computed and compared densely (so its swamped components are settled by the column's
   * scale), and that component's numbers and verdict. With {@code judge} false (a claim that has no value
   * per component) only the numeric side: claimed NaN, verdict null. Leaves the program at its base point.
   */
  static Component of(ClaimCheck c, int i, int k, boolean judge) {
    Perturbation pert = c.pert();
    int m = pert.outputSize();
    CentralDifference cd = new CentralDifference(pert, c.step(), c.precision());
    double[] numeric = new double[m], fdErr = new double[m], fp = new double[m], fm = new double[m];
    c.numericColumn(cd, null, k, numeric, fdErr, fp, fm);
    // the complex step's: h -> 0; a Hessian's: its central difference's
    double h = c.reference() != null ? c.reference().lastStep() : cd.lastStep();
    pert.restore();
    if (!judge) return new Component(Double.NaN, numeric[i], fdErr[i], fp[i], fm[i], h, null, ColumnComparison.NO_EVIDENCE,
        ColumnComparison.NO_EVIDENCE);
    ColumnComparison r = new ColumnComparison(c, null);
    r.watch = c.space().flat(i, k);
    r.compareColumn(k, numeric, fdErr, fp, fm);
    ColumnComparison.Untrusted u = r.firstInconclusive;
    double[] evidence = u != null && u.flat() == r.watch ? u.evidence() : ColumnComparison.NO_EVIDENCE;
    return new Component(r.claimedAt(i, k), numeric[i], fdErr[i], fp[i], fm[i], h, r.watched, evidence,
        r.watchedRefinement);
  }

}
