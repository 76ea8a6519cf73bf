package io.gradspec.report;

import io.gradspec.result.ClaimResult;
import io.gradspec.result.ProgramNoise;
import io.gradspec.result.Refinement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What re-estimating a claim's disagreeing components at smaller steps found, in words: the evidence
 * that a failure is not a step artifact ({@link #evidence}), the kinks named ({@link #kinks}) and the
 * components that needed smaller steps ({@link #refined}). Every report format shows these sentences.
 */
public final class RefinementWording {
  private RefinementWording() {}

  /**
   * E.g. "confirmed at [1]: the central difference is 5.001529e+03 at h = 6.0e-06, 5.000382e+03 at h/2,
   * 5.000096e+03 at h/4, and extrapolates to 5.000000e+03 ± 2.1e-07 (Ridders), which still disagrees with
   * the claimed 5.005000e+03". Null unless a failure was confirmed.
   */
  public static String evidence(ClaimResult c) {
    Refinement r = c.refinement();
    if (r == null || r.evidence() == null) return null;
    Refinement.Estimates e = r.evidence();
    StringBuilder b = new StringBuilder("confirmed at ").append(Arrays.toString(e.index()))
        .append(": the central difference is ");
    int shown = Math.min(3, e.estimates().length);
    for (int j = 0; j < shown; j++) {
      if (j > 0) b.append(j == shown - 1 ? ", and " : ", ");
      b.append(Numbers.sci(e.estimates()[j])).append(j == 0 ? " at h = " + Numbers.tol(e.steps()[0])
          : " at h/" + (1 << j));
    }
    b.append("; extrapolated over ").append(e.estimates().length).append(" steps it is ")
        .append(Numbers.sci(e.value())).append(" ± ").append(Numbers.tol(e.error()))
        .append(" (Ridders), which still disagrees with the claimed ").append(Numbers.sci(e.claimed()));
    if (r.confirmed() > 1) b.append(" (").append(Numbers.plural(r.confirmed(), "component")).append(" confirmed so)");
    if (r.unchecked() > 0) {
      b.append("; ").append(Numbers.plural(r.unchecked(), "more component"))
          .append(" disagree beyond the ").append(r.columns()).append(" columns re-estimated");
    }
    return b.toString();
  }

  /**
   * E.g. "the program is not deterministic: 5 evaluations of f at the same point differ by up to 2.9e-10;
   * that noise, 1.0e-09 relative, is counted as round-off (in place of machine epsilon) and the step is at
   * least 1.0e-03". Null for a deterministic program.
   */
  public static String noise(ClaimResult c) {
    ProgramNoise n = c.noise();
    if (n == null) return null;
    return "the program is not deterministic: " + n.evaluations() + " evaluations of f at the same point differ by "
        + "up to " + Numbers.tol(n.maxDeviation()) + "; that noise, " + Numbers.tol(n.relative())
        + " relative, is counted as round-off (in place of machine epsilon) and the step is at least "
        + Numbers.tol(n.step());
  }

  /**
   * One sentence per kink found, e.g. "f has a kink at x[0] = 0: one-sided derivatives 0 (left) and 1
   * (right); the claimed 0 at [0, 0] lies between them, accepted as a subgradient".
   */
  public static List<String> kinks(ClaimResult c) {
    Refinement r = c.refinement();
    List<String> out = new ArrayList<>();
    if (r == null) return out;
    for (Refinement.Kink k : r.kinks()) {
      String at = c.wrt() + (k.wrtIndex().length == 0 ? "" : Arrays.toString(k.wrtIndex())) + " = "
          + Numbers.compact(k.x());
      out.add("f has a kink at " + at + ": its one-sided derivatives are " + Numbers.compact(round(k.left()))
          + " (left) and " + Numbers.compact(round(k.right())) + " (right); the claimed "
          + Numbers.compact(k.claimed()) + " at " + Arrays.toString(k.index())
          + (k.accepted() ? " lies between them: accepted as a subgradient" : " does not lie between them: inconclusive"));
    }
    if (r.kinkCount() > r.kinks().size()) out.add((r.kinkCount() - r.kinks().size()) + " more kinks");
    return out;
  }

  /**
   * E.g. "2 components agreed only at smaller steps: at [0] the default step 6.0e-06 is 6% of |x[0]| =
   * 0.0001 (truncation error); extrapolated 1.000000e+04 ± 3.1e-08". Null when none did.
   */
  public static String refined(ClaimResult c) {
    Refinement r = c.refinement();
    if (r == null || r.example() == null) return null;
    Refinement.Estimates e = r.example();
    String at = c.wrt() + (e.wrtIndex().length == 0 ? "" : Arrays.toString(e.wrtIndex()));
    String relative = e.x() == 0 ? "" : " is " + percent(e.steps()[0] / Math.abs(e.x())) + " of |" + at + "| = "
        + Numbers.compact(Math.abs(e.x()));
    return Numbers.plural(r.refined(), "component") + " agreed only at smaller steps: at "
        + Arrays.toString(e.index()) + " the default step " + Numbers.tol(e.steps()[0]) + relative
        + ", and the central difference there is " + Numbers.sci(e.estimates()[0]) + "; extrapolated it is "
        + Numbers.sci(e.value()) + " ± " + Numbers.tol(e.error()) + " (Ridders)";
  }

  private static String percent(double f) {
    return f >= 0.01 ? Math.round(f * 100) + "%" : Numbers.tol(f * 100) + "%";
  }

  /** One-sided differences carry round-off in their last digits: 0.9999999999 reads better as 1. */
  private static double round(double v) {
    if (v == 0 || !Double.isFinite(v)) return v;
    return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).doubleValue();
  }
}
