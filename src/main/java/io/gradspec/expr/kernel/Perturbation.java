package io.gradspec.expr.kernel;

/**
 * Perturbs one component of `wrt` in place and recomputes only the nodes between it and `of`.
 * The caller restores the component with {@link #set} and {@link #restore()} when done.
 */
public final class Perturbation {
  private final Node wrt;
  private final Node of;
  private final Node[] plan;
  /** Whether `of` can change at all: it is `wrt` itself or lies downstream of it. */
  private final boolean ofMoves;

  /** The program-function calls a perturbation recomputes (contract §7); usually none. */
  private final ProgramCall[] calls;
  private final java.util.Set<Node> moving;

  /**
   * For `perturb: symmetric` (a square `wrt` of this many rows), 0 otherwise: component (i, j) then moves
   * A[i, j] and A[j, i] together, so a column is the derivative along e_ij + e_ji.
   */
  private final int symmetric;

  public Perturbation(Node wrt, Node of, Node[] plan) {
    this(wrt, of, plan, 0);
  }

  /** A perturbation that keeps a square {@code wrt} of {@code symmetric} rows symmetric (0: none). */
  public Perturbation(Node wrt, Node of, Node[] plan, int symmetric) {
    this.symmetric = symmetric;
    this.wrt = wrt;
    this.of = of;
    this.plan = plan;
    this.calls = java.util.Arrays.stream(plan).filter(n -> n instanceof ProgramCall).toArray(ProgramCall[]::new);
    this.moving = calls.length == 0 ? java.util.Set.of()
        : java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    if (calls.length > 0) moving.addAll(java.util.Arrays.asList(plan));
    this.ofMoves = of == wrt || java.util.Arrays.asList(plan).contains(of);
  }

  private boolean prepared;

  /**
   * Before the first change: the program is at its base point, so remember it (each perturbation is undone
   * entry by entry) and let the kernels record what they read there. Deferred to the first use because a
   * claim whose columns are known already (a suggested fix's re-check, SharedSweep) never perturbs.
   */
  private void prepare() {
    if (prepared) return;
    prepared = true;
    wrt.snapshotBase();
    for (Node n : plan) n.snapshotBase();
    java.util.Set<Node> reach = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    reach.add(wrt);
    reach.addAll(java.util.Arrays.asList(plan));
    for (Node n : plan) n.prepareDirty(reach);
  }

  /** Whether a perturbation goes through a program function (whose one process answers one request at a time). */
  public boolean callsPrograms() { return calls.length > 0; }

  /** Whether {@link #announce} can save work: some program function is recomputed by a perturbation. */
  public boolean announces() { return calls.length > 0 && symmetric == 0; }

  /** Whether component (i, j) moves A[j, i] with it (`perturb: symmetric`). */
  public boolean symmetric() { return symmetric > 0; }

  /** The mirror of component k, (j, i) for (i, j), under `perturb: symmetric`; k itself otherwise. */
  private int mirror(int k) { return symmetric == 0 ? k : (k % symmetric) * symmetric + k / symmetric; }

  /**
   * Says which single-entry perturbations come next ({@code wrt[ks[p]] = values[p]}, each alone), so that
   * the program functions they reach fetch them in one request each ({@link ProgramCall#announce}).
   */
  public void announce(int[] ks, double[] values) {
    prepare();
    for (ProgramCall c : calls) {
      try {
        c.announce(wrt, moving, ks, values);
      } catch (io.gradspec.program.ProgramException e) {
        throw c.failure(e);
      }
    }
  }

  /**
   * Says which points {@link #announce} will be given after the current ones: the program functions start
   * fetching them now, while the sweep works through the points in hand.
   */
  public void prefetch(int[] ks, double[] values) {
    prepare();
    for (ProgramCall c : calls) c.prefetch(wrt, moving, ks, values);
  }

  /** Number of components of `wrt` (its index space, row-major). */
  public int size() { return wrt.size(); }

  /** Number of components of `of`. */
  public int outputSize() { return of.size(); }

  public double get(int k) { return wrt.m.data[k]; }

  /** Sets component k and recomputes `of`. */
  public void set(int k, double v) {
    prepare();
    undo();
    wrt.m.data[k] = v;
    if (v != wrt.base[k]) wrt.mark(k);
    int t = mirror(k);
    if (t != k) {
      wrt.m.data[t] = v;
      if (v != wrt.base[t]) wrt.mark(t);
    }
    for (Node n : plan) n.computeDirty();
  }

  /** Puts every entry changed by the last perturbation back to its base value. */
  private void undo() {
    for (Node n : plan) if (n.isDirty()) n.restoreBase();
    if (wrt.isDirty()) wrt.restoreBase();
  }

  /**
   * Puts component k back without recomputing: the downstream buffers stay stale until the next
   * {@link #set} or {@link #restore()}, which saves one evaluation per column.
   */
  public void reset(int k, double v) {
    prepare();
    int t = mirror(k);
    if (t != k) {
      wrt.m.data[t] = v;
      if (v != wrt.base[t] || wrt.dirtyAll) wrt.mark(t);
    }
    wrt.m.data[k] = v;
    if (v == wrt.base[k] && !wrt.dirtyAll) {
      // still marked: restoreBase will write the same value back, which is harmless
      return;
    }
    wrt.mark(k);
  }

  /**
   * The entries of `of` that the last {@link #set} may have changed: writes their indices (in no particular
   * order) to {@code out} (room for {@link #outputSize()}) and returns how many, or -1 when any entry may
   * have changed. Every other entry holds exactly its value at the base point.
   */
  public int outputDirty(int[] out) {
    if (!ofMoves || !prepared) return 0;
    if (of.dirtyAll) return -1;
    int c = of.dirtyCount;
    if (c > 0) System.arraycopy(of.dirtyIdx, 0, out, 0, c);
    return c;
  }

  /** The current value of `of` (a live buffer: copy what you keep). */
  public double[] output() { return of.m.data; }

  /**
   * The live buffer of `wrt` (row-major over its index space). Change several components in it and call
   * {@link #recompute()} to evaluate `of` along a direction; restore the values before any other use.
   */
  public double[] wrt() {
    prepare();
    return wrt.m.data;
  }

  /** The base-point values of `wrt` (a live buffer: read it, never change it). */
  public double[] wrtBase() {
    prepare();
    return wrt.base;
  }

  /** Recomputes everything between `wrt` and `of` after changes made through {@link #wrt()}. */
  public void recompute() {
    prepare();
    for (Node n : plan) if (n.isDirty()) n.restoreBase();
    wrt.markAll();
    for (Node n : plan) n.computeDirty();
  }

  /**
   * Like {@link #recompute()} when only the components {@code [lo, hi)} of `wrt` differ from the base point
   * (the caller has set them through {@link #wrt()}): a short range goes through the dirty-region path, so
   * a directional derivative over a few components costs about what that many single perturbations cost.
   */
  public void recomputeRange(int lo, int hi) {
    prepare();
    if (hi - lo > wrt.size() / 4) { recompute(); return; }
    for (Node n : plan) if (n.isDirty()) n.restoreBase();
    wrt.clearDirty(); // entries outside [lo, hi) hold their base values again (the caller put them back)
    double[] x = wrt.m.data;
    for (int k = lo; k < hi; k++) if (x[k] != wrt.base[k]) wrt.mark(k);
    for (Node n : plan) n.computeDirty();
  }

  /**
   * Recomputes every node of the plan in full at the current point (no dirty regions): the reference
   * that incremental evaluation is tested against.
   */
  public void recomputeFull() {
    prepare();
    for (Node n : plan) n.compute();
  }

  /**
   * The largest magnitude among the values involved (every entry of `wrt` and of the nodes between it and
   * `of`, at the base point): the scale of the round-off bound for incremental evaluation.
   */
  public double scale() {
    prepare();
    double s = 0;
    for (int i = 0; i < wrt.size(); i++) s = Math.max(s, Math.abs(wrt.base[i]));
    for (Node n : plan) for (int i = 0; i < n.size(); i++) s = Math.max(s, Math.abs(n.base[i]));
    return s;
  }

  /**
   * The number of entries of the largest value on the path (`wrt` included): the most terms any sum on
   * the path can have, which is how far the round-off of a full re-evaluation can grow.
   */
  public int width() {
    int w = wrt.size();
    for (Node n : plan) w = Math.max(w, n.size());
    return w;
  }

  /**
   * The largest magnitude among the entries the last {@link #set} recomputed (their base and their new
   * values, over every node between `wrt` and `of`): how large the intermediates are that a perturbation of
   * this component flows through. Round-off in f is about eps times this, however small f itself is, so
   * {@code (x + 1e16) - 1e16} loses a step that its value 0 would suggest it keeps.
   */
  public double touchedScale() {
    prepare();
    double s = 0;
    for (Node n : plan) {
      if (n.dirtyAll) {
        for (int i = 0; i < n.size(); i++) s = Math.max(s, Math.max(Math.abs(n.base[i]), Math.abs(n.m.data[i])));
      } else {
        for (int t = 0; t < n.dirtyCount; t++) {
          int i = n.dirtyIdx[t];
          s = Math.max(s, Math.max(Math.abs(n.base[i]), Math.abs(n.m.data[i])));
        }
      }
    }
    return s;
  }

  /** Puts `wrt` and everything downstream back to the base point (copying back only changed entries). */
  public void restore() {
    if (prepared) undo();
  }
}
