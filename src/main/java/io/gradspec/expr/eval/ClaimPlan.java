package io.gradspec.expr.eval;

import io.gradspec.expr.kernel.Node;
import io.gradspec.expr.kernel.ScalarCode;
import io.gradspec.expr.sema.TypedSpec.ClaimInfo;
import io.gradspec.expr.sema.TypedSpec;
import java.util.List;

/**
 * A claim compiled under one dims map. A matrix-expression claim is computed once per point into a
 * buffer; an index-formula claim is evaluated element by element on demand and never stored whole. Both
 * read snapshots of the definitions taken at the unperturbed point.
 */
public final class ClaimPlan {
  public final ClaimInfo info;
  /** Size of the derivative's index space. */
  public final long components;
  private final List<Node> snapshots;
  private final List<Node> nodes;
  private final Node value;
  private final ScalarCode code;
  private final int[] slots;
  private final double[] env;
  private final int base;
  private final ClaimSupport support;

  ClaimPlan(ClaimInfo info, long components, List<Node> snapshots, List<Node> nodes, Node value, ScalarCode code,
            int[] slots, int envSize, int base, ClaimSupport support) {
    this.info = info;
    this.components = components;
    this.snapshots = snapshots;
    this.nodes = nodes;
    this.value = value;
    this.code = code;
    this.slots = slots;
    this.env = new double[Math.max(envSize, 1)];
    this.base = base;
    this.support = support;
  }

  /** Takes snapshots and computes the claim's index-independent parts at the current point. */
  public void prepare() {
    for (Node n : snapshots) n.compute();
    for (Node n : nodes) n.compute();
    if (support != null) support.reset();
  }

  /**
   * For an index-formula claim whose `delta` factors pin some `of` indices: where it can be nonzero, when
   * that holds exactly (bit for bit zero elsewhere) at the point last prepared; otherwise null.
   */
  public ClaimSupport support() { return support != null && support.exact() ? support : null; }

  public boolean isFormula() { return code != null; }

  /** For a matrix-expression claim: its value (row-major over its index space). */
  public Node value() { return value; }

  /** For an index-formula claim: its element at a 0-based index tuple of the derivative's index space. */
  public double at(int[] tuple) {
    for (int i = 0; i < slots.length; i++) env[slots[i]] = tuple[i] + base;
    return code.eval(env);
  }

  /** Sets index variable number {@code axis} (0-based position in the tuple) to a 0-based value. */
  public void setIndex(int axis, int value0) { env[slots[axis]] = value0 + base; }

  /** Evaluates with the indices last set by {@link #setIndex}. */
  public double eval() { return code.eval(env); }
}
