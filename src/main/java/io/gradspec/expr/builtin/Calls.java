package io.gradspec.expr.builtin;

import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.shape.Shape;
import io.gradspec.expr.syntax.Expr;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.DidYouMean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The symbolic typing of a call: which function it names (or "did you mean"), its arity, its arguments
 * typed (or read as dimensions), then the function's own {@link Builtin.ShapeRule}.
 */
public final class Calls {
  private Calls() {}

  /** The shape of {@code e}, or null when an error was reported (here or below). */
  public static Shape type(Expr.Call e, Typer c) {
    String name = e.name();
    Builtin f = Builtins.get(name);
    if (f == null) {
      Diagnostic d = Diagnostic.error("unknown-function", e.nameSpan(), "unknown function `" + name + "`")
          .withLabel("not a built-in function");
      var sug = DidYouMean.suggest(name, Builtins.names());
      d = sug.isPresent() ? d.withHelp("did you mean " + equallyNear(name, sug.get()) + "?")
          : d.withNote("the functions are " + String.join(", ", Builtins.names()));
      c.report(d);
      for (Expr a : e.args()) c.type(a);
      return null;
    }
    int n = e.args().size();
    if (n < f.minArity() || n > f.arity()) {
      String takes = f.minArity() == f.arity() ? String.valueOf(f.arity()) : f.minArity() + " or " + f.arity();
      c.report(Diagnostic.error("arity", e.span(), "`" + name + "` takes " + takes + " argument" + (f.arity() == 1 ? "" : "s")
              + ", but " + n + (n == 1 ? " is" : " are") + " given")
          .withLabel(n + " argument" + (n == 1 ? "" : "s"))
          .withHelp("write `" + f.signature() + "`"));
      return null;
    }
    Axis[] dims = new Axis[n];
    for (int i = 0; i < n; i++) {
      if (!f.isDimension(i)) continue;
      Expr arg = e.args().get(i);
      if (f.isAxis(i) && arg instanceof Expr.Unary) {
        c.type(arg); // -1: an axis counted from the end, which Arguments.axis reads
        continue;
      }
      dims[i] = c.dimension(arg);
      if (dims[i] == null) return null;
    }
    if (f.dimensional()) return f.shape().apply(new Arguments(f, e, null, dims, c));
    Shape[] s = new Shape[n];
    boolean ok = true;
    for (int i = 0; i < n; i++) {
      if (f.isDimension(i)) continue;
      s[i] = c.type(e.args().get(i));
      if (s[i] == null) ok = false;
    }
    c.markUses(e);
    if (!ok) return null;
    if (!f.tensors()) {
      for (int i = 0; i < n; i++) if (s[i] != null && !c.requireMatrix(s[i], e.args().get(i), "`" + name + "`")) return null;
    }
    return f.shape().apply(new Arguments(f, e, s, dims, c));
  }

  /**
   * The suggestion and every other function just as near to {@code f}, as "`tan(A)` or `tanh(A)`":
   * for `tahn` the dropped letter and the swapped pair are equally likely typos.
   */
  private static String equallyNear(String f, String best) {
    String w = f.toLowerCase(Locale.ROOT);
    int d = DidYouMean.distance(w, best.toLowerCase(Locale.ROOT));
    List<String> near = new ArrayList<>();
    for (String g : Builtins.names()) {
      if (g.equals(best) || DidYouMean.distance(w, g.toLowerCase(Locale.ROOT)) == d) {
        near.add("`" + Builtins.get(g).signature() + "`");
      }
    }
    return near.size() <= 3 ? String.join(" or ", near) : "`" + Builtins.get(best).signature() + "`";
  }
}
