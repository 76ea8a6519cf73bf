package io.gradspec.expr.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.expr.kernel.EvalException;
import io.gradspec.expr.kernel.Node;
import io.gradspec.expr.kernel.Perturbation;
import io.gradspec.expr.sema.ShapeChecker;
import io.gradspec.expr.sema.TypedSpec;
import io.gradspec.math.IndexSpace;
import io.gradspec.numeric.InputSampler;
import io.gradspec.spec.Diagnostics;
import io.gradspec.spec.Spec;
import io.gradspec.spec.load.LoadedFile;
import io.gradspec.spec.load.SpecLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Element code compiled to bytecode ({@link ElementBytecode}) against the closures it replaces: on every
 * spec in specs/ and on seeded random index formulas (shifted and padded indices, conditions with && and
 * ||, comparisons on NaN, int inputs as indices, calls left to closures inside sums), every value of every
 * definition and claim, at the base point and after perturbations, is the same double, bit for bit; and an
 * index out of range gives the same error.
 */
class ElementBytecodeTest {
  private static final java.util.concurrent.atomic.AtomicInteger SKIPPED = new java.util.concurrent.atomic.AtomicInteger();

  /** The random formulas are mostly valid: a generator that made only errors would compare nothing. */
  @org.junit.jupiter.api.AfterAll
  static void mostRandomFormulasCompared() {
    assertTrue(SKIPPED.get() < 30, SKIPPED.get() + " of the specs were errors");
  }

  static Stream<Path> specFiles() throws java.io.IOException { return IncrementalEvaluationTest.specFiles(); }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specFiles")
  void sameBitsOnEverySpec(Path file) {
    LoadedFile lf = SpecLoader.load(file, file.toString());
    for (LoadedFile.DocumentResult d : lf.documents()) sameBits(d.spec(), 1);
  }

  static Stream<Integer> seeds() { return Stream.iterate(0, i -> i + 1).limit(150); }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void sameBitsOnRandomFormulas(int seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(7000 + seed);
    String[] forms = {
        "[i: N, j: N] -> sum(p: 3, sum(q: 3, if(i + p - 1 >= 0 && i + p - 1 < N && j + q - 1 >= 0 && j + q - 1 < N, A[i + p - 1, j + q - 1] * B[p, q], 0)))",
        "[i: N, j: N] -> sum(p: 3, if(i - p < 0 || j + p >= N, 0, A[i - p, j + p]))",
        "[i: M] -> sqrt(sum(k, (W[i, k] - x[k])^2))",
        "[i: N] -> x[lab[i]] * A[i, lab[i]] + sum(k, delta(lab[k], i) * x[k])",
        "[i: N, j: N] -> maximum(A[i, j], A[j, i]) - minimum(x[i], x[j]) * (x[i] == x[j])",
        "[i: M, j: N] -> sum(k, tanh(W[i, k] * A[k, j]) * exp(x[j] / 4))",
        "[i: N] -> sum(k, if(x[k] / 0 > 1 || x[k] != x[k], 1, x[k] <= x[i]) + if((x[k] - x[k]) / 0 < 1 || (x[i] - x[i]) / 0 <= 2, 1, 2)) * x[i]",
        "[i: N] -> x[mod(i + 1, N)] * x[i] + A[i, N - 1 - i] - x[-i + N - 1]",
        "[i: N, j: N] -> sum(k, sum(l, A[k, l] * (k - l) * (i - j))) / (1 + i * j)",
        "[i: M, j: N] -> where(W[i, j] > 0, W[i, j], 0.5 * W[i, j]) + floor(2 * i / 2)",
        "[i: N] -> sum(k, sum(l: 2, A[k, mod(i + l, N)] * x[k])) ^ 2",
        "[i: M, j: N] -> W[i, j] * (W * x)[i] + sum(x) * i"};
    String f = forms[r.nextInt(forms.length)];
    String yaml = "name: b" + seed + "\ndims: {N: " + (3 + r.nextInt(5)) + ", M: " + (2 + r.nextInt(5)) + "}\n"
        + (r.nextBoolean() ? "index-base: 1\n" : "")
        + "inputs:\n  W: [M, N]\n  x: [N]\n  A: [N, N]\n  B: [3, 3]\n  lab: {shape: [N], type: int, range: N}\n"
        + "define:\n  y: \"" + f + "\"\n  s: sum(y .* y)\nclaims:\n"
        // a claim's element code too: a sum under a condition on the indices
        + (f.matches(".*\\bx\\[.*") ? "  - {of: s, wrt: x, claim: \"[k2] -> 2 * x[k2] + sum(j2: N, A[k2, j2] * if(k2 + j2 < N && j2 != k2, x[j2], 0))\"}\n"
            : f.contains("A[") ? "  - {of: s, wrt: A, claim: \"[a2, b2] -> A[b2, a2] * if(a2 + b2 < N || a2 == b2, 1, 0)\"}\n"
            : "  - {of: s, wrt: W, claim: \"[a2, b2] -> sum(k3: N, W[a2, k3] * if(k3 <= b2, x[k3], 0))\"}\n");
    Spec spec = SpecLoader.loadString(yaml, "b.yaml").documents().get(0).spec();
    sameBits(spec, seed);
  }

  /**
   * Reads outside a value, unguarded: the same error (where, what, which axis) either way, also when both
   * indices of a matrix access fail (the closures compute both, then check the first) and with index-base 1.
   */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "sum(p: 3, A[i + p - 1, i] * x[i])", "x[i] + A[i + 1, lab[i + 1]]", "x[i] + A[x[i], x[x[i]]]",
      "x[i] + A[i, lab[i] + i]", "sum(k, x[k] * A[k, lab[k] + 1])"})
  void indexOutOfRangeIsTheSameError(String body) {
    for (String base : List.of("", "index-base: 1\n")) {
      String yaml = "name: oob\ndims: {N: 4}\n" + base
          + "inputs:\n  A: [N, N]\n  x: [N]\n  lab: {shape: [N], type: int, range: N}\n"
          + "define:\n  y: \"[i: N] -> " + body + "\"\n  s: sum(y .* y)\nclaims:\n  - {of: s, wrt: x, claim: 0}\n";
      Spec spec = SpecLoader.loadString(yaml, "oob.yaml").documents().get(0).spec();
      String closures = error(spec, true), bytecode = error(spec, false);
      assertTrue(closures.contains("out of range"), closures);
      assertEquals(closures, bytecode);
    }
  }

  /**
   * A body too large for one method the JIT compiles (here 800 terms, some 15 kB of bytecode) keeps its
   * closures, a small one is generated: both give the closures' values, and neither fails to load.
   */
  @ParameterizedTest(name = "{0} terms")
  @org.junit.jupiter.params.provider.ValueSource(ints = {40, 800})
  void largeBodiesGiveTheSameValues(int terms) {
    // in parenthesised groups of 20: the parser reads at most 500 operators chained
    StringBuilder body = new StringBuilder("x[i]");
    for (int t = 1; t < terms; t++) {
      body.append(t % 20 == 1 ? "+(" : t % 2 == 0 ? "+" : "-").append(t % 2 == 0 ? "A[i," : "A[").append(t % 4)
          .append(t % 2 == 0 ? "]" : ",i]").append(t % 20 == 0 || t == terms - 1 ? ")" : "");
    }
    String yaml = "name: large" + terms + "\ndims: {N: 4}\ninputs:\n  A: [N, N]\n  x: [N]\n"
        + "define:\n  y: \"[i: N] -> " + body + "\"\n  s: sum(y .* y)\nclaims:\n  - {of: s, wrt: A, claim: 0}\n";
    sameBits(SpecLoader.loadString(yaml, "large.yaml").documents().get(0).spec(), terms);
  }

  private static String error(Spec spec, boolean closures) {
    return with(closures, () -> {
      Diagnostics d = new Diagnostics();
      TypedSpec t = ShapeChecker.check(spec, d);
      Program p = Compiler.compile(t, spec.dims().get(0), d);
      InputSampler.draw(p, 1, "oob", 0);
      try {
        p.evaluate();
        return "no error";
      } catch (EvalException e) {
        return e.getMessage() + " | " + e.toString();
      }
    });
  }

  private static <T> T with(boolean closures, Supplier<T> s) {
    boolean before = ElementBytecode.closuresOnly();
    ElementBytecode.closuresOnly(closures);
    try {
      return s.get();
    } finally {
      ElementBytecode.closuresOnly(before);
    }
  }

  /** Every definition's and claim's values, at the base point and after perturbing some entries of each wrt. */
  private static List<double[]> values(Spec spec, boolean closures, long seed) {
    return with(closures, () -> {
      Diagnostics d = new Diagnostics();
      TypedSpec t = ShapeChecker.check(spec, d);
      assertNotNull(t, () -> d.all().toString());
      List<double[]> out = new ArrayList<>();
      for (Map<String, Integer> dims : spec.dims()) {
        Program p = Compiler.compile(t, dims, d);
        assertNotNull(p, () -> d.all().toString());
        InputSampler.draw(p, seed, spec.name().value(), 0);
        p.evaluate();
        for (String name : t.defines.keySet()) out.add(p.value(name).m.data.clone());
        p.prepareClaims();
        for (ClaimPlan plan : p.claims()) {
          if (plan.programClaim() != null) continue;
          if (!plan.isFormula()) { out.add(plan.value().m.data.clone()); continue; }
          int[] sizes = plan.info.space().at(dims).whole().sizes();
          double[] v = new double[(int) Math.min(4096, plan.components)];
          int[] tuple = new int[sizes.length];
          for (int i = 0; i < v.length; i++) {
            IndexSpace.unflatten(i, sizes, tuple);
            v[i] = plan.at(tuple);
          }
          out.add(v);
        }
        for (TypedSpec.ClaimInfo ci : t.claims) {
          if (ci.decl().hessian()) continue;
          Perturbation pert = p.perturbation(ci.of(), ci.wrt());
          for (int k = 0; k < pert.size(); k += Math.max(1, pert.size() / 7)) {
            double x = pert.get(k);
            pert.set(k, x + 1e-3 * Math.max(1, Math.abs(x)));
            out.add(pert.output().clone());
            pert.reset(k, x);
          }
        }
        p.release();
      }
      return out;
    });
  }

  private static void sameBits(Spec spec, long seed) {
    List<double[]> a, b;
    try {
      a = values(spec, true, seed);
    } catch (EvalException e) {
      SKIPPED.incrementAndGet(); // a random formula may index out of range at its dims (specs/ has none)
      return;
    }
    b = values(spec, false, seed);
    assertEquals(a.size(), b.size(), spec.name().value());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).length, b.get(i).length);
      for (int j = 0; j < a.get(i).length; j++) {
        long x = Double.doubleToRawLongBits(a.get(i)[j]), y = Double.doubleToRawLongBits(b.get(i)[j]);
        if (Double.isNaN(a.get(i)[j]) && Double.isNaN(b.get(i)[j])) continue;
        final int ii = i, jj = j;
        assertEquals(x, y, () -> spec.name().value() + ": value " + ii + "[" + jj + "]: closures " + a.get(ii)[jj]
            + ", bytecode " + b.get(ii)[jj]);
      }
    }
  }
}
