package io.gradspec.expr.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.expr.kernel.Perturbation;
import io.gradspec.expr.sema.ShapeChecker;
import io.gradspec.expr.sema.TypedSpec;
import io.gradspec.numeric.InputSampler;
import io.gradspec.spec.Diagnostics;
import io.gradspec.spec.Spec;
import io.gradspec.spec.load.LoadedFile;
import io.gradspec.spec.load.SpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dirty-region evaluation against full re-evaluation: for every claim of every spec in specs/ (and of
 * seeded random specs), every perturbed f(x ± h) obtained incrementally agrees with recomputing every node
 * from scratch within the stated round-off bound
 * {@code |incremental - full| <= BOUND_ULPS * eps * scale * width}: scale is the largest magnitude among the
 * values involved (Perturbation.scale()) and width the number of entries of the largest of them
 * (Perturbation.width()), since the round-off of a full re-evaluation grows with the number of terms it sums
 * (and the two computations round differently: base + change against a new sum). Where `det` or `logdet` lies on the path, the incremental value
 * comes from the matrix determinant lemma and the full one from a new LU factorisation; they then differ by
 * the factorisation's own rounding, and the bound is n times larger (n the matrix size).
 */
class IncrementalEvaluationTest {
  /** A few ulps of the magnitudes involved. */
  static final double BOUND_ULPS = 8;
  static final double EPS = Math.ulp(1.0);

  static Stream<Path> specFiles() throws IOException {
    try (Stream<Path> s = Files.walk(Path.of("specs"))) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specFiles")
  void incrementalMatchesFullOnEverySpec(Path file) {
    LoadedFile lf = SpecLoader.load(file, file.toString());
    for (LoadedFile.DocumentResult d : lf.documents()) checkSpec(d.spec(), 0);
  }

  static Stream<Integer> seeds() { return Stream.iterate(0, i -> i + 1).limit(120); }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void incrementalMatchesFullOnRandomSpecs(int seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    String[] unary = {"tanh", "sigmoid", "exp", "sin", "softplus", "abs"};
    String[] forms = {
        "W * x", "(W * x) .* (W * x)", "W' * z", "sum(W .* W)", "x' * A * x", "A * A * x", "trace(W * A * W')",
        "outer(x, z)", "softmax_rows(W)", "rowsum(W) .* z + colsum(W) * x", "diag(x) * A", "W + b", "dot(x, x) * z",
        "logsumexp_rows(W)", "W * A * x", "diagonal(A) .* x", "mean(W) * x", "if(sum(x) > 0, x, -x)", "W * (A * x)",
        "inv(A) * x", "kron(x, z)", "logdet(A) * x", "det(A) * x", "det(A .* A) * z"};
    String f = forms[r.nextInt(forms.length)];
    String g = unary[r.nextInt(unary.length)] + "(" + f + ")";
    String def = r.nextBoolean() ? g : f;
    String yaml = "name: r" + seed + "\ndims: {N: " + (2 + r.nextInt(5)) + ", M: " + (2 + r.nextInt(5)) + "}\n"
        + "inputs:\n  W: [M, N]\n  x: [N]\n  z: [M]\n  A: [N, N]\n  b: [1, N]\n"
        + "define:\n  y: \"" + def + "\"\n  s: sum(y .* y)\nclaims:\n";
    for (String w : List.of("W", "x", "z", "A", "b")) {
      yaml += "  - {of: s, wrt: " + w + ", claim: 0}\n  - {of: y, wrt: " + w + ", claim: 0}\n";
    }
    checkSpec(withClaimsUsedBy(yaml, def), seed);
  }

  /**
   * Index-formula definitions (issue 13 item 7: each perturbation recomputes only the outputs that read a
   * changed entry, from the reads recorded at the base point): shifted and summed indices, value-dependent
   * branches and comparisons, indices read from an int input, hoisted scalars and matrices, two formulas in
   * a chain.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void incrementalMatchesFullOnRandomIndexFormulaSpecs(int seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(1000 + seed);
    String[] forms = {
        "[i: M, j: N] -> W[i, j] * x[j]",
        "[i: M] -> sum(k, W[i, k] * x[k])",
        "[i: N, j: N] -> if(x[i] > x[j], A[i, j], A[j, i])",
        "[i: N] -> x[lab[i]] * A[i, lab[i]]",
        "[i: N] -> if(i + 1 < N, x[i + 1] - x[i], 0)",
        "[i: N, j: N] -> A[i, j] * sum(x)",
        "[i: M, j: N] -> tanh(W[i, j] + x[j] * sum(k, A[j, k]))",
        "[i: N] -> max(x) * x[i]",
        "[i: N, j: N] -> x[i] * x[j] * delta(i, j)",
        "[i: M, j: N] -> W[i, j] * (W * x)[i]",
        "[i: N] -> sum(k, if(x[k] > x[i], 1, 0)) * x[i]",
        "[i: N] -> x[mod(i + 1, N)] * x[i] + A[i, N - 1 - i]",
        "[i: M, j: N] -> sum(k: 2, W[mod(i + k, M), j]) * exp(x[j] / 4)"};
    String f = forms[r.nextInt(forms.length)];
    boolean chain = r.nextBoolean();
    String y = chain ? "u" : "y";
    String yaml = "name: f" + seed + "\ndims: {N: " + (2 + r.nextInt(5)) + ", M: " + (2 + r.nextInt(5)) + "}\n"
        + "inputs:\n  W: [M, N]\n  x: [N]\n  A: [N, N]\n  lab: {shape: [N], type: int, range: N}\n"
        + "define:\n  " + y + ": \"" + f + "\"\n";
    // a second formula reading the first one's entries at shifted places
    if (chain) {
      yaml += f.startsWith("[i: M, j: N]") ? "  y: \"[i: M, j: N] -> u[i, j] * u[mod(i + 1, M), j] + x[j]\"\n"
          : f.startsWith("[i: N, j: N]") ? "  y: \"[i: N, j: N] -> u[j, i] - u[i, mod(j + 1, N)]\"\n"
          : "  y: \"[i: N] -> u[mod(i + 1, N)] * sum(k, u[k])\"\n";
    }
    yaml += "  s: sum(y .* y)\nclaims:\n";
    for (String w : List.of("W", "x", "A")) {
      yaml += "  - {of: s, wrt: " + w + ", claim: 0}\n  - {of: y, wrt: " + w + ", claim: 0}\n";
    }
    checkSpec(withClaimsUsedBy(yaml, f), seed);
  }

  /** The spec in {@code yaml} with only the claims whose wrt {@code definition} uses (others are invalid specs). */
  private static Spec withClaimsUsedBy(String yaml, String definition) {
    Spec spec = SpecLoader.loadString(yaml, "r.yaml").documents().get(0).spec();
    List<io.gradspec.spec.ClaimDecl> keep = new ArrayList<>();
    for (var c : spec.claims()) if (definition.matches(".*\\b" + c.wrt().value() + "\\b.*")) keep.add(c);
    return new Spec(spec.file(), spec.document(), spec.name(), spec.description(), spec.tags(), spec.indexBase(),
        spec.dims(), spec.dimsSpans(), spec.inputs(), spec.defines(), keep, spec.check(), spec.span(),
        spec.program(), spec.functions());
  }

  private static void checkSpec(Spec spec, long seed) {
    Diagnostics d = new Diagnostics();
    TypedSpec t = ShapeChecker.check(spec, d);
    if (t == null) throw new AssertionError(spec.name().value() + ": " + d.all());
    for (Map<String, Integer> dims : spec.dims()) {
      Program p = Compiler.compile(t, dims, d);
      boolean lemma = spec.defines().stream().anyMatch(x -> x.expr().text().contains("det("));
      double factor = lemma ? dims.values().stream().mapToInt(Integer::intValue).max().orElse(1) : 1;
      if (p == null) throw new AssertionError(d.all().toString());
      InputSampler.draw(p, seed, spec.name().value(), 0);
      p.evaluate();
      for (TypedSpec.ClaimInfo ci : t.claims) {
        Perturbation pert = p.perturbation(ci.of(), ci.wrt());
        double scale = Math.max(1e-300, pert.scale()) * pert.width();
        int n = pert.size();
        for (int k = 0; k < n; k += Math.max(1, n / 40)) {
          double x = pert.get(k);
          for (double sign : new double[] {1, -1}) {
            double h = 6e-6 * Math.max(1, Math.abs(x)) * sign;
            pert.set(k, x + h);
            double[] inc = pert.output().clone();
            pert.recomputeFull();
            double[] full = pert.output();
            for (int i = 0; i < inc.length; i++) {
              double diff = Math.abs(inc[i] - full[i]);
              boolean ok = diff <= factor * BOUND_ULPS * EPS * scale || (Double.isNaN(inc[i]) && Double.isNaN(full[i]))
                  || inc[i] == full[i];
              final int ii = i, kk = k;
              assertTrue(ok, () -> String.format(Locale.ROOT, "%s d %s / d %s, k=%d, component %d: incremental %.17g vs full %.17g (|diff| %.3e > %.0f eps * scale * width %.3e)",
                  spec.name().value(), ci.of(), ci.wrt(), kk, ii, inc[ii], full[ii], diff, BOUND_ULPS, scale));
            }
            // the full recompute changed the buffers: start again from the base point
            pert.reset(k, x);
            p.evaluate();
            pert = p.perturbation(ci.of(), ci.wrt());
          }
        }
      }
    }
  }

  /**
   * Contiguous ranges of `wrt` moved at once (fast mode's directional steps, {@link Perturbation#recomputeRange}),
   * short enough for the dirty-region path and crossing row ends, one after another without a reset: each
   * agrees with a full re-evaluation, and the base point comes back afterwards.
   */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"W * x", "x' * A * x", "W' * z", "W * A * x", "z' * W * A",
      "tanh(W * x)", "A * A * x"})
  void rangesMatchFullRecomputation(String form) {
    String yaml = "name: ranges\ndims: {N: 9, M: 7}\ninputs:\n  W: [M, N]\n  x: [N]\n  z: [M]\n  A: [N, N]\n"
        + "define:\n  y: \"" + form + "\"\nclaims:\n";
    for (String w : List.of("W", "x", "z", "A")) if (form.matches(".*\\b" + w + "\\b.*")) yaml += "  - {of: y, wrt: " + w + ", claim: 0}\n";
    Spec spec = SpecLoader.loadString(yaml, "r.yaml").documents().get(0).spec();
    Diagnostics d = new Diagnostics();
    TypedSpec t = ShapeChecker.check(spec, d);
    if (t == null) throw new AssertionError(d.all().toString());
    Program p = Compiler.compile(t, spec.dims().get(0), d);
    InputSampler.draw(p, 3, "ranges", 0);
    p.evaluate();
    java.util.SplittableRandom r = new java.util.SplittableRandom(11);
    for (TypedSpec.ClaimInfo ci : t.claims) {
      Perturbation pert = p.perturbation(ci.of(), ci.wrt());
      double[] base = pert.output().clone();
      double bound = BOUND_ULPS * EPS * Math.max(1e-300, pert.scale()) * pert.width() * 4;
      int n = pert.size();
      for (int trial = 0; trial < 30; trial++) {
        int len = 1 + r.nextInt(Math.max(1, n / 4)), lo = r.nextInt(n - len + 1);
        double[] x = pert.wrt(), saved = x.clone();
        for (int k = lo; k < lo + len; k++) x[k] += 1e-3 * (r.nextDouble() - 0.5);
        pert.recomputeRange(lo, lo + len);
        double[] inc = pert.output().clone();
        double[] moved = x.clone();
        System.arraycopy(saved, 0, x, 0, n);
        // a full re-evaluation at the moved point, from a program of its own
        Program q = Compiler.compile(t, spec.dims().get(0), d);
        for (var e : p.inputs().entrySet()) System.arraycopy(e.getValue().data(), 0, q.inputs().get(e.getKey()).data(), 0, e.getValue().data().length);
        System.arraycopy(moved, 0, q.value(ci.wrt()).data(), 0, n);
        q.evaluate();
        double[] full = q.value(ci.of()).data();
        for (int i = 0; i < inc.length; i++) {
          final int ii = i, l0 = lo, l1 = lo + len;
          assertTrue(Math.abs(inc[i] - full[i]) <= bound, () -> String.format(Locale.ROOT, "%s d %s / d %s, range [%d, %d), component %d: incremental %.17g vs full %.17g",
              form, ci.of(), ci.wrt(), l0, l1, ii, inc[ii], full[ii]));
        }
      }
      pert.restore();
      pert.recomputeRange(0, 0);
      assertTrue(java.util.Arrays.equals(base, pert.output()), form + ": base point not restored");
    }
  }
}
