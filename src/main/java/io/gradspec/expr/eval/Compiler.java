package io.gradspec.expr.eval;

import io.gradspec.expr.builtin.Builtins;
import io.gradspec.expr.kernel.Arena;
import io.gradspec.expr.kernel.EvalException;
import io.gradspec.expr.kernel.Kernels;
import io.gradspec.expr.kernel.Node;
import io.gradspec.expr.kernel.ScalarCode;
import io.gradspec.expr.sema.ShapeChecker;
import io.gradspec.expr.sema.TypedSpec.ClaimInfo;
import io.gradspec.expr.sema.TypedSpec.DefInfo;
import io.gradspec.expr.sema.TypedSpec.DefRef;
import io.gradspec.expr.sema.TypedSpec.DimRef;
import io.gradspec.expr.sema.TypedSpec.IndexRef;
import io.gradspec.expr.sema.TypedSpec.IndexSlot;
import io.gradspec.expr.sema.TypedSpec.InputInfo;
import io.gradspec.expr.sema.TypedSpec.InputRef;
import io.gradspec.expr.sema.TypedSpec.Ref;
import io.gradspec.expr.sema.TypedSpec;
import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.shape.Shape;
import io.gradspec.expr.syntax.BinaryOp;
import io.gradspec.expr.syntax.Expr;
import io.gradspec.expr.syntax.IndexFormula;
import io.gradspec.expr.syntax.Printer;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Diagnostics;
import io.gradspec.spec.Span;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a {@link TypedSpec} under one dims map into a {@link Program}: one preallocated node per value,
 * index formulas compiled to {@link ScalarCode} once (never re-parsed), and every subexpression that does
 * not depend on a formula's indices hoisted into a node computed once per evaluation.
 */
public final class Compiler {
  /** The most elements any one value may have (contract: refuse, don't exhaust memory). */
  public static final long DEFAULT_MAX_ELEMENTS = 100_000_000L;
  /** Length of an index formula's environment: room for every index slot the checker hands out. */
  private static final int ENV_SIZE = ShapeChecker.MAX_SLOTS + 1;

  private final TypedSpec t;
  private final Map<String, Integer> dims;
  private final Diagnostics diags;
  private final int base;
  private final long maxElements;
  private final List<Node> nodes = new ArrayList<>();
  private final Map<String, Node> values = new LinkedHashMap<>();
  private final Map<String, Node.Source> inputs = new LinkedHashMap<>();
  private List<Node> sink;
  private IdentityHashMap<Node, Node> snapshots;
  /** Nodes an element-level body reads, collected while compiling it: the formula node's dependencies. */
  private List<Node> reads;
  /** While compiling a claim's formula: the hoisted node of each index-free subexpression (for its support). */
  private IdentityHashMap<Expr, Node> hoisted;
  /** While compiling a claim's formula: the target node of each element access (for its support). */
  private IdentityHashMap<Expr, Node> accessTargets;
  /**
   * True while compiling a claim's element-level body, which is evaluated on demand during perturbations:
   * the program's (live) buffers it reads directly must then be snapshots taken at the unperturbed point.
   */
  private boolean lazy;

  private Compiler(TypedSpec t, Map<String, Integer> dims, Diagnostics diags, long maxElements) {
    this.t = t;
    this.dims = dims;
    this.diags = diags;
    this.base = t.spec.indexBase();
    this.maxElements = maxElements;
  }

  /** Returns null when compiling under this dims map found errors (reported to {@code diags}). */
  public static Program compile(TypedSpec t, Map<String, Integer> dims, Diagnostics diags) {
    return compile(t, dims, diags, DEFAULT_MAX_ELEMENTS);
  }

  public static Program compile(TypedSpec t, Map<String, Integer> dims, Diagnostics diags, long maxElements) {
    Compiler c = new Compiler(t, dims, diags, maxElements);
    Arena arena = new Arena();
    Arena prev = arena.enter();
    try {
      Program p = c.run();
      p.arena = arena;
      return p;
    } catch (CompileError e) {
      arena.release();
      diags.add(e.diagnostic);
      return null;
    } finally {
      Arena.exit(prev);
    }
  }

  private static final class CompileError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Diagnostic diagnostic;
    CompileError(Diagnostic d) { super(d.message(), null, false, false); this.diagnostic = d; }
  }

  private Program run() {
    sink = nodes;
    for (InputInfo in : t.inputs.values()) {
      Shape s = in.shape();
      checkSize(s, in.decl().name().span(), "input `" + in.decl().name().value() + "`");
      Node.Source n = Kernels.source(s, dims);
      n.label = in.decl().name().value();
      add(n);
      inputs.put(n.label, n);
      values.put(n.label, n);
      if (in.decl().value() != null) checkLiteral(in, n);
    }
    for (DefInfo d : t.defines.values()) {
      String name = d.def().name().value();
      checkSize(d.shape(), d.def().name().span(), "definition `" + name + "`");
      Node n = d.entry().isFormula() ? formulaNode(d.entry().formula(), d.shape(), d.formulaSlots()) : expr(d.entry().expr());
      if (n.label != null || n instanceof Node.Source) {
        // `y: x` aliases another value: give the definition a node of its own so it can be held free
        n = add(Kernels.copy(n));
      }
      n.label = name;
      values.put(name, n);
    }
    List<ClaimPlan> plans = new ArrayList<>();
    for (ClaimInfo ci : t.claims) plans.add(claimPlan(ci));
    return new Program(t, dims, nodes, inputs, values, plans);
  }

  private ClaimPlan claimPlan(ClaimInfo ci) {
    long comps = 1;
    for (var a : ci.expected()) comps *= a.size(dims);
    List<Node> claimNodes = new ArrayList<>();
    sink = claimNodes;
    snapshots = new IdentityHashMap<>();
    try {
      Node value = null;
      ScalarCode code = null;
      int[] slots = null;
      int envSize = 0;
      ClaimSupport support = null;
      if (ci.entry().isFormula()) {
        slots = ci.formulaSlots().stream().mapToInt(s -> s.slot).toArray();
        envSize = ENV_SIZE;
        hoisted = new IdentityHashMap<>();
        accessTargets = new IdentityHashMap<>();
        lazy = true;
        code = scalar(ci.entry().formula().body());
        support = SupportAnalysis.of(t, dims, base, ci, hoisted, accessTargets);
      } else {
        checkSize(ci.claimShape(), ci.decl().claim().whole(), "claim");
        value = stable(expr(ci.entry().expr()));
      }
      List<Node> snaps = new ArrayList<>(snapshots.values());
      return new ClaimPlan(ci, comps, snaps, claimNodes, value, code, slots, envSize, base, support);
    } finally {
      hoisted = null;
      accessTargets = null;
      sink = nodes;
      snapshots = null;
      lazy = false;
    }
  }

  /**
   * A claim's nodes are computed once at the unperturbed point ({@link ClaimPlan#prepare()}), so they may
   * read the program's live buffers then. Only a buffer read later (the claim's value itself, or one an
   * on-demand element reads) needs a snapshot: perturbations change the live ones in place.
   */
  private Node stable(Node n) {
    if (snapshots == null || !isLive(n)) return n;
    return snapshots.computeIfAbsent(n, Kernels::copy);
  }

  /** Whether n belongs to the program itself (perturbed in place), not to a claim. */
  private boolean isLive(Node n) {
    return n.order >= 0 && n.order < nodes.size() && nodes.get(n.order) == n;
  }

  private Node add(Node n) {
    n.order = sink.size();
    sink.add(n);
    return n;
  }

  private void checkSize(Shape s, Span at, String what) {
    long count = 1;
    for (Axis a : s.axes()) {
      long v = a.size(dims);
      if (v < 0) throw new CompileError(Diagnostic.error("undefined-dim", at, "a dimension of " + what + " is not defined"));
      count *= v;
      if (count > maxElements) break;
    }
    if (count > maxElements) {
      throw new CompileError(Diagnostic.error("limit", at, what + " would have more than " + maxElements
              + " elements (shape " + s + " under dims " + dimsText() + ")")
          .withLabel("too large")
          .withHelp("use smaller dims, or raise the limit with `--max-elements`"));
    }
  }

  // ---------------------------------------------------------------- matrix-level expressions

  /** Compiles an expression that does not depend on any index variable into a node. */
  private Node expr(Expr e) {
    // a node is computed when the claim is prepared, whoever reads it later
    boolean savedLazy = lazy;
    lazy = false;
    try {
      return exprNode(e);
    } finally {
      lazy = savedLazy;
    }
  }

  /** The shape the checker gave {@code e} (null for none), refused if too large under these dims. */
  private Shape checkedShape(Expr e) {
    Shape s = t.shapes.get(e);
    if (s != null) checkSize(s, e.span(), "`" + ShapeChecker.text(e) + "`");
    return s;
  }

  private Node exprNode(Expr e) {
    Shape s = checkedShape(e);
    return e.accept(new Expr.Visitor<Node>() {
      @Override public Node visitNum(Expr.Num n) { return constant(n.value()); }

      @Override public Node visitName(Expr.Name n) {
        Ref r = t.refs.get(n);
        if (r instanceof DimRef d) return constant(dims.get(d.symbol()));
        String name = r instanceof InputRef i ? i.name() : ((DefRef) r).name();
        // a claim reads the live node too: see stable()
        return values.get(name);
      }

      @Override public Node visitUnary(Expr.Unary u) {
        return add(Kernels.unary(s, dims, expr(u.operand()), x -> -x));
      }

      @Override public Node visitTranspose(Expr.Transpose tr) {
        return add(Kernels.transpose(s, dims, expr(tr.operand())));
      }

      @Override public Node visitBinary(Expr.Binary b) {
        if (b.op() != BinaryOp.MUL && (b.left() instanceof Expr.Transpose || b.right() instanceof Expr.Transpose)) {
          Node fused = transposedOperands(b, s);
          if (fused != null) return fused;
        }
        Node l = expr(b.left()), r = expr(b.right());
        if (b.op() == BinaryOp.MUL) return add(Kernels.mult(s, dims, l, r));
        return add(Kernels.binary(s, dims, l, r, Kernels.binaryOp(b.op())));
      }

      @Override public Node visitAccess(Expr.Access a) {
        Node target = expr(a.target());
        List<Node> idx = new ArrayList<>();
        for (Expr i : a.indices()) idx.add(expr(i));
        int[] constIdx = new int[idx.size()];
        boolean allConst = true;
        for (int k = 0; k < idx.size(); k++) {
          Expr ie = a.indices().get(k);
          if (ie instanceof Expr.Num num) constIdx[k] = checkIndex(num.value(), k, target, a, ie.span());
          else allConst = false;
        }
        Node.Op out = new Node.Op(1, 1, new int[0], concat(target, idx));
        double[] od = out.m.data, td = target.m.data;
        if (allConst) {
          int off = 0;
          for (int k = 0; k < constIdx.length; k++) off += constIdx[k] * target.strides[k];
          int o = off;
          out.kernel(() -> od[0] = td[o]);
          out.dirtyKernel(() -> { if (target.isDirty(o)) { od[0] = td[o]; out.mark(0); } });
        } else {
          Node[] ix = idx.toArray(new Node[0]);
          out.kernel(() -> {
            int off = 0;
            for (int k = 0; k < ix.length; k++) off += runtimeIndex(ix[k].m.data[0], k, target, a) * target.strides[k];
            od[0] = td[off];
          });
        }
        return add(out);
      }

      @Override public Node visitCall(Expr.Call c) { return call(c, s); }

      @Override public Node visitSum(Expr.Sum sum) {
        // an index sum that uses no outer index: a scalar computed by a one-element formula
        List<Node> saved = reads;
        reads = new ArrayList<>();
        ScalarCode code = scalar(sum);
        Node.Op out = new Node.Op(1, 1, new int[0], reads.toArray(new Node[0]));
        reads = saved;
        double[] env = new double[ENV_SIZE];
        double[] od = out.m.data;
        out.kernel(() -> od[0] = code.eval(env));
        return add(out);
      }
    });
  }

  /**
   * {@code A + B'} and the like, elementwise on matrices of one shape: reads B transposed instead of
   * materialising B' (a buffer and a pass over it). Null when the operands do not fit (vectors, broadcasting);
   * the caller then compiles them as usual. Sizes are checked in the same order as there.
   */
  private Node transposedOperands(Expr.Binary b, Shape s) {
    Node[] sides = new Node[2];
    boolean[] transposed = new boolean[2];
    Expr[] operands = {b.left(), b.right()};
    for (int k = 0; k < 2; k++) {
      if (operands[k] instanceof Expr.Transpose tr) {
        checkedShape(tr);
        sides[k] = expr(tr.operand());
        transposed[k] = true;
      } else {
        sides[k] = expr(operands[k]);
      }
    }
    Node.Op out = Kernels.op(s, dims);
    int rows = out.m.numRows, cols = out.m.numCols;
    boolean fits = rows > 1 && cols > 1 && out.space.length == 2;
    for (int k = 0; k < 2 && fits; k++) {
      Node n = sides[k];
      fits = n.space.length == 2 && (transposed[k] ? n.m.numRows == cols && n.m.numCols == rows
          : n.m.numRows == rows && n.m.numCols == cols);
    }
    if (!fits) {
      // compile as usual, from the nodes made so far
      for (int k = 0; k < 2; k++) if (transposed[k]) sides[k] = add(Kernels.transpose(t.shapes.get(operands[k]), dims, sides[k]));
      return add(Kernels.binary(s, dims, sides[0], sides[1], Kernels.binaryOp(b.op())));
    }
    return add(Kernels.binaryTransposed(s, dims, sides[0], transposed[0], sides[1], transposed[1], Kernels.binaryOp(b.op())));
  }

  private Node call(Expr.Call c, Shape s) {
    String f = c.name();
    List<Expr> args = c.args();
    switch (f) {
      case "eye": case "ones": case "zeros": return add(Kernels.constant(s, dims, f));
      default: break;
    }
    if (f.equals("if")) {
      Node cond = expr(args.get(0)), a = expr(args.get(1)), b = expr(args.get(2));
      return add(Kernels.choose(s, dims, cond, a, b));
    }
    Node a = expr(args.get(0));
    if (Builtins.ELEMENTWISE.contains(f)) return add(Kernels.unary(s, dims, a, Kernels.elementwise(f)));
    switch (f) {
      case "pow": return add(Kernels.binary(s, dims, a, expr(args.get(1)), Kernels::pow));
      case "transpose": return add(Kernels.transpose(s, dims, a));
      case "trace": case "det": case "logdet": case "sum": case "mean": case "norm": case "logsumexp":
        return add(Kernels.reduce(dims, a, f));
      case "inv": return add(Kernels.inv(s, dims, a));
      case "rowsum": return add(Kernels.rowsum(s, dims, a, true));
      case "colsum": return add(Kernels.rowsum(s, dims, a, false));
      case "diag": return add(Kernels.diag(s, dims, a));
      case "diagonal": return add(Kernels.diagonal(s, dims, a));
      case "kron": return add(Kernels.kron(s, dims, a, expr(args.get(1))));
      case "outer": return add(Kernels.outer(s, dims, a, expr(args.get(1))));
      case "dot": return add(Kernels.dot(dims, a, expr(args.get(1))));
      case "softmax": return add(Kernels.softmax(s, dims, a, false));
      case "softmax_rows": return add(Kernels.softmax(s, dims, a, true));
      case "logsumexp_rows": return add(Kernels.logsumexpRows(s, dims, a));
      case "delta": return add(Kernels.binary(s, dims, a, expr(args.get(1)), (x, y) -> x == y ? 1 : 0));
      default: throw new IllegalStateException("no kernel for " + f);
    }
  }

  private Node constant(double v) {
    Node.Op n = new Node.Op(1, 1, new int[0]);
    n.m.data[0] = v;
    n.kernel(() -> { });
    return add(n);
  }

  private static Node[] concat(Node first, List<Node> rest) {
    Node[] out = new Node[rest.size() + 1];
    out[0] = first;
    for (int i = 0; i < rest.size(); i++) out[i + 1] = rest.get(i);
    return out;
  }

  private int checkIndex(double v, int k, Node target, Expr.Access a, Span at) {
    int idx = (int) v;
    int n = k < target.space.length ? target.space[k] : 1;
    if (idx != v || idx - base < 0 || idx - base >= n) {
      throw new CompileError(Diagnostic.error("index-range", at, "index " + Printer.print(a.indices().get(k))
              + " is out of range for `" + ShapeChecker.text(a.target()) + "`")
          .withLabel("axis " + (k + 1) + " has " + n + " elements: valid indices are " + base + " to " + (n - 1 + base))
          .withNote("index-base is " + base + "; dims " + dimsText())
          .withHelp(rangeHelp(idx, n)));
    }
    return idx - base;
  }

  /** How to fix a constant index outside 0..n-1 (shifted by the index base); the off-by-one cases first. */
  private String rangeHelp(int idx, int n) {
    if (base == 0 && idx == n) {
      return "indices start at 0, so the last one here is " + (n - 1) + "; to count from 1, set `index-base: 1`";
    }
    if (base == 1 && idx == 0) return "`index-base: 1` counts from 1, so the first index on this axis is 1";
    return "use an index from " + base + " to " + (n - 1 + base) + ", or check the sizes in `dims`";
  }

  /** The dims map as the spec writes it: {@code {C: 3, D: 4}}. */
  private String dimsText() {
    StringBuilder b = new StringBuilder("{");
    dims.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append(": ").append(v));
    return b.append('}').toString();
  }

  private int runtimeIndex(double v, int k, Node target, Expr.Access a) {
    int n = target.space[k];
    int idx = (int) v - base;
    if (v != Math.rint(v) || idx < 0 || idx >= n) {
      String index = ShapeChecker.text(a.indices().get(k));
      throw new EvalException(a.indices().get(k).span(), "index " + fmt(v) + " is out of range for `"
          + ShapeChecker.text(a.target()) + "`", "evaluates to " + fmt(v) + "; axis " + (k + 1) + " has " + n + " elements")
          .withNote("valid indices are " + base + " to " + (n - 1 + base) + " (index-base " + base + ", dims "
              + dimsText() + ")")
          .withHelp("keep `" + index + "` within " + base + " to " + (n - 1 + base) + ": guard the access with `if(...)`"
              + " (only the chosen branch is evaluated), or narrow the range of the index");
    }
    return idx;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  // ---------------------------------------------------------------- index formulas

  private Node formulaNode(IndexFormula f, Shape shape, List<IndexSlot> slots) {
    List<Node> saved = reads;
    reads = new ArrayList<>();
    ScalarCode body = scalar(f.body());
    Node.Op n = Kernels.op(shape, dims, reads.toArray(new Node[0]));
    reads = saved;
    int[] sizes = new int[slots.size()];
    int[] slotIds = new int[slots.size()];
    for (int i = 0; i < sizes.length; i++) { sizes[i] = (int) slots.get(i).range.size(dims); slotIds[i] = slots.get(i).slot; }
    double[] out = n.m.data;
    double[] env = new double[ENV_SIZE];
    int len = n.size();
    int b = base;
    int[] idx = new int[sizes.length];
    n.kernel(() -> {
      java.util.Arrays.fill(idx, 0);
      for (int s = 0; s < slotIds.length; s++) env[slotIds[s]] = b;
      for (int o = 0; o < len; o++) {
        out[o] = body.eval(env);
        for (int d = sizes.length - 1; d >= 0; d--) {
          if (++idx[d] < sizes[d]) { env[slotIds[d]] = idx[d] + b; break; }
          idx[d] = 0;
          env[slotIds[d]] = b;
        }
      }
    });
    return add(n);
  }

  /**
   * The node of an index-free part that an element-level body reads: a snapshot when the body is evaluated
   * on demand (see {@link #stable}), and one of the formula node's dependencies.
   */
  private Node readNode(Expr e) {
    Node n = lazy ? stable(expr(e)) : expr(e);
    if (reads != null) reads.add(n);
    return n;
  }

  /** Compiles an element-level expression; index-independent subexpressions become hoisted nodes. */
  private ScalarCode scalar(Expr e) {
    if (t.isHoisted(e)) {
      Node n = readNode(e);
      if (hoisted != null) hoisted.put(e, n);
      double[] d = n.m.data;
      if (n.size() != 1) {
        throw new CompileError(Diagnostic.error("shape", e.span(), "expected a scalar here").withLabel("not a scalar"));
      }
      return env -> d[0];
    }
    return e.accept(new Expr.Visitor<ScalarCode>() {
      @Override public ScalarCode visitNum(Expr.Num n) { double v = n.value(); return env -> v; }

      @Override public ScalarCode visitName(Expr.Name n) {
        Ref r = t.refs.get(n);
        int slot = ((IndexRef) r).slot().slot;
        return env -> env[slot];
      }

      @Override public ScalarCode visitUnary(Expr.Unary u) {
        ScalarCode a = scalar(u.operand());
        return env -> -a.eval(env);
      }

      @Override public ScalarCode visitTranspose(Expr.Transpose tr) { return scalar(tr.operand()); }

      @Override public ScalarCode visitBinary(Expr.Binary b) {
        ScalarCode l = scalar(b.left()), r = scalar(b.right());
        switch (b.op()) {
          case ADD: return env -> l.eval(env) + r.eval(env);
          case SUB: return env -> l.eval(env) - r.eval(env);
          case MUL: case EMUL: return env -> l.eval(env) * r.eval(env);
          case DIV: case EDIV: return env -> l.eval(env) / r.eval(env);
          case AND: return env -> l.eval(env) != 0 && r.eval(env) != 0 ? 1 : 0;
          case OR: return env -> l.eval(env) != 0 || r.eval(env) != 0 ? 1 : 0;
          default: {
            var f = Kernels.binaryOp(b.op());
            return env -> f.applyAsDouble(l.eval(env), r.eval(env));
          }
        }
      }

      @Override public ScalarCode visitAccess(Expr.Access a) {
        if (t.slotUse.getOrDefault(a.target(), 0L) != 0L) {
          throw new CompileError(Diagnostic.error("unsupported", a.target().span(),
                  "a matrix-valued expression that depends on an index cannot be indexed")
              .withLabel("depends on the formula's indices")
              .withHelp("write the element itself as a scalar expression of the indices"));
        }
        Node target = readNode(a.target());
        if (accessTargets != null) accessTargets.put(a, target);
        double[] td = target.m.data;
        int rank = a.indices().size();
        ScalarCode[] ix = new ScalarCode[rank];
        for (int k = 0; k < rank; k++) ix[k] = scalar(a.indices().get(k));
        int[] strides = target.strides;
        int[] space = target.space;
        int b = base;
        if (rank == 1) {
          ScalarCode i0 = ix[0];
          int n0 = space[0];
          return env -> {
            double v = i0.eval(env);
            int i = (int) v - b;
            if (i < 0 || i >= n0 || v != (int) v) runtimeIndex(v, 0, target, a);
            return td[i];
          };
        }
        if (rank == 2) {
          ScalarCode i0 = ix[0], i1 = ix[1];
          int n0 = space[0], n1 = space[1], s0 = strides[0];
          return env -> {
            double v0 = i0.eval(env), v1 = i1.eval(env);
            int i = (int) v0 - b, j = (int) v1 - b;
            if (i < 0 || i >= n0 || v0 != (int) v0) runtimeIndex(v0, 0, target, a);
            if (j < 0 || j >= n1 || v1 != (int) v1) runtimeIndex(v1, 1, target, a);
            return td[i * s0 + j];
          };
        }
        return env -> {
          int off = 0;
          for (int k = 0; k < rank; k++) {
            double v = ix[k].eval(env);
            int i = (int) v - b;
            if (i < 0 || i >= space[k] || v != (int) v) runtimeIndex(v, k, target, a);
            off += i * strides[k];
          }
          return td[off];
        };
      }

      @Override public ScalarCode visitSum(Expr.Sum s) {
        IndexSlot slot = t.sumSlots.get(s);
        int id = slot.slot;
        int n = (int) slot.range.size(dims);
        ScalarCode body = scalar(s.body());
        int b = base;
        return env -> {
          double saved = env[id];
          double acc = 0;
          for (int k = 0; k < n; k++) { env[id] = k + b; acc += body.eval(env); }
          env[id] = saved;
          return acc;
        };
      }

      @Override public ScalarCode visitCall(Expr.Call c) {
        String f = c.name();
        List<Expr> args = c.args();
        if (f.equals("if")) {
          ScalarCode cond = scalar(args.get(0)), x = scalar(args.get(1)), y = scalar(args.get(2));
          return env -> cond.eval(env) != 0 ? x.eval(env) : y.eval(env);
        }
        if (f.equals("delta")) {
          ScalarCode x = scalar(args.get(0)), y = scalar(args.get(1));
          return env -> x.eval(env) == y.eval(env) ? 1 : 0;
        }
        if (f.equals("pow")) {
          ScalarCode x = scalar(args.get(0)), y = scalar(args.get(1));
          return env -> Kernels.pow(x.eval(env), y.eval(env));
        }
        if (args.size() == 1) {
          ScalarCode x = scalar(args.get(0));
          if (Builtins.ELEMENTWISE.contains(f)) {
            var op = Kernels.elementwise(f);
            return env -> op.applyAsDouble(x.eval(env));
          }
          switch (f) {
            case "transpose": case "sum": case "mean": case "trace": case "det": case "logsumexp": return x;
            case "norm": return env -> Math.abs(x.eval(env));
            case "inv": return env -> 1.0 / x.eval(env);
            case "logdet": return env -> io.gradspec.math.FdLibm.log(Math.abs(x.eval(env)));
            case "softmax": return env -> Double.isFinite(x.eval(env)) ? 1.0 : Double.NaN;
            default: break;
          }
        }
        if (f.equals("dot") || f.equals("outer") || f.equals("kron")) {
          ScalarCode x = scalar(args.get(0)), y = scalar(args.get(1));
          return env -> x.eval(env) * y.eval(env);
        }
        throw new CompileError(Diagnostic.error("unsupported", c.span(), "`" + f
                + "` of an expression that depends on the formula's indices is not supported")
            .withLabel("depends on the indices")
            .withHelp("compute the matrix outside the element, e.g. `" + f + "(A)[i, j]`, where A does not use the indices"));
      }
    });
  }

  // ---------------------------------------------------------------- literals

  private void checkLiteral(InputInfo in, Node.Source n) {
    Object v = in.decl().value();
    Span at = in.decl().valueSpan();
    int rows = n.m.numRows, cols = n.m.numCols;
    String shape = in.shape() + " = " + (rows == 1 && cols == 1 ? "a scalar" : "[" + rows + ", " + cols + "]");
    if (v instanceof Number num) {
      if (rows * cols != 1 || in.shape().rank() != 0) {
        throw new CompileError(Diagnostic.error("bad-value", at, "a bare number fits only a scalar input, but `"
            + in.decl().name().value() + "` has shape " + shape).withLabel("a number")
            .withHelp("write a list of " + rows * cols + " numbers, or rows of numbers"));
      }
      n.m.data[0] = num.doubleValue();
      return;
    }
    List<?> list = (List<?>) v;
    boolean nested = !list.isEmpty() && list.get(0) instanceof List;
    if (!nested) {
      if (!(rows == 1 || cols == 1) || list.size() != rows * cols || in.shape().rank() == 0) {
        throw new CompileError(Diagnostic.error("bad-value", at, "a flat list of " + list.size()
                + " numbers does not fit `" + in.decl().name().value() + "` of shape " + shape)
            .withLabel(list.size() + " numbers")
            .withNote("a flat list fits [D], [D, 1] and [1, D]; a matrix needs a list of rows")
            .withHelp(rows == 1 || cols == 1 ? "give " + rows * cols + " numbers" : "write " + rows + " rows of " + cols
                + " numbers, e.g. `[[...], [...]]`"));
      }
      for (int i = 0; i < list.size(); i++) n.m.data[i] = toDouble(list.get(i), at);
      return;
    }
    if (list.size() != rows) {
      throw new CompileError(Diagnostic.error("bad-value", at, "`" + in.decl().name().value() + "` has " + rows
          + " rows (shape " + shape + "), but the literal has " + list.size()).withLabel(list.size() + " rows")
          .withHelp("give " + rows + " rows of " + cols + " numbers each, or change the shape or `dims`"));
    }
    for (int r = 0; r < rows; r++) {
      Object row = list.get(r);
      if (!(row instanceof List<?> rl) || rl.size() != cols) {
        throw new CompileError(Diagnostic.error("bad-value", at, "row " + (r + base) + " of the literal for `"
            + in.decl().name().value() + "` should have " + cols + " numbers (shape " + shape + ")")
            .withLabel("row " + (r + base) + " has " + (row instanceof List<?> l2 ? l2.size() : 1))
            .withHelp("give every row " + cols + " numbers, or change the shape or `dims`"));
      }
      for (int c = 0; c < cols; c++) n.m.data[r * cols + c] = toDouble(rl.get(c), at);
    }
  }

  private static double toDouble(Object o, Span at) {
    if (o instanceof Number num) return num.doubleValue();
    throw new CompileError(Diagnostic.error("bad-value", at, "a `value` literal must hold numbers, found `" + o + "`")
        .withLabel("not a number"));
  }
}
