package io.gradspec.check;

import io.gradspec.expr.kernel.Perturbation;
import io.gradspec.expr.kernel.ProgramJacobian;
import io.gradspec.math.Gaussian;
import io.gradspec.numeric.DirectionalDifference;
import io.gradspec.result.Tolerance;
import java.util.SplittableRandom;

/**
 * Fast mode's direct projections of a `claim: program` that the program supplies by vjp (issue 10): for a
 * random direction w and cotangent u, the scalar {@code u' C w} from one vjp request ({@code u' C}, n numbers,
 * dotted with w) against {@code u' (J w)}, J w one central difference along w. The claim itself (m cotangents,
 * m n numbers) is never assembled when every pair agrees. A pair's bound is {@link FastCheck}'s for one row,
 * {@code KAPPA (atol ||u|| ||s|| + rtol ||(u' C) o s||) + 2 |u|' fd}, with the row {@code u' C} known exactly.
 *
 * <p>A one-element error e at (i, k) shows in a pair as {@code u_i e w_k}: a product of two independent
 * Gaussians, small when either is. Against an error of {@link FastCheck#FACTOR} times a pair's bound, the
 * pair misses only if one factor is below 1/sqrt(FACTOR) in size, each with probability at most
 * {@code sqrt(2 / pi) / sqrt(10)} = 0.25, so at most 0.5 (the union bound; simulated, about 0.22), and
 * {@link #PAIRS} pairs miss with at most 0.5^20 = 9.5e-7. The bound of a pair grows with ||u||, which
 * concentrates near sqrt(m): so the size guaranteed is about sqrt(m) times fast mode's row-wise one (README).
 * A pair that disagrees ends the screening: the claim is then assembled and checked as before (fast mode
 * with its localisation, or in full), so offenders, hints and a failure are exactly what they were.
 */
final class ProgramProjections {
  private ProgramProjections() {}

  /** Pairs of a direction and a cotangent (see the class comment for the miss probability). */
  static final int PAIRS = 20;

  /**
   * Whether the claim passes the direct projections: {max |error| estimate, max relative estimate} when every
   * pair agrees, null when one does not or the claim is not a vjp program's (then check it as usual).
   */
  static double[] agree(ClaimCheck check, long seed) {
    ProgramJacobian claim = check.plan().programClaim();
    if (claim == null || check.pert().symmetric()) return null;
    Perturbation pert = check.pert();
    int n = pert.size(), m = pert.outputSize();
    // m one-hot cotangents assemble the claim; PAIRS random ones project it: only fewer pays
    if (m <= PAIRS || !claim.byVjp()) return null;
    Tolerance tol = check.tol();
    DirectionalDifference dd = new DirectionalDifference(pert, check.step(), check.precision());
    Gaussian g = new Gaussian(new SplittableRandom(seed));
    double[] d = new double[n], numeric = new double[m], fd = new double[m];
    double[] x = pert.wrtBase();
    double maxAbs = 0, maxRel = 0;
    // every cotangent in one vjp request (PAIRS n numbers back, against the claim's m n)
    java.util.List<double[]> us = new java.util.ArrayList<>(PAIRS);
    for (int t = 0; t < PAIRS; t++) {
      double[] u = new double[m];
      g.fill(u, 0, m);
      us.add(u);
    }
    java.util.List<double[]> rows = claim.vjpRows(us);
    try {
      for (int t = 0; t < PAIRS; t++) {
        check.deadline().check();
        double[] u = us.get(t), row = rows.get(t);
        g.fill(d, 0, n);
        double ss = 0;
        for (int k = 0; k < n; k++) {
          double s = Math.max(1.0, Math.abs(x[k]));
          d[k] *= s;
          ss += s * s;
        }
        if (!dd.derivative(d, 0, n, numeric, fd)) return null;
        double cw = 0, rss = 0, un = 0, ufd = 0, uu = 0;
        for (int k = 0; k < n; k++) {
          cw += row[k] * dd.span(x[k], d[k]) / dd.width();
          double s = Math.max(1.0, Math.abs(x[k]));
          rss += row[k] * s * row[k] * s;
        }
        for (int i = 0; i < m; i++) { un += u[i] * numeric[i]; ufd += Math.abs(u[i]) * fd[i]; uu += u[i] * u[i]; }
        double bound = FastCheck.KAPPA * (tol.atol() * Math.sqrt(uu * ss) + tol.rtol() * Math.sqrt(rss)) + 2 * ufd;
        double diff = Math.abs(cw - un);
        if (!(diff <= bound)) return null;
        maxAbs = Math.max(maxAbs, diff / Math.sqrt(uu * ss));
        if (rss > 0) maxRel = Math.max(maxRel, diff / Math.sqrt(rss));
      }
    } finally {
      pert.restore();
    }
    return new double[] {maxAbs, maxRel};
  }
}
