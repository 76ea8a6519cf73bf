package io.gradspec.expr.sema;

import io.gradspec.expr.sema.TypedSpec.ClaimInfo;
import io.gradspec.expr.sema.TypedSpec.IndexSlot;
import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.shape.Shape;
import io.gradspec.expr.sema.TypedSpec.DefInfo;
import io.gradspec.expr.syntax.Entry;
import io.gradspec.expr.syntax.Expr;
import io.gradspec.expr.syntax.IndexFormula;
import io.gradspec.expr.syntax.IndexVar;
import io.gradspec.expr.syntax.Parser;
import io.gradspec.spec.ClaimDecl;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.DidYouMean;
import io.gradspec.spec.Span;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The analysis of one claim: resolves `of` (defaulting to the last definition) and `wrt`, makes the
 * claim's {@link DerivativeSpace}, and checks its text against it: an index formula's header must name
 * one index per axis of the derivative, in the layout's order; an expression claim is typed, and fits
 * when its index space is the derivative's. In vec layout both are held to the claim's own index space
 * {@link DerivativeSpace#claimAxes}: two indices, the vec row and column.
 */
final class ClaimAnalysis {
  private final Analysis an;
  private final Scope scope;
  private final ExprTyper typer;

  ClaimAnalysis(Analysis an, Scope scope, ExprTyper typer) {
    this.an = an;
    this.scope = scope;
    this.typer = typer;
  }

  /** The checked claim, or null when it has errors (reported). */
  ClaimInfo check(ClaimDecl c) {
    String of;
    Span ofSpan;
    if (c.of() == null) {
      if (an.defines.isEmpty()) {
        if (an.spec.defines().isEmpty()) {
          an.error("missing-of", c.span(), "claim " + (c.index() + 1) + " has no `of`, and the spec defines nothing",
              "no `of`", "add a `define:` block; `of` defaults to its last name");
        }
        return null;
      }
      of = an.lastDefinition();
      ofSpan = c.span();
      if (!an.defines.containsKey(of)) return null; // its definition had errors
    } else {
      of = c.of().value();
      ofSpan = c.of().span();
      if (!an.defines.containsKey(of)) {
        if (an.inputs.containsKey(of) || an.brokenInputs.contains(of)) {
          an.error("bad-of", ofSpan, "`of` must name a definition, but `" + of + "` is an input", "an input",
              an.spec.defines().isEmpty() ? "define the function to differentiate in `define`, and name it here"
                  : "name the function to differentiate, e.g. `of: " + an.lastDefinition() + "`");
        } else if (!an.isDeclaredDefinition(of)) {
          unknown(of, ofSpan, "`of`", an.defines.keySet());
        }
        return null;
      }
    }
    String wrt = c.wrt().value();
    Shape wrtShape = TypedSpec.shapeOfName(an.inputs, an.defines, wrt);
    if (wrtShape == null) {
      if (!an.brokenInputs.contains(wrt) && !an.isDeclaredDefinition(wrt)) {
        Set<String> cands = new LinkedHashSet<>(an.inputs.keySet());
        cands.addAll(an.defines.keySet());
        unknown(wrt, c.wrt().span(), "`wrt`", cands);
      }
      return null;
    }
    TypedSpec.InputInfo discrete = an.inputs.get(wrt);
    if (discrete != null && discrete.decl().isDiscrete()) {
      String type = discrete.decl().type().word();
      an.error("discrete-wrt", c.wrt().span(), "`" + wrt + "` is a `type: " + type + "` input, which is never perturbed",
          (type.equals("int") ? "an " : "a ") + type + " input has no derivative",
          "differentiate with respect to a real input or a definition; `" + wrt + "` only selects or masks values");
      return null;
    }
    if (!TypedSpec.dependsOn(an.defines, of, wrt)) {
      an.error("no-dependence", c.wrt().span(), "`" + of + "` does not depend on `" + wrt + "`",
          "`" + of + "` is computed without `" + wrt + "`",
          "the derivative would be zero everywhere; check the `of` and `wrt` names");
      return null;
    }
    Shape ofShape = an.defines.get(of).shape();
    if (ofShape.rank() > 4 || wrtShape.rank() > 4) {
      an.error("shape", c.span(), "derivatives of rank above 8 are not supported", null, null);
      return null;
    }
    if (c.hessian()) {
      // the Hessian of a scalar: the Jacobian of its gradient, whose index space is wrt's own
      if (!ofShape.isScalarLike()) {
        an.error("hessian-of", c.of() == null ? c.span() : c.of().span(), "`order: 2` claims the Hessian of a scalar,"
                + " but `" + of + "` has shape " + ofShape, "not a scalar",
            "name a scalar in `of` (a loss, or `sum(...)` of a value), or claim the first derivative without `order`");
        return null;
      }
      if (c.layout() == io.gradspec.spec.Layout.VEC || c.fromProgram()) {
        an.error("hessian-of", c.span(), "`order: 2` takes an expression or index formula claim in numerator or"
            + " denominator layout", "order 2", "write the Hessian as an expression of the spec's values");
        return null;
      }
      ofShape = wrtShape;
    }
    DerivativeSpace space = DerivativeSpace.of(of, ofShape, wrt, wrtShape, c.layout());
    List<Axis> expected = space.claimAxes();
    // a vec claim's own indices (vec rows and columns) are not the ones its offenders are named by
    List<String> reportNames = space.vec() ? Scope.defaultIndexNameList(space.rank()) : null;

    scope.begin("claim");
    Entry entry = Parser.parseEntry(c.claim(), an.diags, an.maxExprLength);
    if (entry == null) return null;
    if (c.fromProgram()) {
      ProgramClaim program = programClaim(c, of, wrt);
      if (program == null) return null;
      // the program's derivative is assembled in the order compared (numerator's, for vec too)
      expected = space.axes();
      Shape whole = expected.isEmpty() ? Shape.SCALAR : expected.size() == 1 ? Shape.matrix(expected.get(0), Axis.ONE)
          : new Shape(expected);
      return new ClaimInfo(c, of, wrt, entry, space, whole, true, Scope.defaultIndexNameList(expected.size()),
          List.of(), List.of(), program);
    }
    if (entry.isFormula()) {
      IndexFormula f = entry.formula();
      if (f.indices().size() != expected.size()) {
        an.diags.add(Diagnostic.error("index-count", f.span(), "the claim has " + f.indices().size()
                + " indices, but " + (space.vec() ? "d vec(" + of + ") / d vec(" + wrt + ")" : "d " + of + " / d " + wrt)
                + " has an index space of rank " + expected.size()
                + " " + Shape.spaceString(expected))
            .withLabel(f.indices().size() + " indices")
            .withNote(c.layout().word() + " layout: index space is "
                + (space.vec() ? "(numel(" + of + "), numel(" + wrt + ")) = " + Shape.spaceString(expected)
                    + ", the column-major vec indices of `" + of + "` and `" + wrt + "`"
                : !space.numerator() ? "index(" + wrt + ") ++ index(" + of + ") = "
                    + Shape.spaceString(space.wrtAxes()) + " ++ " + Shape.spaceString(space.ofAxes())
                    : "index(" + of + ") ++ index(" + wrt + ") = " + Shape.spaceString(space.ofAxes()) + " ++ "
                    + Shape.spaceString(space.wrtAxes())))
            .withHelp(space.vec() ? vecIndexHelp(f.indices().size(), space, of, wrt)
                : "write " + expected.size() + " indices, e.g. `" + Scope.defaultIndexNames(expected.size()) + " -> ...`"));
        return null;
      }
      List<IndexSlot> slots = new ArrayList<>();
      List<String> idxNames = new ArrayList<>();
      scope.indexProblems = new ArrayList<>();
      for (int k = 0; k < f.indices().size(); k++) {
        IndexVar v = f.indices().get(k);
        Axis a = expected.get(k);
        if (v.range() != null) {
          Axis given = an.rangeAxis(v.range(), v.rangeSpan());
          if (given == null) return null;
          if (!given.equals(a)) {
            an.error("range", v.rangeSpan(), "index `" + v.name() + "` is given the range " + given
                + ", but that axis of the derivative ranges over " + a, "expected " + a, "drop the range; claim indices take the derivative's");
            return null;
          }
        }
        IndexSlot s = scope.bind(v, a);
        if (s == null) return null;
        slots.add(s);
        idxNames.add(v.name());
      }
      scope.enterClaim(slots);
      Shape body;
      try {
        body = typer.type(f.body());
      } finally {
        scope.leaveClaim();
      }
      if (body == null) return null;
      if (!body.isScalarLike()) {
        an.error("shape", f.body().span(), "the body of an index formula must be a scalar, but it has shape " + body,
            "shape " + body, "select one element with `[...]`");
        return null;
      }
      return new ClaimInfo(c, of, wrt, entry, space, null, true, reportNames != null ? reportNames : idxNames, slots,
          List.copyOf(scope.indexProblems), null);
    }
    Shape cs = typer.type(entry.expr());
    if (cs == null) return null;
    boolean fits = cs.indexSpace().equals(expected);
    return new ClaimInfo(c, of, wrt, entry, space, cs, fits,
        reportNames != null ? reportNames : Scope.defaultIndexNameList(expected.size()), List.of(), List.of(), null);
  }

  /** The fix for a vec formula with the wrong number of indices: its own two, or numerator layout for its rank. */
  private static String vecIndexHelp(int given, DerivativeSpace space, String of, String wrt) {
    int want = space.claimAxes().size();
    String own = want == 0 ? "no index: the derivative is a scalar"
        : want == 1 ? "1 index, e.g. `[r] -> ...`, the vec index of `" + (space.ofAxes().isEmpty() ? wrt : of) + "`"
        : "2 indices, e.g. `[r, c] -> ...`: the vec row (`" + of + "`) and column (`" + wrt + "`)";
    if (given == space.rank() && given != want) {
      return "these are the indices of index(" + of + ") ++ index(" + wrt + "): write `layout: numerator`, or "
          + own.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + own.substring(1);
    }
    return "write " + own;
  }

  /**
   * `claim: program` needs `of` defined as one call of a program function, with `wrt` one of its
   * arguments written as a bare name (the program differentiates its own arguments, nothing around them).
   */
  private ProgramClaim programClaim(ClaimDecl c, String of, String wrt) {
    DefInfo d = an.defines.get(of);
    Expr e = d.entry().isFormula() ? null : d.entry().expr();
    ProgramFunction f = e instanceof Expr.Call call ? an.functions.get(call.name()) : null;
    if (f == null) {
      an.error("program-claim", c.claim().whole(), "`claim: program` needs `" + of + "` to be one call of a program function",
          "`" + of + "` is defined as `" + d.def().expr().text().strip() + "`",
          "define it as one call, e.g. `" + of + ": " + (an.functions.isEmpty() ? "f" : an.functions.keySet().iterator().next())
              + "(...)`, and write the rest of the computation in another definition");
      return null;
    }
    Expr.Call call = (Expr.Call) e;
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < call.args().size(); i++) {
      if (call.args().get(i) instanceof Expr.Name n && n.name().equals(wrt)) at.add(i);
    }
    if (at.size() != 1) {
      an.error("program-claim", c.wrt().span(), at.isEmpty()
              ? "`claim: program` needs `" + wrt + "` to be an argument of `" + call.name() + "` in `" + of + "`"
              : "`" + wrt + "` is more than one argument of `" + call.name() + "` in `" + of + "`",
          at.isEmpty() ? "not an argument written as a bare name" : "arguments " + (at.get(0) + 1) + " and " + (at.get(1) + 1),
          at.isEmpty() ? "the program differentiates with respect to its own arguments; name one of them in `wrt`"
              : "pass it once, or write the claim in the spec's language");
      return null;
    }
    return new ProgramClaim(f, call, at.get(0));
  }

  private void unknown(String name, Span span, String what, Set<String> candidates) {
    Diagnostic d = Diagnostic.error("unknown-name", span, "unknown name `" + name + "` in " + what)
        .withLabel(what.equals("`of`") ? "not a name from `define`" : "not an input or a defined name");
    var sug = DidYouMean.suggest(name, candidates);
    if (sug.isPresent()) d = d.withHelp((sug.get().equalsIgnoreCase(name) ? "names are case-sensitive; " : "")
        + "did you mean `" + sug.get() + "`?");
    else if (!candidates.isEmpty()) d = d.withNote("the names are " + String.join(", ", candidates));
    an.diags.add(d);
  }
}
