package io.gradspec.check;

import io.gradspec.expr.eval.ClaimPlan;
import io.gradspec.expr.eval.ClaimSupport;
import io.gradspec.expr.kernel.Perturbation;
import io.gradspec.math.IndexSpace;
import io.gradspec.numeric.CentralDifference;
import io.gradspec.result.Tolerance;
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
  /** The flat index the inconclusive reason speaks of, -1 while there is none. */
  long inconclusiveFlat = -1;
  /** The reason is a step that rounded to 0 (the caller names the input component and its value). */
  boolean inconclusiveStepLost;
  /** Worst offenders, as flat indices into the derivative's index space (0-based). */
  final List<long[]> worstFlat = new ArrayList<>();
  final List<double[]> worstValues = new ArrayList<>();
  double[] fullClaimed;
  double[] fullNumeric;
  double[] fullFdError;

  // the comparison context, fixed for one claim at one point
  private final ClaimPlan plan;
  private final Tolerance tol;
  private final int maxOffenders;
  private final boolean keepFull;
  private final boolean claimT;
  private final boolean numerator;
  private final int[] ofSizes;
  private final int[] wrtSizes;
  private final int[] ofTuple;
  private final int[] wrtTuple;
  private final String of;
  private final String wrt;
  private final int m;
  private final int n;
  private final double[] claimData;
  private final int claimCols;
  private final int claimRows;
  private final PriorityQueue<double[]> heap = new PriorityQueue<>(Comparator.<double[]>comparingDouble(a -> a[0])
      .thenComparing(a -> -a[1]));

  /**
   * An empty comparison of an {@code m}-component `of` against an {@code n}-component `wrt`: feed it
   * columns with {@link #compareColumn}, then call {@link #finish()}. {@code claimT} true reads an
   * expression claim transposed (used to test whether a wrong-shape claim's transpose would match).
   * {@code full} holds the full arrays {claimed, numeric, fdError} to write ({@link #fullArrays}), or is
   * null: column blocks on different threads share them safely, since each writes only its own columns.
   */
  ColumnComparison(ClaimPlan plan, Tolerance tol, int maxOffenders, double[][] full, boolean claimT,
                   int[] ofSizes, int[] wrtSizes, String of, String wrt, int m, int n) {
    boolean keepFull = full != null;
    this.components = (long) m * n;
    this.plan = plan;
    this.tol = tol;
    this.maxOffenders = maxOffenders;
    this.keepFull = keepFull;
    this.claimT = claimT;
    this.numerator = plan.info.decl().layout() != Layout.DENOMINATOR;
    this.ofSizes = ofSizes;
    this.wrtSizes = wrtSizes;
    this.ofTuple = new int[ofSizes.length];
    this.wrtTuple = new int[wrtSizes.length];
    this.of = of;
    this.wrt = wrt;
    this.m = m;
    this.n = n;
    this.claimData = plan.isFormula() ? null : plan.value().data();
    this.claimCols = claimT ? plan.value().m.numCols : 0;
    this.claimRows = claimT ? plan.value().m.numRows : 0;
    if (keepFull) {
      fullClaimed = full[0];
      fullNumeric = full[1];
      fullFdError = full[2];
    }
  }

  /** Fresh full arrays {claimed, numeric, fdError} for an {@code m} x {@code n} comparison. */
  static double[][] fullArrays(int m, int n) {
    return new double[][] {new double[m * n], new double[m * n], new double[m * n]};
  }

  /** Runs the whole comparison: every column of central differences against the claim. */
  static ColumnComparison run(ClaimPlan plan, Perturbation pert, double step, Tolerance tol, int maxOffenders,
                              boolean richardson, boolean keepFull, boolean claimT, int[] ofSizes, int[] wrtSizes, String of, String wrt, Deadline deadline) {
    int m = pert.outputSize(), n = pert.size();
    double[][] full = keepFull ? fullArrays(m, n) : null;
    return run(plan, pert, step, tol, maxOffenders, richardson, full, claimT, ofSizes, wrtSizes, of, wrt, 0, n, deadline);
  }

  /** Compares the columns {@code from} to {@code to} (exclusive) of `wrt`; see the constructor for {@code full}. */
  static ColumnComparison run(ClaimPlan plan, Perturbation pert, double step, Tolerance tol, int maxOffenders,
                              boolean richardson, double[][] full, boolean claimT, int[] ofSizes, int[] wrtSizes,
                              String of, String wrt, int from, int to, Deadline deadline) {
    int m = pert.outputSize(), n = pert.size();
    ColumnComparison r = new ColumnComparison(plan, tol, maxOffenders, full, claimT, ofSizes, wrtSizes, of, wrt, m, n);
    CentralDifference cd = new CentralDifference(pert, step);
    double[] numeric = new double[m], fdErr = new double[m], fp = new double[m], fm = new double[m];
    ClaimSupport support = claimT || forceDense || !plan.isFormula() ? null : plan.support();
    double[] base = null;
    if (support != null) {
      pert.restore();
      base = pert.output().clone();
      // an entry that is not finite at the base point is inconclusive in every column: compare it densely
      for (int i = 0; i < m; i++) if (!Double.isFinite(base[i])) { support = null; break; }
      // so is every entry of a column whose step rounds to 0, support or not
      for (int k = from; k < to && support != null; k++) if (stepLost(pert.get(k), step, richardson)) support = null;
    }
    if (support == null) {
      for (int k = from; k < to; k++) {
        deadline.check();
        if (richardson) cd.richardsonColumn(k, numeric, fdErr, fp, fm);
        else cd.column(k, numeric, fdErr, fp, fm);
        r.compareColumn(k, numeric, fdErr, fp, fm);
      }
    } else {
      SPARSE_RUNS.incrementAndGet();
      r.sparse(support, cd, richardson, base, from, to, numeric, fdErr, fp, fm, deadline);
    }
    pert.restore();
    if (r.mismatches > 0) r.complete();
    r.finish();
    return r;
  }

  /**
   * True when the step at x rounds away: {@code x + h} and {@code x - h} are the same double, for the
   * step {@code h = step * max(1, |x|)} or, with Richardson, its half. Nothing is perturbed then, and the
   * central difference is 0/0.
   */
  static boolean stepLost(double x, double step, boolean richardson) {
    double h = (richardson ? 0.5 : 1.0) * step * Math.max(1.0, Math.abs(x));
    return !((x + h) - (x - h) > 0);
  }

  /**
   * About how many components a full comparison will look at: every one, or for a claim with a delta
   * support, per column the support's rows or the entries a perturbation of the first component of `wrt`
   * changes, whichever is more (what decides whether column blocks on threads pay off). Leaves the
   * program at its base point.
   */
  static long comparedComponents(ClaimPlan plan, Perturbation pert, int[] ofSizes) {
    int m = pert.outputSize(), n = pert.size();
    ClaimSupport support = forceDense || !plan.isFormula() || n == 0 ? null : plan.support();
    if (support == null) return (long) m * n;
    double x = pert.get(0);
    pert.set(0, x + Math.max(1.0, Math.abs(x)));
    int changed = pert.outputDirty(new int[m]);
    pert.reset(0, x);
    pert.restore();
    long perColumn = changed < 0 ? m : Math.min(m, Math.max(changed, support.rowsPerColumn(ofSizes)));
    return (long) n * perColumn;
  }

  /** Tests: true compares every entry of every column (the reference the sparse path must match). */
  static volatile boolean forceDense;
  /** Tests: how many comparisons took the sparse path, and how many of them completed their full arrays. */
  static final java.util.concurrent.atomic.AtomicLong SPARSE_RUNS = new java.util.concurrent.atomic.AtomicLong();
  static final java.util.concurrent.atomic.AtomicLong COMPLETIONS = new java.util.concurrent.atomic.AtomicLong();

  // state of a sparse comparison, kept to complete the full arrays if the claim fails
  private double[] sparseBase;
  private double[] sparseWidths;
  private boolean[] compared;
  private int sparseFrom;
  private int sparseTo;

  /**
   * Columns {@code from} to {@code to} comparing only the union of the claim's support and the entries of
   * `of` that f(x +- h) changed: every other entry is exactly 0 on both sides (the claim by its delta
   * factors, the numeric column because `of` kept its base value there), so its error is 0 and it neither
   * fails nor raises a maximum. Entries are visited in ascending order, as the dense loop visits them.
   */
  private void sparse(ClaimSupport support, CentralDifference cd, boolean richardson, double[] base, int from, int to,
                      double[] numeric, double[] fdErr, double[] fp, double[] fm, Deadline deadline) {
    int[] touched = new int[m], rows = new int[m], pinned = new int[ofSizes.length], idx = new int[ofSizes.length];
    int[] seen = new int[m];
    sparseBase = base;
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
      java.util.Arrays.sort(touched, 0, count);
      beginColumn();
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
  private void complete() {
    if (!keepFull || compared == null) return;
    COMPLETIONS.incrementAndGet();
    for (int k = sparseFrom; k < sparseTo; k++) {
      if (Double.isNaN(sparseWidths[k])) continue;
      pinWrt(k);
      for (int i = 0; i < m; i++) {
        int flat = numerator ? i * n + k : k * m + i;
        if (compared[flat]) continue;
        pinOf(i);
        fullClaimed[flat] = plan.eval();
        fullFdError[flat] = CentralDifference.untouchedError(sparseBase[i], sparseWidths[k]);
      }
    }
    compared = null;
  }

  /**
   * Compares numeric column k (with its finite-difference errors and f(x +- h)) with the claim's matching
   * elements, counting mismatches and keeping the worst offenders.
   */
  void compareColumn(int k, double[] numeric, double[] fdErr, double[] fp, double[] fm) {
    beginColumn();
    if (plan.isFormula()) pinWrt(k);
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
        pinOf(i);
        claimed = plan.eval();
      }
      compareEntry(flat, claimed, numeric[i], fdErr[i], fp[i], fm[i]);
    }
    endColumn();
  }

  /** Compares one component (flat index into the derivative's index space) of the claim and the numeric column. */
  private void compareEntry(long flat, double claimed, double num, double fdErr, double fp, double fm) {
    if (keepFull) {
      fullClaimed[(int) flat] = claimed;
      fullNumeric[(int) flat] = num;
      fullFdError[(int) flat] = fdErr;
    }
    Tolerance.Verdict v = tol.judge(claimed, num, fdErr, fp, fm);
    if (v.inconclusive()) {
      inconclusive(flat, v, claimed, num, fdErr, fp, fm);
      return;
    }
    double err = Math.abs(claimed - num);
    double scale = Math.max(Math.abs(claimed), Math.abs(num));
    double rel = scale == 0 ? 0 : err / scale;
    if (scale > columnScale) columnScale = scale;
    if (v == Tolerance.Verdict.SWAMPED) {
      // agrees or is inconclusive, which the column's scale decides once the column is done
      if (swampedCount == swampedFlat.length) {
        swampedFlat = java.util.Arrays.copyOf(swampedFlat, 2 * swampedCount);
        swamped = java.util.Arrays.copyOf(swamped, 2 * swampedCount);
      }
      swampedFlat[swampedCount] = flat;
      swamped[swampedCount++] = new double[] {claimed, num, fdErr, fp, fm, err, rel};
      return;
    }
    if (err > maxAbs) maxAbs = err;
    if (rel > maxRel) maxRel = rel;
    if (v == Tolerance.Verdict.DISAGREES) {
      mismatches++;
      if (maxOffenders > 0) {
        double[] entry = {err, flat, claimed, num, tol.allowed(claimed, num, fdErr)};
        if (heap.size() < maxOffenders) heap.add(entry);
        else if (heap.comparator().compare(entry, heap.peek()) > 0) { heap.poll(); heap.add(entry); }
      }
    }
  }

  /** The largest |claimed| or |numeric| of the column being compared, and its swamped components. */
  private double columnScale;
  private int swampedCount;
  private long[] swampedFlat = new long[4];
  private double[][] swamped = new double[4][];

  private void beginColumn() {
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
        inconclusive(swampedFlat[s], Tolerance.Verdict.SWAMPED, e[0], e[1], e[2], e[3], e[4]);
      } else {
        if (e[5] > maxAbs) maxAbs = e[5];
        if (e[6] > maxRel) maxRel = e[6];
      }
    }
    swampedCount = 0;
  }

  /** Counts an inconclusive component; the first one's reason is the one reported. */
  private void inconclusive(long flat, Tolerance.Verdict v, double claimed, double num, double fdErr, double fp, double fm) {
    inconclusive++;
    if (inconclusiveReason != null) return;
    String which = switch (v) {
      case CLAIM_NOT_FINITE -> "the claimed value is " + claimed;
      case F_PLUS_NOT_FINITE -> "f(x + h) is " + fp;
      case F_MINUS_NOT_FINITE -> "f(x - h) is " + fm;
      case NUMERIC_NOT_FINITE -> Double.isNaN(num)
          ? "the step rounds to 0 (x + h and x - h are both x, so the central difference is 0/0)"
          : "the central difference (f(x + h) - f(x - h)) / 2h overflows to " + num;
      case BOUND_NOT_FINITE -> "the tolerance overflows (|f(x + h)| = " + sci(Math.abs(fp)) + ")";
      default -> "round-off swamps the comparison: its bound " + sci(fdErr) + " (|f(x + h)| = " + sci(Math.abs(fp))
          + ") exceeds every value compared in the column (claimed " + sci(claimed) + ", numeric " + sci(num)
          + "), so a right claim and a wrong one look alike";
    };
    inconclusiveReason = which + " at d " + of + " / d " + wrt + " component " + flat;
    inconclusiveFlat = flat;
    inconclusiveStepLost = v == Tolerance.Verdict.NUMERIC_NOT_FINITE && Double.isNaN(num);
  }

  private static String sci(double v) {
    return String.format(java.util.Locale.ROOT, "%.2e", v);
  }

  /** Moves the worst offenders, worst first, into {@link #worstFlat} and {@link #worstValues}. */
  void finish() {
    List<double[]> sorted = new ArrayList<>(heap);
    heap.clear();
    sorted.sort(Comparator.<double[]>comparingDouble(a -> -a[0]).thenComparingDouble(a -> a[1]));
    for (double[] e : sorted) {
      worstFlat.add(new long[] {(long) e[1]});
      worstValues.add(new double[] {e[2], e[3], e[0], e[4]});
    }
  }

  /**
   * Combines the comparisons of consecutive column blocks (in column order) into the one a single pass
   * would have made: sums, maxima, the first inconclusive component, and the worst offenders ordered by
   * |error| then index, exactly as the single-pass heap keeps them.
   */
  static ColumnComparison merge(List<ColumnComparison> parts, int maxOffenders) {
    ColumnComparison first = parts.get(0);
    ColumnComparison r = new ColumnComparison(first.plan, first.tol, maxOffenders, null, first.claimT, first.ofSizes,
        first.wrtSizes, first.of, first.wrt, first.m, first.n);
    List<double[]> all = new ArrayList<>();
    long mismatches = 0;
    for (ColumnComparison p : parts) mismatches += p.mismatches;
    for (ColumnComparison p : parts) {
      // a block that passed left its skipped entries out of the shared full arrays: the claim failed elsewhere
      if (mismatches > 0) p.complete();
      r.mismatches += p.mismatches;
      r.inconclusive += p.inconclusive;
      r.maxAbs = Math.max(r.maxAbs, p.maxAbs);
      r.maxRel = Math.max(r.maxRel, p.maxRel);
      if (r.inconclusiveReason == null && p.inconclusiveReason != null) {
        r.inconclusiveReason = p.inconclusiveReason;
        r.inconclusiveFlat = p.inconclusiveFlat;
        r.inconclusiveStepLost = p.inconclusiveStepLost;
      }
      for (int i = 0; i < p.worstFlat.size(); i++) {
        double[] v = p.worstValues.get(i);
        all.add(new double[] {v[2], p.worstFlat.get(i)[0], v[0], v[1], v[3]});
      }
      r.fullClaimed = p.fullClaimed;
      r.fullNumeric = p.fullNumeric;
      r.fullFdError = p.fullFdError;
    }
    all.sort(Comparator.<double[]>comparingDouble(a -> -a[0]).thenComparingDouble(a -> a[1]));
    for (double[] e : all.subList(0, Math.min(maxOffenders, all.size()))) {
      r.worstFlat.add(new long[] {(long) e[1]});
      r.worstValues.add(new double[] {e[2], e[3], e[0], e[4]});
    }
    return r;
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
