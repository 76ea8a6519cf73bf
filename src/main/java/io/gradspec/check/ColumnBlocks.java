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
 * numbers are exactly those of a single pass; {@link ColumnComparison#merge} then restores single-pass
 * order. Reports are therefore identical whatever the number of threads.
 */
final class ColumnBlocks {
  private ColumnBlocks() {}

  /** Compares {@code check}'s claim of program {@code p} in {@code blocks} blocks of consecutive columns. */
  static ColumnComparison run(Program p, ClaimCheck check, int blocks) {
    Perturbation pert = check.pert();
    double[][] full = check.keepFull() ? ColumnComparison.fullArrays(pert.outputSize(), pert.size()) : null;
    List<Program> copies = Collections.synchronizedList(new ArrayList<>());
    try {
      return run(p, check, blocks, full, copies);
    } finally {
      synchronized (copies) { for (Program c : copies) c.release(); }
    }
  }

  private static ColumnComparison run(Program p, ClaimCheck check, int blocks, double[][] full, List<Program> copies) {
    ClaimPlan plan = check.plan();
    int claimIndex = p.claims().indexOf(plan);
    String of = plan.info.of(), wrt = plan.info.wrt();
    int n = check.pert().size();
    List<Callable<ColumnComparison>> work = new ArrayList<>();
    for (int b = 0; b < blocks; b++) {
      int from = (int) ((long) n * b / blocks), to = (int) ((long) n * (b + 1) / blocks);
      boolean first = b == 0;
      work.add(() -> {
        ClaimCheck c = check;
        if (!first) {
          Program copy = Compiler.compile(p.typed, p.dims, new Diagnostics(), Long.MAX_VALUE);
          copies.add(copy);
          for (var e : p.inputs().entrySet()) {
            double[] src = e.getValue().data();
            System.arraycopy(src, 0, copy.inputs().get(e.getKey()).data(), 0, src.length);
          }
          copy.evaluate();
          copy.prepareClaims();
          c = check.on(copy.claims().get(claimIndex), copy.perturbation(of, wrt));
        }
        return ColumnComparison.run(c, full, from, to);
      });
    }
    List<ColumnComparison> parts;
    try (Workers workers = new Workers(blocks)) {
      parts = workers.all(work);
    }
    return ColumnComparison.merge(parts, check.maxOffenders());
  }
}
