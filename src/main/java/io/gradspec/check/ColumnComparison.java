package io.gradspec.check;

import io.gradspec.expr.ClaimPlan;
import io.gradspec.expr.Perturbation;
import io.gradspec.numeric.CentralDifference;
import io.gradspec.spec.Layout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Compares one claim with central differences at one point, column by column: each `wrt` component
 * gives one numeric column over `of`, compared at once with the claim's matching elements, so nothing
 * larger than one column is held (plus the worst offenders). Optionally keeps the full claimed and
 * numeric arrays (for hints, only on failure and only when small).
 */
final class ColumnComparison {
  final long components;
  long mismatches;
  long inconclusive;
  double maxAbs;
  double maxRel;
  String inconclusiveReason;
  /** Worst offenders, as flat indices into the derivative's index space (0-based). */
  final List<long[]> worstFlat = new ArrayList<>();
  final List<double[]> worstValues = new ArrayList<>();
  double[] fullClaimed;
  double[] fullNumeric;
  double[] fullFdError;

  private ColumnComparison(long components) { this.components = components; }

  /**
   * Runs the comparison. {@code claimT} true reads an expression claim transposed (used to test whether a
   * wrong-shape claim's transpose would match).
   */
  static ColumnComparison run(ClaimPlan plan, Perturbation pert, double step, Tolerance tol, int maxOffenders,
                              boolean richardson, boolean keepFull, boolean claimT, int[] ofSizes, int[] wrtSizes, String of, String wrt, Deadline deadline) {
    int m = pert.outputSize(), n = pert.size();
    ColumnComparison r = new ColumnComparison((long) m * n);
    if (keepFull) {
      r.fullClaimed = new double[m * n];
      r.fullNumeric = new double[m * n];
      r.fullFdError = new double[m * n];
    }
    boolean numerator = plan.info.decl().layout() != Layout.DENOMINATOR;
    CentralDifference cd = new CentralDifference(pert, step);
    double[] numeric = new double[m], fdErr = new double[m], fp = new double[m], fm = new double[m];
    PriorityQueue<double[]> heap = new PriorityQueue<>(Comparator.<double[]>comparingDouble(a -> a[0])
        .thenComparing(a -> -a[1]));
    double[] claimData = plan.isFormula() ? null : plan.value().data();
    int ofRank = ofSizes.length, wrtRank = wrtSizes.length;
    int[] ofTuple = new int[ofRank], wrtTuple = new int[wrtRank];
    int claimCols = claimT ? plan.value().m.numCols : 0;
    int claimRows = claimT ? plan.value().m.numRows : 0;
    for (int k = 0; k < n; k++) {
      deadline.check();
      if (richardson) cd.richardsonColumn(k, numeric, fdErr, fp, fm);
      else cd.column(k, numeric, fdErr, fp, fm);
      if (plan.isFormula()) {
        unflatten(k, wrtSizes, wrtTuple);
        for (int a = 0; a < wrtRank; a++) plan.setIndex(numerator ? ofRank + a : a, wrtTuple[a]);
      }
      for (int i = 0; i < m; i++) {
        long flat = numerator ? (long) i * n + k : (long) k * m + i;
        double claimed;
        if (claimData != null) {
          if (claimT) {
            // element (r, c) of the transposed claim is element (c, r) of the claim
            int rr = (int) (flat / claimRows), cc = (int) (flat % claimRows);
            claimed = claimData[cc * claimCols + rr];
          } else {
            claimed = claimData[(int) flat];
          }
        } else {
          unflatten(i, ofSizes, ofTuple);
          for (int a = 0; a < ofRank; a++) plan.setIndex(numerator ? a : wrtRank + a, ofTuple[a]);
          claimed = plan.eval();
        }
        double num = numeric[i];
        double allowed = tol.allowed(claimed, num, fdErr[i]);
        if (keepFull) {
          r.fullClaimed[(int) flat] = claimed;
          r.fullNumeric[(int) flat] = num;
          r.fullFdError[(int) flat] = fdErr[i];
        }
        if (!Double.isFinite(claimed) || !Double.isFinite(fp[i]) || !Double.isFinite(fm[i])) {
          r.inconclusive++;
          if (r.inconclusiveReason == null) {
            String which = !Double.isFinite(claimed) ? "the claimed value is " + claimed
                : !Double.isFinite(fp[i]) ? "f(x + h) is " + fp[i] : "f(x - h) is " + fm[i];
            r.inconclusiveReason = which + " at d " + of + " / d " + wrt + " component " + flat;
            r.inconclusiveFlat = flat;
          }
          continue;
        }
        double err = Math.abs(claimed - num);
        double scale = Math.max(Math.abs(claimed), Math.abs(num));
        double rel = scale == 0 ? 0 : err / scale;
        if (err > r.maxAbs) r.maxAbs = err;
        if (rel > r.maxRel) r.maxRel = rel;
        if (err > allowed) {
          r.mismatches++;
          if (maxOffenders > 0) {
            double[] entry = {err, flat, claimed, num, allowed};
            if (heap.size() < maxOffenders) heap.add(entry);
            else if (heap.comparator().compare(entry, heap.peek()) > 0) { heap.poll(); heap.add(entry); }
          }
        }
      }
    }
    pert.restore();
    List<double[]> sorted = new ArrayList<>(heap);
    sorted.sort(Comparator.<double[]>comparingDouble(a -> -a[0]).thenComparingDouble(a -> a[1]));
    for (double[] e : sorted) {
      r.worstFlat.add(new long[] {(long) e[1]});
      r.worstValues.add(new double[] {e[2], e[3], e[0], e[4]});
    }
    return r;
  }

  long inconclusiveFlat = -1;

  static void unflatten(long flat, int[] sizes, int[] out) {
    for (int d = sizes.length - 1; d >= 0; d--) {
      out[d] = (int) (flat % sizes[d]);
      flat /= sizes[d];
    }
  }
}
