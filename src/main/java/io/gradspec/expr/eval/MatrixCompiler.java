package io.gradspec.expr.eval;

import io.gradspec.expr.builtin.Builtin;
import io.gradspec.expr.builtin.Builtins;
import io.gradspec.expr.kernel.Elementwise;
import io.gradspec.expr.kernel.Indexing;
import io.gradspec.expr.kernel.Node;
import io.gradspec.expr.kernel.Products;
import io.gradspec.expr.kernel.ProgramCall;
import io.gradspec.expr.kernel.ProgramComplexCall;
import io.gradspec.expr.kernel.ProgramSite;
import io.gradspec.expr.kernel.ProgramJacobian;
import io.gradspec.expr.kernel.ScalarCode;
import io.gradspec.expr.kernel.Reshaping;
import io.gradspec.expr.kernel.Structure;
import io.gradspec.expr.sema.ProgramClaim;
import io.gradspec.expr.sema.ProgramFunction;
import io.gradspec.expr.sema.ShapeChecker;
import io.gradspec.expr.sema.TypedSpec;
import io.gradspec.expr.sema.TypedSpec.DefRef;
import io.gradspec.expr.sema.TypedSpec.DimRef;
import io.gradspec.expr.sema.TypedSpec.InputRef;
import io.gradspec.expr.sema.TypedSpec.Ref;
import io.gradspec.expr.shape.Shape;
import io.gradspec.expr.syntax.BinaryOp;
import io.gradspec.expr.syntax.Expr;
import io.gradspec.spec.Diagnostic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compiles an expression that uses no index variable into nodes, one per operation, each over the
 * nodes of its operands: the matrix level of a program. An index sum inside it is compiled by the
 * {@link ElementCompiler} into a one-element node.
 */
final class MatrixCompiler {
  private final Compilation c;
  private ElementCompiler element;

  MatrixCompiler(Compilation c) { this.c = c; }

  void use(ElementCompiler element) { this.element = element; }

  /** The node of {@code e}; computed when the program (or claim) is evaluated, whoever reads it later. */
  Node expr(Expr e) {
    boolean savedLazy = c.lazy;
    c.lazy = false;
    try {
      return node(e);
    } finally {
      c.lazy = savedLazy;
    }
  }

  private Node node(Expr e) {
    Shape s = c.checkedShape(e);
    return e.accept(new Expr.Visitor<Node>() {
      @Override public Node visitNum(Expr.Num n) { return c.add(Structure.constant(c.at, n.value())); }

      @Override public Node visitName(Expr.Name n) {
        Ref r = c.t.refs.get(n);
        if (r instanceof DimRef d) return c.add(Structure.constant(c.at, c.dims.get(d.symbol())));
        String name = r instanceof InputRef i ? i.name() : ((DefRef) r).name();
        // a claim reads the live node too: see Compilation.stable()
        return c.values.get(name);
      }

      @Override public Node visitUnary(Expr.Unary u) {
        return c.add(Elementwise.unary(c.at, s, expr(u.operand()), x -> -x));
      }

      @Override public Node visitTranspose(Expr.Transpose tr) {
        return c.add(Structure.transpose(c.at, s, expr(tr.operand())));
      }

      @Override public Node visitBinary(Expr.Binary b) {
        if (b.op() != BinaryOp.MUL && (b.left() instanceof Expr.Transpose || b.right() instanceof Expr.Transpose)) {
          Node fused = transposedOperands(b, s);
          if (fused != null) return fused;
        }
        Node l = expr(b.left()), r = expr(b.right());
        if (b.op() == BinaryOp.MUL) return c.add(Products.mult(c.at, s, l, r));
        return c.add(Elementwise.binary(c.at, s, l, r, Elementwise.binaryOp(b.op())));
      }

      @Override public Node visitAccess(Expr.Access a) { return access(a); }

      @Override public Node visitCall(Expr.Call call) { return MatrixCompiler.this.call(call, s); }

      @Override public Node visitRange(Expr.Range r) { throw new IllegalStateException("a slice outside an access"); }

      @Override public Node visitSum(Expr.Sum sum) {
        // an index sum that uses no outer index: a scalar computed by a one-element formula
        List<Node> saved = c.reads;
        c.reads = new ArrayList<>();
        ScalarCode code = element.body(sum);
        Node[] reads = c.reads.toArray(new Node[0]);
        c.reads = saved;
        return c.add(Indexing.scalar(c.at, reads, code, Compilation.ENV_SIZE));
      }
    });
  }

  /** An element at indices that use no index variable: constants checked now, others when evaluated. */
  private Node access(Expr.Access a) {
    TypedSpec.SliceInfo slice = c.t.slices.get(a);
    if (slice != null) return slice(a, slice);
    Node target = expr(a.target());
    List<Node> idx = new ArrayList<>();
    for (Expr i : a.indices()) idx.add(expr(i));
    int[] constIdx = new int[idx.size()];
    boolean allConst = true;
    for (int k = 0; k < idx.size(); k++) {
      Expr ie = a.indices().get(k);
      if (ie instanceof Expr.Num num) constIdx[k] = c.ranges.checkIndex(num.value(), k, target, a, ie.span());
      else allConst = false;
    }
    Node[] ix = idx.toArray(new Node[0]);
    if (allConst) return c.add(Indexing.element(c.at, target, ix, constIdx));
    IndexRanges ranges = c.ranges;
    return c.add(Indexing.element(c.at, target, ix, (v, k) -> ranges.runtimeIndex(v, k, target, a)));
  }

  /** A slice: the window of its target, checked against the target's axes under these dims. */
  private Node slice(Expr.Access a, TypedSpec.SliceInfo info) {
    Node target = expr(a.target());
    int[] from = new int[2];
    for (int k = 0; k < info.from().size(); k++) {
      long f = info.from().get(k).size(c.dims), n = info.length().get(k).size(c.dims);
      int axis = target.space.length > k ? target.space[k] : 1;
      if (f < 0 || n < 1 || f + n > axis) {
        throw new CompileError(Diagnostic.error("index-range", a.indices().get(k).span(), "the slice `"
                + ShapeChecker.text(a.indices().get(k)) + "` of `" + ShapeChecker.text(a.target()) + "` takes indices "
                + (f + c.base) + " to " + (f + n - 1 + c.base) + ", but axis " + (k + 1) + " has " + axis
                + " (valid indices are " + c.base + " to " + (axis - 1 + c.base) + ")")
            .withLabel("out of range under dims " + c.ranges.dimsText()));
      }
      from[k] = (int) f;
    }
    // one axis of a vector: a row from its columns, a column from its rows
    boolean row = info.from().size() == 1 && target.m.numRows == 1 && target.m.numCols > 1;
    int r0 = info.from().size() == 1 ? (row ? 0 : from[0]) : from[0];
    int c0 = info.from().size() == 1 ? (row ? from[0] : 0) : from[1];
    return c.add(Reshaping.window(c.at, c.checkedShape(a), target, r0, c0));
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
        c.checkedShape(tr);
        sides[k] = expr(tr.operand());
        transposed[k] = true;
      } else {
        sides[k] = expr(operands[k]);
      }
    }
    int rows = c.at.rows(s), cols = c.at.cols(s);
    boolean fits = rows > 1 && cols > 1 && c.at.space(s).length == 2;
    for (int k = 0; k < 2 && fits; k++) {
      Node n = sides[k];
      fits = n.space.length == 2 && (transposed[k] ? n.m.numRows == cols && n.m.numCols == rows
          : n.m.numRows == rows && n.m.numCols == cols);
    }
    if (!fits) {
      // compile as usual, from the nodes made so far
      for (int k = 0; k < 2; k++) {
        if (transposed[k]) sides[k] = c.add(Structure.transpose(c.at, c.t.shapes.get(operands[k]), sides[k]));
      }
      return c.add(Elementwise.binary(c.at, s, sides[0], sides[1], Elementwise.binaryOp(b.op())));
    }
    return c.add(Elementwise.binaryTransposed(c.at, s, sides[0], transposed[0], sides[1], transposed[1],
        Elementwise.binaryOp(b.op())));
  }

  /** A call: its arguments' nodes (none for eye, ones and zeros, whose arguments are dimensions), then its kernel. */
  private Node call(Expr.Call call, Shape s) {
    ProgramFunction pf = c.t.functions.get(call.name());
    if (pf != null) return programCall(call, pf, s);
    Builtin f = Builtins.get(call.name());
    if (f.along() != null) {
      Expr arg = call.args().get(0);
      return c.add(f.along().make(c.at, s, expr(arg), c.t.shapes.get(arg), c.t.axes.get(call)));
    }
    Node[] args = new Node[Math.min(f.valueArgs(), call.args().size())];
    for (int i = 0; i < args.length; i++) args[i] = expr(call.args().get(i));
    return c.add(f.matrix().make(c.at, s, args));
  }

  /** A call of a program function: a node the program computes from its arguments' nodes. */
  private Node programCall(Expr.Call call, ProgramFunction f, Shape s) {
    Node[] args = new Node[call.args().size()];
    for (int i = 0; i < args.length; i++) args[i] = expr(call.args().get(i));
    String complexOf = c.t.complexCalls.get(f.name());
    if (complexOf != null) {
      // a complex form's call (TangentSpec): the program's f on complex arguments, the arguments then their tangents
      int[][] shapes = c.protocolShapes(f);
      return c.add(ProgramComplexCall.make(c.at, s, new ProgramSite(c.link, complexOf, Arrays.copyOf(shapes, shapes.length / 2),
          c.protocolShape(f.decl().returns()), f.decl().name().span(), complexOf), args));
    }
    return c.add(ProgramCall.make(c.at, s, site(f, call), args));
  }

  /** Where a call of program function {@code f} asks the program, reported at {@code call}. */
  private ProgramSite site(ProgramFunction f, Expr.Call call) {
    return new ProgramSite(c.link, f.name(), c.protocolShapes(f), c.protocolShape(f.decl().returns()), call.span(),
        ShapeChecker.text(call));
  }

  /** The claimed derivative of `claim: program`: the program's derivative of the call, wrt one argument. */
  Node programJacobian(ProgramClaim p, Shape s, boolean numerator) {
    Expr.Call call = p.call();
    Node[] args = new Node[call.args().size()];
    for (int i = 0; i < args.length; i++) args[i] = expr(call.args().get(i));
    return c.add(ProgramJacobian.make(c.at, s, site(p.function(), call), p.argIndex(), numerator, args));
  }
}
