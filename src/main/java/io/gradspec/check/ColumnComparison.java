package io.gradspec.check;

import io.gradspec.expr.eval.ClaimPlan;
import io.gradspec.expr.eval.ClaimSupport;
import io.gradspec.expr.kernel.Perturbation;
import io.gradspec.math.IndexSpace;
import io.gradspec.numeric.CentralDifference;
import io.gradspec.result.ErrorGrid;
import io.gradspec.result.Offender;
import io.gradspec.result.Tolerance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Compares one claim with central differences at one point, column by column: each `wrt` component
 * gives one numeric column over `of`, compared at once with the claim's matching elements, so nothing
 * larger than one column is held (plus the worst offenders). Optionally keeps the full claimed and
 * numeric arrays (for hints, only on failure and only when small); a whole comparison without them keeps
 * the error grid's cells instead ({@link #blocks}, for pictures). Every component is judged by
 * {@link Tolerance#judge}, a swamped one by its column's scale ({@link Tolerance#swampedAt}).
 */
final class ColumnComparison {
  /** A disagreeing component: its flat index in the derivative's index space (0-based) and its numbers. */
  record Worst(long flat, double claimed, double numeric, double absError, double tolerance) {}

  /** A component that could not be judged (inconclusive, or swamped in its column), with its values. */
  record Untrusted(long flat, Tolerance.Verdict verdict, double claimed, double numeric, double fdError, double fPlus,
                   double fMinus, double[] evidence) {
    /** f(x +- h) are the same number: the step rounded to 0 and the central difference is 0/0. */
    boolean stepLost() { return verdict == Tolerance.Verdict.NUMERIC_NOT_FINITE && Double.isNaN(numeric); }
  }

  long mismatches, inconclusive;
  double maxAbs, maxRel;
  /** The first component that was inconclusive (in column order), or null. */
  Untrusted firstInconclusive;
  /** Worst offenders, worst first. */
  final List<Worst> worst = new ArrayList<>();
  double[] fullClaimed, fullNumeric, fullFdError;
  /** A whole comparison without full arrays (too large, or read transposed) keeps its error grid's cells, or null. */
  ErrorGrid.Blocks blocks;
  /** Whether the sparse path compared these columns, and how many comparisons completed their full arrays. */
  boolean sparse; int completions;

  // the comparison context, fixed for one claim at one point
  private final ClaimCheck check;
  private final ClaimPlan plan;
  private final Tolerance tol;
  private final int maxOffenders;
  private final boolean keepFull, claimT, numerator;
  private final int[] ofSizes, wrtSizes, ofTuple, wrtTuple;
  private final int m, n, claimCols, claimRows;
  private final double[] claimData;
  private final PriorityQueue<double[]> heap = new PriorityQueue<>(Comparator.<double[]>comparingDouble(a -> a[0])
      .thenComparing(a -> -a[1]));
  // for ComponentVerdict: the component watched (-1 for none), its verdict (recorded in the rare paths only)
  // and what re-estimating it found (Confirmation.Outcome#evidence, or empty)
  long watch = -1;
  Tolerance.Verdict watched = Tolerance.Verdict.AGREES;
  double[] watchedRefinement = NO_EVIDENCE;
  /** Re-estimates disagreeing components before they count ({@link Confirmation}); null: count them as they are. */
  private final Confirmation confirmation;

  /**
   * An empty comparison: feed it columns with {@link #compareColumn}, then call {@link #finish()}.
   * {@code full} holds the full arrays {claimed, numeric, fdError} to write ({@link #fullArrays}), or is
   * null: column blocks on different threads share them safely, since each writes only its own columns.
   */
  ColumnComparison(ClaimCheck check, double[][] full) {
    this.check = check;
    this.plan = check.plan();
    this.tol = check.tol();
    this.maxOffenders = check.maxOffenders();
    this.keepFull = full != null;
    this.claimT = check.transposed();
    this.numerator = check.space().numerator();
    this.ofSizes = check.space().of().sizes();
    this.wrtSizes = check.space().wrt().sizes();
    this.ofTuple = new int[ofSizes.length];
    this.wrtTuple = new int[wrtSizes.length];
    this.m = check.pert().outputSize();
    this.n = check.pert().size();
    this.claimData = plan.isFormula() ? null : plan.value().data();
    this.claimCols = claimT ? plan.value().m.numCols : 0;
    this.claimRows = claimT ? plan.value().m.numRows : 0;
    this.confirmation = check.confirm() ? new Confirmation(check) : null;
    if (keepFull) {
      fullClaimed = full[0]; fullNumeric = full[1]; fullFdError = full[2];
    }
  }

  /** What this comparison compares. */
  ClaimCheck check() { return check; }

  /** Fresh full arrays {claimed, numeric, fdError} for an {@code m} x {@code n} comparison. */
  static double[][] fullArrays(int m, int n) {
    return new double[][] {new double[m * n], new double[m * n], new double[m * n]};
  }

  /** Runs the whole comparison: every column of central differences against the claim. */
  static ColumnComparison run(ClaimCheck c) { return run(c, null); }

  /** The whole comparison, with the columns {@code shared} keeps for claims of the same derivative (or null). */
  static ColumnComparison run(ClaimCheck c, SharedSweep shared) {
    Perturbation pert = c.pert();
    double[][] full = c.keepFull() ? fullArrays(pert.outputSize(), pert.size()) : null;
    return run(c, full, 0, pert.size(), shared);
  }

  /** Compares the columns {@code from} to {@code to} (exclusive) of `wrt`; see the constructor for {@code full}. */
  static ColumnComparison run(ClaimCheck c, double[][] full, int from, int to, SharedSweep shared) {
    Perturbation pert = c.pert();
    int m = pert.outputSize();
    boolean richardson = c.richardson();
    ColumnComparison r = new ColumnComparison(c, full);
    if (full == null && from == 0 && to == pert.size()) r.blocks = new ErrorGrid.Blocks(c.space().whole().sizes(), c.tol());
    CentralDifference cd = new CentralDifference(pert, c.step(), c.precision());
    cd.sweep(from, to, richardson);
    double[] numeric = new double[m], fdErr = new double[m], fp = new double[m], fm = new double[m];
    ClaimSupport support = c.support();
    double[] base = null;
    if (support != null) {
      pert.restore();
      base = pert.output().clone();
      // an entry not finite at the base point is inconclusive in every column, as is every entry of a column
      // whose step rounds to 0, support or not: compare those densely
      for (int i = 0; i < m; i++) if (!Double.isFinite(base[i])) { support = null; break; }
      for (int k = from; k < to && support != null; k++) if (CentralDifference.stepLost(pert.get(k), c.step(), richardson)) support = null;
    }
    if (support == null) {
      SharedSweep.Columns kept = shared == null ? null : shared.columns(c);
      for (int k = from; k < to; k++) {
        c.deadline().check();
        c.numericColumn(cd, kept, k, numeric, fdErr, fp, fm);
        r.compareColumn(k, numeric, fdErr, fp, fm);
      }
    } else {
      r.sparse = true;
      r.sparse(support, cd, richardson, base, from, to, numeric, fdErr, fp, fm);
    }
    pert.restore();
    if (r.mismatches > 0) r.complete();
    r.finish();
    return r;
  }

  // state of a sparse comparison, kept to complete the full arrays if the claim fails
  private double[] sparseBase;
  private double[] sparseWidths;
  private boolean[] compared;
  private int sparseFrom, sparseTo;

  /**
   * Columns {@code from} to {@code to} comparing only the union of the claim's support and the entries of
   * `of` that f(x +- h) changed: every other entry is exactly 0 on both sides (the claim by its delta
   * factors, the numeric column because `of` kept its base value there), so its error is 0 and it neither
   * fails nor raises a maximum. Entries are visited in ascending order, as the dense loop visits them.
   */
  private void sparse(ClaimSupport support, CentralDifference cd, boolean richardson, double[] base, int from, int to,
                      double[] numeric, double[] fdErr, double[] fp, double[] fm) {
    int[] touched = new int[m], rows = new int[m], pinned = new int[ofSizes.length], idx = new int[ofSizes.length];
    int[] seen = new int[m];
    Deadline deadline = check.deadline();
    sparseBase = base;
    if (confirmation != null) confirmation.knownBase(base);
    sparseFrom = from;
    sparseTo = to;
    if (keepFull) {
      sparseWidths = new double[n];
      compared = new boolean[m * n];
    }
    for (int k = from; k < to; k++) {
      deadline.check();
      int count = richardson ? cd.sparseRichardsonColumn(k, numeric, fdErr, fp, fm, base, touched)
          : cd.sparseColumn(k, numeric, fdErr, fp, fm, base, touched);
      if (count < 0) {
        if (keepFull) sparseWidths[k] = Double.NaN;
        compareColumn(k, numeric, fdErr, fp, fm);
        continue;
      }
      if (keepFull) sparseWidths[k] = cd.lastWidth();
      pinWrt(k);
      int stamp = k - from + 1;
      for (int t = 0; t < count; t++) seen[touched[t]] = stamp;
      int s = support.rows(wrtTuple, ofSizes, rows, pinned, idx);
      for (int t = 0; t < s; t++) {
        int i = rows[t];
        if (seen[i] == stamp) continue;
        // in the support but untouched by f(x +- h): the numeric side is exactly the dense column's zero
        seen[i] = stamp;
        touched[count++] = i;
        cd.untouched(i, base, numeric, fdErr, fp, fm);
      }
      Arrays.sort(touched, 0, count);
      beginColumn(k);
      for (int t = 0; t < count; t++) {
        int i = touched[t];
        pinOf(i);
        long flat = numerator ? (long) i * n + k : (long) k * m + i;
        if (keepFull) compared[(int) flat] = true;
        compareEntry(flat, plan.eval(), numeric[i], fdErr[i], fp[i], fm[i]);
      }
      endColumn();
    }
  }

  /**
   * After a sparse comparison found mismatches: writes the skipped entries into the full arrays (for
   * hints and heatmaps) as the dense loop would have: the formula's value (a zero, perhaps negative), the
   * numeric zero (already there) and the round-off bound of an unchanged entry.
   */
  void complete() {
    if (!keepFull || compared == null) return;
    completions++;
    for (int k = sparseFrom; k < sparseTo; k++) {
      if (Double.isNaN(sparseWidths[k])) continue;
      pinWrt(k);
      for (int i = 0; i < m; i++) {
        int flat = numerator ? i * n + k : k * m + i;
        if (compared[flat]) continue;
        pinOf(i);
        fullClaimed[flat] = plan.eval();
        fullFdError[flat] = CentralDifference.untouchedError(sparseBase[i], sparseWidths[k], check.precision().eps);
      }
    }
    compared = null;
  }

  /**
   * Compares numeric column k (with its finite-difference errors and f(x +- h)) with the claim's matching
   * elements, counting mismatches and keeping the worst offenders.
   */
  void compareColumn(int k, double[] numeric, double[] fdErr, double[] fp, double[] fm) {
    beginColumn(k);
    if (plan.isFormula()) pinWrt(k);
    for (int i = 0; i < m; i++) {
      long flat = numerator ? (long) i * n + k : (long) k * m + i;
      double claimed;
      if (claimData != null) {
        if (claimT) {
          // element (r, c) of the transposed claim is element (c, r) of the claim (as written: vec's r, c)
          long at = check.space().claimFlat(i, k);
          int rr = (int) (at / claimRows), cc = (int) (at % claimRows);
          claimed = claimData[cc * claimCols + rr];
        } else {
          claimed = claimData[(int) flat];
        }
      } else {
        pinOf(i);
        claimed = plan.eval();
      }
      compareEntry(flat, claimed, numeric[i], fdErr[i], fp[i], fm[i]);
    }
    endColumn();
  }

  /** The claimed value of component (i, k), read as {@link #compareColumn} reads it (not in a loop of its own). */
  double claimedAt(int i, int k) {
    long flat = check.space().flat(i, k);
    if (claimData == null) {
      pinWrt(k);
      pinOf(i);
      return plan.eval();
    }
    if (!claimT) return claimData[(int) flat];
    long at = check.space().claimFlat(i, k);
    int rr = (int) (at / claimRows), cc = (int) (at % claimRows);
    return claimData[cc * claimCols + rr];
  }

  /** Compares one component (flat index into the derivative's index space) of the claim and the numeric column. */
  private void compareEntry(long flat, double claimed, double num, double fdErr, double fp, double fm) {
    if (keepFull) {
      fullClaimed[(int) flat] = claimed;
      fullNumeric[(int) flat] = num;
      fullFdError[(int) flat] = fdErr;
    }
    Tolerance.Verdict v = tol.judge(claimed, num, fdErr, fp, fm);
    // a disagreement to re-estimate enters the grid when it is settled (Confirmation.settle)
    if (blocks != null && (v != Tolerance.Verdict.DISAGREES || confirmation == null)) blocks.add(flat, claimed, num, fdErr);
    if (v.inconclusive()) {
      inconclusive(flat, v, claimed, num, fdErr, fp, fm, NO_EVIDENCE);
      return;
    }
    double err = Math.abs(claimed - num);
    double scale = Math.max(Math.abs(claimed), Math.abs(num));
    double rel = scale == 0 ? 0 : err / scale;
    if (scale > columnScale) columnScale = scale;
    if (v == Tolerance.Verdict.DISAGREES && confirmation != null) {
      // judged once the column is done: re-estimated at smaller steps first (Confirmation)
      confirmation.pend(flat, (int) (numerator ? flat / n : flat % m), claimed, num, fdErr, fp, fm);
      return;
    }
    if (v == Tolerance.Verdict.SWAMPED) {
      // agrees or is inconclusive, which the column's scale decides once the column is done
      if (swampedCount == swampedFlat.length) {
        swampedFlat = Arrays.copyOf(swampedFlat, 2 * swampedCount);
        swamped = Arrays.copyOf(swamped, 2 * swampedCount);
      }
      swampedFlat[swampedCount] = flat;
      swamped[swampedCount++] = new double[] {claimed, num, fdErr, fp, fm, err, rel};
      return;
    }
    if (err > maxAbs) maxAbs = err;
    if (rel > maxRel) maxRel = rel;
    if (v == Tolerance.Verdict.DISAGREES) disagree(flat, claimed, num, fdErr);
  }

  /** Counts a disagreeing component and keeps it among the worst offenders. */
  void disagree(long flat, double claimed, double num, double fdErr) {
    mismatches++;
    if (flat == watch) watched = Tolerance.Verdict.DISAGREES;
    if (maxOffenders > 0) {
      double[] entry = {Math.abs(claimed - num), flat, claimed, num, tol.allowed(claimed, num, fdErr)};
      if (heap.size() < maxOffenders) heap.add(entry);
      else if (heap.comparator().compare(entry, heap.peek()) > 0) { heap.poll(); heap.add(entry); }
    }
  }

  /** Counts a component's error in the maxima. */
  void measured(double claimed, double num) {
    double err = Math.abs(claimed - num), scale = Math.max(Math.abs(claimed), Math.abs(num));
    maxAbs = Math.max(maxAbs, err);
    maxRel = Math.max(maxRel, scale == 0 ? 0 : err / scale);
  }

  /** Where a refined component's numbers go: into the full arrays (for hints), as its column would have. */
  void refinedFull(long flat, double numeric, double error) {
    if (keepFull) { fullNumeric[(int) flat] = numeric; fullFdError[(int) flat] = error; }
  }

  /** The largest |claimed| or |numeric| of the column being compared, and its swamped components. */
  private double columnScale;
  /** The `wrt` component of the column being compared. */
  private int column;
  private int swampedCount;
  private long[] swampedFlat = new long[4];
  private double[][] swamped = new double[4][];

  private void beginColumn(int k) {
    column = k;
    columnScale = 0;
    swampedCount = 0;
  }

  /**
   * Settles the column's swamped components (Tolerance.Verdict.SWAMPED): inconclusive where the round-off
   * bound also exceeds every value the column compared, agreeing otherwise.
   */
  private void endColumn() {
    for (int s = 0; s < swampedCount; s++) {
      double[] e = swamped[s];
      if (Tolerance.swampedAt(e[2], columnScale)) {
        inconclusive(swampedFlat[s], Tolerance.Verdict.SWAMPED, e[0], e[1], e[2], e[3], e[4], NO_EVIDENCE);
      } else {
        if (e[5] > maxAbs) maxAbs = e[5];
        if (e[6] > maxRel) maxRel = e[6];
      }
    }
    swampedCount = 0;
    if (confirmation != null) confirmation.settle(this, column);
  }

  static final double[] NO_EVIDENCE = {};

  /** Counts an inconclusive component; the first one is the one reported. */
  void inconclusive(long flat, Tolerance.Verdict v, double claimed, double num, double fdErr, double fp, double fm,
                            double[] evidence) {
    inconclusive++;
    if (flat == watch) watched = v;
    if (firstInconclusive == null) firstInconclusive = new Untrusted(flat, v, claimed, num, fdErr, fp, fm, evidence);
  }

  /** What re-estimating disagreeing components found (tuples in base {@code base}), or null for nothing. */
  io.gradspec.result.Refinement refinement(int base) { return confirmation == null ? null : confirmation.result(base); }

  /** Moves the worst offenders, worst first, into {@link #worst}. */
  void finish() {
    List<double[]> sorted = new ArrayList<>(heap);
    heap.clear();
    sorted.sort(WORST_FIRST);
    for (double[] e : sorted) worst.add(new Worst((long) e[1], e[2], e[3], e[0], e[4]));
  }

  /** By |error|, then by flat index: the order the single-pass heap keeps. */
  static final Comparator<double[]> WORST_FIRST =
      Comparator.<double[]>comparingDouble(a -> -a[0]).thenComparingDouble(a -> a[1]);

  /** The worst offenders as the report shows them: index tuples over the derivative's space, in base {@code base}. */
  List<Offender> offenders(int base) {
    IndexSpace whole = check.space().whole();
    List<Offender> out = new ArrayList<>(worst.size());
    for (Worst w : worst) {
      out.add(new Offender(whole.tuple(w.flat(), base), w.claimed(), w.numeric(), w.absError(), w.tolerance(),
          check.space().vec() ? check.space().vecIndex(w.flat(), base) : null));
    }
    return out;
  }

  /**
   * Sets the formula's `wrt` indices to those of component k (in {@link #wrtTuple}): after `of`'s in
   * numerator layout, first in denominator layout.
   */
  private void pinWrt(int k) {
    IndexSpace.unflatten(k, wrtSizes, wrtTuple);
    int at = numerator ? ofSizes.length : 0;
    for (int a = 0; a < wrtTuple.length; a++) plan.setIndex(at + a, wrtTuple[a]);
  }

  /** Sets the formula's `of` indices to those of component i, the other half of {@link #pinWrt}. */
  private void pinOf(int i) {
    IndexSpace.unflatten(i, ofSizes, ofTuple);
    int at = numerator ? 0 : wrtSizes.length;
    for (int a = 0; a < ofTuple.length; a++) plan.setIndex(at + a, ofTuple[a]);
  }
}
