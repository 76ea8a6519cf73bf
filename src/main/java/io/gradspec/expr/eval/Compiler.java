package io.gradspec.expr.eval;

import io.gradspec.expr.kernel.Node;
import io.gradspec.expr.kernel.ProgramLink;
import io.gradspec.expr.kernel.ScalarCode;
import io.gradspec.expr.kernel.Structure;
import io.gradspec.expr.sema.DerivativeSpace;
import io.gradspec.expr.sema.TypedSpec;
import io.gradspec.expr.sema.TypedSpec.ClaimInfo;
import io.gradspec.expr.sema.TypedSpec.DefInfo;
import io.gradspec.expr.sema.TypedSpec.InputInfo;
import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.shape.Shape;
import io.gradspec.spec.Diagnostics;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a {@link TypedSpec} under one dims map into a {@link Program}: one preallocated node per value,
 * index formulas compiled to {@link ScalarCode} once (never re-parsed), and every subexpression that does
 * not depend on a formula's indices hoisted into a node computed once per evaluation.
 *
 * <p>The parts: {@link MatrixCompiler} (whole values), {@link ElementCompiler} (index formulas),
 * {@link Literals} (input values), {@link IndexRanges} (access errors), sharing one {@link Compilation},
 * which owns the program's arena.
 */
public final class Compiler {
  /** The most elements any one value may have (contract: refuse, don't exhaust memory). */
  public static final long DEFAULT_MAX_ELEMENTS = 100_000_000L;

  private final Compilation c;
  private final MatrixCompiler matrix;
  private final ElementCompiler element;

  private Compiler(Compilation c) {
    this.c = c;
    this.matrix = new MatrixCompiler(c);
    this.element = new ElementCompiler(c, matrix);
    matrix.use(element);
  }

  /** Returns null when compiling under this dims map found errors (reported to {@code diags}). */
  public static Program compile(TypedSpec t, Map<String, Integer> dims, Diagnostics diags) {
    return compile(t, dims, diags, DEFAULT_MAX_ELEMENTS);
  }

  public static Program compile(TypedSpec t, Map<String, Integer> dims, Diagnostics diags, long maxElements) {
    return compile(t, dims, diags, maxElements, ProgramLink.NONE);
  }

  /** As {@link #compile(TypedSpec, Map, Diagnostics, long)}, with program functions reaching {@code link}. */
  public static Program compile(TypedSpec t, Map<String, Integer> dims, Diagnostics diags, long maxElements,
                                ProgramLink link) {
    return compile(t, dims, diags, maxElements, link, MemoryPlan.unbounded());
  }

  /** As above, adding what the program will hold to {@code memory} (refused over its bound). */
  public static Program compile(TypedSpec t, Map<String, Integer> dims, Diagnostics diags, long maxElements,
                                ProgramLink link, MemoryPlan memory) {
    Compilation c = new Compilation(t, dims, maxElements, link, memory);
    try {
      return new Compiler(c).run();
    } catch (CompileError e) {
      c.arena.release();
      diags.add(e.diagnostic);
      return null;
    }
  }

  private Program run() {
    c.memory.addAll(c.t, c.dims, c.maxElements);
    for (InputInfo in : c.t.inputs.values()) {
      Shape s = in.shape();
      c.checkSize(s, in.decl().name().span(), "input `" + in.decl().name().value() + "`");
      Node.Source n = c.at.source(s);
      n.label = in.decl().name().value();
      c.add(n);
      c.inputs.put(n.label, n);
      c.values.put(n.label, n);
      if (in.decl().value() != null) Literals.fill(in, n, c.base);
    }
    for (DefInfo d : c.t.defines.values()) {
      String name = d.def().name().value();
      c.checkSize(d.shape(), d.def().name().span(), "definition `" + name + "`");
      Node n = d.entry().isFormula() ? element.formulaNode(d.entry().formula(), d.shape(), d.formulaSlots())
          : matrix.expr(d.entry().expr());
      if (n.label != null || n instanceof Node.Source) {
        // `y: x` aliases another value: give the definition a node of its own so it can be held free
        n = c.add(Structure.copy(c.at, n));
      }
      n.label = name;
      c.values.put(name, n);
    }
    List<ClaimPlan> plans = new ArrayList<>();
    for (ClaimInfo ci : c.t.claims) plans.add(claimPlan(ci));
    return new Program(c.t, c.dims, c.nodes, c.inputs, c.values, plans, c.arena, c.link);
  }

  /**
   * A vec claim's matrix rearranged into numerator order, where it is compared: component (i, k) of the
   * derivative is entry {@link DerivativeSpace.Numeric#vecFlat} of the claim.
   */
  private Node vecToNumerator(ClaimInfo ci, Node vec) {
    DerivativeSpace.Numeric space = ci.space().at(c.dims);
    int m = space.m(), n = space.n();
    int[] from = new int[m * n];
    for (int i = 0; i < m; i++) {
      for (int k = 0; k < n; k++) from[i * n + k] = (int) space.vecFlat(i, k);
    }
    List<Axis> axes = ci.expected();
    Shape whole = axes.size() == 1 ? Shape.matrix(axes.get(0), Axis.ONE) : new Shape(axes);
    return c.add(Structure.gather(c.at, whole, vec, from));
  }

  private ClaimPlan claimPlan(ClaimInfo ci) {
    long comps = ci.space().components(c.dims);
    List<Node> claimNodes = new ArrayList<>();
    c.sink = claimNodes;
    c.snapshots = new IdentityHashMap<>();
    try {
      Node value = null;
      ScalarCode code = null;
      int[] slots = null;
      int envSize = 0;
      ClaimSupport support = null;
      if (ci.entry().isFormula()) {
        slots = ci.formulaSlots().stream().mapToInt(s -> s.slot).toArray();
        envSize = Compilation.ENV_SIZE;
        c.hoisted = new IdentityHashMap<>();
        c.accessTargets = new IdentityHashMap<>();
        c.lazy = true;
        code = element.body(ci.entry().formula().body());
        // a vec formula's indices are vec rows and columns, not the axes the support is found on
        support = ci.space().vec() ? null : SupportAnalysis.of(c.t, c.dims, c.base, ci, c.hoisted, c.accessTargets);
      } else if (ci.program() != null) {
        c.checkSize(ci.claimShape(), ci.decl().claim().whole(), "claim");
        value = matrix.programJacobian(ci.program(), ci.claimShape(), ci.space().numerator());
      } else {
        c.checkSize(ci.claimShape(), ci.decl().claim().whole(), "claim");
        value = c.stable(matrix.expr(ci.entry().expr()));
        if (ci.space().vec() && ci.shapeFits() && !ci.space().vecIsNumerator()) value = vecToNumerator(ci, value);
      }
      List<Node> snaps = new ArrayList<>(c.snapshots.values());
      ClaimPlan.VecIndex vec = code != null && ci.space().vec() && !ci.space().vecIsNumerator()
          ? ClaimPlan.VecIndex.of(ci.space().at(c.dims)) : null;
      return new ClaimPlan(ci, comps, snaps, claimNodes, value, code, slots, envSize, c.base, support, vec);
    } finally {
      c.hoisted = null;
      c.accessTargets = null;
      c.sink = c.nodes;
      c.snapshots = null;
      c.lazy = false;
    }
  }
}
