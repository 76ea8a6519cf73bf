package io.gradspec.check;

import io.gradspec.expr.eval.ClaimPlan;
import io.gradspec.expr.eval.Compiler;
import io.gradspec.expr.eval.Program;
import io.gradspec.expr.kernel.EvalException;
import io.gradspec.expr.sema.ShapeChecker;
import io.gradspec.expr.sema.TypedSpec.ClaimInfo;
import io.gradspec.expr.sema.TypedSpec;
import io.gradspec.numeric.InputSampler;
import io.gradspec.result.Tolerance;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Diagnostics;
import io.gradspec.spec.Limits;
import io.gradspec.spec.Spec;
import java.util.Map;

/**
 * The steps before a comparison, shared by {@link Checker} and {@link Explainer} so that both see the same
 * numbers: the symbolic pass, one compile per dims map, the random point of a trial (drawn, evaluated,
 * claims prepared), and one claim's comparison at that point.
 */
final class Preparation {
  private Preparation() {}

  /** The symbolic pass; null (with errors in {@code diags}) when the spec is invalid. */
  static TypedSpec analyse(Spec spec, Limits limits, Diagnostics diags) {
    return ShapeChecker.check(spec, diags, limits.maxExprLength());
  }

  /** The program for one dims map; null (with errors in {@code diags}) when it does not compile. */
  static Program compile(TypedSpec typed, Map<String, Integer> dims, CheckOptions options, Diagnostics diags) {
    return Compiler.compile(typed, dims, diags, options.limits().maxElements(), options.programs());
  }

  /** Moves the program to trial {@code trial}'s point: inputs drawn, everything evaluated, claims prepared. */
  static void draw(Program p, CheckSettings s, int trial, boolean parallel) {
    InputSampler.draw(p, s.seed(), p.typed.spec.name().value(), trial, parallel);
    p.evaluate();
    p.prepareClaims();
  }

  /** How {@code plan} is compared at the program's current point. */
  static ClaimCheck claim(Program p, ClaimPlan plan, CheckSettings s, Tolerance tol, CheckOptions options,
                          Deadline deadline) {
    ClaimInfo ci = plan.info;
    return ClaimCheck.of(plan, p.perturbation(ci.of(), ci.wrt()), ci.space().at(p.dims), s, tol, options, deadline);
  }

  /** A failed evaluation as the diagnostic a report shows. */
  static Diagnostic diagnostic(EvalException e) {
    Diagnostic d = Diagnostic.error("eval", e.span(), e.getMessage());
    if (e.label() != null) d = d.withLabel(e.label());
    if (e.note() != null) d = d.withNote(e.note());
    if (e.help() != null) d = d.withHelp(e.help());
    return d;
  }
}
