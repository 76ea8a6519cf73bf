package io.gradspec.expr.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gradspec.TestSpecs;
import io.gradspec.expr.builtin.Builtin;
import io.gradspec.expr.builtin.Builtins;
import io.gradspec.expr.kernel.Perturbation;
import io.gradspec.expr.sema.ShapeChecker;
import io.gradspec.expr.sema.TangentSpec;
import io.gradspec.expr.sema.TypedSpec;
import io.gradspec.numeric.CentralDifference;
import io.gradspec.numeric.ComplexStep;
import io.gradspec.spec.Diagnostics;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation's complex form (`method: complex-step`) against Richardson extrapolation: each case of
 * {@link FunctionsTest} at its literal inputs, d y / d (every input y depends on), column by column.
 */
class ComplexFormTest {
  /** The functions without a complex form yet (README "Complex step"): refused, never approximated. */
  static final Set<String> WITHOUT = Set.of();

  private static final java.util.concurrent.atomic.AtomicInteger COMPARED = new java.util.concurrent.atomic.AtomicInteger(),
      SKIPPED = new java.util.concurrent.atomic.AtomicInteger();

  /** The comparison is not vacuous: the kinks and jumps of the literal inputs are a small part of it. */
  @org.junit.jupiter.api.AfterAll
  static void mostComponentsWereCompared() {
    if (COMPARED.get() + SKIPPED.get() == 0) return; // the comparison did not run here (a -Dtest filter left it out)
    System.out.println("ComplexFormTest: " + COMPARED.get() + " components compared, " + SKIPPED.get() + " skipped");
    assertTrue(COMPARED.get() > 20 * SKIPPED.get(), COMPARED.get() + " compared, " + SKIPPED.get() + " skipped");
  }

  static Stream<Arguments> cases() {
    return FunctionsTest.cases().map(a -> Arguments.of(a.get()[0]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void complexFormAgreesWithRichardson(String expr) {
    String yaml = "name: f\ndims: {N: 2, M: 3}\n" + FunctionsTest.INPUTS + "define:\n"
        + "  T: \"[p: M, i: N, j: N] -> 10 * p + 2 * i + j + A[i, j] * X[p, i]\"\n  y: \"" + expr + "\"\n  z: s * 1\n"
        + "claims:\n  - {of: z, wrt: s, claim: 1}\n";
    var spec = TestSpecs.spec(yaml);
    Diagnostics d = new Diagnostics();
    TypedSpec t = ShapeChecker.check(spec, d);
    assertNotNull(t, () -> d.all().toString());
    for (String wrt : t.inputs.keySet()) {
      if (!t.dependsOn("y", wrt)) continue;
      TangentSpec.Result r;
      try {
        r = TangentSpec.of(t, wrt);
      } catch (TangentSpec.NoComplexForm e) {
        assertTrue(WITHOUT.stream().anyMatch(f -> expr.matches("(?s).*\\b" + f + "\\(.*")),
            () -> expr + " wrt " + wrt + ": " + e.diagnostic.message());
        continue;
      }
      Program p = Compiler.compile(t, spec.dims().get(0), d);
      Program tp = Compiler.compile(r.typed(), spec.dims().get(0), d);
      assertNotNull(tp, () -> d.all().toString());
      p.evaluate();
      for (var in : tp.inputs().entrySet()) {
        var from = p.inputs().get(in.getKey());
        double[] data = in.getValue().data();
        if (from == null) java.util.Arrays.fill(data, 0, in.getValue().size(), 0);
        else System.arraycopy(from.data(), 0, data, 0, in.getValue().size());
      }
      tp.evaluate();
      Perturbation pert = p.perturbation("y", wrt);
      String dy = r.tangentOf("y");
      ComplexStep cs = new ComplexStep(dy == null ? null : tp.perturbation(dy, r.wrtTangent()), pert.output());
      CentralDifference cd = new CentralDifference(pert, 1e-4);
      int m = pert.outputSize();
      double[] num = new double[m], err = new double[m], c = new double[m], cerr = new double[m];
      double[] base = pert.output().clone();
      for (int k = 0; k < pert.size(); k++) {
        // where f is not differentiable (a literal input at a jump or a tie) the two one-sided slopes differ:
        // the complex form gives its convention's value there (README "Complex step"), nothing to compare
        double x = pert.get(k), h = 1e-5;
        pert.set(k, x + h);
        double[] up = pert.output().clone();
        pert.set(k, x - h);
        double[] down = pert.output().clone();
        pert.set(k, x);
        cd.richardsonColumn(k, num, err, null, null);
        cs.column(k, c, cerr, null, null);
        for (int i = 0; i < m; i++) {
          double right = (up[i] - base[i]) / h, left = (base[i] - down[i]) / h;
          if (!(Math.abs(right - left) <= 1e-3 * Math.max(1, Math.abs(right)))) { SKIPPED.incrementAndGet(); continue; }
          if (!Double.isFinite(num[i])) { SKIPPED.incrementAndGet(); continue; }
          COMPARED.incrementAndGet();
          double allowed = 1e-6 * Math.max(1, Math.abs(num[i])) + 4 * err[i];
          if (!(Math.abs(c[i] - num[i]) <= allowed)) {
            fail(expr + ": d y[" + i + "] / d " + wrt + "[" + k + "]: complex step " + c[i] + ", Richardson " + num[i]
                + " (allowed " + allowed + ")\n" + r.typed().spec.defines().stream()
                    .map(def -> def.name().value() + ": " + def.expr().text()).collect(Collectors.joining("\n")));
          }
        }
      }
      pert.restore();
    }
  }

  /** Names of the spec that look like the complex form's own (d_x, t_1, c_f) do not meet them. */
  @Test
  void theComplexFormsNamesNeverMeetTheSpecs() {
    String yaml = """
        name: names
        dims: {N: 3}
        inputs: {x: [N], d_x: [N]}
        define:
          t_1: exp(x) .* d_x
          c_f: inv(diag(t_1) + eye(N))
          d__x: sum(c_f * x)
        claims:
          - {of: d__x, wrt: x, claim: "c_f' * (0 * x + 1) - (c_f * diag(exp(x) .* d_x) * c_f)' * x"}
        """;
    var r = io.gradspec.TestSpecs.check(yaml, new io.gradspec.spec.CheckSettings(null, null,
        io.gradspec.spec.Method.COMPLEX_STEP, null, null, null));
    assertEquals(io.gradspec.result.Status.PASSED, r.status(), r.toString());
  }

  /**
   * Found by review: a `where` whose moving branch is a scalar broadcast against a matrix (its tangent was a
   * scalar, and `*` then scaled instead of multiplying); a decomposition of a scalar inside an index formula
   * (its matrix complex form does not apply there); a formula index named like the tangent input.
   */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "inputs: {s: [], c: [], B: [N, N]}\ndefine:\n  y: where(c > -100, s, B)\n  z: y * B\nclaims:\n  - {of: z, wrt: s, claim: \"ones(N, 1) * colsum(B)\"}",
      "inputs: {x: {shape: [N], init: positive}}\ndefine:\n  y: \"[i: N] -> chol(x[i]) + qr_r(x[i]) + eigvalsh(x[i]) + expm(x[i])\"\nclaims:\n"
          + "  - {of: y, wrt: x, claim: \"diag(0.5 ./ sqrt(x) + 2 + exp(x))\"}",
      "inputs: {x: [N]}\ndefine:\n  y: \"[d_x: N] -> x[d_x] * x[d_x]\"\nclaims:\n  - {of: y, wrt: x, claim: \"2 * diag(x)\"}"})
  void reviewFindingsPassUnderTheComplexStep(String body) {
    String yaml = "name: review\ndims: {N: 3}\n" + body + "\n";
    for (var m : List.of(io.gradspec.spec.Method.CENTRAL, io.gradspec.spec.Method.COMPLEX_STEP)) {
      var r = io.gradspec.TestSpecs.check(yaml, new io.gradspec.spec.CheckSettings(null, null, m, null, null, null));
      assertEquals(io.gradspec.result.Status.PASSED, r.status(), m + ": " + r);
    }
  }

  /** Every function has a complex form or is listed in {@link #WITHOUT}, and a listed one has none. */
  @Test
  void everyFunctionHasAComplexFormOrIsListed() {
    Set<String> without = new TreeSet<>();
    for (Builtin b : Builtins.all()) if (b.tangentTerms() == null && !b.dimensional()) without.add(b.name());
    assertEquals(new TreeSet<>(WITHOUT), without);
  }
}
