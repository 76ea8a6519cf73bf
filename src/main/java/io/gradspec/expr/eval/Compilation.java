package io.gradspec.expr.eval;

import io.gradspec.expr.kernel.Arena;
import io.gradspec.expr.kernel.Buffers;
import io.gradspec.expr.kernel.Node;
import io.gradspec.expr.kernel.ProgramLink;
import io.gradspec.expr.kernel.ReadLog;
import io.gradspec.expr.kernel.Structure;
import io.gradspec.expr.sema.ProgramFunction;
import io.gradspec.expr.sema.ShapeChecker;
import io.gradspec.expr.sema.TypedSpec;
import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.shape.Shape;
import io.gradspec.expr.syntax.Expr;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Located;
import io.gradspec.spec.Span;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one compilation, shared by its parts ({@link MatrixCompiler}, {@link ElementCompiler},
 * {@link Literals}): the typed spec and dims map, the program's arena and buffers, the nodes made so far,
 * and what is being compiled now (the program's definitions, or one claim).
 */
final class Compilation {
  /** Length of an index formula's environment: room for every index slot the checker hands out. */
  static final int ENV_SIZE = ShapeChecker.MAX_SLOTS + 1;

  final TypedSpec t;
  final Map<String, Integer> dims;
  final int base;
  final long maxElements;
  /** The program's arena: every node made here takes its buffers from it. */
  final Arena arena = new Arena();
  final Buffers at;
  final IndexRanges ranges;
  /** The program's nodes, in topological order. */
  final List<Node> nodes = new ArrayList<>();
  final Map<String, Node> values = new LinkedHashMap<>();
  final Map<String, Node.Source> inputs = new LinkedHashMap<>();
  /** Where new nodes go: {@link #nodes}, or the nodes of the claim being compiled. */
  List<Node> sink = nodes;
  /** While compiling a claim: the snapshot of each live node it reads later (see {@link #stable}). */
  IdentityHashMap<Node, Node> snapshots;
  /** Nodes an element-level body reads, collected while compiling it: the formula node's dependencies. */
  List<Node> reads;
  /** While compiling a definition's index formula: where its body reports its reads (see ReadLog). */
  ReadLog log;
  /** While compiling a claim's formula: the hoisted node of each index-free subexpression (for its support). */
  IdentityHashMap<Expr, Node> hoisted;
  /** While compiling a claim's formula: the target node of each element access (for its support). */
  IdentityHashMap<Expr, Node> accessTargets;
  /**
   * True while compiling a claim's element-level body, which is evaluated on demand during perturbations:
   * the program's (live) buffers it reads directly must then be snapshots taken at the unperturbed point.
   */
  boolean lazy;
  /** How program-function nodes reach the spec's program ({@link ProgramLink#NONE} without one). */
  final ProgramLink link;
  /** The memory the spec's programs will hold, shared by its dims maps. */
  final MemoryPlan memory;

  Compilation(TypedSpec t, Map<String, Integer> dims, long maxElements, ProgramLink link, MemoryPlan memory) {
    this.t = t;
    this.memory = memory;
    this.link = link;
    this.dims = dims;
    this.base = t.spec.indexBase();
    this.maxElements = maxElements;
    this.at = new Buffers(arena, dims, base);
    this.ranges = new IndexRanges(base, dims);
  }

  /** The shapes a program function's arguments have on the wire: as declared, under this dims map. */
  int[][] protocolShapes(ProgramFunction f) {
    int[][] out = new int[f.decl().args().size()][];
    for (int i = 0; i < out.length; i++) out[i] = protocolShape(f.decl().args().get(i));
    return out;
  }

  /** A declared shape's sizes under this dims map, every axis kept (literal 1s too) as the program sees it. */
  int[] protocolShape(List<Located<String>> declared) {
    int[] out = new int[declared.size()];
    for (int i = 0; i < out.length; i++) out[i] = (int) Axis.parse(declared.get(i).value()).size(dims);
    return out;
  }

  Node add(Node n) {
    n.order = sink.size();
    sink.add(n);
    return n;
  }

  /**
   * A claim's nodes are computed once at the unperturbed point ({@link ClaimPlan#prepare()}), so they may
   * read the program's live buffers then. Only a buffer read later (the claim's value itself, or one an
   * on-demand element reads) needs a snapshot: perturbations change the live ones in place.
   */
  Node stable(Node n) {
    if (snapshots == null || !isLive(n)) return n;
    return snapshots.computeIfAbsent(n, live -> Structure.copy(at, live));
  }

  /** Whether n belongs to the program itself (perturbed in place), not to a claim. */
  private boolean isLive(Node n) {
    return n.order >= 0 && n.order < nodes.size() && nodes.get(n.order) == n;
  }

  /** Refuses a value of shape {@code s} with an undefined dimension, or more than {@link #maxElements} elements. */
  void checkSize(Shape s, Span where, String what) {
    long count = 1;
    for (Axis a : s.axes()) {
      long v = a.size(dims);
      if (v < 0 && a.isMonomial()) throw new CompileError(Diagnostic.error("undefined-dim", where, "a dimension of " + what + " is not defined"));
      if (v < 1 && !a.isOne()) {
        // an axis like N-1 under N: 1
        throw new CompileError(Diagnostic.error("shape", where, "the axis " + a + " of " + what + " is " + v
                + " under dims " + ranges.dimsText() + ", not a positive size")
            .withLabel("axis " + a + " = " + v)
            .withHelp("choose dims for which every axis is at least 1"));
      }
      count *= v;
      if (count > maxElements) break;
    }
    if (count > maxElements) {
      throw new CompileError(Diagnostic.error("limit", where, what + " would have more than " + maxElements
              + " elements (shape " + s + " under dims " + ranges.dimsText() + ")")
          .withLabel("too large")
          .withHelp("use smaller dims, or raise the limit with `--max-elements`"));
    }
  }

  /** The shape the checker gave {@code e} (null for none), refused if too large under these dims. */
  Shape checkedShape(Expr e) {
    Shape s = t.shapes.get(e);
    if (s != null) checkSize(s, e.span(), "`" + ShapeChecker.text(e) + "`");
    return s;
  }
}
