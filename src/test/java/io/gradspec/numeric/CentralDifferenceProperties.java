package io.gradspec.numeric;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.TestSpecs;
import io.gradspec.expr.eval.Compiler;
import io.gradspec.expr.eval.Program;
import io.gradspec.expr.kernel.Perturbation;
import io.gradspec.expr.sema.ShapeChecker;
import io.gradspec.expr.sema.TypedSpec;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.Diagnostics;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded-random properties of central differences on polynomials. For a quadratic the central difference
 * has no truncation error, so it must match the exact derivative within the round-off bound the checker
 * uses; for a cubic, within that plus the truncation term h^2 |f'''| / 6.
 */
class CentralDifferenceProperties {

  static IntStream seeds() { return IntStream.range(0, 200); }

  /** f(x) = sum_i a_i x_i^2 + b_i x_i + c x_0 x_1 (+ d_i x_i^3): returns the spec text and the exact gradient. */
  private static Object[] polynomial(long seed, boolean cubic) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 2 + r.nextInt(5);
    double[] a = new double[n], b = new double[n], d = new double[n], x = new double[n];
    double scale = Math.pow(10, r.nextInt(7) - 3); // magnitudes from 1e-3 to 1e3
    for (int i = 0; i < n; i++) {
      a[i] = (r.nextDouble() * 2 - 1) * scale;
      b[i] = (r.nextDouble() * 2 - 1) * scale;
      d[i] = cubic ? (r.nextDouble() * 2 - 1) : 0;
      x[i] = (r.nextDouble() * 2 - 1) * Math.pow(10, r.nextInt(5) - 2);
    }
    double c = r.nextDouble() * 2 - 1;
    StringBuilder f = new StringBuilder("c * x[0] * x[1]");
    double[] grad = new double[n];
    double[] third = new double[n];
    for (int i = 0; i < n; i++) {
      f.append(String.format(Locale.ROOT, " + %s * x[%d]^2 + %s * x[%d]", lit(a[i]), i, lit(b[i]), i));
      if (cubic) f.append(String.format(Locale.ROOT, " + %s * x[%d]^3", lit(d[i]), i));
      grad[i] = 2 * a[i] * x[i] + b[i] + 3 * d[i] * x[i] * x[i];
      third[i] = 6 * d[i];
    }
    grad[0] += c * x[1];
    grad[1] += c * x[0];
    StringBuilder xs = new StringBuilder();
    for (int i = 0; i < n; i++) xs.append(i == 0 ? "" : ", ").append(lit(x[i]));
    String yaml = "name: p\ndims: {N: " + n + "}\ninputs:\n  x: {shape: [N], value: [" + xs + "]}\n"
        + "  c: {shape: [], value: " + lit(c) + "}\ndefine:\n  f: \"" + f + "\"\nclaims:\n  - {wrt: x, claim: x}\n";
    return new Object[] {yaml, grad, third, x};
  }

  private static String lit(double v) { return String.format(Locale.ROOT, "%.17g", v).replace("+", ""); }

  private static void check(long seed, boolean cubic) {
    Object[] p = polynomial(seed, cubic);
    var spec = TestSpecs.spec((String) p[0]);
    Diagnostics d = new Diagnostics();
    TypedSpec t = ShapeChecker.check(spec, d);
    Program prog = Compiler.compile(t, spec.dims().get(0), d);
    prog.evaluate();
    Perturbation pert = prog.perturbation("f", "x");
    CentralDifference cd = new CentralDifference(pert, CheckSettings.DEFAULT_STEP);
    double[] grad = (double[]) p[1], third = (double[]) p[2], x = (double[]) p[3];
    double[] num = new double[1], err = new double[1];
    for (int k = 0; k < grad.length; k++) {
      cd.column(k, num, err, null, null);
      double h = cd.lastStep();
      double truncation = h * h * Math.abs(third[k]) / 6 * 1.01;
      double bound = err[0] + truncation + 1e-300;
      double diff = Math.abs(num[0] - grad[k]);
      final int kk = k;
      assertTrue(diff <= bound, () -> String.format(Locale.ROOT,
          "seed %d k %d: |numeric - exact| = %.3e > bound %.3e (x=%s)", seed, kk, diff, bound, x[kk]));
    }
  }

  @ParameterizedTest @MethodSource("seeds")
  void quadraticsAreExactUpToRoundOff(int seed) { check(seed, false); }

  @ParameterizedTest @MethodSource("seeds")
  void cubicsAreWithinRoundOffPlusTruncation(int seed) { check(seed, true); }
}
