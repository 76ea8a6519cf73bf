package io.gradspec.check;

import io.gradspec.math.Gaussian;
import io.gradspec.numeric.HessianColumns;
import io.gradspec.result.Tolerance;
import java.util.SplittableRandom;

/**
 * Fast mode for a Hessian claim (`order: 2`): {@link FastCheck}'s projections, with the numeric side
 * {@code H w} from {@link HessianColumns#projection} (the gradient of the tangent along w: one evaluation of
 * the complex form and 2n perturbed ones, against n + 2n^2 for the full check). Each row i is compared as
 * fast mode compares it, {@code |(C w)_i - (H w)_i| <= KAPPA (atol ||w|| + rtol ||C_i. o w||) + 2 fd_i}, with
 * as many projections as make a one-element error above the guaranteed size missed with probability
 * {@link FastCheck#MISS}. A failed projection is not localised here: the claim is then checked in full, so
 * its offenders and hints are exact.
 */
final class HessianProjections {
  private HessianProjections() {}

  /** Whether every projection agrees; {@code r} gets the estimated largest errors when they do. */
  static boolean agree(ClaimCheck check, long seed, ColumnComparison r) {
    HessianColumns h = (HessianColumns) check.reference();
    int n = check.pert().size();
    Tolerance tol = check.tol();
    double[] w = new double[n], hw = new double[n], err = new double[n], cw = new double[n], cs = new double[n];
    Gaussian g = new Gaussian(new SplittableRandom(seed));
    for (int p = 0, count = FastCheck.projections(tol.rtol()); p < count; p++) {
      check.deadline().check();
      g.fill(w, 0, n);
      double norm = 0;
      for (int k = 0; k < n; k++) {
        w[k] *= Math.max(1.0, Math.abs(check.pert().get(k)));
        norm += w[k] * w[k];
      }
      norm = Math.sqrt(norm);
      h.projection(w, hw, err);
      java.util.Arrays.fill(cw, 0);
      java.util.Arrays.fill(cs, 0);
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < n; k++) {
          double c = r.claimedAt(i, k) * w[k];
          cw[i] += c;
          cs[i] += c * c;
        }
      }
      for (int i = 0; i < n; i++) {
        double bound = FastCheck.rowBound(tol, norm, Math.sqrt(cs[i])) + 2 * err[i];
        double diff = Math.abs(cw[i] - hw[i]);
        if (!(diff <= bound)) return false;
        r.maxAbs = Math.max(r.maxAbs, diff / norm);
        if (cs[i] > 0) r.maxRel = Math.max(r.maxRel, diff / Math.sqrt(cs[i]));
      }
    }
    return true;
  }
}
