package io.gradspec.check;

import io.gradspec.expr.sema.TypedSpec.ClaimInfo;
import io.gradspec.numeric.CentralDifference;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.Method;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The numeric columns of the claims at one point that share `of`, `wrt`, step and method: the first such
 * claim's full comparison computes f(x ± h e_k) and keeps each column, the others read it (issue 13 item
 * 7), so a correct and a wrong claim of one derivative cost one sweep. The numbers are the ones a second
 * sweep would compute, since evaluation at a point is deterministic; reports do not change.
 *
 * <p>With a {@link Memo} the columns outlive the claims' check: every claim small enough for hints keeps
 * its columns at each point, and the re-checks of a failed claim's suggested fixes (FixRecheck, the same
 * spec with one claim, the same points) read them instead of sweeping again.
 */
final class SharedSweep {
  /** Columns are kept only for derivatives of at most this many components (4 arrays of 8 MiB). */
  static final long MAX_COMPONENTS = 1 << 20;

  /** Columns read from a kept sweep instead of computed, over the process (SharedSweepTest watches it). */
  static final AtomicLong SERVED = new AtomicLong();
  /** Claim checks that read columns another check kept (a re-check of a suggested fix reading its memo). */
  static final AtomicLong INHERITED = new AtomicLong();

  /** Columns are kept for a {@link Memo} only for derivatives of at most this many components (4 arrays of 2 MiB). */
  static final long MEMO_COMPONENTS = 1 << 18;

  private final Set<String> shared;
  private final Map<String, Columns> kept;
  /** The columns this point's claims made (the others in {@link #kept} came from an earlier check). */
  private final Set<Columns> made = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  /** Whether every claim keeps its columns (for a memo), not only the shared ones. */
  private final boolean keepAll;

  private SharedSweep(Set<String> shared, Map<String, Columns> kept, boolean keepAll) {
    this.shared = shared;
    this.kept = kept;
    this.keepAll = keepAll;
  }

  /**
   * The columns of a spec's check at each of its points, by dims map and trial, for the re-checks of its
   * suggested fixes; one per spec check, never shared across threads.
   */
  static final class Memo {
    private final Map<List<Object>, Map<String, Columns>> points = new HashMap<>();

    private Map<String, Columns> at(Map<String, Integer> dims, int trial) {
      return points.computeIfAbsent(List.of(dims, trial), k -> new HashMap<>());
    }
  }

  /** The sweeps that two or more of the open claims in {@code states}, each with a claimed value, share at a point. */
  static SharedSweep of(List<ClaimState> states, CheckSettings settings) { return of(states, settings, null, null, 0); }

  /** As {@link #of(List, CheckSettings)}, keeping (and reading) the columns of {@code memo} at this point (or none). */
  static SharedSweep of(List<ClaimState> states, CheckSettings settings, Memo memo, Map<String, Integer> dims, int trial) {
    // the complex step's columns are read from the complex form, never swept
    if (settings.method() == Method.COMPLEX_STEP) return new SharedSweep(Set.of(), new HashMap<>(), false);
    Map<String, Integer> count = new HashMap<>();
    for (ClaimState st : states) {
      if (st.done || !st.info.shapeFits() || !st.info.indexProblems().isEmpty()) continue;
      count.merge(key(st.info, settings.step(), settings.method() == Method.RICHARDSON), 1, Integer::sum);
    }
    Set<String> shared = new HashSet<>();
    count.forEach((k, v) -> { if (v > 1) shared.add(k); });
    return new SharedSweep(shared, memo == null ? new HashMap<>() : memo.at(dims, trial), memo != null);
  }

  /** What identifies a sweep: of, wrt, the step, whether columns are Richardson's, and the order (a Hessian's are its own). */
  private static String key(ClaimInfo info, double step, boolean richardson) {
    return info.of() + "\u0000" + info.wrt() + "\u0000" + step + "\u0000" + richardson + "\u0000" + info.decl().order();
  }

  /** The kept columns of {@code c}'s derivative, when another claim at this point shares them; else null. */
  Columns columns(ClaimCheck c) {
    String key = key(c.plan().info, c.step(), c.richardson());
    int m = c.pert().outputSize(), n = c.pert().size();
    if ((long) m * n > MAX_COMPONENTS) return null;
    Columns known = kept.get(key);
    if (known != null) {
      if (!made.contains(known)) INHERITED.incrementAndGet();
      return known;
    }
    boolean keep = shared.contains(key) || keepAll && c.keepFull() && (long) m * n <= MEMO_COMPONENTS;
    if (!keep) return null;
    Columns fresh = new Columns(m, n, c.richardson());
    kept.put(key, fresh);
    made.add(fresh);
    return fresh;
  }

  /** Whether {@code c}'s columns were kept already (by an earlier claim, or the check a re-check is of): read them in one pass. */
  boolean computed(ClaimCheck c) { return kept.containsKey(key(c.plan().info, c.step(), c.richardson())); }

  /** One derivative's columns, each computed once and then read. */
  static final class Columns {
    private final int m;
    private final boolean richardson;
    private final double[] numeric, fdError, fPlus, fMinus;
    private final boolean[] done;

    private Columns(int m, int n, boolean richardson) {
      this.m = m;
      this.richardson = richardson;
      numeric = new double[m * n];
      fdError = new double[m * n];
      fPlus = new double[m * n];
      fMinus = new double[m * n];
      done = new boolean[n];
    }

    /** Column k: kept from an earlier claim, or computed by {@code cd} and kept. */
    void column(CentralDifference cd, int k, double[] numeric, double[] fdError, double[] fPlus, double[] fMinus) {
      int at = k * m;
      if (done[k]) {
        copy(this.numeric, this.fdError, this.fPlus, this.fMinus, at, numeric, fdError, fPlus, fMinus, 0);
        SERVED.incrementAndGet();
        return;
      }
      cd.column(k, richardson, numeric, fdError, fPlus, fMinus);
      copy(numeric, fdError, fPlus, fMinus, 0, this.numeric, this.fdError, this.fPlus, this.fMinus, at);
      done[k] = true;
    }

    private void copy(double[] a, double[] b, double[] c, double[] d, int from, double[] w, double[] x, double[] y,
                      double[] z, int to) {
      System.arraycopy(a, from, w, to, m);
      System.arraycopy(b, from, x, to, m);
      System.arraycopy(c, from, y, to, m);
      System.arraycopy(d, from, z, to, m);
    }
  }
}
