package io.gradspec.check;

import io.gradspec.expr.eval.ClaimPlan;
import io.gradspec.numeric.HessianColumns;
import io.gradspec.expr.eval.ClaimSupport;
import io.gradspec.expr.kernel.Perturbation;

/**
 * How one claim is compared at one point: the mode ({@code auto} becomes full up to
 * {@link FastCheck#AUTO_FULL_LIMIT} `wrt` components and fast above, except that a sparse index-formula
 * claim stays in full mode while it compares at most {@link FastCheck#AUTO_FULL_COMPARED} entries), and
 * for the full check the number of column blocks spread over --jobs.
 */
final class ModePolicy {
  /** Column blocks are worth a thread only from this many columns and components. */
  static final int MIN_BLOCK_COLUMNS = 256;
  static final long MIN_PARALLEL_COMPONENTS = 1 << 15;
  /**
   * A claim with fewer components is still split when its sweep (2 evaluations per column) is estimated
   * from one timed perturbation to take longer than this: index formulas make few columns dear. Blocks then
   * hold at least {@link #MIN_DEAR_BLOCK_COLUMNS} columns. Timing decides only how the work is split;
   * reports are the same for any split.
   */
  static final long MIN_PARALLEL_NANOS = 40_000_000L;
  static final int MIN_DEAR_BLOCK_COLUMNS = 32;

  private ModePolicy() {}

  /** The mode to run (never AUTO) and, in full mode, how many column blocks (1: one pass on this thread). */
  record Choice(Mode mode, int blocks) {}

  /** The choice for {@code check} when {@code asked} was requested with {@code jobs} threads. Leaves the program at its base point. */
  static Choice choose(Mode asked, int jobs, ClaimCheck check) {
    ClaimPlan plan = check.plan();
    int n = check.pert().size();
    // a Hessian's columns come from its complex form, on one thread; fast mode projects them
    // (HessianProjections) unless `perturb: symmetric` would have to mirror the direction
    if (check.reference() instanceof HessianColumns h) return new Choice(h.symmetric() ? Mode.FULL : asked.resolve(n), 1);
    // the complex step compares every column against one shared complex form: full, on one thread
    if (check.reference() != null) return new Choice(Mode.FULL, 1);
    // fast mode's projections move every component along a direction, which `perturb: symmetric` would
    // have to mirror: a symmetric-perturbed claim is checked in full (README, "perturb: symmetric")
    Mode mode = check.pert().symmetric() ? Mode.FULL : asked.resolve(n);
    long compared = -1;
    if (asked == Mode.AUTO && mode == Mode.FAST && plan.isFormula() && plan.support() != null) {
      // a sparse formula claim: the full check compares only its support and what each perturbation
      // changes, so it stays cheap far beyond AUTO_FULL_LIMIT (and is exact, where fast mode must read the
      // whole claim on every projection)
      compared = comparedComponents(check);
      if (compared <= FastCheck.AUTO_FULL_COMPARED) mode = Mode.FULL;
    }
    if (mode != Mode.FULL) return new Choice(mode, 1);
    // the file's one program process answers one request at a time: a second block would only wait for it,
    // and assemble a `claim: program` a second time in its own copy of the program
    if (check.pert().callsPrograms()) return new Choice(Mode.FULL, 1);
    int blocks = Math.min(jobs, n / MIN_BLOCK_COLUMNS);
    if (blocks >= 2 && compared < 0) compared = comparedComponents(check);
    if (blocks >= 2 && compared >= MIN_PARALLEL_COMPONENTS) return new Choice(Mode.FULL, blocks);
    int dear = Math.min(jobs, n / MIN_DEAR_BLOCK_COLUMNS);
    if (dear >= 2 && 2L * n * perturbationNanos(check) > MIN_PARALLEL_NANOS) return new Choice(Mode.FULL, dear);
    return new Choice(Mode.FULL, 1);
  }

  /** The time of one perturbed evaluation (the fastest of three); leaves the program at its base point. */
  private static long perturbationNanos(ClaimCheck check) {
    Perturbation pert = check.pert();
    double x = pert.get(0);
    long best = Long.MAX_VALUE;
    for (int r = 0; r < 3; r++) {
      long t0 = System.nanoTime();
      pert.set(0, x + Math.max(1.0, Math.abs(x)) * 1e-3);
      best = Math.min(best, System.nanoTime() - t0);
    }
    pert.reset(0, x);
    pert.restore();
    return best;
  }

  /**
   * About how many components a full comparison will look at: every one, or for a claim with a delta
   * support, per column the support's rows or the entries a perturbation of the first component of `wrt`
   * changes, whichever is more (what decides whether column blocks on threads pay off). Leaves the
   * program at its base point.
   */
  static long comparedComponents(ClaimCheck check) {
    Perturbation pert = check.pert();
    int m = pert.outputSize(), n = pert.size();
    ClaimSupport support = n == 0 ? null : check.support();
    if (support == null) return (long) m * n;
    double x = pert.get(0);
    pert.set(0, x + Math.max(1.0, Math.abs(x)));
    int changed = pert.outputDirty(new int[m]);
    pert.reset(0, x);
    pert.restore();
    long perColumn = changed < 0 ? m : Math.min(m, Math.max(changed, support.rowsPerColumn(check.space().of().sizes())));
    return (long) n * perColumn;
  }
}
