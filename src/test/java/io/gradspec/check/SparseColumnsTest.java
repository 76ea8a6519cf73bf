package io.gradspec.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.numeric.Precision;
import io.gradspec.TestSpecs;
import io.gradspec.expr.eval.ClaimPlan;
import io.gradspec.expr.eval.Compiler;
import io.gradspec.expr.eval.Program;
import io.gradspec.expr.sema.ShapeChecker;
import io.gradspec.expr.sema.TypedSpec;
import io.gradspec.numeric.InputSampler;
import io.gradspec.report.html.HtmlReporter;
import io.gradspec.report.json.JsonReporter;
import io.gradspec.report.text.TextReporter;
import io.gradspec.result.ClaimResult;
import io.gradspec.result.RunResult;
import io.gradspec.result.Status;
import io.gradspec.run.RunOptions;
import io.gradspec.run.Suite;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.Diagnostics;
import io.gradspec.spec.Spec;
import io.gradspec.spec.load.LoadedFile;
import io.gradspec.spec.load.SpecFinder;
import io.gradspec.spec.load.SpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Full mode compares only the union of a formula claim's delta support and the entries f(x +- h) changed:
 * every report must be byte-identical to the dense comparison of every entry.
 */
class SparseColumnsTest {
  @TempDir Path dir;

  /** Every report of a run; {@code dense}: every entry of every column compared, never only a claim's support. */
  private static String report(List<Path> paths, int jobs, boolean dense, Mode mode) {
    RunOptions o = RunOptions.of(CheckOptions.builder().jobs(jobs).mode(mode).denseColumns(dense).build());
    RunResult r = Suite.run(paths, o);
    String html = new HtmlReporter().render(r).replaceAll("\\d+ ms|duration[^<]*", "");
    return new JsonReporter(false).render(r).replaceAll("\"duration_ms\": \\d+", "") + "\n"
        + TextReporter.plain().render(r).replaceAll("\\d+(\\.\\d+)? ?m?s\\b", "") + "\n" + html;
  }

  private static void assertSame(List<Path> paths, int jobs, Mode mode) {
    assertTrue(sparsePathTaken(paths), "the sparse path was taken");
    String sparse = report(paths, jobs, false, mode);
    String dense = report(paths, jobs, true, mode);
    assertEquals(dense, sparse);
  }

  /**
   * Whether the checker's own rule gives some claim of the specs under {@code paths} the sparse comparison
   * (at their first dims map, trial 0), so that comparing it with the dense one tests something.
   */
  private static boolean sparsePathTaken(List<Path> paths) {
    CheckOptions options = CheckOptions.defaults();
    for (Path f : SpecFinder.find(paths, new Diagnostics())) {
      for (LoadedFile.DocumentResult doc : SpecLoader.load(f, f.toString()).documents()) {
        if (!doc.valid()) continue;
        Spec spec = doc.spec();
        Diagnostics d = new Diagnostics();
        TypedSpec typed = Preparation.analyse(spec, options.limits(), d);
        Program p = typed == null ? null : Preparation.compile(typed, spec.dims().get(0), options, d);
        if (p == null) continue;
        try {
          CheckSettings s = Settings.of(spec, options, Precision.DOUBLE);
          Preparation.draw(p, s, 0, false);
          for (ClaimPlan plan : p.claims()) {
            if (!plan.info.shapeFits() || !plan.info.indexProblems().isEmpty()) continue;
            ClaimCheck c = Preparation.claim(p, plan, s, Settings.tolerance(plan.info.decl(), spec, options, Precision.DOUBLE, s.method()), options,
                Deadline.none(), null);
            if (ColumnComparison.run(c).sparse) return true;
          }
        } catch (RuntimeException evaluationFailed) {
          // the run reports it; it takes no path at all
        } finally {
          p.release();
        }
      }
    }
    return false;
  }

  @Test void specsFolderIsIdenticalInFullMode() {
    assertSame(List.of(Path.of("specs")), 1, Mode.FULL);
  }

  @Test void specsFolderIsIdenticalInAutoMode() {
    assertSame(List.of(Path.of("specs")), 2, Mode.AUTO);
  }

  @Test void supportIsFoundForDeltaProductsOnly() {
    String spec = """
        name: support
        dims: {N: 3, D: 4, C: 2}
        inputs: {X: [N, D], W: [D, C], x: [N]}
        define:
          Y: X * W
          z: x .* x
        claims:
          - {of: Y, wrt: X, claim: "[i, j, k, l] -> delta(i, k) * W[l, j]"}
          - {of: Y, wrt: X, claim: "[i, j, k, l] -> -(delta(k, i) * (W[l, j] * 2))"}
          - {of: z, wrt: x, claim: "[i, j] -> x[i] * x[j] + delta(i, 1) * delta(j, 2)"}
          - {of: z, wrt: x, claim: "[i, j] -> delta(i, j) * log(x[j])"}
          - {of: z, wrt: x, claim: "[i, j] -> delta(i, j) * 2 * x[j]"}
          - {of: Y, wrt: X, claim: "[k, l, i, j] -> delta(i, k) * W[l, j]", layout: denominator}
        """;
    Program p = compile(spec);
    List<ClaimPlan> plans = p.claims();
    assertNotNull(plans.get(0).support());
    assertNotNull(plans.get(1).support());
    assertNull(plans.get(2).support(), "a sum pins nothing");
    assertNull(plans.get(3).support(), "log can be infinite: not provably zero");
    assertNotNull(plans.get(4).support());
    assertNotNull(plans.get(5).support());
    int[] rows = new int[6], pinned = new int[2];
    // column (k, l) = (2, 1) of d Y / d X: only row i = 2, every j
    int n = plans.get(0).support().rows(new int[] {2, 1}, new int[] {3, 2}, rows, pinned, new int[2]);
    assertEquals(2, n);
    assertEquals(4, rows[0]);
    assertEquals(5, rows[1]);
  }

  private static Program compile(String text) {
    return compile(TestSpecs.spec(text));
  }

  static Program compile(Spec s) {
    Diagnostics d = new Diagnostics();
    TypedSpec t = ShapeChecker.check(s, d);
    assertNotNull(t, () -> d.sorted().toString());
    Program p = Compiler.compile(t, s.dims().get(0), d);
    assertNotNull(p, () -> d.sorted().toString());
    InputSampler.draw(p, 1, s.name().value(), 0);
    p.evaluate();
    p.prepareClaims();
    return p;
  }

  @Test void wrongEntriesOutsideTheSupportAreCaught() throws IOException {
    // Y = X W + (sum of X) : every entry of Y moves with every X, but the claim is the block diagonal
    Path f = dir.resolve("outside.yaml");
    Files.writeString(f, """
        name: outside the support
        dims: {N: 3, D: 4, C: 2}
        check: {trials: 1}
        inputs: {X: [N, D], W: [D, C]}
        define:
          Y: X * W + sum(X)
        claims:
          - {wrt: X, claim: "[i, j, k, l] -> delta(i, k) * W[l, j]"}
          - {wrt: X, claim: "[i, j, k, l] -> delta(i, k) * W[l, j] + 1"}
        """);
    String sparse = report(List.of(f), 1, false, Mode.FULL);
    assertTrue(sparse.contains("\"status\": \"failed\""), sparse);
    assertEquals(report(List.of(f), 1, true, Mode.FULL), sparse);
    RunResult r = Suite.run(List.of(f), RunOptions.of(CheckOptions.builder().mode(Mode.FULL).build()));
    ClaimResult wrong = r.specs().get(0).claims().get(0);
    assertEquals(Status.FAILED, wrong.status());
    assertEquals(Status.PASSED, r.specs().get(0).claims().get(1).status());
    // every one of the 6 x 12 components misses the 1 from sum(X): 48 of them lie outside the claim's support
    assertEquals(72L, wrong.mismatches());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void randomSpecsAreIdentical(long seed) throws IOException {
    Random rng = new Random(seed);
    List<Path> files = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      Path f = dir.resolve("r" + s + ".yaml");
      Files.writeString(f, randomSpec(rng, s));
      files.add(f);
    }
    assertSame(files, 1 + (int) (seed % 2), Mode.FULL);
  }

  @Test void rankThreeAndIndexBaseOneAreIdentical() throws IOException {
    Path f = dir.resolve("rank3.yaml");
    Files.writeString(f, """
        name: rank three
        index-base: 1
        dims: {N: 3, C: 4, H: 2}
        check: {trials: 2}
        inputs: {T: [N, C, H], w: [H]}
        define:
          u: "[n: N, c: C] -> sum(h, T[n, c, h] * w[h])"
          v: "[n: N, c: C, h: H] -> T[n, c, h] * T[n, c, h]"
        claims:
          - {of: u, wrt: T, claim: "[n, c, a, b, h] -> delta(n, a) * delta(c, b) * w[h]"}
          - {of: u, wrt: T, claim: "[n, c, a, b, h] -> delta(n, a) * delta(b, 2) * w[h]"}
          - {of: v, wrt: T, claim: "[n, c, h, a, b, g] -> delta(n, a) * delta(c, b) * delta(h, g) * 2 * T[n, c, h]"}
          - {of: v, wrt: T, claim: "[n, c, h, a, b, g] -> delta(a, n) * delta(h, 1) * delta(g, 1) * 2 * T[a, b, g]"}
          - {of: u, wrt: w, claim: "[n, c, h] -> delta(h, 3) * T[n, c, 1]"}
        """);
    String sparse = report(List.of(f), 1, false, Mode.FULL);
    assertTrue(sparse.contains("\"status\": \"failed\""), sparse);
    assertSame(List.of(f), 1, Mode.FULL);
  }

  @Test void columnBlocksCompleteTheFullArraysOfAFailingClaim() throws IOException {
    // 512 columns of 64 support rows each: split into blocks; the wrong entries lie in the first block only
    Path f = dir.resolve("blocks.yaml");
    Files.writeString(f, """
        name: blocks
        dims: {N: 16, D: 32, C: 64}
        check: {trials: 1}
        inputs: {X: [N, D], W: [D, C]}
        define:
          Y: X * W
        claims:
          - {wrt: X, claim: "[i, j, k, l] -> delta(i, k) * W[l, j] * (1 + delta(k, 0) * delta(l, 3))"}
          - {wrt: X, claim: "[i, j, k, l] -> delta(i, k) * W[l, j]"}
          - {wrt: X, claim: "[i, j, k, l] -> -delta(i, k) * W[l, j]"}
        """);
    String one = report(List.of(f), 2, false, Mode.FULL);
    assertTrue(one.contains("\"status\": \"failed\""), one);
    assertEquals(List.of(2, 0, 2), blockCompletions(f), "both blocks of both failing claims completed");
    assertEquals(report(List.of(f), 2, true, Mode.FULL), one);
    assertEquals(report(List.of(f), 1, true, Mode.FULL), one);
  }

  /**
   * For each claim of the spec in {@code f}: how many of its two column blocks completed their full arrays
   * (what a failing sparse claim must do for its hints and heatmap), at its first point, as the checker
   * splits a full comparison over two threads.
   */
  private static List<Integer> blockCompletions(Path f) throws IOException {
    Spec spec = TestSpecs.spec(Files.readString(f));
    CheckOptions options = CheckOptions.builder().jobs(2).build();
    Program p = compile(spec);
    try {
      CheckSettings s = Settings.of(spec, options, Precision.DOUBLE);
      Preparation.draw(p, s, 0, false);
      List<Integer> out = new ArrayList<>();
      for (ClaimPlan plan : p.claims()) {
        ClaimCheck c = Preparation.claim(p, plan, s, Settings.tolerance(plan.info.decl(), spec, options, Precision.DOUBLE, s.method()), options,
            Deadline.none(), null);
        assertEquals(2, ModePolicy.choose(Mode.FULL, 2, c).blocks());
        // unconfirmed: a confirmed check that fails is compared again in one pass (ColumnBlocks.run)
        ColumnComparison r = ColumnBlocks.run(p, c.unconfirmed(), 2, null);
        assertTrue(r.sparse);
        out.add(r.completions);
      }
      return out;
    } finally {
      p.release();
    }
  }

  /** A random spec over Y = g(X W) with random delta-product claims (right, wrong, unbounded, sums). */
  private static String randomSpec(Random rng, int s) {
    int nN = 1 + rng.nextInt(4), nD = 1 + rng.nextInt(4), nC = 1 + rng.nextInt(3);
    String[] defs = {"X * W", "tanh(X * W)", "X * W + sum(X)", "(X * W) .* (X * W)", "X * W * 2", "exp(X * W)"};
    String def = defs[rng.nextInt(defs.length)];
    boolean rich = rng.nextBoolean();
    String w = "W: [D, C]";
    int special = rng.nextInt(6);
    if (special == 0) w = "W: {shape: [D, C], value: " + literal(rng, nD, nC, "1e200") + "}";
    if (special == 1) w = "W: {shape: [D, C], value: " + literal(rng, nD, nC, ".inf") + "}";
    if (special == 2) w = "W: {shape: [D, C], value: " + literal(rng, nD, nC, "0") + "}";
    StringBuilder b = new StringBuilder();
    b.append("name: random ").append(s).append('\n');
    if (rng.nextInt(4) == 0) b.append("index-base: 1\n");
    b.append(String.format(Locale.ROOT, "dims: {N: %d, D: %d, C: %d}%n", nN, nD, nC));
    b.append("check: {trials: ").append(1 + rng.nextInt(2)).append(rich ? ", method: richardson" : "").append("}\n");
    b.append("inputs: {X: [N, D], ").append(w).append("}\n");
    b.append("define:\n  Y: ").append(def).append('\n');
    b.append("claims:\n");
    for (int c = 0; c < 5; c++) {
      boolean wrtX = rng.nextBoolean();
      boolean denom = rng.nextInt(4) == 0;
      String body = randomBody(rng, wrtX, nN, nD, nC);
      String header = denom ? "[k, l, i, j]" : "[i, j, k, l]";
      b.append("  - {wrt: ").append(wrtX ? "X" : "W").append(", claim: \"").append(header).append(" -> ").append(body)
          .append("\"").append(denom ? ", layout: denominator" : "").append("}\n");
    }
    return b.toString();
  }

  private static String literal(Random rng, int rows, int cols, String special) {
    StringBuilder b = new StringBuilder("[");
    for (int r = 0; r < rows; r++) {
      b.append(r == 0 ? "[" : ", [");
      for (int c = 0; c < cols; c++) {
        b.append(c == 0 ? "" : ", ").append(rng.nextInt(3) == 0 ? special : String.format(Locale.ROOT, "%.3f", rng.nextGaussian()));
      }
      b.append(']');
    }
    return b.append(']').toString();
  }

  /** of Y[i, j] (i over N, j over C); wrt X[k, l] (N, D) or W[k, l] (D, C). */
  private static String randomBody(Random rng, boolean wrtX, int nN, int nD, int nC) {
    List<String> pins = new ArrayList<>(wrtX
        ? List.of("delta(i, k)", "delta(k, i)", "delta(i, " + rng.nextInt(nN + 1) + ")", "delta(k, " + rng.nextInt(nN) + ")",
            "delta(j, " + rng.nextInt(nC) + ")", "delta(l, 1.5)")
        : List.of("delta(j, l)", "delta(l, j)", "delta(j, " + rng.nextInt(nC + 1) + ")", "delta(k, " + rng.nextInt(nD) + ")",
            "delta(k, l)", "delta(i, 0)"));
    List<String> others = new ArrayList<>(wrtX
        ? List.of("W[l, j]", "2", "(1 - tanh(X[i, l])^2)", "sum(p, X[i, p] * W[p, j])", "(i + 1)", "if(j > 0, W[l, j], -1)",
            "log(abs(W[l, j]))", "W[l, j] / 2", "exp(X[k, l])", "sigmoid(W[l, j])", "W[l, j]^2", "(W[l, j] + delta(i, j))")
        : List.of("X[i, k]", "3", "tanh(X[i, k])", "sum(p, X[i, p])", "(k - 1)", "abs(X[i, k])", "sqrt(X[i, k])",
            "X[i, k] / 4", "pow(X[i, k], 3)", "softplus(X[i, k])", "relu(X[i, k])", "X[i, 0]"));
    StringBuilder b = new StringBuilder();
    int nPins = rng.nextInt(3), nOthers = 1 + rng.nextInt(2);
    List<String> factors = new ArrayList<>();
    for (int p = 0; p < nPins; p++) factors.add(pins.get(rng.nextInt(pins.size())));
    for (int o = 0; o < nOthers; o++) factors.add(others.get(rng.nextInt(others.size())));
    java.util.Collections.shuffle(factors, rng);
    for (int f = 0; f < factors.size(); f++) b.append(f == 0 ? "" : rng.nextInt(4) == 0 ? " .* " : " * ").append(factors.get(f));
    String body = b.toString();
    switch (rng.nextInt(6)) {
      case 0: return "-(" + body + ")";
      case 1: return body + " + " + pins.get(rng.nextInt(pins.size()));
      default: return body;
    }
  }
}
