package io.gradspec.expr.eval;

import io.gradspec.expr.kernel.Node;
import io.gradspec.expr.kernel.ScalarCode;
import io.gradspec.expr.sema.DerivativeSpace;
import io.gradspec.expr.sema.TypedSpec.ClaimInfo;
import io.gradspec.expr.sema.TypedSpec;
import java.util.List;

/**
 * A claim compiled under one dims map. A matrix-expression claim is computed once per point into a
 * buffer; an index-formula claim is evaluated element by element on demand and never stored whole. Both
 * read snapshots of the definitions taken at the unperturbed point. Either is read in the index space it
 * is compared in: a vec claim's matrix is rearranged when compiled, and a vec formula's two indices (vec
 * row and column) are worked out from the tuple set ({@link VecIndex}).
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
  /** For a vec formula: the tuple last set, and how it becomes the formula's indices; otherwise null. */
  private final VecIndex vec;
  private final int[] tuple;

  /**
   * How a tuple of the compared index space (`of` axes, then `wrt` axes, 0-based) becomes a vec formula's
   * indices: the column-major index of the `of` part, then of the `wrt` part (a scalar's left out).
   */
  record VecIndex(int[] ofSizes, int[] wrtSizes) {
    static VecIndex of(DerivativeSpace.Numeric space) { return new VecIndex(space.of().sizes(), space.wrt().sizes()); }

    int rank() { return ofSizes.length + wrtSizes.length; }

    /** Writes the formula's indices of {@code tuple}, shifted by {@code base}, into the slots of {@code env}. */
    void write(int[] tuple, int[] slots, double[] env, int base) {
      int slot = 0;
      if (ofSizes.length > 0) env[slots[slot++]] = columnMajor(tuple, 0, ofSizes) + base;
      if (wrtSizes.length > 0) env[slots[slot]] = columnMajor(tuple, ofSizes.length, wrtSizes) + base;
    }

    /** The column-major index of {@code tuple[at ...]} over {@code sizes}: the first axis fastest. */
    private static long columnMajor(int[] tuple, int at, int[] sizes) {
      long f = 0;
      for (int a = sizes.length - 1; a >= 0; a--) f = f * sizes[a] + tuple[at + a];
      return f;
    }
  }

  ClaimPlan(ClaimInfo info, long components, List<Node> snapshots, List<Node> nodes, Node value, ScalarCode code,
            int[] slots, int envSize, int base, ClaimSupport support, VecIndex vec) {
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
    this.vec = vec;
    this.tuple = vec == null ? null : new int[vec.rank()];
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

  /** For a matrix-expression claim: its value (row-major over its index space); `claim: program`'s assembled on first read. */
  public Node value() {
    if (value instanceof io.gradspec.expr.kernel.ProgramJacobian j) j.assemble();
    return value;
  }

  /** For `claim: program`: the node that asks the program for the derivative, not assembled; otherwise null. */
  public io.gradspec.expr.kernel.ProgramJacobian programClaim() {
    return value instanceof io.gradspec.expr.kernel.ProgramJacobian j ? j : null;
  }

  /** For an index-formula claim: its element at a 0-based index tuple of the derivative's index space. */
  public double at(int[] tuple) {
    if (vec != null) {
      vec.write(tuple, slots, env, base);
      return code.eval(env);
    }
    for (int i = 0; i < slots.length; i++) env[slots[i]] = tuple[i] + base;
    return code.eval(env);
  }

  /** Sets index variable number {@code axis} (0-based position in the tuple) to a 0-based value. */
  public void setIndex(int axis, int value0) {
    if (vec != null) tuple[axis] = value0;
    else env[slots[axis]] = value0 + base;
  }

  /** Evaluates with the indices last set by {@link #setIndex}. */
  public double eval() {
    if (vec != null) vec.write(tuple, slots, env, base);
    return code.eval(env);
  }
}
