package io.gradspec.check;

import io.gradspec.expr.kernel.Perturbation;
import io.gradspec.numeric.CentralDifference;
import io.gradspec.numeric.StepRefinement;
import io.gradspec.result.Refinement;
import io.gradspec.result.Tolerance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Confirms a disagreement before it is reported: the components of a column that disagree at the default
 * step are re-estimated at smaller steps ({@link StepRefinement}) and judged again, in this order:
 * <ol>
 * <li>the perturbation flows through intermediates whose round-off could explain the whole disagreement
 * (eps times the largest of them, over the step): {@code CANCELLATION}, inconclusive;</li>
 * <li>the one-sided derivatives keep a gap as the step shrinks: a kink, accepted when the claim lies between
 * them (a subgradient, as frameworks define relu'(0)), otherwise {@code KINK}, inconclusive;</li>
 * <li>the extrapolated estimate's error bound is not small against the estimate: {@code UNSETTLED}
 * (f jumps, or is too noisy here), inconclusive;</li>
 * <li>otherwise the estimate is trusted: the claim agrees with it within the tolerance plus its error bound
 * (the default step was too large: "refined"), or the failure is confirmed.</li>
 * </ol>
 * At most {@link #MAX_COLUMNS} columns per claim and point are re-estimated (2 {@link StepRefinement#STEPS}
 * evaluations of f each); a disagreement in a later column is reported as a failure without it.
 */
final class Confirmation {
  /** Columns re-estimated per claim and point, at most. */
  static final int MAX_COLUMNS = 64;
  /** An estimate has settled when its error bound is at most this fraction of it (plus atol). */
  static final double SETTLED = 0.05;

  /**
   * How one disagreeing component was judged again: AGREES, DISAGREES or an inconclusive verdict, with the
   * numbers behind it ({@code evidence}): an inconclusive one's reason's; {estimate, error} of a refined
   * agreement or a confirmed failure; {left, right, nearest} of a kink the claim was accepted at.
   */
  record Outcome(Tolerance.Verdict verdict, double numeric, double error, double[] evidence) {}

  private final ClaimCheck check;
  private final Tolerance tol;
  private double[] base;
  long columns;
  long confirmed;
  long refined;
  long unchecked;
  long kinkCount;
  private double evidenceError = -1;
  private long evidenceFlat;
  Refinement.Estimates evidence;
  Refinement.Estimates example;
  final List<Refinement.Kink> kinks = new ArrayList<>();

  Confirmation(ClaimCheck check) {
    this.check = check;
    this.tol = check.tol();
  }

  // the column's components that disagree at the default step, waiting to be judged again
  private int pending;
  private long[] pendFlat = new long[4];
  private int[] pendRow = new int[4];
  private double[] pendClaimed = new double[4], pendNumeric = new double[4], pendErr = new double[4],
      pendPlus = new double[4], pendMinus = new double[4];

  /** Holds a component of the column being compared that disagrees at the default step, `of` row {@code row}. */
  void pend(long flat, int row, double claimed, double num, double fdErr, double fp, double fm) {
    if (pending == pendFlat.length) {
      int len = 2 * pending;
      pendFlat = Arrays.copyOf(pendFlat, len);
      pendRow = Arrays.copyOf(pendRow, len);
      pendClaimed = Arrays.copyOf(pendClaimed, len);
      pendNumeric = Arrays.copyOf(pendNumeric, len);
      pendErr = Arrays.copyOf(pendErr, len);
      pendPlus = Arrays.copyOf(pendPlus, len);
      pendMinus = Arrays.copyOf(pendMinus, len);
    }
    pendFlat[pending] = flat;
    pendRow[pending] = row;
    pendClaimed[pending] = claimed;
    pendNumeric[pending] = num;
    pendErr[pending] = fdErr;
    pendPlus[pending] = fp;
    pendMinus[pending++] = fm;
  }

  /**
   * Settles the held components of column k in {@code r}: re-estimated while the cap of columns allows,
   * and beyond it counted as failures when some earlier one was confirmed, or else as unconfirmed
   * (inconclusive: no failure is reported that was not confirmed).
   */
  void settle(ColumnComparison r, int k) {
    int count = pending;
    if (count == 0) return;
    pending = 0;
    if (allows()) {
      Outcome[] out = judge(k, pendRow, pendFlat, pendClaimed, pendNumeric, count);
      for (int t = 0; t < count; t++) {
        Outcome o = out[t];
        long flat = pendFlat[t];
        if (flat == r.watch) r.watchedRefinement = o.evidence();
        double c = pendClaimed[t];
        // the grid shows a component as it was judged: a refined agreement with its refined numbers
        if (r.blocks != null) {
          boolean agrees = o.verdict() == Tolerance.Verdict.AGREES;
          r.blocks.add(flat, c, agrees ? o.numeric() : pendNumeric[t], agrees ? o.error() : pendErr[t]);
        }
        switch (o.verdict()) {
          case AGREES -> {
            r.measured(c, o.numeric());
            r.refinedFull(flat, o.numeric(), o.error());
          }
          case DISAGREES -> {
            r.measured(c, pendNumeric[t]);
            r.disagree(flat, c, pendNumeric[t], pendErr[t]);
          }
          default -> r.inconclusive(flat, o.verdict(), c, pendNumeric[t], o.error(), pendPlus[t], pendMinus[t],
              o.evidence());
        }
      }
      return;
    }
    for (int t = 0; t < count; t++) {
      unchecked++;
      if (r.blocks != null) r.blocks.add(pendFlat[t], pendClaimed[t], pendNumeric[t], pendErr[t]);
      if (confirmed > 0) {
        r.measured(pendClaimed[t], pendNumeric[t]);
        r.disagree(pendFlat[t], pendClaimed[t], pendNumeric[t], pendErr[t]);
      } else {
        r.inconclusive(pendFlat[t], Tolerance.Verdict.UNCONFIRMED, pendClaimed[t], pendNumeric[t], pendErr[t],
            pendPlus[t], pendMinus[t], new double[] {MAX_COLUMNS});
      }
    }
  }

  /** `of` at the base point, when the caller already has it (a sparse comparison): not computed again. */
  void knownBase(double[] of) { base = of; }

  /** Whether another column may be re-estimated. */
  boolean allows() { return columns < MAX_COLUMNS; }

  /**
   * Judges again (index tuples 0-based) the {@code count} disagreeing components of column k: `of` rows {@code rows}, flat indices
   * {@code flats}, claimed values {@code claimed}, default-step numeric values {@code numeric}.
   */
  private Outcome[] judge(int k, int[] rows, long[] flats, double[] claimed, double[] numeric, int count) {
    check.deadline().check();
    columns++;
    Perturbation p = check.pert();
    if (base == null) {
      p.restore();
      base = p.output().clone();
    }
    StepRefinement.Estimate[] est = StepRefinement.refine(p, k, rows, count, base, check.step(), check.precision());
    Outcome[] out = new Outcome[count];
    double x = p.get(k);
    int[] wrtIndex = check.space().wrt().tuple(k, 0);
    for (int t = 0; t < count; t++) {
      StepRefinement.Estimate e = est[t];
      double c = claimed[t];
      int[] index = check.space().whole().tuple(flats[t], 0);
      double h = e.steps().length > 0 ? e.steps()[0] : Double.NaN;
      double swamp = CentralDifference.SAFETY * check.precision().eps * e.scale() / h;
      if (Math.abs(c - numeric[t]) <= tol.allowed(c, numeric[t], swamp)) {
        out[t] = new Outcome(Tolerance.Verdict.CANCELLATION, numeric[t], swamp, new double[] {e.scale(), swamp});
        continue;
      }
      if (e.kink()) {
        kinkCount++;
        double lo = Math.min(e.left(), e.right()), hi = Math.max(e.left(), e.right());
        double nearest = Math.max(lo, Math.min(hi, c));
        boolean accepted = Math.abs(c - nearest) <= tol.allowed(c, nearest, e.sideError());
        if (kinks.size() < Refinement.MAX_KINKS) {
          kinks.add(new Refinement.Kink(index, wrtIndex, x, c, e.left(), e.right(), accepted));
        }
        out[t] = accepted
            ? new Outcome(Tolerance.Verdict.AGREES, nearest, e.sideError(), new double[] {e.left(), e.right(), nearest})
            : new Outcome(Tolerance.Verdict.KINK, numeric[t], e.sideError(), new double[] {e.left(), e.right()});
        continue;
      }
      Refinement.Estimates shown = new Refinement.Estimates(index, wrtIndex, x, c, e.steps(), e.estimates(), e.value(),
          e.error());
      if (!(e.error() <= SETTLED * Math.abs(e.value()) + tol.atol())) {
        int pairs = Math.min(3, e.steps().length);
        double[] ev = new double[2 * pairs];
        for (int j = 0; j < pairs; j++) { ev[2 * j] = e.steps()[j]; ev[2 * j + 1] = e.estimates()[j]; }
        out[t] = new Outcome(Tolerance.Verdict.UNSETTLED, numeric[t], e.error(), ev);
        continue;
      }
      if (Math.abs(c - e.value()) <= tol.allowed(c, e.value(), e.error())) {
        refined++;
        if (example == null) example = shown;
        out[t] = new Outcome(Tolerance.Verdict.AGREES, e.value(), e.error(), new double[] {e.value(), e.error()});
      } else {
        confirmed++;
        double err = Math.abs(c - numeric[t]);
        // the offender the report lists first: the largest error at the default step, then the lowest index
        if (err > evidenceError || (err == evidenceError && flats[t] < evidenceFlat)) {
          evidenceError = err;
          evidenceFlat = flats[t];
          evidence = shown;
        }
        out[t] = new Outcome(Tolerance.Verdict.DISAGREES, numeric[t], 0, new double[] {e.value(), e.error()});
      }
    }
    return out;
  }

  /**
   * What was found, with index tuples in base {@code base} (they are kept 0-based), or null when nothing
   * was re-estimated and nothing left unchecked.
   */
  Refinement result(int base) {
    if (columns == 0 && unchecked == 0) return null;
    return new Refinement(columns, confirmed, refined, unchecked, evidence, example, kinks, kinkCount).inBase(base);
  }
}
