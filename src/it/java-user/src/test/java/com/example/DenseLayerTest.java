package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.api.Gradspec;
import io.gradspec.api.JavaProgram;
import io.gradspec.api.Options;
import io.gradspec.api.Report;
import io.gradspec.api.Tensor;
import io.gradspec.junit.GradspecTests;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The README's "Use from Java", as a project that depends on gradspec writes it. */
class DenseLayerTest {
  /** The layer under test: y = tanh(W x), and its hand-written backward. */
  static Tensor dense(Tensor w, Tensor x) {
    int c = w.size(0), d = w.size(1);
    double[] y = new double[c];
    for (int i = 0; i < c; i++) {
      double s = 0;
      for (int k = 0; k < d; k++) s += w.get(i, k) * x.data()[k];
      y[i] = Math.tanh(s);
    }
    return Tensor.of(new int[] {c}, y);
  }

  static double[][] denseBackward(Tensor dy, Tensor w, Tensor x) {
    int c = w.size(0), d = w.size(1);
    double[] y = dense(w, x).data();
    double[] dw = new double[c * d], dx = new double[d];
    for (int i = 0; i < c; i++) {
      double g = dy.data()[i] * (1 - y[i] * y[i]);
      for (int k = 0; k < d; k++) {
        dw[i * d + k] = g * x.data()[k];
        dx[k] += g * w.get(i, k);
      }
    }
    return new double[][] {dw, dx};
  }

  static final JavaProgram LAYERS = JavaProgram.named("layers")
      .function("dense", args -> dense(args[0], args[1]))
      .vjp("dense", (dy, args) -> denseBackward(dy, args[0], args[1]));

  /** Every claim of specs/ as a test of its own. */
  @TestFactory
  Stream<DynamicNode> derivatives() {
    return GradspecTests.specs(Gradspec.options().program(LAYERS), "specs");
  }

  @Test
  void aWrongBackwardFailsWithTheOffendingIndex() {
    JavaProgram wrong = JavaProgram.named("layers")
        .function("dense", args -> dense(args[0], args[1]))
        .vjp("dense", (dy, args) -> {
          double[][] g = denseBackward(dy, args[0], args[1]);
          g[1][2] *= -1;   // a sign slip in dx[2]
          return g;
        });
    Report r = Gradspec.options().program(wrong).check("specs/dense.yaml");
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.toString().contains("error[claim-failed]: claimed d y / d x (the program's vjp)"), r::toString);
    assertTrue(r.toString().contains("gradspec explain specs/dense.yaml --claim 1 --index 2,2"), r::toString);
  }

  @Test
  void gradspecBringsNoLoggingProviderOntoThisClasspath() {
    // choosing an SLF4J provider is this project's business, not gradspec's
    assertThrows(ClassNotFoundException.class, () -> Class.forName("org.slf4j.nop.NOPServiceProvider"));
  }

  @Test
  void optionsAreValuesAndReadLikeTheCommandLine() {
    Options base = Gradspec.options().seed(3);
    Options fast = base.mode("fast").program(LAYERS);
    Report r = fast.check("specs");
    assertTrue(r.passed(), r::toString);
    assertTrue(r.toString().contains("fast mode"), r::toString);
    // base is unchanged: without the program, the Java spec is refused at its name
    assertEquals(2, base.check("specs/dense.yaml").exitCode());
  }
}
