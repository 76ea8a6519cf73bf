package io.gradspec.expr.sema;

import io.gradspec.expr.sema.TypedSpec.DefInfo;
import io.gradspec.expr.sema.TypedSpec.IndexSlot;
import io.gradspec.expr.sema.TypedSpec.InputInfo;
import io.gradspec.expr.sema.TypedSpec.Ref;
import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.shape.Shape;
import io.gradspec.expr.syntax.Expr;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Diagnostics;
import io.gradspec.spec.DidYouMean;
import io.gradspec.spec.Span;
import io.gradspec.spec.Spec;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the symbolic pass over one spec has found so far, shared by its parts (declarations, claims, the
 * typer): the declared names, and the shape, reference and index use of every node. It becomes the
 * {@link TypedSpec}.
 */
final class Analysis {
  final Spec spec;
  final Diagnostics diags;
  final int maxExprLength;
  final IdentityHashMap<Expr, Shape> shapes = new IdentityHashMap<>();
  final IdentityHashMap<Expr, Ref> refs = new IdentityHashMap<>();
  final IdentityHashMap<Expr, IndexSlot> sumSlots = new IdentityHashMap<>();
  final IdentityHashMap<Expr, TypedSpec.SliceInfo> slices = new IdentityHashMap<>();
  final IdentityHashMap<Expr, Integer> axes = new IdentityHashMap<>();
  final IdentityHashMap<Expr, Long> slotUse = new IdentityHashMap<>();
  final Map<String, InputInfo> inputs = new LinkedHashMap<>();
  final Map<String, DefInfo> defines = new LinkedHashMap<>();
  /** The program's functions (contract §7), by name. */
  final Map<String, ProgramFunction> functions = new LinkedHashMap<>();
  final Set<String> dimSymbols = new TreeSet<>();
  /** Inputs whose shape had an error (already reported): their uses are not reported again. */
  final Set<String> brokenInputs = new LinkedHashSet<>();

  Analysis(Spec spec, Diagnostics diags, int maxExprLength) {
    this.spec = spec;
    this.diags = diags;
    this.maxExprLength = maxExprLength;
  }

  void error(String code, Span span, String message, String label, String help) {
    Diagnostic d = Diagnostic.error(code, span, message);
    if (label != null) d = d.withLabel(label);
    if (help != null) d = d.withHelp(help);
    diags.add(d);
  }

  /** Whether the spec's `define` block has an entry named {@code name} (checked or not). */
  boolean isDeclaredDefinition(String name) {
    return spec.defines().stream().anyMatch(d -> d.name().value().equals(name));
  }

  /** The name of the spec's last definition (the default `of`). */
  String lastDefinition() {
    return spec.defines().get(spec.defines().size() - 1).name().value();
  }

  /** The axis an index range names (`N`, `C*D`), or null when malformed or undefined (reported). */
  Axis rangeAxis(String text, Span span) {
    Axis a = Axis.parse(text);
    if (a == null) {
      error("bad-range", span, "`" + text + "` is not a range", "expected a dimension symbol, a size, or an expression like `C*D` or `N-1`", null);
      return null;
    }
    if (a.isLiteral() && a.literalValue() < 1) {
      error("bad-range", span, "the range `" + text + "` is " + a.literalValue() + ", not a positive size", "size " + a.literalValue(), null);
      return null;
    }
    for (String s : a.symbols()) {
      if (!dimSymbols.contains(s)) {
        Diagnostic d = Diagnostic.error("undefined-dim", span, "undefined dimension symbol `" + s + "`")
            .withLabel("not a key of `dims`");
        var sug = DidYouMean.suggest(s, dimSymbols);
        diags.add(sug.isPresent() ? d.withHelp("did you mean `" + sug.get() + "`?")
            : d.withHelp("add it to `dims`"));
        return null;
      }
    }
    return a;
  }

  TypedSpec typed(List<TypedSpec.ClaimInfo> claims) {
    TypedSpec t = new TypedSpec(spec, claims, shapes, refs, sumSlots, slotUse);
    t.slices.putAll(slices);
    t.axes.putAll(axes);
    t.inputs.putAll(inputs);
    t.defines.putAll(defines);
    t.functions.putAll(functions);
    return t;
  }
}
