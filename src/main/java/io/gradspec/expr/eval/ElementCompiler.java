package io.gradspec.expr.eval;

import io.gradspec.expr.builtin.Builtin;
import io.gradspec.expr.builtin.Builtins;
import io.gradspec.expr.kernel.Elementwise;
import io.gradspec.expr.kernel.Indexing;
import io.gradspec.expr.kernel.Node;
import io.gradspec.expr.kernel.ReadLog;
import io.gradspec.expr.kernel.ScalarCode;
import io.gradspec.expr.sema.TypedSpec.IndexRef;
import io.gradspec.expr.sema.TypedSpec.IndexSlot;
import io.gradspec.expr.shape.Shape;
import io.gradspec.expr.syntax.Expr;
import io.gradspec.expr.syntax.IndexFormula;
import io.gradspec.spec.Diagnostic;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Compiles the body of an index formula into {@link ScalarCode}: one closure per operation, evaluated
 * per element with the index variables' values in an environment. Every subexpression that uses no
 * index is hoisted into a node of the {@link MatrixCompiler}, computed once per evaluation.
 */
final class ElementCompiler {
  private final Compilation c;
  private final MatrixCompiler matrix;
  /** While a body is compiled: what each hoisted value and access reads, and each call argument's closure (for ElementBytecode). */
  private IdentityHashMap<Expr, ElementBytecode.Read> trace = new IdentityHashMap<>();
  private IdentityHashMap<Expr, ScalarCode> argClosures = new IdentityHashMap<>();

  ElementCompiler(Compilation c, MatrixCompiler matrix) {
    this.c = c;
    this.matrix = matrix;
  }

  /** The node of a definition's index formula of shape {@code shape} over the index slots {@code slots}. */
  Node formulaNode(IndexFormula f, Shape shape, List<IndexSlot> slots) {
    List<Node> saved = c.reads;
    ReadLog savedLog = c.log;
    c.reads = new ArrayList<>();
    ReadLog log = c.log = new ReadLog();
    ScalarCode[] body;
    try {
      body = bodies(f.body(), true);
    } finally {
      c.log = savedLog;
    }
    Node[] reads = c.reads.toArray(new Node[0]);
    c.reads = saved;
    int[] sizes = new int[slots.size()];
    int[] slotIds = new int[slots.size()];
    for (int i = 0; i < sizes.length; i++) { sizes[i] = (int) slots.get(i).range.size(c.dims); slotIds[i] = slots.get(i).slot; }
    return c.add(Indexing.formula(c.at, shape, reads, body[1], body[0], sizes, slotIds, c.base, Compilation.ENV_SIZE, log));
  }

  /**
   * The node of an index-free part that an element-level body reads: a snapshot when the body is evaluated
   * on demand (see {@link Compilation#stable}), and one of the formula node's dependencies.
   */
  private Node readNode(Expr e) {
    Node n = c.lazy ? c.stable(matrix.expr(e)) : matrix.expr(e);
    if (c.reads != null && !c.reads.contains(n)) c.reads.add(n);
    return n;
  }

  /** The position of a read node among the formula's reads, for its {@link ReadLog}; -1 outside a definition's formula. */
  private int readId(Node n) {
    return c.log == null ? -1 : c.reads.indexOf(n);
  }

  /**
   * Compiles a whole element-level body (a formula's, or a sum's at matrix level): to closures first, which
   * does the bookkeeping (reads, hoisted nodes) and finds the errors, then to bytecode from what they read.
   */
  ScalarCode body(Expr e) { return bodies(e, false)[0]; }

  /**
   * As {@link #body}; with {@code quiet}, also the code without read notes (element 1), which a definition's
   * formula runs except while it records its reads.
   */
  private ScalarCode[] bodies(Expr e, boolean quiet) {
    IdentityHashMap<Expr, ElementBytecode.Read> savedTrace = trace;
    IdentityHashMap<Expr, ScalarCode> savedArgs = argClosures;
    trace = new IdentityHashMap<>();
    argClosures = new IdentityHashMap<>();
    try {
      ScalarCode closures = scalar(e);
      ScalarCode code = ElementBytecode.of(c, trace, argClosures, e, closures, true);
      return new ScalarCode[] {code, quiet ? ElementBytecode.of(c, trace, argClosures, e, closures, false) : code};
    } finally {
      trace = savedTrace;
      argClosures = savedArgs;
    }
  }

  /** Compiles an element-level expression to closures; index-independent subexpressions become hoisted nodes. */
  private ScalarCode scalar(Expr e) {
    if (c.t.isHoisted(e)) {
      Node n = readNode(e);
      if (c.hoisted != null) c.hoisted.put(e, n);
      double[] d = n.m.data;
      if (n.size() != 1) {
        throw new CompileError(Diagnostic.error("shape", e.span(), "expected a scalar here").withLabel("not a scalar"));
      }
      ReadLog log = c.log;
      int id = readId(n);
      trace.put(e, new ElementBytecode.Read(d, n, id, log));
      if (log == null) return env -> d[0];
      return env -> { log.note(id, 0); return d[0]; };
    }
    return e.accept(new Expr.Visitor<ScalarCode>() {
      @Override public ScalarCode visitNum(Expr.Num n) { double v = n.value(); return env -> v; }

      @Override public ScalarCode visitName(Expr.Name n) {
        int slot = ((IndexRef) c.t.refs.get(n)).slot().slot;
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
            var f = Elementwise.binaryOp(b.op());
            return env -> f.applyAsDouble(l.eval(env), r.eval(env));
          }
        }
      }

      @Override public ScalarCode visitAccess(Expr.Access a) { return access(a); }

      @Override public ScalarCode visitSum(Expr.Sum s) {
        IndexSlot slot = c.t.sumSlots.get(s);
        int id = slot.slot;
        int n = (int) slot.range.size(c.dims);
        ScalarCode body = scalar(s.body());
        int b = c.base;
        return env -> {
          double saved = env[id];
          double acc = 0;
          for (int k = 0; k < n; k++) { env[id] = k + b; acc += body.eval(env); }
          env[id] = saved;
          return acc;
        };
      }

      @Override public ScalarCode visitRange(Expr.Range r) {
        throw new CompileError(Diagnostic.error("unsupported", r.span(), "a slice is a matrix, not one element of a formula")
            .withLabel("a slice").withHelp("index the element itself, e.g. `A[i, j]`"));
      }

      @Override public ScalarCode visitCall(Expr.Call call) {
        if (c.t.functions.containsKey(call.name())) {
          throw new CompileError(Diagnostic.error("unsupported", call.span(),
                  "a program function's call cannot depend on an index formula's indices")
              .withLabel("calls the program once per element")
              .withHelp("define the call in `define` (e.g. `y: " + call.name() + "(...)`) and index its value, `y[i]`"));
        }
        Builtin f = Builtins.get(call.name());
        if (f.dimensional() || f.valueArgs() < call.args().size()) throw new CompileError(f.notInFormula(call));
        ScalarCode[] args = new ScalarCode[call.args().size()];
        for (int i = 0; i < args.length; i++) argClosures.put(call.args().get(i), args[i] = scalar(call.args().get(i)));
        if (f.element() == null) throw new CompileError(f.notInFormula(call));
        return f.element().make(args);
      }
    });
  }

  /** An element of an index-free value at indices computed per element, checked against its axes. */
  private ScalarCode access(Expr.Access a) {
    if (c.t.slotUse.getOrDefault(a.target(), 0L) != 0L || c.t.slices.containsKey(a)) {
      throw new CompileError(Diagnostic.error("unsupported", a.target().span(),
              "a matrix-valued expression that depends on an index cannot be indexed")
          .withLabel("depends on the formula's indices")
          .withHelp("write the element itself as a scalar expression of the indices"));
    }
    Node target = readNode(a.target());
    if (c.accessTargets != null) c.accessTargets.put(a, target);
    ReadLog log = c.log == null ? ReadLog.UNWATCHED : c.log;
    int id = readId(target);
    double[] td = target.m.data;
    trace.put(a, new ElementBytecode.Read(td, target, id, c.log));
    int rank = a.indices().size();
    ScalarCode[] ix = new ScalarCode[rank];
    for (int k = 0; k < rank; k++) ix[k] = scalar(a.indices().get(k));
    int[] strides = target.strides;
    int[] space = target.space;
    int b = c.base;
    IndexRanges ranges = c.ranges;
    if (rank == 1) {
      ScalarCode i0 = ix[0];
      int n0 = space[0];
      return env -> {
        double v = i0.eval(env);
        int i = (int) v - b;
        if (i < 0 || i >= n0 || v != (int) v) ranges.runtimeIndex(v, 0, target, a);
        log.note(id, i);
        return td[i];
      };
    }
    if (rank == 2) {
      ScalarCode i0 = ix[0], i1 = ix[1];
      int n0 = space[0], n1 = space[1], s0 = strides[0];
      return env -> {
        double v0 = i0.eval(env), v1 = i1.eval(env);
        int i = (int) v0 - b, j = (int) v1 - b;
        if (i < 0 || i >= n0 || v0 != (int) v0) ranges.runtimeIndex(v0, 0, target, a);
        if (j < 0 || j >= n1 || v1 != (int) v1) ranges.runtimeIndex(v1, 1, target, a);
        log.note(id, i * s0 + j);
        return td[i * s0 + j];
      };
    }
    return env -> {
      int off = 0;
      for (int k = 0; k < rank; k++) {
        double v = ix[k].eval(env);
        int i = (int) v - b;
        if (i < 0 || i >= space[k] || v != (int) v) ranges.runtimeIndex(v, k, target, a);
        off += i * strides[k];
      }
      log.note(id, off);
      return td[off];
    };
  }
}
