package io.gradspec.check;

import io.gradspec.result.Hint;
import io.gradspec.result.Tolerance;
import java.util.ArrayList;
import java.util.List;

/**
 * The hint a failed Hessian claim gets when it is not symmetric: the Hessian of a twice continuously
 * differentiable f is, so an asymmetric claim is wrong at one of each such pair, whatever else is wrong.
 */
final class HessianSymmetry {
  private HessianSymmetry() {}

  /**
   * {@code hints} with one more when the claimed Hessian ({@code claimed}, row-major over wrt ++ wrt) differs
   * from its transpose beyond the tolerance somewhere: the worst pair, in the spec's index base.
   */
  static List<Hint> withHint(List<Hint> hints, double[] claimed, ClaimCheck check, Tolerance tol, int base) {
    int n = check.pert().size();
    long worst = -1;
    double gap = 0;
    for (int p = 0; p < n; p++) {
      for (int q = p + 1; q < n; q++) {
        double a = claimed[p * n + q], b = claimed[q * n + p];
        double d = Math.abs(a - b);
        if (d > tol.allowed(a, b, 0) && d > gap) { gap = d; worst = (long) p * n + q; }
      }
    }
    if (worst < 0) return hints;
    var whole = check.space().whole();
    int p = (int) (worst / n), q = (int) (worst % n);
    String pq = java.util.Arrays.toString(whole.tuple(worst, base));
    String qp = java.util.Arrays.toString(whole.tuple((long) q * n + p, base));
    List<Hint> out = new ArrayList<>(hints);
    out.add(Hint.stated(String.format(java.util.Locale.ROOT, "the claimed Hessian is not symmetric: %s is %.6e but %s is"
        + " %.6e; a Hessian is symmetric, so at least one of each such pair is wrong", pq, claimed[(int) worst], qp,
        claimed[q * n + p])));
    return out;
  }
}
