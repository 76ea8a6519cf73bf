package io.gradspec.report;

import io.gradspec.result.ClaimResult;
import io.gradspec.result.ErrorGrid;
import io.gradspec.result.ErrorInfo;
import io.gradspec.result.Hint;
import io.gradspec.result.InconclusiveReason;
import io.gradspec.result.Offender;
import io.gradspec.result.RunResult;
import io.gradspec.result.ShapeMismatch;
import io.gradspec.result.SpecResult;
import io.gradspec.result.Status;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Expect;
import io.gradspec.spec.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hand-built runs for the report golden tests; the first two are the style guide's §4 examples. */
public final class ReportFixtures {
  private ReportFixtures() {}

  static final String OUTER_PRODUCT_YAML = """
      name: Y = x (B z)', outer product
      dims: {N: 3}
      inputs:
        x: {shape: [N], value: [1.5, 2.0, -0.7]}
        B: {shape: [N, N], value: [[1, 2, 0], [0, 1, -1], [3, 0, 1]]}
        z: {shape: [N], value: [0.3, -1.2, 2.0]}
      define:
        Y: x * (B * z)'
      claims:
        - wrt: z
          claim: "[i, j, k] -> x[j] * B[k, i]"
      """;

  static final String LINEAR_YAML = """
      name: y = W x, column vectors
      dims: {C: 3, D: 7}
      inputs:
        W: [C, D]
        x: [D]
      define:
        y: W * x
      claims:
        - {wrt: x, claim: W'}
      """;

  static final String TRANSPOSED_YAML = """
      name: y = W x, claimed transposed
      dims: {C: 2, D: 2}
      inputs: {W: [C, D], x: [D]}
      define:
        y: W * x
      claims:
        - wrt: x
          claim: "[i, j] -> W[j, i]"
          expect: fail
          note: the claim is W' - a layout mix-up
      """;

  static final String BROKEN_YAML = """
      name: broken
      dims: {N: 3}
      inputs: {x: [N], B: [N, N], z: [N]}
      define:
        Y: x * (B * z)'
      claims:
        - wrt: z
          claim: "[i, j, k] -> x[j] * b[k, i]"
        - wrt: z
          claim: "[i, j, k] x[j] * B[k, i]"
      """;

  static ClaimResult outerProductClaim(SourceFile f) {
    Claims c = new Claims().claim(f, "[i, j, k] -> x[j] * B[k, i]");
    c.of = "Y";
    c.wrt = "z";
    c.status = Status.FAILED;
    c.dims = dims("N", 3);
    c.indexSpace = List.of(3, 3, 3);
    c.indexSymbols = List.of("N", "N", "N");
    c.axisNames = List.of("Y row", "Y col", "z");
    c.indexNames = List.of("i", "j", "k");
    c.components = 27;
    c.mismatches = 21;
    c.maxAbsError = 7.5;
    c.maxRelError = 1.25;
    c.offenders = List.of(
        new Offender(new int[] {0, 1, 2}, 6.0, -1.5, 7.5, 6.001e-5),
        new Offender(new int[] {1, 2, 0}, -1.4, 6.0, 7.4, 6.001e-5),
        new Offender(new int[] {0, 2, 0}, -0.7, 4.5, 5.2, 4.501e-5));
    c.hints = List.of(
        Hint.stated("the claim matches the numeric derivative with its axes in the order (z, Y row, Y col) (all 27"
            + " components within tolerance, max |error| 5.0e-11): the `wrt` index comes first, as in denominator"
            + " layout; did you mean `layout: denominator`?"),
        Hint.stated("to keep numerator layout, write the claim as \"[i, j, k] -> x[i] * B[j, k]\""));
    // the real error pattern: claimed x[j] B[k, i] against the derivative x[i] B[j, k]
    double[] x = {1.5, 2.0, -0.7};
    double[][] b = {{1, 2, 0}, {0, 1, -1}, {3, 0, 1}};
    c.grid = grid(new int[] {3, 3, 3}, flat -> {
      int i = flat / 9, j = flat / 3 % 3, k = flat % 3;
      return new double[] {x[j] * b[k][i], x[i] * b[j][k]};
    });
    c.taylor = taylor(3.0, 0.5, 2e-15);
    return c.build();
  }

  /**
   * A Taylor test as a wrong claim gives: its remainder {@code claimSlope t} shrinks like t, the numeric
   * derivative's {@code curvature t^2} like t^2 down to the round-off {@code floor}.
   */
  static io.gradspec.result.TaylorTest taylor(double claimSlope, double curvature, double floor) {
    int count = io.gradspec.numeric.TaylorRemainders.LAST - io.gradspec.numeric.TaylorRemainders.FIRST + 1;
    double[] t = new double[count], claim = new double[count], numeric = new double[count], floors = new double[count];
    for (int s = 0; s < count; s++) {
      t[s] = Math.scalb(1.0, -(io.gradspec.numeric.TaylorRemainders.FIRST + s));
      claim[s] = claimSlope * t[s] + curvature * t[s] * t[s];
      numeric[s] = curvature * t[s] * t[s] + floor;
      floors[s] = floor;
    }
    return new io.gradspec.result.TaylorTest(t, claim, numeric, floors, floors,
        io.gradspec.numeric.TaylorRemainders.order(t, claim, floors),
        io.gradspec.numeric.TaylorRemainders.order(t, numeric, floors));
  }

  public static SpecResult outerProductSpec() {
    SourceFile f = Claims.source("specs/outer-product.yaml", OUTER_PRODUCT_YAML);
    return new SpecResult(f.displayPath(), 0, "Y = x (B z)', outer product", Status.FAILED, null, List.of(),
        List.of(outerProductClaim(f)), 0, 40);
  }

  static SpecResult wrongShapeSpec() {
    return wrongShape(true);
  }

  /** The claim W' of the wrong shape; with {@code transposeFits} false, as if its transpose did not fit either. */
  public static SpecResult wrongShape(boolean transposeFits) {
    SourceFile f = Claims.source("specs/seed/linear.yaml", LINEAR_YAML);
    Claims c = new Claims().claim(f, "W'");
    c.status = Status.FAILED;
    c.dims = dims("C", 3, "D", 7);
    c.indexSpace = List.of(3, 7);
    c.indexSymbols = List.of("C", "D");
    c.axisNames = List.of("y", "x");
    c.indexNames = List.of("i", "j");
    c.components = 21;
    c.mismatches = 21;
    c.maxAbsError = Double.NaN;
    c.maxRelError = Double.NaN;
    c.shape = new ShapeMismatch(List.of(7, 3), List.of(3, 7), "(D, C)", "(C, D)", transposeFits, transposeFits);
    c.hints = List.of(Hint.stated("the transpose fits, and it matches the numeric derivative in all 21 components:\n"
        + "did you mean `layout: denominator`, or the claim `W`?"));
    // the claim transposed against the derivative W: it matches, up to round-off (as the checker's grid is)
    if (transposeFits) {
      c.grid = grid(new int[] {3, 7}, flat -> new double[] {0.25 * (flat % 5) - 0.5, 0.25 * (flat % 5) - 0.5 + 1e-17 * (flat % 3)});
    }
    return new SpecResult(f.displayPath(), 0, "y = W x, column vectors", Status.FAILED, null, List.of(),
        List.of(c.build()), 0, 7);
  }

  static SpecResult xfailedSpec() {
    SourceFile f = Claims.source("specs/mistakes/transposed.yaml", TRANSPOSED_YAML);
    Claims c = new Claims().claim(f, "[i, j] -> W[j, i]");
    c.status = Status.XFAILED;
    c.expect = Expect.FAIL;
    c.dims = dims("C", 2, "D", 2);
    c.trial = 0;
    c.indexSpace = List.of(2, 2);
    c.indexSymbols = List.of("C", "D");
    c.axisNames = List.of("y", "x");
    c.indexNames = List.of("i", "j");
    c.components = 4;
    c.mismatches = 2;
    c.maxAbsError = 0.75;
    c.maxRelError = 0.6;
    c.note = "the claim is W' - a layout mix-up";
    c.offenders = List.of(
        new Offender(new int[] {0, 1}, 0.5, -0.25, 0.75, 5.01e-6),
        new Offender(new int[] {1, 0}, -0.25, 0.5, 0.75, 5.01e-6));
    c.hints = List.of(
        Hint.stated("the claim equals the numeric derivative transposed: did you mean `layout: denominator`?"));
    double[][] w = {{0.3, -0.25}, {0.5, 1.2}};
    c.grid = grid(new int[] {2, 2}, flat -> new double[] {w[flat % 2][flat / 2], w[flat / 2][flat % 2]});
    return new SpecResult(f.displayPath(), 0, "y = W x, claimed transposed", Status.PASSED, null, List.of(),
        List.of(c.build()), 0, 3);
  }

  static SpecResult errorSpec() {
    SourceFile f = Claims.source("specs/broken.yaml", BROKEN_YAML);
    Diagnostic unknown = Diagnostic.error("unknown-name", Claims.spanOf(f, "b[k"), "unknown name `b` in claim");
    unknown = new Diagnostic(unknown.severity(), unknown.code(),
        new io.gradspec.spec.Span(f, unknown.span().offset(), 1), unknown.message(), null, List.of(), List.of())
        .withLabel("not an input, a defined name, an index or a dimension")
        .withHelp("names are case-sensitive; did you mean the input `B` (shape [N, N])?");
    int at = f.text().indexOf("x[j] * B[k, i]\"");
    Diagnostic syntax = Diagnostic.error("syntax", new io.gradspec.spec.Span(f, at, 1),
            "expected `->` after the index list `[i, j, k]`")
        .withLabel("expected `->`, found `x`")
        .withNote("an index formula has the form `[i, j, ...] -> expression`")
        .withHelp("insert `->`: \"[i, j, k] -> x[j] * B[k, i]\"");
    return new SpecResult(f.displayPath(), 0, "broken", Status.ERROR, ErrorInfo.of(unknown),
        List.of(unknown, syntax), List.of(), 0, 1);
  }

  /** An xpassed claim and an inconclusive one (log of a negative number) in one spec. */
  static SpecResult xpassedAndInconclusiveSpec() {
    SourceFile f = Claims.source("specs/mistakes/fixed.yaml", """
        name: log and square
        dims: {D: 2}
        inputs: {x: {shape: [D], value: [-1, 2]}}
        define:
          s: sum(x .^ 2)
          l: sum(log(x))
        claims:
          - {of: s, wrt: x, claim: 2 * x, expect: fail, note: forgot the factor 2}
          - {of: l, wrt: x, claim: 1 ./ x}
        """);
    Claims xp = new Claims().claim(f, "2 * x");
    xp.of = "s";
    xp.expect = Expect.FAIL;
    xp.status = Status.XPASSED;
    xp.dims = dims("D", 2);
    xp.indexSpace = List.of(2);
    xp.indexSymbols = List.of("D");
    xp.axisNames = List.of("x");
    xp.indexNames = List.of("i");
    xp.components = 2;
    xp.maxAbsError = 1.1e-10;
    xp.maxRelError = 2.5e-11;
    xp.note = "forgot the factor 2";
    Claims in = new Claims().claim(f, "1 ./ x");
    in.index = 1;
    in.of = "l";
    in.status = Status.INCONCLUSIVE;
    in.dims = dims("D", 2);
    in.indexSpace = List.of(2);
    in.indexSymbols = List.of("D");
    in.axisNames = List.of("x");
    in.indexNames = List.of("i");
    in.components = 2;
    in.maxAbsError = Double.NaN;
    in.maxRelError = Double.POSITIVE_INFINITY;
    in.inconclusiveReason = InconclusiveReason.stated("the function value is NaN at trial 0 (1 of 2 components)");
    in.offenders = List.of(new Offender(new int[] {0}, -1.0, Double.NaN, Double.NaN, 1.001e-5));
    return new SpecResult(f.displayPath(), 1, "log and square", Status.FAILED, null, List.of(),
        List.of(xp.build(), in.build()), 1, 5);
  }

  static SpecResult passedSpec() {
    SourceFile f = Claims.source("specs/examples/trace.yaml", """
        name: trace(X) gradient
        dims: {N: 4}
        inputs: {X: [N, N]}
        define:
          f: trace(X)
        claims:
          - {wrt: X, claim: eye(N)}
          - {wrt: X, claim: eye(N)', layout: denominator}
        """);
    List<ClaimResult> claims = new ArrayList<>();
    for (String text : List.of("eye(N)", "eye(N)'")) {
      Claims c = new Claims().claim(f, text);
      c.index = claims.size();
      c.of = "f";
      c.wrt = "X";
      c.layout = claims.isEmpty() ? io.gradspec.spec.Layout.NUMERATOR : io.gradspec.spec.Layout.DENOMINATOR;
      c.dims = dims("N", 4);
      c.trial = 2;
      c.indexSpace = List.of(4, 4);
      c.indexSymbols = List.of("N", "N");
      c.axisNames = List.of("X row", "X col");
      c.indexNames = List.of("i", "j");
      c.components = 16;
      c.maxAbsError = 3.2e-11;
      c.maxRelError = 3.2e-11;
      claims.add(c.build());
    }
    return new SpecResult(f.displayPath(), 0, "trace(X) gradient", Status.PASSED, null, List.of(), claims, 0, 2);
  }

  /**
   * An error grid over {@code sizes} from (claimed, numeric) per flat index, held to the default tolerance
   * (no finite-difference error), as the checker would make it.
   */
  public static ErrorGrid grid(int[] sizes, java.util.function.IntFunction<double[]> values) {
    int n = 1;
    for (int s : sizes) n *= s;
    float[] err = new float[n], tol = new float[n];
    for (int f = 0; f < n; f++) {
      double[] v = values.apply(f);
      err[f] = (float) (v[0] - v[1]);
      tol[f] = (float) (1e-8 + 1e-5 * Math.max(Math.abs(v[0]), Math.abs(v[1])));
    }
    return new ErrorGrid(sizes, err, tol);
  }

  /** Dims in the order written, as the loader keeps them. */
  static Map<String, Integer> dims(Object... kv) {
    Map<String, Integer> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (Integer) kv[i + 1]);
    return m;
  }

  public static RunResult run(SpecResult... specs) {
    return RunResult.of("1.0.0", 0, List.of(specs), 123);
  }

  /** Case name -> run; each case is a folder under golden/reports. */
  public static Map<String, RunResult> cases() {
    return Map.of(
        "outer-product", run(outerProductSpec()),
        "wrong-shape", run(wrongShapeSpec()),
        "xfailed", run(xfailedSpec()),
        "error-spec", run(errorSpec()),
        "passed", run(passedSpec()),
        "xpassed-inconclusive", run(xpassedAndInconclusiveSpec()),
        "mixed", run(passedSpec(), outerProductSpec(), xfailedSpec(), errorSpec(), wrongShapeSpec()));
  }
}
