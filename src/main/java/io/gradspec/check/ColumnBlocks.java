package io.gradspec.check;

import io.gradspec.expr.eval.ClaimPlan;
import io.gradspec.expr.eval.Compiler;
import io.gradspec.expr.eval.Program;
import io.gradspec.expr.kernel.Perturbation;
import io.gradspec.spec.Diagnostics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A full comparison split into column blocks on the fork-join pool (--jobs). Each extra block works on its
 * own copy of the program (compiled again, inputs copied, evaluated at the same base point), so its
 * numbers are exactly those of a single pass; {@link #merge} then restores single-pass
 * order. Reports are therefore identical whatever the number of threads.
 */
final class ColumnBlocks {
  private ColumnBlocks() {}

  /**
   * Compares {@code check}'s claim of program {@code p} in {@code blocks} blocks of consecutive columns; the
   * blocks keep their columns in {@code shared} when the claim's sweep is kept there (null: none).
   */
  static ColumnComparison run(Program p, ClaimCheck check, int blocks, SharedSweep shared) {
    // made here, before the blocks read it from their threads
    if (shared != null) shared.columns(check);
    ColumnComparison r = inBlocks(p, check.unconfirmed(), blocks, shared);
    // re-estimating disagreements caps the columns it re-estimates in column order, which blocks cannot
    // share: a claim that disagrees anywhere is compared again in one pass, as --jobs 1 compares it (from
    // the kept columns, when there are)
    return r.mismatches > 0 && check.confirm() ? ColumnComparison.run(check, shared) : r;
  }

  private static ColumnComparison inBlocks(Program p, ClaimCheck check, int blocks, SharedSweep shared) {
    Perturbation pert = check.pert();
    double[][] full = check.keepFull() ? ColumnComparison.fullArrays(pert.outputSize(), pert.size()) : null;
    List<Program> copies = Collections.synchronizedList(new ArrayList<>());
    try {
      return run(p, check, blocks, full, copies, shared);
    } finally {
      synchronized (copies) { for (Program c : copies) c.release(); }
    }
  }

  private static ColumnComparison run(Program p, ClaimCheck check, int blocks, double[][] full, List<Program> copies,
                                      SharedSweep shared) {
    ClaimPlan plan = check.plan();
    int claimIndex = p.claims().indexOf(plan);
    String of = plan.info.of(), wrt = plan.info.wrt();
    int n = check.pert().size();
    // the base point's inputs, copied here, before the first block starts perturbing p's in place: a copy
    // made from p's live buffers while it runs could start one step away from the base point
    java.util.Map<String, double[]> base = new java.util.HashMap<>();
    for (var e : p.inputs().entrySet()) base.put(e.getKey(), e.getValue().data().clone());
    List<Callable<ColumnComparison>> work = new ArrayList<>();
    for (int b = 0; b < blocks; b++) {
      int from = (int) ((long) n * b / blocks), to = (int) ((long) n * (b + 1) / blocks);
      boolean first = b == 0;
      work.add(() -> {
        ClaimCheck c = check;
        if (!first) {
          Program copy = Compiler.compile(p.typed, p.dims, new Diagnostics(), Long.MAX_VALUE, p.link);
          copies.add(copy);
          for (var e : base.entrySet()) {
            double[] src = e.getValue();
            System.arraycopy(src, 0, copy.inputs().get(e.getKey()).data(), 0, src.length);
          }
          copy.evaluate();
          copy.prepareClaims();
          c = check.on(copy.claims().get(claimIndex), copy.perturbation(of, wrt));
        }
        return ColumnComparison.run(c, full, from, to, shared);
      });
    }
    List<ColumnComparison> parts;
    try (Workers workers = new Workers(blocks)) {
      parts = workers.all(work);
    }
    return merge(parts, check.maxOffenders());
  }

  /**
   * Combines the comparisons of consecutive column blocks (in column order) into the one a single pass
   * would have made: sums, maxima, the first inconclusive component, and the worst offenders ordered by
   * |error| then index, exactly as the single-pass heap keeps them.
   */
  private static ColumnComparison merge(List<ColumnComparison> parts, int maxOffenders) {
    ColumnComparison r = new ColumnComparison(parts.get(0).check(), null);
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
      r.sparse |= p.sparse;
      r.completions += p.completions;
      if (r.firstInconclusive == null) r.firstInconclusive = p.firstInconclusive;
      for (ColumnComparison.Worst w : p.worst) all.add(new double[] {w.absError(), w.flat(), w.claimed(), w.numeric(), w.tolerance()});
      r.fullClaimed = p.fullClaimed;
      r.fullNumeric = p.fullNumeric;
      r.fullFdError = p.fullFdError;
    }
    all.sort(ColumnComparison.WORST_FIRST);
    for (double[] e : all.subList(0, Math.min(maxOffenders, all.size()))) {
      r.worst.add(new ColumnComparison.Worst((long) e[1], e[2], e[3], e[0], e[4]));
    }
    return r;
  }
}
