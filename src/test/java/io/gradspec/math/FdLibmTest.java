package io.gradspec.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Java transcriptions of fdlibm's log, cos, tanh and expm1 against {@link StrictMath} (JNI into the C fdlibm on
 * JDK 17), bit for bit: the sampler's own arguments (uniforms in (0, 1) and 2 pi times them), random bit
 * patterns over the whole double range, and the edge cases of each branch.
 */
class FdLibmTest {
  private static void same(double expected, double actual, String what, double x) {
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
        () -> what + "(" + x + ") = " + expected + " but the port gives " + actual);
  }

  @Test
  void logAndCosOfTheSamplersArguments() {
    SplittableRandom r = new SplittableRandom(42);
    for (int i = 0; i < 3_000_000; i++) {
      double u = r.nextDouble();
      same(StrictMath.log(u), FdLibm.log(u), "log", u);
      double a = 2 * Math.PI * u;
      same(StrictMath.cos(a), FdLibm.cos(a), "cos", a);
    }
    same(StrictMath.log(1e-300), FdLibm.log(1e-300), "log", 1e-300);
  }

  @Test
  void randomBitPatterns() {
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 2_000_000; i++) {
      double x = Double.longBitsToDouble(r.nextLong());
      same(StrictMath.log(x), FdLibm.log(x), "log", x);
      same(StrictMath.cos(x), FdLibm.cos(x), "cos", x);
      // and the reduction's range: |x| up to 2^19 pi/2, densest where the branches change
      double y = (r.nextDouble() * 2 - 1) * Math.scalb(1.0, r.nextInt(-30, 20));
      same(StrictMath.cos(y), FdLibm.cos(y), "cos", y);
      double z = Math.abs(x) < 1e-300 ? x : 1 + (r.nextDouble() - 0.5) * Math.scalb(1.0, -r.nextInt(1, 52));
      same(StrictMath.log(z), FdLibm.log(z), "log", z);
    }
  }

  @Test
  void tanhAndExpm1() {
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < 2_000_000; i++) {
      double x = (r.nextDouble() * 2 - 1) * Math.scalb(1.0, r.nextInt(-60, 11));
      same(StrictMath.tanh(x), FdLibm.tanh(x), "tanh", x);
      same(StrictMath.expm1(x), FdLibm.expm1(x), "expm1", x);
      double b = Double.longBitsToDouble(r.nextLong());
      same(StrictMath.tanh(b), FdLibm.tanh(b), "tanh", b);
      same(StrictMath.expm1(b), FdLibm.expm1(b), "expm1", b);
      double g = r.nextGaussian() * 3; // what a network's pre-activations look like
      same(StrictMath.tanh(g), FdLibm.tanh(g), "tanh", g);
    }
    double[] xs = {0.0, -0.0, 1.0, -1.0, 22.0, -22.0, 0.5 * Math.log(2), 1.5 * Math.log(2), 56 * Math.log(2), 709.78,
        709.8, -745.2, Double.MIN_VALUE, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
        Math.scalb(1.0, -54), Math.scalb(1.0, -55), 0.25, -0.25, 20 * Math.log(2), 57 * Math.log(2), -2 * Math.log(2)};
    for (double x0 : xs) {
      for (double x : new double[] {x0, Math.nextUp(x0), Math.nextDown(x0), -x0}) {
        same(StrictMath.tanh(x), FdLibm.tanh(x), "tanh", x);
        same(StrictMath.expm1(x), FdLibm.expm1(x), "expm1", x);
      }
    }
  }

  @Test
  void edges() {
    double[] xs = {0.0, -0.0, 1.0, -1.0, 2.0, 0.5, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Math.E, Math.PI, Math.PI / 2, Math.PI / 4,
        3 * Math.PI / 4, 2 * Math.PI, Math.nextDown(2 * Math.PI), 0.3, 1e-9, 1e-20, 1 + 1e-7, 1 - 1e-7,
        Math.scalb(1.0, 19) * Math.PI / 2, Math.nextUp(Math.scalb(1.0, 19) * Math.PI / 2), 1e6, 1e22};
    for (double x0 : xs) {
      for (double x : new double[] {x0, Math.nextUp(x0), Math.nextDown(x0), -x0}) {
        same(StrictMath.log(x), FdLibm.log(x), "log", x);
        same(StrictMath.cos(x), FdLibm.cos(x), "cos", x);
      }
    }
    for (int n = 1; n <= 40; n++) {
      double x = n * (Math.PI / 2);
      for (double v : new double[] {x, Math.nextUp(x), Math.nextDown(x), -x}) same(StrictMath.cos(v), FdLibm.cos(v), "cos", v);
    }
  }
}
