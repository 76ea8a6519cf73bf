package io.gradspec.check;

import io.gradspec.expr.eval.MemoryPlan;
import io.gradspec.expr.eval.Program;
import io.gradspec.expr.kernel.Node;
import io.gradspec.expr.sema.TangentSpec;
import io.gradspec.expr.sema.TypedSpec;
import io.gradspec.expr.sema.TypedSpec.ClaimInfo;
import io.gradspec.numeric.ComplexStep;
import io.gradspec.numeric.HessianColumns;
import io.gradspec.numeric.NumericColumns;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.Method;
import io.gradspec.spec.Diagnostics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The complex forms of a spec under `method: complex-step` or with Hessian claims: one tangent spec per `wrt` its claims name
 * ({@link TangentSpec}), compiled once per dims map beside the spec's own program, moved to each trial's point
 * with it, and read column by column ({@link ComplexStep}).
 */
final class ComplexForms {
  private final Map<String, TangentSpec.Result> byWrt;
  private final Map<Program, Map<String, Program>> compiled = new IdentityHashMap<>();
  private final List<Program> all = new ArrayList<>();

  private ComplexForms(Map<String, TangentSpec.Result> byWrt) { this.byWrt = byWrt; }

  /**
   * The complex forms that {@code typed}'s claims need: every claim's under `method: complex-step`
   * ({@code complexStep}), a Hessian's ({@code order: 2}) always; null when none does. Throws
   * {@link TangentSpec.NoComplexForm} when one has none.
   */
  static ComplexForms of(TypedSpec typed, boolean complexStep) {
    Map<String, TangentSpec.Result> byWrt = new LinkedHashMap<>();
    for (ClaimInfo ci : typed.claims) {
      if (!ci.shapeFits() || !ci.indexProblems().isEmpty() || !(complexStep || ci.decl().hessian())) continue;
      byWrt.computeIfAbsent(ci.wrt(), w -> TangentSpec.of(typed, w));
    }
    return byWrt.isEmpty() ? null : new ComplexForms(byWrt);
  }

  /** Compiles the complex forms for {@code p}'s dims map; false (with errors in {@code diags}) when one does not. */
  boolean compile(Program p, CheckOptions options, Diagnostics diags, MemoryPlan memory) {
    Map<String, Program> forms = new LinkedHashMap<>();
    for (var e : byWrt.entrySet()) {
      Program t = Preparation.compile(e.getValue().typed(), p.dims, options, diags, memory);
      if (t == null) return false;
      all.add(t);
      forms.put(e.getKey(), t);
    }
    compiled.put(p, forms);
    return true;
  }

  /** Moves {@code p}'s complex forms to its current point (after {@link Preparation#draw}): its inputs, direction 0. */
  void draw(Program p) {
    for (var e : compiled.get(p).entrySet()) {
      Program t = e.getValue();
      for (var in : t.inputs().entrySet()) {
        Node from = p.inputs().containsKey(in.getKey()) ? p.inputs().get(in.getKey()) : p.value(in.getKey());
        double[] d = in.getValue().data();
        int n = in.getValue().size();
        if (from == null) Arrays.fill(d, 0, n, 0.0); // the direction input
        else System.arraycopy(from.data(), 0, d, 0, n);
      }
      t.evaluate();
    }
  }

  /**
   * The numeric columns of {@code ci} at {@code p}'s current point: a Hessian's ({@link HessianColumns}), or
   * under `method: complex-step` the complex step's; null for a claim checked by central differences.
   */
  NumericColumns reference(Program p, ClaimInfo ci, CheckSettings s) {
    TangentSpec.Result r = byWrt.get(ci.wrt());
    if (r == null) return null;
    String d = r.tangentOf(ci.of());
    Program form = compiled.get(p).get(ci.wrt());
    if (ci.decl().hessian()) {
      boolean symmetric = p.typed.perturbedSymmetrically(ci.wrt());
      return new HessianColumns(form, d, ci.wrt(), form.inputs().get(r.wrtTangent()), s.step(),
          symmetric ? p.value(ci.wrt()).m.numRows : 0);
    }
    if (s.method() != Method.COMPLEX_STEP) return null;
    // a Hessian's columns leave the form evaluated along their last direction: the complex step's
    // perturbation snapshots its base, so evaluate it at direction 0 first
    form.evaluate();
    Node base = p.value(ci.of());
    double[] f = Arrays.copyOf(base.data(), base.size());
    return new ComplexStep(d == null ? null : form.perturbation(d, r.wrtTangent()), f);
  }

  /** Gives every complex form's buffers back (as {@link Program#release}). */
  void release() {
    for (Program t : all) t.release();
  }
}
