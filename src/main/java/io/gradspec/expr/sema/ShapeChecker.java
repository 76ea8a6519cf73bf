package io.gradspec.expr.sema;

import io.gradspec.expr.sema.TypedSpec.ClaimInfo;
import io.gradspec.expr.syntax.Expr;
import io.gradspec.expr.syntax.Parser;
import io.gradspec.expr.syntax.Printer;
import io.gradspec.spec.ClaimDecl;
import io.gradspec.spec.Definition;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Diagnostics;
import io.gradspec.spec.FunctionDecl;
import io.gradspec.spec.InputDecl;
import io.gradspec.spec.Spec;
import java.util.ArrayList;
import java.util.List;

/**
 * The symbolic pass: parses every entry, resolves names, gives every node a symbolic shape and every
 * index a range, before anything is evaluated. Shapes are compared as symbols, so {@code W * x} with
 * {@code W: [C, D]}, {@code x: [C]} is an error even when C = D. An unresolved name gets an error shape
 * ({@code null}) that the rest of the pass stays silent about: one error per cause.
 *
 * <p>The parts: {@link Declarations} (dims, inputs, definitions), {@link ClaimAnalysis} (each claim and
 * its {@link DerivativeSpace}), {@link ExprTyper} (the shapes of expressions), {@link Scope} (index
 * variables), all writing into one {@link Analysis}.
 */
public final class ShapeChecker {
  /** Slots of one entry are bits of a long (see {@code TypedSpec.slotUse}). */
  public static final int MAX_SLOTS = Scope.MAX_SLOTS;

  private ShapeChecker() {}

  /** Checks a loaded spec; returns null when it has errors (all reported to {@code diags}). */
  public static TypedSpec check(Spec spec, Diagnostics diags) {
    return check(spec, diags, Parser.MAX_LENGTH);
  }

  /** As {@link #check(Spec, Diagnostics)}, refusing expressions longer than {@code maxExprLength} characters. */
  public static TypedSpec check(Spec spec, Diagnostics diags, int maxExprLength) {
    int before = diags.size();
    TypedSpec t = run(new Analysis(spec, diags, maxExprLength));
    boolean errors = diags.all().subList(before, diags.size()).stream().anyMatch(Diagnostic::isError);
    return errors ? null : t;
  }

  private static TypedSpec run(Analysis an) {
    Scope scope = new Scope(an);
    ExprTyper typer = new ExprTyper(an, scope);
    Declarations declarations = new Declarations(an, scope, typer);
    declarations.checkDims();
    for (InputDecl in : an.spec.inputs()) declarations.checkInput(in);
    for (FunctionDecl f : an.spec.functions()) declarations.checkFunction(f);
    for (Definition d : an.spec.defines()) declarations.checkDefine(d);
    ClaimAnalysis claims = new ClaimAnalysis(an, scope, typer);
    List<ClaimInfo> checked = new ArrayList<>();
    for (ClaimDecl c : an.spec.claims()) {
      ClaimInfo ci = claims.check(c);
      if (ci != null) checked.add(ci);
    }
    return an.typed(checked);
  }

  /** The text of {@code e} as the spec writes it (or printed, for a node made without a span). */
  public static String text(Expr e) { return Printer.asWritten(e); }
}
