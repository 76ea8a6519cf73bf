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
 * <p>A one-element error e at (i, k) shows in a pair as {@code u_i e s_k v_k}, u_i and v_k independent standard
 * Gaussians. Against an error of {@link FastCheck#FACTOR} times a pair's bound ({@code |e| s_k = 10 B}), the
 * pair misses it when {@code |u_i v_k| < 1/10}, which has probability {@link #MISS_A_PAIR} = 0.2178 (the
 * integral {@code 2 int_0^inf erf(0.1 / (x sqrt 2)) phi(x) dx}; ProgramProjectionsTest recomputes it), so
 * {@link #PAIRS} = 10 pairs miss with 2.4e-7. The bound B of a pair grows with ||u||, which concentrates
 * near sqrt(m) (the argument takes B at that typical value): so the size guaranteed is about sqrt(m) times
 * fast mode's row-wise one (README).
 * A pair that disagrees ends the screening: the claim is then assembled and checked as before (fast mode
 * with its localisation, or in full), so offenders, hints and a failure are exactly what they were.
 */
final class ProgramProjections {
  private ProgramProjections() {}

  /** P(|X Y| < 1/10) for independent standard normals X, Y: a pair's chance to miss (see the class comment). */
  static final double MISS_A_PAIR = 0.21783;

  /** Pairs of a direction and a cotangent: the fewest with MISS_A_PAIR^PAIRS <= {@link FastCheck#MISS}. */
  static final int PAIRS = (int) Math.ceil(Math.log(FastCheck.MISS) / Math.log(MISS_A_PAIR));

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
    // each component's step scale, the same for every pair
    double[] scale = new double[n];
    double ss = 0;
    for (int k = 0; k < n; k++) {
      scale[k] = Math.max(1.0, Math.abs(x[k]));
      ss += scale[k] * scale[k];
    }
    try {
      for (int t = 0; t < PAIRS; t++) {
        check.deadline().check();
        double[] u = us.get(t), row = rows.get(t);
        g.fill(d, 0, n);
        for (int k = 0; k < n; k++) d[k] *= scale[k];
        if (!dd.derivative(d, 0, n, numeric, fd)) return null;
        double cw = 0, rss = 0, un = 0, ufd = 0, uu = 0;
        for (int k = 0; k < n; k++) {
          cw += row[k] * dd.span(x[k], d[k]) / dd.width();
          rss += row[k] * scale[k] * row[k] * scale[k];
        }
        for (int i = 0; i < m; i++) { un += u[i] * numeric[i]; ufd += Math.abs(u[i]) * fd[i]; uu += u[i] * u[i]; }
        double bound = FastCheck.rowBound(tol, Math.sqrt(uu * ss), Math.sqrt(rss)) + 2 * ufd;
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
