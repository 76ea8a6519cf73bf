package io.gradspec.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.TestSpecs;
import io.gradspec.check.CheckOptions;
import io.gradspec.check.Checker;
import io.gradspec.check.Mode;
import io.gradspec.result.ClaimResult;
import io.gradspec.result.Status;
import io.gradspec.result.TaylorTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Correct and wrong claims, seeded, at input magnitudes from 1e-6 to 1e6 and at kinks, through the real
 * checker in full and fast mode: a correct claim never fails (it passes, or is inconclusive with a
 * reason), and a claim wrong by a relative 1% or more and by an absolute 1e-5 (1000 times atol) never
 * passes (README, "Confirming a failure").
 * Each function comes with its derivative; the points are `value` literals, so every magnitude is hit.
 */
class AccuracyTest {
  /** A function of x, elementwise, and its derivative as a formula in x[i]; kink: not differentiable at 0. */
  record Fn(String f, String df, boolean kink, double lo, double hi) {}

  static final List<Fn> FUNCTIONS = List.of(
      new Fn("x .* x", "2 * x[i]", false, -6, 6),
      new Fn("exp(x)", "exp(x[i])", false, -6, 2),
      new Fn("sin(x)", "cos(x[i])", false, -6, 6),
      new Fn("tanh(x)", "1 - tanh(x[i])^2", false, -6, 6),
      new Fn("1 ./ x", "-1 / x[i]^2", false, -6, 6),
      new Fn("log(abs(x))", "1 / x[i]", false, -6, 6),
      new Fn("sqrt(abs(x))", "sign(x[i]) * 0.5 / sqrt(abs(x[i]))", false, -6, 6),
      new Fn("x .^ 3", "3 * x[i]^2", false, -6, 4),
      new Fn("atan(x)", "1 / (1 + x[i]^2)", false, -6, 6),
      new Fn("1e3 * x", "1e3", false, -6, 6),
      new Fn("relu(x)", "x[i] > 0", true, -6, 6),
      new Fn("abs(x)", "sign(x[i])", true, -6, 6),
      new Fn("(x + 1e16) - 1e16", "1", false, -6, 6));

  /** How a seeded case came out. */
  record Case(String yaml, boolean right, String function) {}

  static Case generate(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Fn fn = FUNCTIONS.get(r.nextInt(FUNCTIONS.size()));
    int n = 1 + r.nextInt(4);
    StringBuilder values = new StringBuilder();
    for (int k = 0; k < n; k++) {
      double v;
      if (fn.kink() && r.nextInt(3) == 0) v = 0;
      else {
        double e = fn.lo() + r.nextDouble() * (fn.hi() - fn.lo());
        v = Math.pow(10, e) * (r.nextBoolean() ? 1 : -1);
      }
      values.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.17g", v));
    }
    boolean right = r.nextBoolean();
    String claim = "(" + fn.df() + ")";
    if (!right) claim = madeWrong(claim, r, fn.kink());
    return new Case(diagonal("accuracy " + seed, n, values, fn.f(), claim), right, fn.f());
  }

  /**
   * A right claim made wrong by a relative 1%, 100% or a sign, and by an absolute 1e-5 (1000 atol, so that a
   * tiny derivative is wrong too); at a kink by 3, outside any one-sided derivative of relu or abs.
   */
  private static String madeWrong(String claim, SplittableRandom r, boolean kink) {
    double[] by = {1.01, 2, -1, 0.99};
    return claim + " * " + by[r.nextInt(by.length)] + " + " + (kink ? "3" : "1e-5");
  }

  /** The spec of y = {@code f} elementwise in x (given {@code values}), claimed diag({@code df}) in x[i]. */
  private static String diagonal(String name, int n, CharSequence values, String f, String df) {
    return """
        name: %s
        dims: {N: %d}
        inputs:
          x: {shape: [N], value: [%s]}
        define:
          y: %s
        claims:
          - {wrt: x, claim: "[i, j] -> (i == j) * %s"}
        """.formatted(name, n, values, f, df);
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, names = {"FULL", "FAST"})
  void correctClaimsNeverFailAndWrongOnesNeverPass(Mode mode) {
    int cases = Integer.getInteger("gradspec.accuracy.cases", 600);
    Map<String, Integer> counts = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (long seed = 0; seed < cases; seed++) {
      Case c = generate(seed);
      ClaimResult r = Checker.check(TestSpecs.spec(c.yaml()), CheckOptions.builder().mode(mode).build()).claims().get(0);
      counts.merge((c.right() ? "right " : "wrong ") + r.status().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
      if (r.status() == Status.INCONCLUSIVE) counts.merge("  " + c.function() + " " + r.inconclusiveReason().verdict(), 1, Integer::sum);
      if (c.right() && r.status() == Status.FAILED) problems.add("false FAIL, seed " + seed + ":\n" + c.yaml() + r);
      if (!c.right() && r.status() == Status.PASSED) problems.add("false PASS, seed " + seed + ":\n" + c.yaml() + r);
      if (r.status() == Status.INCONCLUSIVE) assertTrue(r.inconclusiveReason() != null, "an inconclusive verdict has a reason");
    }
    System.out.println("accuracy (" + mode + "): " + cases + " cases, " + counts);
    assertEquals(List.of(), problems);
    // most right claims pass and most wrong ones fail: the checker is not inconclusive by habit
    assertTrue(counts.getOrDefault("right passed", 0) > cases * 0.4, counts.toString());
    assertTrue(counts.getOrDefault("wrong failed", 0) > cases * 0.4, counts.toString());
  }

  private static CheckOptions method(io.gradspec.spec.Method m) {
    return CheckOptions.builder().explicit(new io.gradspec.spec.CheckSettings(null, null, m, null, null, null)).build();
  }

  /**
   * Where each elementwise built-in is drawn: magnitudes 10^lo to 10^hi, of both signs or positive only, or
   * (shift) 1 + 10^e for acosh; kink: a third of the points at 0.
   */
  record Domain(String fn, double lo, double hi, boolean positive, boolean kink, boolean shift) {}

  static final List<Domain> DOMAINS = List.of(
      new Domain("exp", -6, 2, false, false, false), new Domain("log", -6, 6, true, false, false),
      new Domain("sqrt", -6, 6, true, false, false), new Domain("abs", -6, 6, false, true, false),
      new Domain("sin", -6, 6, false, false, false), new Domain("cos", -6, 6, false, false, false),
      new Domain("tan", -6, 0, false, false, false), new Domain("tanh", -6, 3, false, false, false),
      new Domain("sigmoid", -6, 3, false, false, false), new Domain("softplus", -6, 3, false, false, false),
      new Domain("relu", -6, 6, false, true, false), new Domain("sign", -6, 6, false, true, false),
      new Domain("erf", -6, 1, false, false, false), new Domain("erfc", -6, 1, false, false, false),
      new Domain("lgamma", -3, 6, true, false, false), new Domain("digamma", -3, 6, true, false, false),
      new Domain("asin", -6, -0.05, false, false, false), new Domain("acos", -6, -0.05, false, false, false),
      new Domain("atan", -6, 6, false, false, false), new Domain("sinh", -6, 2, false, false, false),
      new Domain("cosh", -6, 2, false, false, false), new Domain("asinh", -6, 6, false, false, false),
      new Domain("acosh", -6, 6, true, false, true), new Domain("atanh", -6, -0.05, false, false, false),
      new Domain("log1p", -6, 6, true, false, false), new Domain("expm1", -6, 2, false, false, false),
      new Domain("floor", -6, 6, false, false, false), new Domain("ceil", -6, 6, false, false, false),
      new Domain("round", -6, 6, false, false, false));

  /**
   * Every elementwise built-in (README "Confirming a failure"), at magnitudes 1e-6 to 1e6 within its domain and
   * at its kinks, right (its derivative from its complex form, written with x[i]) or wrong by a relative 1%,
   * 100% or a sign plus an absolute 1e-5: central differences never fail a right claim and never pass a wrong
   * one (each comes out as that, or inconclusive with a reason).
   */
  @org.junit.jupiter.api.Test
  void everyElementwiseBuiltinAtEveryScale() {
    assertEquals(io.gradspec.expr.builtin.Builtins.elementwise().stream().map(io.gradspec.expr.builtin.Builtin::name)
        .sorted().toList(), DOMAINS.stream().map(Domain::fn).sorted().toList(), "a domain for every elementwise built-in");
    Map<String, Integer> counts = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (long seed = 0; seed < 900; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      Domain d = DOMAINS.get((int) (seed % DOMAINS.size()));
      String df = io.gradspec.expr.builtin.Builtins.get(d.fn()).tangentTerms().stream().findFirst().orElse("0")
          .replace("$d0", "1").replace("$0", "(x[i])");
      int n = 1 + r.nextInt(3);
      StringBuilder values = new StringBuilder();
      for (int k = 0; k < n; k++) {
        double e = d.lo() + r.nextDouble() * (d.hi() - d.lo());
        double v = d.kink() && r.nextInt(3) == 0 ? 0 : d.shift() ? 1 + Math.pow(10, e)
            : Math.pow(10, e) * (d.positive() || r.nextBoolean() ? 1 : -1);
        values.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.17g", v));
      }
      boolean right = r.nextBoolean();
      String claim = "(" + df + ")";
      if (!right) claim = madeWrong(claim, r, d.kink());
      String yaml = diagonal("builtin " + seed, n, values, d.fn() + "(x)", claim);
      ClaimResult c = Checker.check(TestSpecs.spec(yaml), CheckOptions.defaults()).claims().get(0);
      counts.merge((right ? "right " : "wrong ") + c.status().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
      if (right && c.status() == Status.FAILED) problems.add("false FAIL:\n" + yaml + c);
      if (!right && c.status() == Status.PASSED) problems.add("false PASS:\n" + yaml + c);
      if (c.status() == Status.INCONCLUSIVE) assertTrue(c.inconclusiveReason() != null, "an inconclusive verdict has a reason");
    }
    System.out.println("accuracy (every elementwise built-in): 900 cases, " + counts);
    assertEquals(List.of(), problems);
    assertTrue(counts.getOrDefault("right passed", 0) > 350 && counts.getOrDefault("wrong failed", 0) > 350, counts.toString());
  }

  /**
   * A function of whole values with its right Jacobian: {@code of} defined from x (a vector) and A (a
   * well-conditioned square matrix), both drawn at one magnitude; the claim is d y / d wrt.
   */
  record Whole(String define, String wrt, String claim) {}

  static final List<Whole> WHOLES = List.of(
      new Whole("inv(A)", "A", "[i, j, k, l] -> -inv(A)[i, k] * inv(A)[l, j]"),
      new Whole("logdet(A)", "A", "inv(A)'"),
      new Whole("det(A)", "A", "det(A) * inv(A)'"),
      new Whole("trace(A * A)", "A", "2 * A'"),
      new Whole("solve(A, x)", "x", "inv(A)"),
      new Whole("solve(A, x)", "A", "[i, k, l] -> -inv(A)[i, k] * solve(A, x)[l]"),
      new Whole("softmax(x)", "x", "diag(softmax(x)) - softmax(x) * softmax(x)'"),
      new Whole("logsumexp(x)", "x", "softmax(x)"),
      new Whole("norm(x)", "x", "x / norm(x)"),
      new Whole("cumsum(x)", "x", "[i, j] -> j <= i"),
      new Whole("max(x)", "x", "[j] -> x[j] == max(x)"),
      new Whole("A * x", "A", "[i, k, l] -> delta(i, k) * x[l]"),
      new Whole("kron(x, x')", "x", "[i, j, k] -> delta(i, k) * x[j] + x[i] * delta(j, k)"),
      new Whole("eigvalsh(A + A')", "A", "[i, a, b] -> 2 * eigvecsh(A + A')[a, i] * eigvecsh(A + A')[b, i]"),
      new Whole("sort(x)", "x", "[i, j] -> sort(x)[i] == x[j]"));

  /**
   * Built-ins of whole values (inverse, determinants, solve, softmax, norms, scans, reductions, products,
   * eigenvalues, sort) at magnitudes 1e-6 to 1e6, right or wrong by a relative 1%, 100% or a sign plus an
   * absolute 1e-5: under central differences and the complex step alike, no right claim fails and no wrong
   * one passes.
   */
  @ParameterizedTest
  @EnumSource(value = io.gradspec.spec.Method.class, names = {"CENTRAL", "COMPLEX_STEP"})
  void wholeValueBuiltinsAtEveryScale(io.gradspec.spec.Method method) {
    Map<String, Integer> counts = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (long seed = 0; seed < 300; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      Whole w = WHOLES.get((int) (seed % WHOLES.size()));
      double scale = Math.pow(10, -6 + 12 * r.nextDouble());
      StringBuilder x = new StringBuilder(), a = new StringBuilder();
      for (int i = 0; i < 3; i++) {
        x.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.17g", scale * (r.nextDouble() * 2 - 1)));
        a.append(i == 0 ? "[" : ", [");
        for (int j = 0; j < 3; j++) {
          double v = (i == j ? 3 : 0) + r.nextDouble() - 0.5;
          a.append(j == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.17g", scale * v));
        }
        a.append(']');
      }
      boolean right = r.nextBoolean();
      String claim = right ? w.claim() : wrong(w.claim(), new double[] {1.01, 2, -1}[r.nextInt(3)], 1e-5);
      String yaml = """
          name: whole %d
          dims: {N: 3}
          inputs:
            x: {shape: [N], value: [%s]}
            A: {shape: [N, N], value: [%s]}
          define:
            y: %s
          claims:
            - {wrt: %s, claim: "%s"}
          """.formatted(seed, x, a, w.define(), w.wrt(), claim);
      ClaimResult c = Checker.check(TestSpecs.spec(yaml), method(method)).claims().get(0);
      counts.merge((right ? "right " : "wrong ") + c.status().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
      if (right && c.status() == Status.FAILED) problems.add("false FAIL:\n" + yaml + c);
      if (!right && c.status() == Status.PASSED) problems.add("false PASS:\n" + yaml + c);
    }
    System.out.println("accuracy (whole-value built-ins, " + method.word() + "): 300 cases, " + counts);
    assertEquals(List.of(), problems);
    assertTrue(counts.getOrDefault("right passed", 0) > 100 && counts.getOrDefault("wrong failed", 0) > 100, counts.toString());
  }

  /**
   * A claim made wrong by the factor {@code by} and an absolute {@code plus} (1000 times central differences'
   * atol, so that a tiny derivative is wrong too), as a formula or an expression.
   */
  private static String wrong(String claim, double by, double plus) {
    if (claim.startsWith("[")) {
      int arrow = claim.indexOf("->");
      return claim.substring(0, arrow + 2) + " (" + claim.substring(arrow + 2).strip() + ") * " + by + " + " + plus;
    }
    return "(" + claim + ") * " + by + " + " + plus;
  }

  /**
   * The same cases under `method: complex-step`: a correct claim passes (there is no step error to be
   * inconclusive about, and at a kink the complex form takes relu's and abs's framework convention, 0, which
   * is the claim's), and every wrong one fails.
   */
  @org.junit.jupiter.api.Test
  void complexStepPassesEveryCorrectClaimAndFailsEveryWrongOne() {
    int cases = Integer.getInteger("gradspec.accuracy.cases", 600);
    Map<String, Integer> counts = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    CheckOptions options = method(io.gradspec.spec.Method.COMPLEX_STEP);
    for (long seed = 0; seed < cases; seed++) {
      Case c = generate(seed);
      ClaimResult r = Checker.check(TestSpecs.spec(c.yaml()), options).claims().get(0);
      counts.merge((c.right() ? "right " : "wrong ") + r.status().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
      if (c.right() != (r.status() == Status.PASSED)) problems.add(r.status() + ", seed " + seed + ":\n" + c.yaml() + r);
    }
    System.out.println("accuracy (complex-step): " + cases + " cases, " + counts);
    assertEquals(List.of(), problems);
  }

  /**
   * The smallest relative error each method catches (README, "The complex step"): the smooth functions'
   * correct claims, each made wrong by a relative r (and by 1000 times the method's atol, so that a tiny
   * derivative is wrong too), for r from 1e-2 down to 1e-10. Central differences catch every one at
   * r = 1e-4 and above; the complex step at r = 1e-8 and above.
   */
  @org.junit.jupiter.api.Test
  void smallestRelativeErrorEachMethodCatches() {
    Map<String, String> table = new java.util.LinkedHashMap<>();
    Map<io.gradspec.spec.Method, Double> caughtAll = new java.util.EnumMap<>(io.gradspec.spec.Method.class);
    for (io.gradspec.spec.Method m : List.of(io.gradspec.spec.Method.CENTRAL, io.gradspec.spec.Method.RICHARDSON,
        io.gradspec.spec.Method.COMPLEX_STEP)) {
      double atol = m == io.gradspec.spec.Method.COMPLEX_STEP ? 1e-10 : 1e-8;
      CheckOptions options = method(m);
      StringBuilder row = new StringBuilder();
      for (int e = 2; e <= 10; e++) {
        double rel = Math.pow(10, -e);
        int wrong = 0, caught = 0;
        for (long seed = 0; seed < 200; seed++) {
          Case c = generate(seed);
          if (!c.right() || c.yaml().contains("relu") || c.yaml().contains("abs(x)") || c.yaml().contains("1e16")) continue;
          String yaml = c.yaml().replaceFirst("claim: \"\\[i, j\\] -> \\(i == j\\) \\* (.*)\"\\}",
              "claim: \"[i, j] -> (i == j) * ($1 * (1 + " + rel + ") + " + 1000 * atol + ")\"}");
          ClaimResult r = Checker.check(TestSpecs.spec(yaml), options).claims().get(0);
          wrong++;
          if (r.status() == Status.FAILED) caught++;
        }
        row.append(String.format(Locale.ROOT, " 1e-%d: %d/%d", e, caught, wrong));
        if (caught == wrong) caughtAll.put(m, rel);
      }
      table.put(m.word(), row.toString());
    }
    System.out.println("smallest relative error caught: " + table);
    assertTrue(caughtAll.getOrDefault(io.gradspec.spec.Method.CENTRAL, 1.0) <= 1e-4, table.toString());
    assertTrue(caughtAll.getOrDefault(io.gradspec.spec.Method.COMPLEX_STEP, 1.0) <= 1e-8, table.toString());
  }

  /**
   * The Taylor test on the same cases: a correct claim never reads order 1 where the numeric derivative
   * reads 2 (it reads 2, or stays within round-off, or sits on a kink where the numeric derivative reads 1
   * too); every wrong claim that fails reads order 1.
   */
  @org.junit.jupiter.api.Test
  void taylorTestReadsRightClaimsAsDerivativesAndWrongOnesAsNot() {
    int cases = Integer.getInteger("gradspec.accuracy.cases", 600);
    Map<String, Integer> counts = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (long seed = 0; seed < cases; seed++) {
      Case c = generate(seed);
      ClaimResult r = Checker.check(TestSpecs.spec(c.yaml()), CheckOptions.builder().taylorPassing(true).build())
          .claims().get(0);
      if (r.taylor() == null) continue;
      TaylorTest.Reading claim = r.taylor().claimReading(), numeric = r.taylor().numericReading();
      counts.merge((c.right() ? "right " : "wrong ") + r.status().name().toLowerCase(Locale.ROOT) + " " + claim
          + (r.taylor().numericReading() == TaylorTest.Reading.DERIVATIVE ? "" : ", numeric " + r.taylor().numericReading()),
          1, Integer::sum);
      // f is not smooth at a kink: the numeric derivative's remainder shrinks like t there too, which is
      // what tells the report the test cannot judge the claim
      boolean smooth = numeric == TaylorTest.Reading.DERIVATIVE || numeric == TaylorTest.Reading.ROUND_OFF;
      boolean atKink = c.function().contains("abs(x)") || c.function().equals("relu(x)");
      if (!smooth && !(atKink && c.yaml().contains("0.0000000000000000"))) {
        problems.add("numeric order " + r.taylor().numericOrder() + ", seed " + seed + ":\n" + c.yaml());
      }
      if (c.right() && smooth && (claim == TaylorTest.Reading.NOT_DERIVATIVE || claim == TaylorTest.Reading.BETWEEN)) {
        problems.add("right claim read as order 1, seed " + seed + ":\n" + c.yaml() + r.taylor());
      }
    }
    System.out.println("taylor: " + cases + " cases, " + counts);
    assertEquals(List.of(), problems);
    int wrongFailed = 0, wrongFirstOrder = 0;
    for (var e : counts.entrySet()) {
      if (e.getKey().startsWith("wrong failed")) wrongFailed += e.getValue();
      if (e.getKey().startsWith("wrong failed NOT_DERIVATIVE")) wrongFirstOrder += e.getValue();
    }
    assertEquals(wrongFailed, wrongFirstOrder, counts.toString());
    assertTrue(wrongFailed > cases * 0.4, counts.toString());
  }
}
