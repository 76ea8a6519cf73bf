package io.gradspec.expr.builtin;

import io.gradspec.expr.sema.ShapeChecker;
import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.shape.Shape;
import io.gradspec.expr.syntax.Expr;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.DidYouMean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The function table: each built-in's arity and symbolic shape rule (contract §2). Evaluation lives in
 * {@link Kernels} (matrices) and {@link ScalarCode} (elements of index formulas).
 */
public final class Builtins {
  private Builtins() {}

  /** Elementwise functions of one argument. */
  public static final Set<String> ELEMENTWISE = Set.of("exp", "log", "sqrt", "abs", "sin", "cos", "tan", "tanh",
      "sigmoid", "softplus", "relu", "sign");

  /** name -> "min..max" arity and a one-line description (for help and "did you mean"). */
  private static final Map<String, String> SIGNATURES = new TreeMap<>();
  static {
    for (String f : ELEMENTWISE) SIGNATURES.put(f, f + "(A)");
    SIGNATURES.put("pow", "pow(A, p)");
    SIGNATURES.put("transpose", "transpose(A)");
    SIGNATURES.put("trace", "trace(A)");
    SIGNATURES.put("det", "det(A)");
    SIGNATURES.put("logdet", "logdet(A)");
    SIGNATURES.put("inv", "inv(A)");
    SIGNATURES.put("sum", "sum(A) or sum(k, body)");
    SIGNATURES.put("mean", "mean(A)");
    SIGNATURES.put("rowsum", "rowsum(A)");
    SIGNATURES.put("colsum", "colsum(A)");
    SIGNATURES.put("diag", "diag(v)");
    SIGNATURES.put("diagonal", "diagonal(A)");
    SIGNATURES.put("eye", "eye(n)");
    SIGNATURES.put("ones", "ones(r, c)");
    SIGNATURES.put("zeros", "zeros(r, c)");
    SIGNATURES.put("kron", "kron(A, B)");
    SIGNATURES.put("outer", "outer(a, b)");
    SIGNATURES.put("dot", "dot(a, b)");
    SIGNATURES.put("norm", "norm(A)");
    SIGNATURES.put("softmax", "softmax(v)");
    SIGNATURES.put("logsumexp", "logsumexp(v)");
    SIGNATURES.put("softmax_rows", "softmax_rows(A)");
    SIGNATURES.put("logsumexp_rows", "logsumexp_rows(A)");
    SIGNATURES.put("if", "if(c, a, b)");
    SIGNATURES.put("delta", "delta(a, b)");
  }

  public static boolean isFunction(String name) { return SIGNATURES.containsKey(name); }

  private static int arity(String f) {
    switch (f) {
      case "pow": case "ones": case "zeros": case "kron": case "outer": case "dot": case "delta": return 2;
      case "if": return 3;
      default: return 1;
    }
  }

  public static Shape type(Expr.Call e, ShapeChecker c) {
    String f = e.name();
    if (!isFunction(f)) {
      Diagnostic d = Diagnostic.error("unknown-function", e.nameSpan(), "unknown function `" + f + "`")
          .withLabel("not a built-in function");
      var sug = DidYouMean.suggest(f, SIGNATURES.keySet());
      d = sug.isPresent() ? d.withHelp("did you mean " + equallyNear(f, sug.get()) + "?")
          : d.withNote("the functions are " + String.join(", ", SIGNATURES.keySet()));
      c.add(d);
      for (Expr a : e.args()) c.typeArg(a);
      return null;
    }
    if (e.args().size() != arity(f)) {
      c.add(Diagnostic.error("arity", e.span(), "`" + f + "` takes " + arity(f) + " argument" + (arity(f) == 1 ? "" : "s")
              + ", but " + e.args().size() + (e.args().size() == 1 ? " is" : " are") + " given")
          .withLabel(e.args().size() + " argument" + (e.args().size() == 1 ? "" : "s"))
          .withHelp("write `" + SIGNATURES.get(f) + "`"));
      return null;
    }
    if (f.equals("eye") || f.equals("ones") || f.equals("zeros")) {
      Axis r = c.dimArg(e.args().get(0));
      if (r == null) return null;
      if (f.equals("eye")) return Shape.matrix(r, r);
      Axis col = c.dimArg(e.args().get(1));
      if (col == null) return null;
      return Shape.matrix(r, col);
    }
    Shape[] s = new Shape[e.args().size()];
    boolean ok = true;
    for (int i = 0; i < s.length; i++) {
      s[i] = c.typeArg(e.args().get(i));
      if (s[i] == null) ok = false;
    }
    c.markUse(e);
    if (!ok) return null;
    for (int i = 0; i < s.length; i++) if (!c.requireMatrix(s[i], e.args().get(i), "`" + f + "`")) return null;
    Shape a = s[0];
    switch (f) {
      case "pow":
        if (!s[1].isScalarLike()) return argError(c, e, 1, "a scalar exponent", s[1], "for an elementwise power with a matrix exponent use `.^`");
        return a;
      case "transpose": return a.transpose();
      case "trace": case "det": case "logdet":
        if (!square(a)) return argError(c, e, 0, "a square matrix", a, null);
        return Shape.SCALAR;
      case "inv":
        if (!square(a)) return argError(c, e, 0, "a square matrix", a, null);
        return a;
      case "sum": case "mean": case "norm": case "logsumexp": return Shape.SCALAR;
      case "rowsum": return Shape.matrix(a.rows(), Axis.ONE);
      case "colsum": return Shape.matrix(Axis.ONE, a.cols());
      case "diag": {
        if (!a.isVectorLike()) return argError(c, e, 0, "a vector", a, "for the diagonal of a matrix use `diagonal(A)`");
        Axis n = a.indexSpace().get(0);
        return Shape.matrix(n, n);
      }
      case "diagonal":
        if (!square(a)) return argError(c, e, 0, "a square matrix", a, "to build a diagonal matrix from a vector use `diag(v)`");
        return Shape.matrix(a.rows(), Axis.ONE);
      case "kron":
        return Shape.matrix(Axis.product(a.rows(), s[1].rows()), Axis.product(a.cols(), s[1].cols()));
      case "outer": {
        if (!a.isVectorLike()) return argError(c, e, 0, "a vector", a, null);
        if (!s[1].isVectorLike()) return argError(c, e, 1, "a vector", s[1], null);
        return Shape.matrix(a.indexSpace().get(0), s[1].indexSpace().get(0));
      }
      case "dot": {
        if (!a.isVectorLike()) return argError(c, e, 0, "a vector", a, "for matrices use `sum(A .* B)`");
        if (!s[1].isVectorLike()) return argError(c, e, 1, "a vector", s[1], "for matrices use `sum(A .* B)`");
        if (!a.indexSpace().equals(s[1].indexSpace()))
          return argError(c, e, 1, "a vector of length " + a.indexSpace().get(0), s[1], null);
        return Shape.SCALAR;
      }
      case "softmax": return a;
      case "softmax_rows": return a;
      case "logsumexp_rows": return Shape.matrix(a.rows(), Axis.ONE);
      case "delta":
        if (!a.isScalarLike()) return argError(c, e, 0, "a scalar", a, null);
        if (!s[1].isScalarLike()) return argError(c, e, 1, "a scalar", s[1], null);
        return Shape.SCALAR;
      case "if": {
        if (!a.isScalarLike()) return argError(c, e, 0, "a scalar condition", a, "compare elements, e.g. `x[i] > 0`");
        if (s[1].isScalarLike() && s[2].isScalarLike()) return Shape.SCALAR;
        if (s[1].indexSpace().equals(s[2].indexSpace()) && s[1].equals(s[2])) return s[1];
        if (s[1].isScalarLike()) return s[2];
        if (s[2].isScalarLike()) return s[1];
        return argError(c, e, 2, "the shape of the other branch " + s[1], s[2], null);
      }
      default:
        return a; // elementwise
    }
  }

  /**
   * The suggestion and every other function just as near to {@code f}, as "`tan(A)` or `tanh(A)`":
   * for `tahn` the dropped letter and the swapped pair are equally likely typos.
   */
  private static String equallyNear(String f, String best) {
    String w = f.toLowerCase(Locale.ROOT);
    int d = DidYouMean.distance(w, best.toLowerCase(Locale.ROOT));
    List<String> near = new ArrayList<>();
    for (String g : SIGNATURES.keySet()) {
      if (g.equals(best) || DidYouMean.distance(w, g.toLowerCase(Locale.ROOT)) == d) {
        near.add("`" + SIGNATURES.get(g) + "`");
      }
    }
    return near.size() <= 3 ? String.join(" or ", near) : "`" + SIGNATURES.get(best) + "`";
  }

  private static boolean square(Shape a) { return a.rank() == 0 || (a.rank() == 2 && a.rows().equals(a.cols())); }

  private static Shape argError(ShapeChecker c, Expr.Call e, int arg, String expected, Shape found, String help) {
    Diagnostic d = Diagnostic.error("shape", e.args().get(arg).span(),
            "`" + e.name() + "` expects " + expected + ", but this has shape " + found)
        .withLabel("shape " + found);
    if (help != null) {
      d = d.withHelp(help);
    } else if (expected.equals("a square matrix")) {
      d = d.withNote("square means both axes are the same symbol, as in [N, N]; " + found
          + " is not square even when the sizes are equal");
    } else {
      d = d.withNote("`" + e.name() + "` is called as `" + SIGNATURES.get(e.name()) + "`");
    }
    c.add(d);
    return null;
  }
}
