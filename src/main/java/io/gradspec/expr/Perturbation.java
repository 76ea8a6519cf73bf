package io.gradspec.expr;

/**
 * Perturbs one component of `wrt` in place and recomputes only the nodes between it and `of`.
 * The caller restores the component with {@link #set} and {@link #restore()} when done.
 */
public final class Perturbation {
  private final Node wrt;
  private final Node of;
  private final Node[] plan;

  Perturbation(Node wrt, Node of, Node[] plan) {
    this.wrt = wrt;
    this.of = of;
    this.plan = plan;
  }

  /** Number of components of `wrt` (its index space, row-major). */
  public int size() { return wrt.size(); }

  /** Number of components of `of`. */
  public int outputSize() { return of.size(); }

  public double get(int k) { return wrt.m.data[k]; }

  /** Sets component k and recomputes `of`. */
  public void set(int k, double v) {
    wrt.m.data[k] = v;
    for (Node n : plan) n.compute();
  }

  /**
   * Puts component k back without recomputing: the downstream buffers stay stale until the next
   * {@link #set} or {@link #restore()}, which saves one evaluation per column.
   */
  public void reset(int k, double v) { wrt.m.data[k] = v; }

  /** The current value of `of` (a live buffer: copy what you keep). */
  public double[] output() { return of.m.data; }

  /**
   * The live buffer of `wrt` (row-major over its index space). Change several components in it and call
   * {@link #recompute()} to evaluate `of` along a direction; restore the values before any other use.
   */
  public double[] wrt() { return wrt.m.data; }

  /** Recomputes everything between `wrt` and `of` after changes made through {@link #wrt()}. */
  public void recompute() {
    for (Node n : plan) n.compute();
  }

  /** How many nodes one perturbed evaluation recomputes. */
  public int planLength() { return plan.length; }

  /** Recomputes the plan at the current point (after restoring wrt), so the program is at its base point. */
  public void restore() {
    for (Node n : plan) n.compute();
  }
}
