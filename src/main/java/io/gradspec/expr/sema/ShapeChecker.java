package io.gradspec.expr.sema;

import io.gradspec.expr.builtin.Builtins;
import io.gradspec.expr.sema.TypedSpec.ClaimInfo;
import io.gradspec.expr.sema.TypedSpec.DefInfo;
import io.gradspec.expr.sema.TypedSpec.DefRef;
import io.gradspec.expr.sema.TypedSpec.DimRef;
import io.gradspec.expr.sema.TypedSpec.IndexRef;
import io.gradspec.expr.sema.TypedSpec.IndexSlot;
import io.gradspec.expr.sema.TypedSpec.InputInfo;
import io.gradspec.expr.sema.TypedSpec.InputRef;
import io.gradspec.expr.sema.TypedSpec.Ref;
import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.shape.Shape;
import io.gradspec.expr.syntax.BinaryOp;
import io.gradspec.expr.syntax.Entry;
import io.gradspec.expr.syntax.Expr;
import io.gradspec.expr.syntax.IndexFormula;
import io.gradspec.expr.syntax.IndexVar;
import io.gradspec.expr.syntax.Parser;
import io.gradspec.expr.syntax.Printer;
import io.gradspec.spec.ClaimDecl;
import io.gradspec.spec.Definition;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Diagnostics;
import io.gradspec.spec.DidYouMean;
import io.gradspec.spec.Init;
import io.gradspec.spec.InputDecl;
import io.gradspec.spec.Layout;
import io.gradspec.spec.Located;
import io.gradspec.spec.Span;
import io.gradspec.spec.Spec;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The symbolic pass: parses every entry, resolves names, gives every node a symbolic shape and every
 * index a range, before anything is evaluated. Shapes are compared as symbols, so {@code W * x} with
 * {@code W: [C, D]}, {@code x: [C]} is an error even when C = D. An unresolved name gets an error shape
 * ({@code null}) that the rest of the pass stays silent about: one error per cause.
 */
public final class ShapeChecker {
  private final Spec spec;
  private final Diagnostics diags;
  private final IdentityHashMap<Expr, Shape> shapes = new IdentityHashMap<>();
  private final IdentityHashMap<Expr, Ref> refs = new IdentityHashMap<>();
  private final IdentityHashMap<Expr, IndexSlot> sumSlots = new IdentityHashMap<>();
  private final IdentityHashMap<Expr, Long> slotUse = new IdentityHashMap<>();
  private final Map<String, InputInfo> inputs = new LinkedHashMap<>();
  private final Map<String, DefInfo> defines = new LinkedHashMap<>();
  private final Set<String> dimSymbols = new TreeSet<>();
  /** Inputs whose shape had an error (already reported): their uses are not reported again. */
  private final Set<String> brokenInputs = new LinkedHashSet<>();

  // per-entry state
  private String context;
  private Set<String> uses;
  private List<IndexSlot> scope;
  private int nextSlot;
  private Set<IndexSlot> claimSlots = Set.of();
  private List<String> indexProblems = new ArrayList<>();

  private final int maxExprLength;

  private ShapeChecker(Spec spec, Diagnostics diags, int maxExprLength) {
    this.spec = spec;
    this.diags = diags;
    this.maxExprLength = maxExprLength;
  }

  /** Checks a loaded spec; returns null when it has errors (all reported to {@code diags}). */
  public static TypedSpec check(Spec spec, Diagnostics diags) {
    return check(spec, diags, Parser.MAX_LENGTH);
  }

  /** As {@link #check(Spec, Diagnostics)}, refusing expressions longer than {@code maxExprLength} characters. */
  public static TypedSpec check(Spec spec, Diagnostics diags, int maxExprLength) {
    ShapeChecker c = new ShapeChecker(spec, diags, maxExprLength);
    int before = diags.size();
    TypedSpec t = c.run();
    boolean errors = diags.all().subList(before, diags.size()).stream().anyMatch(Diagnostic::isError);
    return errors ? null : t;
  }

  private TypedSpec run() {
    for (Map<String, Integer> m : spec.dims()) dimSymbols.addAll(m.keySet());
    for (Map<String, Integer> m : spec.dims()) {
      for (String s : dimSymbols) {
        if (!m.containsKey(s)) {
          Span at = spec.dimsSpans().getOrDefault(s, spec.span());
          error("undefined-dim", at, "dimension `" + s + "` is missing from one of the `dims` maps",
              "defined here, but not in every map", "every map of a `dims` list must give the same symbols");
        }
      }
    }
    for (InputDecl in : spec.inputs()) checkInput(in);
    for (Definition d : spec.defines()) checkDefine(d);
    List<ClaimInfo> claims = new ArrayList<>();
    for (ClaimDecl c : spec.claims()) {
      ClaimInfo ci = checkClaim(c);
      if (ci != null) claims.add(ci);
    }
    TypedSpec t = new TypedSpec(spec, claims, shapes, refs, sumSlots, slotUse);
    t.inputs.putAll(inputs);
    t.defines.putAll(defines);
    return t;
  }

  // ---------------------------------------------------------------- inputs

  private void checkInput(InputDecl in) {
    String name = in.name().value();
    if (inputs.containsKey(name)) {
      error("duplicate-name", in.name().span(), "input `" + name + "` is declared twice", "declared again here", null);
      return;
    }
    List<Axis> axes = new ArrayList<>();
    boolean ok = true;
    for (Located<String> ax : in.shape()) {
      Axis a = Axis.parse(ax.value());
      if (a == null) {
        error("bad-shape", ax.span(), "`" + ax.value() + "` is not an axis",
            "expected a dimension symbol, `1`, or a product like `C*D`", null);
        ok = false;
        continue;
      }
      for (String s : a.symbols()) {
        if (!dimSymbols.contains(s)) {
          Diagnostic d = Diagnostic.error("undefined-dim", ax.span(), "undefined dimension symbol `" + s + "`")
              .withLabel("not a key of `dims`");
          var sug = DidYouMean.suggest(s, dimSymbols);
          d = sug.isPresent() ? d.withHelp("did you mean `" + sug.get() + "`?")
              : d.withHelp("add it to `dims`, e.g. `dims: {" + s + ": 3}`");
          diags.add(d);
          ok = false;
        }
      }
      axes.add(a);
    }
    Shape shape = axes.size() == 1 ? Shape.matrix(axes.get(0), Axis.ONE) : new Shape(axes);
    if (axes.size() == 2 && axes.get(0).isOne() && axes.get(1).isOne()) shape = Shape.SCALAR;
    if (!ok) {
      brokenInputs.add(name);
      return;
    }
    if ((in.init() == Init.SYMMETRIC || in.init() == Init.SPD || in.init() == Init.ORTHOGONAL)) {
      if (shape.rank() != 2 || !shape.rows().equals(shape.cols())) {
        error("bad-shape", in.shapeSpan() != null ? in.shapeSpan() : in.name().span(),
            "`init: " + in.init().word() + "` needs a square matrix, but `" + name + "` has shape " + shape,
            "not square", "give it a shape like `[N, N]`");
      }
    }
    if (shape.rank() > 2 && in.value() != null) {
      error("bad-value", in.valueSpan(), "a `value` literal is only supported for shapes of rank <= 2",
          "rank " + shape.rank(), "drop `value` to draw it at random");
    }
    inputs.put(name, new InputInfo(in, shape));
  }

  // ---------------------------------------------------------------- defines

  private void checkDefine(Definition d) {
    String name = d.name().value();
    boolean isInput = inputs.containsKey(name) || brokenInputs.contains(name);
    if (isInput || defines.containsKey(name)) {
      error("duplicate-name", d.name().span(), "`" + name + "` is already "
          + (isInput ? "an input" : "defined"), "defined again here", "choose another name");
      return;
    }
    if (dimSymbols.contains(name)) {
      error("duplicate-name", d.name().span(), "`" + name + "` is already a dimension symbol", "defined here",
          "choose another name");
      return;
    }
    beginEntry("define `" + name + "`");
    Entry entry = Parser.parseEntry(d.expr(), diags, maxExprLength);
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
        Axis a = rangeAxis(v.range(), v.rangeSpan());
        if (a == null) { ok = false; continue; }
        IndexSlot s = bind(v, a);
        if (s == null) { ok = false; continue; }
        slots.add(s);
        axes.add(a);
      }
      if (!ok) return;
      Shape body = type(f.body());
      if (body == null) return;
      if (!body.isScalarLike()) {
        error("shape", f.body().span(), "the body of an index formula must be a scalar, but it has shape " + body,
            "shape " + body, "select one element with `[...]`, or reduce it with `sum(...)`");
        return;
      }
      shape = axes.size() == 1 ? Shape.matrix(axes.get(0), Axis.ONE) : new Shape(axes);
    } else {
      shape = type(entry.expr());
      if (shape == null) return;
    }
    defines.put(name, new DefInfo(d, entry, shape, Set.copyOf(uses), List.copyOf(slots)));
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
    List<String> symbols = new ArrayList<>(spec.dims().isEmpty() ? Set.of() : spec.dims().get(0).keySet());
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
    diags.add(Diagnostic.error("missing-range", at, message)
        .withLabel(missing.size() == 1 ? "no range" : "no ranges")
        .withHelp("give each index its range, e.g. `[" + String.join(", ", fixed) + "] -> ...`"));
    return false;
  }

  // ---------------------------------------------------------------- claims

  private ClaimInfo checkClaim(ClaimDecl c) {
    String of;
    Span ofSpan;
    if (c.of() == null) {
      if (defines.isEmpty()) {
        if (spec.defines().isEmpty()) {
          error("missing-of", c.span(), "claim " + (c.index() + 1) + " has no `of`, and the spec defines nothing",
              "no `of`", "add a `define:` block; `of` defaults to its last name");
        }
        return null;
      }
      of = spec.defines().get(spec.defines().size() - 1).name().value();
      ofSpan = c.span();
      if (!defines.containsKey(of)) return null; // its definition had errors
    } else {
      of = c.of().value();
      ofSpan = c.of().span();
      if (!defines.containsKey(of)) {
        if (inputs.containsKey(of) || brokenInputs.contains(of)) {
          error("bad-of", ofSpan, "`of` must name a definition, but `" + of + "` is an input", "an input",
              spec.defines().isEmpty() ? "define the function to differentiate in `define`, and name it here"
                  : "name the function to differentiate, e.g. `of: "
                      + spec.defines().get(spec.defines().size() - 1).name().value() + "`");
        } else if (!spec.defines().stream().anyMatch(d -> d.name().value().equals(of))) {
          unknown(of, ofSpan, "`of`", defines.keySet());
        }
        return null;
      }
    }
    String wrt = c.wrt().value();
    Shape wrtShape = shapeOfName(wrt);
    if (wrtShape == null) {
      if (!brokenInputs.contains(wrt) && !spec.defines().stream().anyMatch(d -> d.name().value().equals(wrt))) {
        Set<String> cands = new LinkedHashSet<>(inputs.keySet());
        cands.addAll(defines.keySet());
        unknown(wrt, c.wrt().span(), "`wrt`", cands);
      }
      return null;
    }
    if (!dependsOn(of, wrt)) {
      error("no-dependence", c.wrt().span(), "`" + of + "` does not depend on `" + wrt + "`",
          "`" + of + "` is computed without `" + wrt + "`",
          "the derivative would be zero everywhere; check the `of` and `wrt` names");
      return null;
    }
    Shape ofShape = defines.get(of).shape();
    if (ofShape.rank() > 4 || wrtShape.rank() > 4) {
      error("shape", c.span(), "derivatives of rank above 8 are not supported", null, null);
      return null;
    }
    List<Axis> ofSpace = ofShape.indexSpace();
    List<Axis> wrtSpace = wrtShape.indexSpace();
    List<Axis> expected = new ArrayList<>();
    if (c.layout() == Layout.DENOMINATOR) { expected.addAll(wrtSpace); expected.addAll(ofSpace); }
    else { expected.addAll(ofSpace); expected.addAll(wrtSpace); }
    List<String> ofNames = axisNames(of, ofShape);
    List<String> wrtNames = axisNames(wrt, wrtShape);
    List<String> axisNames = new ArrayList<>();
    if (c.layout() == Layout.DENOMINATOR) { axisNames.addAll(wrtNames); axisNames.addAll(ofNames); }
    else { axisNames.addAll(ofNames); axisNames.addAll(wrtNames); }

    beginEntry("claim");
    Entry entry = Parser.parseEntry(c.claim(), diags, maxExprLength);
    if (entry == null) return null;
    if (entry.isFormula()) {
      IndexFormula f = entry.formula();
      if (f.indices().size() != expected.size()) {
        diags.add(Diagnostic.error("index-count", f.span(), "the claim has " + f.indices().size()
                + " indices, but d " + of + " / d " + wrt + " has an index space of rank " + expected.size()
                + " " + Shape.spaceString(expected))
            .withLabel(f.indices().size() + " indices")
            .withNote(c.layout().word() + " layout: index space is "
                + (c.layout() == Layout.DENOMINATOR ? "index(" + wrt + ") ++ index(" + of + ") = "
                    + Shape.spaceString(wrtSpace) + " ++ " + Shape.spaceString(ofSpace)
                    : "index(" + of + ") ++ index(" + wrt + ") = " + Shape.spaceString(ofSpace) + " ++ "
                    + Shape.spaceString(wrtSpace)))
            .withHelp("write " + expected.size() + " indices, e.g. `" + defaultIndexNames(expected.size()) + " -> ...`"));
        return null;
      }
      List<IndexSlot> slots = new ArrayList<>();
      List<String> idxNames = new ArrayList<>();
      indexProblems = new ArrayList<>();
      for (int k = 0; k < f.indices().size(); k++) {
        IndexVar v = f.indices().get(k);
        Axis a = expected.get(k);
        if (v.range() != null) {
          Axis given = rangeAxis(v.range(), v.rangeSpan());
          if (given == null) return null;
          if (!given.equals(a)) {
            error("range", v.rangeSpan(), "index `" + v.name() + "` is given the range " + given
                + ", but that axis of the derivative ranges over " + a, "expected " + a, "drop the range; claim indices take the derivative's");
            return null;
          }
        }
        IndexSlot s = bind(v, a);
        if (s == null) return null;
        slots.add(s);
        idxNames.add(v.name());
      }
      claimSlots = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      claimSlots.addAll(slots);
      Shape body;
      try {
        body = type(f.body());
      } finally {
        claimSlots = Set.of();
      }
      if (body == null) return null;
      if (!body.isScalarLike()) {
        error("shape", f.body().span(), "the body of an index formula must be a scalar, but it has shape " + body,
            "shape " + body, "select one element with `[...]`");
        return null;
      }
      return new ClaimInfo(c, of, wrt, entry, new DerivativeSpace(of, wrt, c.layout(), ofSpace, wrtSpace, axisNames),
          null, true, idxNames, slots,
          List.copyOf(indexProblems));
    }
    Shape cs = type(entry.expr());
    if (cs == null) return null;
    if (!cs.isMatrixLike() && cs.rank() > 2) {
      error("shape", entry.expr().span(), "a claim must be a matrix expression or an index formula", null,
          "write it as `[i, j, k] -> ...`");
      return null;
    }
    boolean fits = cs.indexSpace().equals(expected);
    return new ClaimInfo(c, of, wrt, entry, new DerivativeSpace(of, wrt, c.layout(), ofSpace, wrtSpace, axisNames), cs, fits,
        defaultIndexNameList(expected.size()), List.of(), List.of());
  }

  private static List<String> axisNames(String name, Shape s) {
    List<Axis> space = s.indexSpace();
    if (space.isEmpty()) return List.of();
    if (space.size() == 1) return List.of(name);
    if (space.size() == 2 && s.rank() == 2) return List.of(name + " row", name + " col");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < space.size(); i++) out.add(name + " axis " + (i + 1));
    return out;
  }

  private static final String[] INDEX_LETTERS = {"i", "j", "k", "l", "m", "n", "p", "q"};

  static List<String> defaultIndexNameList(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(i < INDEX_LETTERS.length ? INDEX_LETTERS[i] : "i" + i);
    return out;
  }

  private static String defaultIndexNames(int n) { return "[" + String.join(", ", defaultIndexNameList(n)) + "]"; }

  private boolean dependsOn(String of, String wrt) { return TypedSpec.dependsOn(defines, of, wrt); }

  private Shape shapeOfName(String n) { return TypedSpec.shapeOfName(inputs, defines, n); }

  // ---------------------------------------------------------------- expressions

  private void beginEntry(String ctx) {
    context = ctx;
    uses = new LinkedHashSet<>();
    scope = new ArrayList<>();
    nextSlot = 0;
  }

  private IndexSlot bind(IndexVar v, Axis range) {
    for (IndexSlot s : scope) {
      if (s.name.equals(v.name())) {
        error("duplicate-index", v.span(), "index `" + v.name() + "` is bound twice", "bound again here",
            "give each index its own name");
        return null;
      }
    }
    IndexSlot s = newSlot(v, range);
    if (s != null) scope.add(s);
    return s;
  }

  /** Slots of one entry are bits of a long (see {@code TypedSpec.slotUse}). */
  public static final int MAX_SLOTS = 63;

  /** The entry's next index slot, or null (reported) when it has used them all. */
  private IndexSlot newSlot(IndexVar v, Axis range) {
    if (nextSlot >= MAX_SLOTS) {
      error("limit", v.span(), "too many index variables in one entry (at most " + MAX_SLOTS + ")", null, null);
      return null;
    }
    return new IndexSlot(v.name(), nextSlot++, range);
  }

  private Axis rangeAxis(String text, Span span) {
    Axis a = Axis.parse(text);
    if (a == null) {
      error("bad-range", span, "`" + text + "` is not a range", "expected a dimension symbol or a product like `C*D`", null);
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

  /** Types a node; null means an error was already reported somewhere below. */
  private Shape type(Expr e) {
    Shape s = e.accept(typer);
    if (s != null) shapes.put(e, s);
    return s;
  }

  private long use(Expr e) { return slotUse.getOrDefault(e, 0L); }

  private void setUse(Expr e, long bits) { if (bits != 0) slotUse.put(e, bits); }

  private final Expr.Visitor<Shape> typer = new Expr.Visitor<>() {
    @Override public Shape visitNum(Expr.Num e) { return Shape.SCALAR; }

    @Override public Shape visitName(Expr.Name e) {
      String n = e.name();
      for (int i = scope.size() - 1; i >= 0; i--) {
        IndexSlot s = scope.get(i);
        if (s.name.equals(n)) {
          refs.put(e, new IndexRef(s));
          setUse(e, 1L << s.slot);
          return Shape.SCALAR;
        }
      }
      InputInfo in = inputs.get(n);
      if (in != null) { refs.put(e, new InputRef(n)); uses.add(n); return in.shape(); }
      DefInfo def = defines.get(n);
      if (def != null) { refs.put(e, new DefRef(n)); uses.add(n); return def.shape(); }
      if (dimSymbols.contains(n)) { refs.put(e, new DimRef(n)); return Shape.SCALAR; }
      if (brokenInputs.contains(n)) { uses.add(n); return null; }
      if (spec.defines().stream().anyMatch(x -> x.name().value().equals(n))) {
        // defined later, or its own definition failed
        List<String> order = spec.defines().stream().map(x -> x.name().value()).toList();
        int current = context.startsWith("define `") ? order.indexOf(context.substring(8, context.length() - 1)) : -1;
        boolean later = current >= 0 && order.indexOf(n) > current;
        if (context.startsWith("define") && later) {
          error("order", e.span(), "`" + n + "` is used before it is defined", "defined later in `define`",
              "`define` is ordered: move `" + n + "` above this entry");
        } else if (context.equals("define `" + n + "`")) {
          error("cycle", e.span(), "`" + n + "` is used in its own definition", "refers to itself", null);
        }
        return null;
      }
      Set<String> cands = new LinkedHashSet<>();
      for (IndexSlot s : scope) cands.add(s.name);
      cands.addAll(inputs.keySet());
      cands.addAll(defines.keySet());
      cands.addAll(dimSymbols);
      Diagnostic d = Diagnostic.error("unknown-name", e.span(), "unknown name `" + n + "` in " + context)
          .withLabel("not an input, a defined name, an index or a dimension");
      var sug = DidYouMean.suggest(n, cands);
      if (sug.isPresent()) {
        String s = sug.get();
        String what = inputs.containsKey(s) ? "the input `" + s + "` (shape " + inputs.get(s).shape() + ")"
            : defines.containsKey(s) ? "the definition `" + s + "` (shape " + defines.get(s).shape() + ")"
            : dimSymbols.contains(s) ? "the dimension `" + s + "`" : "the index `" + s + "`";
        d = d.withHelp((s.equalsIgnoreCase(n) ? "names are case-sensitive; " : "") + "did you mean " + what + "?");
      } else if (Builtins.isFunction(n)) {
        d = d.withHelp("`" + n + "` is a function: call it as `" + n + "(...)`");
      } else {
        d = d.withNote("in scope here: " + inScope())
            .withHelp("declare `" + n + "` in `inputs`, or define it in `define` above this entry");
      }
      diags.add(d);
      return null;
    }

    @Override public Shape visitUnary(Expr.Unary e) {
      Shape s = type(e.operand());
      setUse(e, use(e.operand()));
      if (s == null) return null;
      if (!requireMatrix(s, e.operand(), "`-`")) return null;
      return s;
    }

    @Override public Shape visitTranspose(Expr.Transpose e) {
      Shape s = type(e.operand());
      setUse(e, use(e.operand()));
      if (s == null) return null;
      if (!requireMatrix(s, e.operand(), "transpose")) return null;
      return s.transpose();
    }

    @Override public Shape visitBinary(Expr.Binary e) {
      Shape l = type(e.left());
      Shape r = type(e.right());
      setUse(e, use(e.left()) | use(e.right()));
      if (l == null || r == null) return null;
      if (!requireMatrix(l, e.left(), "`" + e.op().symbol() + "`") || !requireMatrix(r, e.right(), "`" + e.op().symbol() + "`")) return null;
      BinaryOp op = e.op();
      if (op.isComparison() || op.isLogical()) {
        if (!l.isScalarLike() || !r.isScalarLike()) {
          Expr bad = l.isScalarLike() ? e.right() : e.left();
          error("shape", bad.span(), "`" + op.symbol() + "` compares scalars, but this has shape "
              + (l.isScalarLike() ? r : l), "shape " + (l.isScalarLike() ? r : l),
              "select one element with `[...]`, or reduce with `sum(...)`");
          return null;
        }
        return Shape.SCALAR;
      }
      switch (op) {
        case MUL: {
          if (l.isScalarLike()) return r;
          if (r.isScalarLike()) return l;
          if (!l.cols().equals(r.rows())) {
            Diagnostic d = Diagnostic.error("shape", e.opSpan(), "inner dimensions " + l.cols() + " and " + r.rows() + " differ")
                .withLabel(l + " * " + r)
                .withNote("a matrix product needs (A, B) * (B, C); the left side has " + l.cols()
                    + " columns, the right side " + r.rows() + " rows");
            if (l.rows().equals(r.rows())) d = d.withHelp("did you mean to transpose the left side: `" + paren(e.left()) + "' * ...`?");
            else if (l.cols().equals(r.cols())) d = d.withHelp("did you mean to transpose the right side: `... * " + paren(e.right()) + "'`?");
            else if (l.equals(r)) d = d.withHelp("for an elementwise product use `.*`");
            diags.add(d);
            return null;
          }
          return Shape.matrix(l.rows(), r.cols());
        }
        case DIV:
          if (!r.isScalarLike()) {
            error("shape", e.opSpan(), "`/` divides by a scalar, but the right side has shape " + r, "not a scalar",
                "for elementwise division use `./`; for a matrix inverse use `* inv(...)`");
            return null;
          }
          return l;
        case POW:
          if (!l.isScalarLike() || !r.isScalarLike()) {
            error("shape", e.opSpan(), "`^` is the power of scalars, but an operand has shape " + (l.isScalarLike() ? r : l),
                "matrix operand", "for an elementwise power use `.^`");
            return null;
          }
          return Shape.SCALAR;
        default:
          return broadcast(l, r, e.opSpan(), op.symbol());
      }
    }

    @Override public Shape visitAccess(Expr.Access e) {
      Shape t = type(e.target());
      long bits = use(e.target());
      List<Shape> idx = new ArrayList<>();
      boolean ok = t != null;
      for (Expr i : e.indices()) {
        Shape s = type(i);
        bits |= use(i);
        if (s == null) { ok = false; continue; }
        if (!s.isScalarLike()) {
          error("shape", i.span(), "an index must be a scalar, but this has shape " + s, "shape " + s, null);
          ok = false;
        }
        idx.add(s);
      }
      setUse(e, bits);
      if (!ok) return null;
      List<Axis> space = t.indexSpace();
      if (space.size() != e.indices().size()) {
        diags.add(Diagnostic.error("index-count", e.span(), "`" + text(e.target()) + "` has an index space of rank "
                + space.size() + " " + Shape.spaceString(space) + ", but " + e.indices().size()
                + (e.indices().size() == 1 ? " index is" : " indices are") + " given")
            .withLabel(e.indices().size() + " " + (e.indices().size() == 1 ? "index" : "indices"))
            .withNote("element access uses the index space: the shape " + t + " without its literal-1 axes")
            .withHelp(space.isEmpty() ? "`" + text(e.target()) + "` is a scalar: use it without `[...]`"
                : "write " + space.size() + (space.size() == 1 ? " index" : " indices") + ", e.g. `"
                    + text(e.target()) + defaultIndexNames(space.size()) + "`"));
        return null;
      }
      // Each bare index variable used here constrains (or is checked against) this axis.
      for (int k = 0; k < e.indices().size(); k++) {
        Expr i = e.indices().get(k);
        if (i instanceof Expr.Name n && refs.get(n) instanceof IndexRef ir) {
          IndexSlot s = ir.slot();
          Axis axis = space.get(k);
          if (s.range == null) {
            s.range = axis;
          } else if (!s.range.equals(axis) && claimSlots.contains(s)) {
            indexProblems.add("index `" + s.name + "` ranges over " + s.range + ", but `" + text(i) + "` in `"
                + text(e) + "` indexes an axis of length " + axis + " (axis " + (k + 1) + " of `" + text(e.target())
                + "`): the claim's indices follow the derivative's index space; check their order");
          } else if (!s.range.equals(axis)) {
            diags.add(Diagnostic.error("range", i.span(), "index `" + s.name + "` ranges over " + s.range
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
        given = rangeAxis(v.range(), v.rangeSpan());
        if (given == null) return null;
      }
      // `sum(k, ...)` always binds a new index, shadowing anything named k.
      IndexSlot s = newSlot(v, given);
      if (s == null) return null;
      scope.add(s);
      Shape b;
      try {
        b = type(e.body());
      } finally {
        scope.remove(scope.size() - 1);
      }
      setUse(e, use(e.body()) & ~(1L << s.slot));
      if (b == null) return null;
      if (!b.isScalarLike()) {
        error("shape", e.body().span(), "the body of `sum(" + v.name() + ", ...)` must be a scalar, but it has shape " + b,
            "shape " + b, "select one element with `[...]`; to add up all elements of a matrix use `sum(A)`");
        return null;
      }
      if (s.range == null) {
        diags.add(Diagnostic.error("sum-range", v.span(), "cannot infer the range of `" + v.name() + "`")
            .withLabel("`" + v.name() + "` is never used as an index")
            .withNote("a sum's range is inferred from the axes `" + v.name() + "` indexes, e.g. `x[" + v.name() + "]`")
            .withHelp("write the range: `sum(" + v.name() + ": D, ...)`"));
        return null;
      }
      sumSlots.put(e, s);
      return Shape.SCALAR;
    }

    @Override public Shape visitCall(Expr.Call e) {
      return Builtins.type(e, ShapeChecker.this);
    }
  };

  // ---------------------------------------------------------------- helpers used by Builtins

  public Shape typeArg(Expr e) { return type(e); }

  public void markUse(Expr call) {
    long bits = 0;
    if (call instanceof Expr.Call c) for (Expr a : c.args()) bits |= use(a);
    setUse(call, bits);
  }

  public boolean requireMatrix(Shape s, Expr e, String what) {
    if (s.isMatrixLike()) return true;
    error("shape", e.span(), what + " needs a value of rank <= 2, but `" + text(e) + "` has shape " + s,
        "rank " + s.rank(), "values of rank above 2 can only be used through element access, e.g. `"
            + text(e) + "[i, j, k]`");
    return false;
  }

  Shape broadcast(Shape l, Shape r, Span at, String op) {
    if (l.isScalarLike() && l.rank() <= 2 && r.isMatrixLike()) return r.isScalarLike() ? Shape.SCALAR : r;
    if (r.isScalarLike()) return l;
    Axis rows = bAxis(l.rows(), r.rows());
    Axis cols = bAxis(l.cols(), r.cols());
    if (rows == null || cols == null) {
      Diagnostic d = Diagnostic.error("shape", at, "shapes " + l + " and " + r + " do not match for `" + op + "`")
          .withLabel(l + " " + op + " " + r)
          .withNote("elementwise operators need equal shapes, or an axis of literal size 1 (or a scalar) to broadcast");
      if (l.transpose().equals(r) || l.equals(r.transpose())) d = d.withHelp("one side is the transpose of the other; did you forget a `'`?");
      diags.add(d);
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
  public Axis dimArg(Expr e) {
    if (e instanceof Expr.Num n && n.value() == 1.0) return Axis.ONE;
    if (e instanceof Expr.Name n) {
      if (dimSymbols.contains(n.name())) { refs.put(n, new DimRef(n.name())); shapes.put(n, Shape.SCALAR); return Axis.of(n.name()); }
    }
    if (e instanceof Expr.Binary b && b.op() == BinaryOp.MUL) {
      Axis l = dimArg(b.left());
      if (l == null) return null;
      Axis r = dimArg(b.right());
      if (r == null) return null;
      shapes.put(e, Shape.SCALAR);
      return Axis.product(l, r);
    }
    Diagnostic d = Diagnostic.error("shape", e.span(), "expected a dimension here, found `" + text(e) + "`")
        .withLabel("not a dimension symbol")
        .withNote("sizes are dimension symbols from `dims` (or `1`, or a product like `C*D`), so shapes stay symbolic");
    if (e instanceof Expr.Name n) {
      var sug = DidYouMean.suggest(n.name(), dimSymbols);
      if (sug.isPresent()) d = d.withHelp("did you mean `" + sug.get() + "`?");
    }
    diags.add(d);
    return null;
  }

  /** The names an expression may use, by kind, for an unknown-name note. */
  private String inScope() {
    List<String> parts = new ArrayList<>();
    List<String> idx = new ArrayList<>();
    for (IndexSlot s : scope) idx.add(s.name);
    if (!idx.isEmpty()) parts.add("indices " + String.join(", ", idx));
    if (!inputs.isEmpty()) parts.add("inputs " + String.join(", ", inputs.keySet()));
    if (!defines.isEmpty()) parts.add("definitions " + String.join(", ", defines.keySet()));
    if (!dimSymbols.isEmpty()) parts.add("dimensions " + String.join(", ", dimSymbols));
    return parts.isEmpty() ? "nothing" : String.join("; ", parts);
  }

  void error(String code, Span span, String message, String label, String help) {
    Diagnostic d = Diagnostic.error(code, span, message);
    if (label != null) d = d.withLabel(label);
    if (help != null) d = d.withHelp(help);
    diags.add(d);
  }

  public void add(Diagnostic d) { diags.add(d); }

  private void unknown(String name, Span span, String what, Set<String> candidates) {
    Diagnostic d = Diagnostic.error("unknown-name", span, "unknown name `" + name + "` in " + what)
        .withLabel(what.equals("`of`") ? "not a name from `define`" : "not an input or a defined name");
    var sug = DidYouMean.suggest(name, candidates);
    if (sug.isPresent()) d = d.withHelp((sug.get().equalsIgnoreCase(name) ? "names are case-sensitive; " : "")
        + "did you mean `" + sug.get() + "`?");
    else if (!candidates.isEmpty()) d = d.withNote("the names are " + String.join(", ", candidates));
    diags.add(d);
  }

  /** The text of {@code e}, in parentheses unless it is a name (for a suggested `'`). */
  private static String paren(Expr e) {
    return e instanceof Expr.Name ? text(e) : "(" + text(e) + ")";
  }

  public static String text(Expr e) {
    String t = e.span().text();
    return t.isEmpty() ? Printer.print(e) : t;
  }
}
