package io.gradspec.expr.kernel;

import org.ejml.data.DMatrixRMaj;

/**
 * One value of a compiled program with its preallocated buffer. Rank <= 2 values are {@code rows x cols}
 * EJML matrices (a scalar is 1 x 1); higher ranks are a flat 1 x N matrix. Data are always row-major over
 * the index space, so element access needs only {@link #strides}.
 */
public abstract class Node {
  public final DMatrixRMaj m;
  /** Numeric sizes of the index space (literal-1 axes dropped). */
  public final int[] space;
  /** Row-major strides matching {@link #space}. */
  public final int[] strides;
  public final Node[] deps;
  /** Position in the program's topological order. */
  public int order = -1;
  /** Human name for messages: the input or definition name, or null for an intermediate. */
  public String label;

  /** Where this node's buffers come from: the arena of the program that owns it. */
  private final Arena arena;

  Node(Arena arena, int rows, int cols, int[] space, Node... deps) {
    this.arena = arena;
    this.m = DMatrixRMaj.wrap(rows, cols, arena.zeroed(rows * cols));
    this.space = space;
    this.strides = new int[space.length];
    int s = 1;
    for (int i = space.length - 1; i >= 0; i--) { strides[i] = s; s *= space[i]; }
    this.deps = deps;
  }

  public int size() { return m.getNumElements(); }

  public double[] data() { return m.data; }

  /** Recomputes this node's buffer from its dependencies' buffers. */
  public abstract void compute();

  // ------------------------------------------------------------------ dirty-region evaluation
  //
  // During a perturbation each node knows which entries of its buffer differ from its value at the base
  // point (`base`): either all of them, or the listed indices. A node recomputes only the entries its
  // dirty inputs reach; `restore()` copies the base values back into exactly those entries. Entries that
  // are not dirty always hold their base value, so consumers simply read `m`.

  double[] base;
  /** Counts base snapshots, so kernels can cache what they derive from the base (e.g. an inverse). */
  int baseEpoch;
  boolean dirtyAll;
  int[] dirtyIdx;
  int dirtyCount;
  private boolean[] marks;

  /** Remembers the current buffer as the base point. */
  final void snapshotBase() {
    baseEpoch++;
    double[] d = m.data;
    int len = size();
    if (base == null || base.length < len) base = arena.take(len);
    System.arraycopy(d, 0, base, 0, len);
    clearDirty();
  }

  final boolean isDirty() { return dirtyAll || dirtyCount > 0; }

  /** Whether entry i differs from the base point. */
  final boolean isDirty(int i) { return dirtyAll || (marks != null && dirtyCount > 0 && marks[i]); }

  final void markAll() {
    if (!dirtyAll) {
      for (int t = 0; t < dirtyCount; t++) marks[dirtyIdx[t]] = false;
      dirtyCount = 0;
      dirtyAll = true;
    }
  }

  /** Marks entry i dirty; returns false if it already was. */
  final boolean mark(int i) {
    if (dirtyAll) return false;
    if (marks == null) { marks = new boolean[size()]; dirtyIdx = new int[Math.min(size(), 16)]; }
    if (marks[i]) return false;
    marks[i] = true;
    if (dirtyCount == dirtyIdx.length) dirtyIdx = java.util.Arrays.copyOf(dirtyIdx, Math.min(size(), dirtyCount * 2));
    dirtyIdx[dirtyCount++] = i;
    return true;
  }

  final void clearDirty() {
    for (int t = 0; t < dirtyCount; t++) marks[dirtyIdx[t]] = false;
    dirtyCount = 0;
    dirtyAll = false;
  }

  /** Puts the base values back into the dirty entries. */
  final void restoreBase() {
    double[] d = m.data;
    if (dirtyAll) System.arraycopy(base, 0, d, 0, size());
    else for (int t = 0; t < dirtyCount; t++) { int i = dirtyIdx[t]; d[i] = base[i]; }
    clearDirty();
  }

  final boolean anyDepDirty() {
    for (Node d : deps) if (d.isDirty()) return true;
    return false;
  }

  /**
   * Brings the buffer up to date after some inputs changed, recomputing only what they reach. The
   * default recomputes everything (the fallback for operations that mix every entry, like inv or det).
   */
  void computeDirty() {
    if (!anyDepDirty()) return;
    compute();
    markAll();
  }

  /**
   * Called once per base point, after {@link #snapshotBase}, with the nodes a perturbation can change
   * (its `wrt` and everything downstream): a kernel that records what it reads does so here.
   */
  void prepareDirty(java.util.Set<Node> moving) {}

  /**
   * Says the program was evaluated at a new base point (Program.evaluate): what a kernel recorded at the
   * old one for its perturbations ({@link #prepareDirty}) is stale.
   */
  public void newBasePoint() {}

  /** A value set from outside: an input, or a definition held free for a `wrt`. */
  public static final class Source extends Node {
    Source(Arena arena, int rows, int cols, int[] space) { super(arena, rows, cols, space); }
    @Override public void compute() {}
  }

  /**
   * A node computed by a kernel closure over its buffers, optionally with a dirty kernel that updates only
   * the entries its dirty inputs reach (and marks them). Without one, a change recomputes it all.
   */
  public static final class Op extends Node {
    private Runnable kernel;
    private Runnable dirtyKernel;
    Op(Arena arena, int rows, int cols, int[] space, Node... deps) { super(arena, rows, cols, space, deps); }
    void kernel(Runnable k) { this.kernel = k; }
    void dirtyKernel(Runnable k) { this.dirtyKernel = k; }
    private java.util.function.Consumer<java.util.Set<Node>> preparer;
    void preparer(java.util.function.Consumer<java.util.Set<Node>> p) { this.preparer = p; }
    @Override void prepareDirty(java.util.Set<Node> moving) { if (preparer != null) preparer.accept(moving); }
    private Runnable rebaser;
    void rebaser(Runnable r) { this.rebaser = r; }
    @Override public void newBasePoint() { if (rebaser != null) rebaser.run(); }
    @Override public void compute() { kernel.run(); }

    @Override void computeDirty() {
      if (!anyDepDirty()) return;
      if (dirtyKernel == null) { compute(); markAll(); return; }
      dirtyKernel.run();
      // a dense change is cheaper to hold as "all" (restore copies the whole buffer once)
      if (!dirtyAll && dirtyCount > size() / 2 && size() > 8) markAll();
    }

    /** The full kernel then "all dirty": for dirty kernels that meet a case they do not handle. */
    void fallback() { compute(); markAll(); }
  }
}
