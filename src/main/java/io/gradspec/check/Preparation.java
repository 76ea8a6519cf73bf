package io.gradspec.check;

import io.gradspec.expr.kernel.ProgramJacobian;
import io.gradspec.result.ClaimSource;
import io.gradspec.program.Offer;
import io.gradspec.program.ProgramException;
import io.gradspec.numeric.Precision;
import io.gradspec.expr.eval.ClaimPlan;
import io.gradspec.expr.eval.Compiler;
import io.gradspec.expr.eval.MemoryPlan;
import io.gradspec.expr.eval.Program;
import io.gradspec.expr.kernel.EvalException;
import io.gradspec.expr.kernel.Node;
import io.gradspec.expr.kernel.Perturbation;
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
    return compile(typed, dims, options, diags, new MemoryPlan(options.limits().memoryBytes()));
  }

  /** As above, adding what the program holds to {@code memory}, the plan of every dims map of the spec. */
  static Program compile(TypedSpec typed, Map<String, Integer> dims, CheckOptions options, Diagnostics diags,
                         MemoryPlan memory) {
    return Compiler.compile(typed, dims, diags, options.limits().maxElements(), options.programs(), memory);
  }

  /** Moves the program to trial {@code trial}'s point: inputs drawn, everything evaluated, claims prepared. */
  static void draw(Program p, CheckSettings s, int trial, boolean parallel) {
    InputSampler.draw(p, s.seed(), p.typed.spec.name().value(), trial, parallel);
    if (precision(p) == Precision.SINGLE) {
      // the point as a float32 program holds it, so the steps gradspec divides by are the ones it takes
      for (var in : p.inputs().values()) {
        double[] d = in.data();
        for (int i = 0; i < in.size(); i++) d[i] = Precision.SINGLE.round(d[i]);
      }
    }
    p.evaluate();
    p.prepareClaims();
  }

  /**
   * How {@code plan} is compared at the program's current point: with the complex forms' columns where they
   * supply them ({@code forms}, null when the spec needs none).
   */
  static ClaimCheck claim(Program p, ClaimPlan plan, CheckSettings s, Tolerance tol, CheckOptions options,
                          Deadline deadline, ComplexForms forms) {
    ClaimInfo ci = plan.info;
    // a Hessian's columns are the gradient's derivatives, as many as `wrt` has components: its perturbation
    // only sizes the comparison (wrt by wrt) and names the input perturbed; HessianColumns computes them
    Node w = p.value(ci.wrt());
    Perturbation pert = ci.decl().hessian() ? new Perturbation(w, w, new Node[0]) : p.perturbation(ci.of(), ci.wrt());
    return ClaimCheck.of(plan, pert, ci.space().at(p.dims), s, tol, options, deadline, precision(p),
        forms == null ? null : forms.reference(p, ci, s));
  }

  /**
   * The precision the spec's functions are computed in: single when the program's hello says `float32` for
   * any function the spec declares (contract §7), double otherwise. Starts the program if it is not yet.
   */
  static ClaimSource source(Program p, ClaimInfo ci, Precision precision) {
    try {
      Offer o = p.link.client().offers().get(ci.program().function().name());
      String op = ProgramJacobian.operation(o);
      return new ClaimSource(op == null ? "derivative" : op, precision.dtype());
    } catch (ProgramException e) {
      return new ClaimSource("derivative", precision.dtype());
    }
  }

  /** The precision the spec's functions are computed in, as {@link #precision(Program)}. */
  static Precision precision(Program p) {
    if (p.typed.functions.isEmpty()) return Precision.DOUBLE;
    try {
      Map<String, Offer> offers = p.link.client().offers();
      for (String fn : p.typed.functions.keySet()) {
        Offer o = offers.get(fn);
        if (o != null && o.float32()) return Precision.SINGLE;
      }
      return Precision.DOUBLE;
    } catch (ProgramException e) {
      throw new EvalException(p.typed.spec.program().key(), e.getMessage(), "could not start or greet the program")
          .withHelp("run `" + String.join(" ", p.typed.spec.program().argv()) + "` by hand in the spec's folder to see why");
    }
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
