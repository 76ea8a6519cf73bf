package io.gradspec.expr.sema;

import io.gradspec.expr.sema.TypedSpec.DefInfo;
import io.gradspec.expr.sema.TypedSpec.IndexSlot;
import io.gradspec.expr.sema.TypedSpec.InputInfo;
import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.shape.Shape;
import io.gradspec.expr.syntax.Entry;
import io.gradspec.expr.syntax.IndexFormula;
import io.gradspec.expr.syntax.IndexVar;
import io.gradspec.expr.syntax.Parser;
import io.gradspec.spec.Definition;
import io.gradspec.expr.builtin.Builtins;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.FunctionDecl;
import io.gradspec.spec.DidYouMean;
import io.gradspec.spec.Init;
import io.gradspec.spec.InputDecl;
import io.gradspec.spec.Located;
import io.gradspec.spec.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The declarations of a spec, in their order: the dimension symbols (every map of a `dims` list gives the
 * same ones), then the inputs and their shapes, then the definitions, each typed against what comes
 * before it.
 */
final class Declarations {
  private final Analysis an;
  private final Scope scope;
  private final ExprTyper typer;

  Declarations(Analysis an, Scope scope, ExprTyper typer) {
    this.an = an;
    this.scope = scope;
    this.typer = typer;
  }

  /** The dimension symbols: the union of the `dims` maps' keys, each of which every map must give. */
  void checkDims() {
    for (Map<String, Integer> m : an.spec.dims()) an.dimSymbols.addAll(m.keySet());
    for (Map<String, Integer> m : an.spec.dims()) {
      for (String s : an.dimSymbols) {
        if (!m.containsKey(s)) {
          Span at = an.spec.dimsSpans().getOrDefault(s, an.spec.span());
          an.error("undefined-dim", at, "dimension `" + s + "` is missing from one of the `dims` maps",
              "defined here, but not in every map", "every map of a `dims` list must give the same symbols");
        }
      }
    }
  }

  /** An input: its shape from the declared axes (every symbol in `dims`), and its `init` and `value` against it. */
  void checkInput(InputDecl in) {
    String name = in.name().value();
    if (an.inputs.containsKey(name)) {
      an.error("duplicate-name", in.name().span(), "input `" + name + "` is declared twice", "declared again here", null);
      return;
    }
    Shape shape = shape(in.shape());
    if (shape == null) {
      an.brokenInputs.add(name);
      return;
    }
    if ((in.init() == Init.SYMMETRIC || in.init() == Init.SPD || in.init() == Init.ORTHOGONAL)) {
      if (shape.rank() != 2 || !shape.rows().equals(shape.cols())) {
        an.error("bad-shape", in.shapeSpan() != null ? in.shapeSpan() : in.name().span(),
            "`init: " + in.init().word() + "` needs a square matrix, but `" + name + "` has shape " + shape,
            "not square", "give it a shape like `[N, N]`");
      }
    }
    if (shape.rank() > 2 && in.value() != null) {
      an.error("bad-value", in.valueSpan(), "a `value` literal is only supported for shapes of rank <= 2",
          "rank " + shape.rank(), "drop `value` to draw it at random");
    }
    if (in.range() != null && in.range().dim() != null && !an.dimSymbols.contains(in.range().dim().value())) {
      Located<String> d = in.range().dim();
      an.error("unknown-dim", d.span(), "unknown dimension `" + d.value() + "` in the `range` of `" + name + "`",
          "not in `dims`", DidYouMean.suggest(d.value(), an.dimSymbols).map(x -> "did you mean `" + x + "`?")
              .orElse("add it to `dims`, or write a literal range like `[0, 10]`"));
    }
    an.inputs.put(name, new InputInfo(in, shape));
  }

  /**
   * A declared shape: every axis a dimension symbol of `dims`, `1`, or a product; null after an error
   * (reported). One axis is a column vector, and `[1, 1]` a scalar, as for inputs.
   */
  private Shape shape(List<Located<String>> declared) {
    List<Axis> axes = new ArrayList<>();
    boolean ok = true;
    for (Located<String> ax : declared) {
      Axis a = Axis.parse(ax.value());
      if (a == null) {
        an.error("bad-shape", ax.span(), "`" + ax.value() + "` is not an axis",
            "expected a dimension symbol, a size, or an expression like `C*D`, `M+P`, `N-1`, `2*N`", null);
        ok = false;
        continue;
      }
      if (a.isLiteral() && a.literalValue() < 1) {
        an.error("bad-shape", ax.span(), "the axis `" + ax.value() + "` is " + a.literalValue() + ", not a positive size",
            "size " + a.literalValue(), null);
        ok = false;
        continue;
      }
      for (String s : a.symbols()) {
        if (!an.dimSymbols.contains(s)) {
          Diagnostic d = Diagnostic.error("undefined-dim", ax.span(), "undefined dimension symbol `" + s + "`")
              .withLabel("not a key of `dims`");
          var sug = DidYouMean.suggest(s, an.dimSymbols);
          d = sug.isPresent() ? d.withHelp("did you mean `" + sug.get() + "`?")
              : d.withHelp("add it to `dims`, e.g. `dims: {" + s + ": 3}`");
          an.diags.add(d);
          ok = false;
        }
      }
      axes.add(a);
    }
    if (!ok) return null;
    Shape shape = axes.size() == 1 ? Shape.matrix(axes.get(0), Axis.ONE) : new Shape(axes);
    if (axes.size() == 2 && axes.get(0).isOne() && axes.get(1).isOne()) shape = Shape.SCALAR;
    return shape;
  }

  /** A program function (contract §7): a name that is not a built-in, its arguments' and result's shapes. */
  void checkFunction(FunctionDecl f) {
    String name = f.name().value();
    if (Builtins.get(name) != null) {
      an.error("duplicate-name", f.name().span(), "`" + name + "` is a built-in function",
          "a program function may not hide a built-in", "give the program's function another name in `functions`");
      return;
    }
    if (an.functions.containsKey(name)) {
      an.error("duplicate-name", f.name().span(), "function `" + name + "` is declared twice", "declared again here", null);
      return;
    }
    List<Shape> args = new ArrayList<>();
    boolean ok = true;
    for (List<Located<String>> a : f.args()) {
      Shape s = shape(a);
      if (s == null) ok = false;
      args.add(s);
    }
    Shape returns = shape(f.returns());
    if (ok && returns != null) an.functions.put(name, new ProgramFunction(f, args, returns));
  }

  /** A definition: a new name, its text parsed and typed (an index formula's indices bound to their ranges). */
  void checkDefine(Definition d) {
    String name = d.name().value();
    boolean isInput = an.inputs.containsKey(name) || an.brokenInputs.contains(name);
    if (isInput || an.defines.containsKey(name)) {
      an.error("duplicate-name", d.name().span(), "`" + name + "` is already "
          + (isInput ? "an input" : "defined"), "defined again here", "choose another name");
      return;
    }
    if (an.dimSymbols.contains(name)) {
      an.error("duplicate-name", d.name().span(), "`" + name + "` is already a dimension symbol", "defined here",
          "choose another name");
      return;
    }
    scope.begin("define `" + name + "`");
    Entry entry = Parser.parseEntry(d.expr(), an.diags, an.maxExprLength);
    if (entry == null) return;
    Shape shape;
    List<IndexSlot> slots = List.of();
    if (entry.isFormula()) {
      IndexFormula f = entry.formula();
      slots = new ArrayList<>();
      List<Axis> axes = new ArrayList<>();
      boolean ok = missingRanges(f);
      for (IndexVar v : f.indices()) {
        if (v.range() == null) continue;
        Axis a = an.rangeAxis(v.range(), v.rangeSpan());
        if (a == null) { ok = false; continue; }
        IndexSlot s = scope.bind(v, a);
        if (s == null) { ok = false; continue; }
        slots.add(s);
        axes.add(a);
      }
      if (!ok) return;
      Shape body = typer.type(f.body());
      if (body == null) return;
      if (!body.isScalarLike()) {
        an.error("shape", f.body().span(), "the body of an index formula must be a scalar, but it has shape " + body,
            "shape " + body, "select one element with `[...]`, or reduce it with `sum(...)`");
        return;
      }
      shape = axes.size() == 1 ? Shape.matrix(axes.get(0), Axis.ONE) : new Shape(axes);
    } else {
      shape = typer.type(entry.expr());
      if (shape == null) return;
    }
    an.defines.put(name, new DefInfo(d, entry, shape, Set.copyOf(scope.uses), List.copyOf(slots)));
  }

  /**
   * One error for all the indices of a definition's formula that lack a range (one cause, one fix):
   * in `define` nothing else says how long each axis is. The help
   * guesses the ranges from the dimension symbols, in the order `dims` declares them.
   */
  private boolean missingRanges(IndexFormula f) {
    List<IndexVar> missing = new ArrayList<>();
    for (IndexVar v : f.indices()) if (v.range() == null) missing.add(v);
    if (missing.isEmpty()) return true;
    List<String> symbols = new ArrayList<>(an.spec.dims().isEmpty() ? Set.of() : an.spec.dims().get(0).keySet());
    if (symbols.isEmpty()) symbols.add("N");
    List<String> fixed = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int k = 0; k < f.indices().size(); k++) {
      IndexVar v = f.indices().get(k);
      fixed.add(v.range() != null ? v.name() + ": " + v.range() : v.name() + ": " + symbols.get(k % symbols.size()));
    }
    for (IndexVar v : missing) names.add("`" + v.name() + "`");
    Span first = missing.get(0).span();
    Span last = missing.get(missing.size() - 1).span();
    Span at = new Span(first.file(), first.offset(), last.offset() + last.length() - first.offset());
    String message = missing.size() == 1 ? "index " + names.get(0) + " of a definition needs a range"
        : "indices " + String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1)
            + " of a definition need ranges";
    an.diags.add(Diagnostic.error("missing-range", at, message)
        .withLabel(missing.size() == 1 ? "no range" : "no ranges")
        .withHelp("give each index its range, e.g. `[" + String.join(", ", fixed) + "] -> ...`"));
    return false;
  }
}
