package io.gradspec.expr.sema;

import static io.gradspec.expr.sema.ShapeChecker.text;

import io.gradspec.expr.builtin.Builtins;
import io.gradspec.expr.builtin.Calls;
import io.gradspec.expr.builtin.Typer;
import io.gradspec.expr.sema.TypedSpec.DefInfo;
import io.gradspec.expr.sema.TypedSpec.DefRef;
import io.gradspec.expr.sema.TypedSpec.DimRef;
import io.gradspec.expr.sema.TypedSpec.IndexRef;
import io.gradspec.expr.sema.TypedSpec.IndexSlot;
import io.gradspec.expr.sema.TypedSpec.InputInfo;
import io.gradspec.expr.sema.TypedSpec.InputRef;
import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.shape.Shape;
import io.gradspec.expr.syntax.BinaryOp;
import io.gradspec.expr.syntax.Expr;
import io.gradspec.expr.syntax.IndexVar;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.DidYouMean;
import io.gradspec.spec.Span;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The expression typer: gives every node of an entry a symbolic shape, resolves its names (indices in
 * {@link Scope} first, then inputs, definitions and dimensions), and records which index slots each node
 * uses. Calls are typed by the function table ({@link Calls}), which reaches back through {@link Typer}.
 */
final class ExprTyper implements Expr.Visitor<Shape>, Typer {
  private final Analysis an;
  private final Scope scope;

  ExprTyper(Analysis an, Scope scope) {
    this.an = an;
    this.scope = scope;
  }

  /** Types a node; null means an error was already reported somewhere below. */
  @Override public Shape type(Expr e) {
    Shape s = e.accept(this);
    if (s != null) an.shapes.put(e, s);
    return s;
  }

  private long use(Expr e) { return an.slotUse.getOrDefault(e, 0L); }

  private void setUse(Expr e, long bits) { if (bits != 0) an.slotUse.put(e, bits); }

  @Override public Shape visitNum(Expr.Num e) { return Shape.SCALAR; }

  @Override public Shape visitName(Expr.Name e) {
    String n = e.name();
    IndexSlot slot = scope.find(n);
    if (slot != null) {
      an.refs.put(e, new IndexRef(slot));
      setUse(e, 1L << slot.slot);
      return Shape.SCALAR;
    }
    InputInfo in = an.inputs.get(n);
    if (in != null) { an.refs.put(e, new InputRef(n)); scope.uses.add(n); return in.shape(); }
    DefInfo def = an.defines.get(n);
    if (def != null) { an.refs.put(e, new DefRef(n)); scope.uses.add(n); return def.shape(); }
    if (an.dimSymbols.contains(n)) { an.refs.put(e, new DimRef(n)); return Shape.SCALAR; }
    if (an.brokenInputs.contains(n)) { scope.uses.add(n); return null; }
    if (an.isDeclaredDefinition(n)) {
      // defined later, or its own definition failed
      List<String> order = an.spec.defines().stream().map(x -> x.name().value()).toList();
      int current = scope.context.startsWith("define `") ? order.indexOf(scope.context.substring(8, scope.context.length() - 1)) : -1;
      boolean later = current >= 0 && order.indexOf(n) > current;
      if (scope.context.startsWith("define") && later) {
        an.error("order", e.span(), "`" + n + "` is used before it is defined", "defined later in `define`",
            "`define` is ordered: move `" + n + "` above this entry");
      } else if (scope.context.equals("define `" + n + "`")) {
        an.error("cycle", e.span(), "`" + n + "` is used in its own definition", "refers to itself", null);
      }
      return null;
    }
    Set<String> cands = new LinkedHashSet<>();
    cands.addAll(scope.indexNames());
    cands.addAll(an.inputs.keySet());
    cands.addAll(an.defines.keySet());
    cands.addAll(an.dimSymbols);
    Diagnostic d = Diagnostic.error("unknown-name", e.span(), "unknown name `" + n + "` in " + scope.context)
        .withLabel("not an input, a defined name, an index or a dimension");
    var sug = DidYouMean.suggest(n, cands);
    if (sug.isPresent()) {
      String s = sug.get();
      String what = an.inputs.containsKey(s) ? "the input `" + s + "` (shape " + an.inputs.get(s).shape() + ")"
          : an.defines.containsKey(s) ? "the definition `" + s + "` (shape " + an.defines.get(s).shape() + ")"
          : an.dimSymbols.contains(s) ? "the dimension `" + s + "`" : "the index `" + s + "`";
      d = d.withHelp((s.equalsIgnoreCase(n) ? "names are case-sensitive; " : "") + "did you mean " + what + "?");
    } else if (Builtins.isFunction(n)) {
      d = d.withHelp("`" + n + "` is a function: call it as `" + n + "(...)`");
    } else {
      d = d.withNote("in scope here: " + inScope())
          .withHelp("declare `" + n + "` in `inputs`, or define it in `define` above this entry");
    }
    an.diags.add(d);
    return null;
  }

  @Override public Shape visitUnary(Expr.Unary e) {
    Shape s = type(e.operand());
    setUse(e, use(e.operand()));
    return s;
  }

  @Override public Shape visitTranspose(Expr.Transpose e) {
    Shape s = type(e.operand());
    setUse(e, use(e.operand()));
    if (s == null) return null;
    if (s.rank() > 3 && !requireMatrix(s, e.operand(), "transpose")) return null;
    return s.transpose();
  }

  @Override public Shape visitBinary(Expr.Binary e) {
    Shape l = type(e.left());
    Shape r = type(e.right());
    setUse(e, use(e.left()) | use(e.right()));
    if (l == null || r == null) return null;
    BinaryOp op = e.op();
    if (op.isComparison() || op.isLogical()) {
      // on matrices, entry by entry with the operators' broadcasting: a 0/1 mask (for `where`, `.*`)
      if (l.isScalarLike() && r.isScalarLike()) return Shape.SCALAR;
      return broadcast(l, r, e.opSpan(), op.symbol());
    }
    switch (op) {
      case MUL: {
        if (l.isScalarLike()) return r;
        if (r.isScalarLike()) return l;
        if (!l.isMatrixLike() || !r.isMatrixLike()) {
          Expr big = l.isMatrixLike() ? e.right() : e.left();
          an.error("shape", big.span(), "the matrix product `*` needs values of rank <= 2, but `" + text(big) + "` has shape "
              + (l.isMatrixLike() ? r : l), "rank " + (l.isMatrixLike() ? r : l).rank(),
              "for one matrix product per entry of the first axis use `bmm(A, B)`; entry by entry use `.*`");
          return null;
        }
        if (!l.cols().equals(r.rows())) {
          Diagnostic d = Diagnostic.error("shape", e.opSpan(), "inner dimensions " + l.cols() + " and " + r.rows() + " differ")
              .withLabel(l + " * " + r)
              .withNote("a matrix product needs (A, B) * (B, C); the left side has " + l.cols()
                  + " columns, the right side " + r.rows() + " rows");
          if (l.rows().equals(r.rows())) d = d.withHelp("did you mean to transpose the left side: `" + paren(e.left()) + "' * ...`?");
          else if (l.cols().equals(r.cols())) d = d.withHelp("did you mean to transpose the right side: `... * " + paren(e.right()) + "'`?");
          else if (l.equals(r)) d = d.withHelp("for an elementwise product use `.*`");
          an.diags.add(d);
          return null;
        }
        return Shape.matrix(l.rows(), r.cols());
      }
      case DIV:
        if (!r.isScalarLike()) {
          an.error("shape", e.opSpan(), "`/` divides by a scalar, but the right side has shape " + r, "not a scalar",
              "for elementwise division use `./`; for a matrix inverse use `* inv(...)`");
          return null;
        }
        return l;
      case POW:
        if (!l.isScalarLike() || !r.isScalarLike()) {
          an.error("shape", e.opSpan(), "`^` is the power of scalars, but an operand has shape " + (l.isScalarLike() ? r : l),
              "matrix operand", "for an elementwise power use `.^`");
          return null;
        }
        return Shape.SCALAR;
      default:
        InnerProductWarning.check(e, l, r, an.diags);
        return broadcast(l, r, e.opSpan(), op.symbol());
    }
  }

  @Override public Shape visitAccess(Expr.Access e) {
    if (Slices.isSlice(e)) {
      Shape s = new Slices(an, this).type(e);
      setUse(e, use(e.target()));
      return s;
    }
    Shape t = type(e.target());
    long bits = use(e.target());
    List<Shape> idx = new ArrayList<>();
    boolean ok = t != null;
    for (Expr i : e.indices()) {
      Shape s = type(i);
      bits |= use(i);
      if (s == null) { ok = false; continue; }
      if (!s.isScalarLike()) {
        an.error("shape", i.span(), "an index must be a scalar, but this has shape " + s, "shape " + s, null);
        ok = false;
      }
      idx.add(s);
    }
    setUse(e, bits);
    if (!ok) return null;
    List<Axis> space = t.indexSpace();
    if (space.size() != e.indices().size()) {
      an.diags.add(Diagnostic.error("index-count", e.span(), "`" + text(e.target()) + "` has an index space of rank "
              + space.size() + " " + Shape.spaceString(space) + ", but " + e.indices().size()
              + (e.indices().size() == 1 ? " index is" : " indices are") + " given")
          .withLabel(e.indices().size() + " " + (e.indices().size() == 1 ? "index" : "indices"))
          .withNote("element access uses the index space: the shape " + t + " without its literal-1 axes")
          .withHelp(space.isEmpty() ? "`" + text(e.target()) + "` is a scalar: use it without `[...]`"
              : "write " + space.size() + (space.size() == 1 ? " index" : " indices") + ", e.g. `"
                  + text(e.target()) + Scope.defaultIndexNames(space.size()) + "`"));
      return null;
    }
    // Each bare index variable used here constrains (or is checked against) this axis.
    for (int k = 0; k < e.indices().size(); k++) {
      Expr i = e.indices().get(k);
      if (i instanceof Expr.Name n && an.refs.get(n) instanceof IndexRef ir) {
        IndexSlot s = ir.slot();
        Axis axis = space.get(k);
        if (s.range == null) {
          s.range = axis;
        } else if (!s.range.equals(axis) && scope.isClaimIndex(s)) {
          scope.indexProblems.add("index `" + s.name + "` ranges over " + s.range + ", but `" + text(i) + "` in `"
              + text(e) + "` indexes an axis of length " + axis + " (axis " + (k + 1) + " of `" + text(e.target())
              + "`): the claim's indices follow the derivative's index space; check their order");
        } else if (!s.range.equals(axis)) {
          an.diags.add(Diagnostic.error("range", i.span(), "index `" + s.name + "` ranges over " + s.range
                  + ", but here it indexes an axis of length " + axis)
              .withLabel("axis " + (k + 1) + " of `" + text(e.target()) + "` is " + axis)
              .withNote("ranges are compared as symbols: " + s.range + " and " + axis + " are different even if equal in size")
              .withHelp("check that `" + text(e.target()) + "` is the value you meant, or use another index for this axis"));
          return null;
        }
      }
    }
    return Shape.SCALAR;
  }

  @Override public Shape visitSum(Expr.Sum e) {
    IndexVar v = e.index();
    Axis given = null;
    if (v.range() != null) {
      given = an.rangeAxis(v.range(), v.rangeSpan());
      if (given == null) return null;
    }
    // `sum(k, ...)` always binds a new index, shadowing anything named k.
    IndexSlot s = scope.newSlot(v, given);
    if (s == null) return null;
    scope.push(s);
    Shape b;
    try {
      b = type(e.body());
    } finally {
      scope.pop();
    }
    setUse(e, use(e.body()) & ~(1L << s.slot));
    if (b == null) return null;
    if (!b.isScalarLike()) {
      an.error("shape", e.body().span(), "the body of `sum(" + v.name() + ", ...)` must be a scalar, but it has shape " + b,
          "shape " + b, "select one element with `[...]`; to add up all elements of a matrix use `sum(A)`");
      return null;
    }
    if (s.range == null) {
      an.diags.add(Diagnostic.error("sum-range", v.span(), "cannot infer the range of `" + v.name() + "`")
          .withLabel("`" + v.name() + "` is never used as an index")
          .withNote("a sum's range is inferred from the axes `" + v.name() + "` indexes, e.g. `x[" + v.name() + "]`")
          .withHelp("write the range: `sum(" + v.name() + ": D, ...)`"));
      return null;
    }
    an.sumSlots.put(e, s);
    return Shape.SCALAR;
  }

  @Override public Shape visitRange(Expr.Range e) {
    an.error("syntax", e.span(), "a slice `from:to` is only an index, as in `A[0:2, :]`", "a slice here", null);
    return null;
  }

  @Override public Shape visitCall(Expr.Call e) {
    ProgramFunction f = an.functions.get(e.name());
    return f != null ? programCall(e, f) : Calls.type(e, this);
  }

  /** A call of a program function: its declared arity, each argument of its declared shape. */
  private Shape programCall(Expr.Call e, ProgramFunction f) {
    int n = e.args().size();
    String signature = f.signature();
    if (n != f.args().size()) {
      an.error("arity", e.span(), "program function `" + f.name() + "` takes " + f.args().size() + " argument"
          + (f.args().size() == 1 ? "" : "s") + ", but " + n + (n == 1 ? " is" : " are") + " given",
          n + " argument" + (n == 1 ? "" : "s"), "`functions` declares `" + signature + "`");
      return null;
    }
    boolean ok = true;
    for (int i = 0; i < n; i++) {
      Expr arg = e.args().get(i);
      Shape s = type(arg);
      if (s == null) { ok = false; continue; }
      if (!s.equals(f.args().get(i))) {
        an.error("shape", arg.span(), "argument " + (i + 1) + " of `" + f.name() + "` must have shape "
            + f.declared(i) + ", but `" + text(arg) + "` has shape " + s, "shape " + s,
            "`functions` declares `" + signature + "`");
        ok = false;
      }
    }
    markUses(e);
    return ok ? f.returns() : null;
  }

  // ---------------------------------------------------------------- what the functions' shape rules use

  @Override public void markUses(Expr.Call call) {
    long bits = 0;
    for (Expr arg : call.args()) bits |= use(arg);
    setUse(call, bits);
  }

  @Override public void report(Diagnostic d) { an.diags.add(d); }

  @Override public void recordAxis(Expr.Call call, int position) { an.axes.put(call, position); }

  @Override public boolean requireMatrix(Shape s, Expr e, String what) {
    if (s.isMatrixLike()) return true;
    an.error("shape", e.span(), what + " needs a value of rank <= 2, but `" + text(e) + "` has shape " + s,
        "rank " + s.rank(), "values of rank above 2 can only be used through element access, e.g. `"
            + text(e) + "[i, j, k]`");
    return false;
  }

  private Shape broadcast(Shape l, Shape r, Span at, String op) {
    if (Shape.tensorMismatch(l, r) >= 0) {
      an.diags.add(Diagnostic.error("shape", at, "shapes " + l + " and " + r + " do not match for `" + op + "`")
          .withLabel(l + " " + op + " " + r).withNote(Shape.TENSOR_BROADCAST));
      return null;
    }
    if ((!l.isMatrixLike() && !l.isScalarLike()) || (!r.isMatrixLike() && !r.isScalarLike())) return Shape.tensorBroadcast(l, r);
    if (l.isScalarLike() && l.rank() <= 2 && r.isMatrixLike()) return r.isScalarLike() ? Shape.SCALAR : r;
    if (r.isScalarLike()) return l;
    Axis rows = bAxis(l.rows(), r.rows());
    Axis cols = bAxis(l.cols(), r.cols());
    if (rows == null || cols == null) {
      Diagnostic d = Diagnostic.error("shape", at, "shapes " + l + " and " + r + " do not match for `" + op + "`")
          .withLabel(l + " " + op + " " + r)
          .withNote("elementwise operators need equal shapes, or an axis of literal size 1 (or a scalar) to broadcast");
      if (l.transpose().equals(r) || l.equals(r.transpose())) d = d.withHelp("one side is the transpose of the other; did you forget a `'`?");
      an.diags.add(d);
      return null;
    }
    return Shape.matrix(rows, cols);
  }

  private static Axis bAxis(Axis a, Axis b) {
    if (a.equals(b)) return a;
    if (a.isOne()) return b;
    if (b.isOne()) return a;
    return null;
  }

  /** A dimension expression in eye/ones/zeros: `1`, a symbol, or a product of symbols. */
  @Override public Axis dimension(Expr e) {
    if (e instanceof Expr.Num n && n.value() == 1.0) return Axis.ONE;
    // format 1.2: literal sizes, and sums and differences of dimensions (`M+P`, `N-1`, `2*N`)
    if (e instanceof Expr.Num n && n.value() >= 1 && n.value() == Math.rint(n.value()) && n.value() < 1e9) {
      an.shapes.put(e, Shape.SCALAR);
      return Axis.literal((long) n.value());
    }
    if (e instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)) {
      Axis l = dimension(b.left());
      if (l == null) return null;
      Axis r = dimension(b.right());
      if (r == null) return null;
      an.shapes.put(e, Shape.SCALAR);
      return b.op() == BinaryOp.ADD ? Axis.sum(l, r) : Axis.difference(l, r);
    }
    if (e instanceof Expr.Name n) {
      if (an.dimSymbols.contains(n.name())) { an.refs.put(n, new DimRef(n.name())); an.shapes.put(n, Shape.SCALAR); return Axis.of(n.name()); }
    }
    if (e instanceof Expr.Binary b && b.op() == BinaryOp.MUL) {
      Axis l = dimension(b.left());
      if (l == null) return null;
      Axis r = dimension(b.right());
      if (r == null) return null;
      an.shapes.put(e, Shape.SCALAR);
      return Axis.product(l, r);
    }
    Diagnostic d = Diagnostic.error("shape", e.span(), "expected a dimension here, found `" + text(e) + "`")
        .withLabel("not a dimension symbol")
        .withNote("sizes are dimension symbols from `dims`, whole numbers, or expressions of them like `C*D`, `M+P`, `N-1`, so shapes stay symbolic");
    if (e instanceof Expr.Name n) {
      var sug = DidYouMean.suggest(n.name(), an.dimSymbols);
      if (sug.isPresent()) d = d.withHelp("did you mean `" + sug.get() + "`?");
    }
    an.diags.add(d);
    return null;
  }

  /** The names an expression may use, by kind, for an unknown-name note. */
  private String inScope() {
    List<String> parts = new ArrayList<>();
    List<String> idx = scope.indexNames();
    if (!idx.isEmpty()) parts.add("indices " + String.join(", ", idx));
    if (!an.inputs.isEmpty()) parts.add("inputs " + String.join(", ", an.inputs.keySet()));
    if (!an.defines.isEmpty()) parts.add("definitions " + String.join(", ", an.defines.keySet()));
    if (!an.dimSymbols.isEmpty()) parts.add("dimensions " + String.join(", ", an.dimSymbols));
    return parts.isEmpty() ? "nothing" : String.join("; ", parts);
  }

  /** The text of {@code e}, in parentheses unless it is a name (for a suggested `'`). */
  private static String paren(Expr e) {
    return e instanceof Expr.Name ? text(e) : "(" + text(e) + ")";
  }
}
