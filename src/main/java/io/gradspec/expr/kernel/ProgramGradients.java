package io.gradspec.expr.kernel;

import io.gradspec.program.NdArray;
import java.util.Arrays;
import java.util.List;

/**
 * What one assembly of a {@code vjp} claim learnt about a program function's other arguments: the m
 * one-hot cotangents of the claim wrt one argument bring back the gradients wrt every argument, so the
 * claims of the same call wrt the others (at the same point) need no request of their own. Kept for the
 * last point only, and only as much as {@link #MAX_KEPT} numbers.
 */
public final class ProgramGradients {
  /** Numbers kept at most (32 MiB): a Jacobian larger than that is asked for again, as before. */
  static final long MAX_KEPT = 1L << 22;

  private String fn;
  private double[][] at;
  /** Per argument, its Jacobian (rows x its components, row-major), or null when not kept. */
  private double[][] kept;

  /** The Jacobian of {@code fn} wrt argument {@code wrt} at {@code args}, if kept; null otherwise. */
  synchronized double[] find(String fn, List<NdArray> args, int wrt) {
    if (!fn.equals(this.fn) || kept[wrt] == null || args.size() != at.length) return null;
    for (int a = 0; a < at.length; a++) {
      NdArray x = args.get(a);
      int n = (int) x.count();
      if (!Arrays.equals(x.data(), 0, n, at[a], 0, at[a].length)) return null;
    }
    return kept[wrt];
  }

  /** Keeps {@code jacobians} (null entries: not kept) of {@code fn} at {@code args}, replacing what was kept. */
  synchronized void keep(String fn, List<NdArray> args, double[][] jacobians) {
    this.fn = fn;
    this.at = new double[args.size()][];
    for (int a = 0; a < at.length; a++) at[a] = Arrays.copyOf(args.get(a).data(), (int) args.get(a).count());
    this.kept = jacobians;
  }
}
