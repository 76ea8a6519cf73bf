package io.gradspec.expr.sema;

import io.gradspec.expr.sema.TypedSpec.ClaimInfo;
import io.gradspec.expr.sema.TypedSpec.IndexSlot;
import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.shape.Shape;
import io.gradspec.expr.syntax.Entry;
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
 * when its index space is the derivative's.
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
    DerivativeSpace space = DerivativeSpace.of(of, ofShape, wrt, wrtShape, c.layout());
    List<Axis> expected = space.axes();

    scope.begin("claim");
    Entry entry = Parser.parseEntry(c.claim(), an.diags, an.maxExprLength);
    if (entry == null) return null;
    if (entry.isFormula()) {
      IndexFormula f = entry.formula();
      if (f.indices().size() != expected.size()) {
        an.diags.add(Diagnostic.error("index-count", f.span(), "the claim has " + f.indices().size()
                + " indices, but d " + of + " / d " + wrt + " has an index space of rank " + expected.size()
                + " " + Shape.spaceString(expected))
            .withLabel(f.indices().size() + " indices")
            .withNote(c.layout().word() + " layout: index space is "
                + (!space.numerator() ? "index(" + wrt + ") ++ index(" + of + ") = "
                    + Shape.spaceString(space.wrtAxes()) + " ++ " + Shape.spaceString(space.ofAxes())
                    : "index(" + of + ") ++ index(" + wrt + ") = " + Shape.spaceString(space.ofAxes()) + " ++ "
                    + Shape.spaceString(space.wrtAxes())))
            .withHelp("write " + expected.size() + " indices, e.g. `" + Scope.defaultIndexNames(expected.size()) + " -> ...`"));
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
      return new ClaimInfo(c, of, wrt, entry, space, null, true, idxNames, slots, List.copyOf(scope.indexProblems));
    }
    Shape cs = typer.type(entry.expr());
    if (cs == null) return null;
    if (!cs.isMatrixLike() && cs.rank() > 2) {
      an.error("shape", entry.expr().span(), "a claim must be a matrix expression or an index formula", null,
          "write it as `[i, j, k] -> ...`");
      return null;
    }
    boolean fits = cs.indexSpace().equals(expected);
    return new ClaimInfo(c, of, wrt, entry, space, cs, fits, Scope.defaultIndexNameList(expected.size()), List.of(),
        List.of());
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
