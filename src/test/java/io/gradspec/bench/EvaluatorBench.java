package io.gradspec.bench;

import io.gradspec.expr.eval.Compiler;
import io.gradspec.expr.eval.Program;
import io.gradspec.expr.kernel.Perturbation;
import io.gradspec.expr.sema.ShapeChecker;
import io.gradspec.expr.sema.TypedSpec;
import io.gradspec.numeric.InputSampler;
import io.gradspec.spec.Diagnostics;
import io.gradspec.spec.Spec;
import io.gradspec.spec.load.LoadedFile;
import io.gradspec.spec.load.SpecLoader;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of one perturbed evaluation: gradspec's compiled program (a {@link Perturbation} recomputing only
 * the nodes between `wrt` and `of`) against a hand-written EJML recomputation of the same function.
 *
 * <p>One operation = change one component of `wrt` to x_k + h, recompute the output, read it, put x_k
 * back. The component index cycles through all of `wrt`, as the checker's column loop does. Both sides
 * start from the same input values (the hand-written side copies gradspec's drawn inputs). Run with
 * {@code bench/jmh.sh}; this is not a test and surefire excludes it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EvaluatorBench {

  /** linear64/linear256: y = W x wrt W (C = D); mlp: the peer's MLP loss wrt W1; quadform100: x'Ax wrt A. */
  @Param({"linear64", "linear256", "mlp_small", "mlp_medium", "quadform100"})
  public String bench;

  private static final double H = 6.0e-6;

  private Perturbation pert;
  private int k;
  private int n;
  private HandWritten hand;

  @Setup
  public void setup() {
    Case c = Case.of(bench);
    Program p = compile(c.yaml);
    InputSampler.draw(p, 0, c.specName, 0);
    p.evaluate();
    pert = p.perturbation(c.of, c.wrt);
    n = pert.size();
    hand = c.hand(p);
    hand.eval();
    double a = pert.output()[0], b = hand.output()[0];
    if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a))) {
      throw new IllegalStateException(bench + ": gradspec " + a + " vs hand-written " + b);
    }
  }

  @Benchmark
  public double gradspec() {
    int i = next();
    double x = pert.get(i);
    pert.set(i, x + H);
    double out = pert.output()[0];
    pert.reset(i, x);
    return out;
  }

  @Benchmark
  public double ejml() {
    int i = next();
    double[] w = hand.wrt();
    double x = w[i];
    w[i] = x + H;
    hand.eval();
    double out = hand.output()[0];
    w[i] = x;
    return out;
  }

  private int next() {
    int i = k;
    k = (k + 1 == n) ? 0 : k + 1;
    return i;
  }

  static Program compile(String yaml) {
    LoadedFile lf = SpecLoader.loadString(yaml, "bench.yaml");
    LoadedFile.DocumentResult doc = lf.documents().get(0);
    if (!doc.valid()) throw new IllegalStateException("bench spec invalid: " + doc.diagnostics());
    Spec spec = doc.spec();
    Diagnostics diags = new Diagnostics();
    TypedSpec typed = ShapeChecker.check(spec, diags);
    if (typed == null || diags.hasErrors()) throw new IllegalStateException("shape errors: " + diags.all());
    Map<String, Integer> dims = spec.dims().get(0);
    Program p = Compiler.compile(typed, dims, diags);
    if (p == null || diags.hasErrors()) throw new IllegalStateException("compile errors: " + diags.all());
    return p;
  }

  static DMatrixRMaj copy(Program p, String name) {
    return p.value(name).m.copy();
  }

  /** A hand-written recomputation of the whole function over preallocated EJML buffers. */
  interface HandWritten {
    void eval();
    double[] wrt();
    double[] output();
  }

  /** One benchmark case: its spec, the claim it perturbs, and the equivalent hand-written code. */
  record Case(String specName, String yaml, String of, String wrt, java.util.function.Function<Program, HandWritten> factory) {
    HandWritten hand(Program p) { return factory.apply(p); }

    static Case of(String id) {
      return switch (id) {
        case "linear64" -> linear(64);
        case "linear256" -> linear(256);
        case "mlp_small" -> mlp(8, 4, 6, 3);
        case "mlp_medium" -> mlp(64, 32, 64, 10);
        case "quadform100" -> quadform(100);
        default -> throw new IllegalArgumentException(id);
      };
    }

    static Case linear(int n) {
      String name = "linear " + n;
      String yaml = """
          name: %s
          dims: {C: %d, D: %d}
          inputs: {W: [C, D], x: [D]}
          define:
            y: W * x
          claims:
            - {wrt: x, claim: W}
          """.formatted(name, n, n);
      return new Case(name, yaml, "y", "W", p -> {
        DMatrixRMaj w = copy(p, "W"), x = copy(p, "x"), y = new DMatrixRMaj(n, 1);
        return new HandWritten() {
          public void eval() { CommonOps_DDRM.mult(w, x, y); }
          public double[] wrt() { return w.data; }
          public double[] output() { return y.data; }
        };
      });
    }

    static Case mlp(int nN, int nD, int nH, int nC) {
      String name = "mlp " + nN + "x" + nD + "x" + nH + "x" + nC;
      String yaml = """
          name: %s
          dims: {N: %d, D: %d, H: %d, C: %d}
          inputs: {X: [N, D], W1: [D, H], b1: [1, H], W2: [H, C], T: [N, C]}
          define:
            A: tanh(X * W1 + b1)
            R: A * W2 - T
            L: sum(R .* R) / N
          claims:
            - {wrt: W2, claim: "2 / N * A' * R"}
          """.formatted(name, nN, nD, nH, nC);
      return new Case(name, yaml, "L", "W1", p -> {
        DMatrixRMaj xx = copy(p, "X"), w1 = copy(p, "W1"), b1 = copy(p, "b1"), w2 = copy(p, "W2"),
            t = copy(p, "T");
        DMatrixRMaj a = new DMatrixRMaj(nN, nH), r = new DMatrixRMaj(nN, nC), l = new DMatrixRMaj(1, 1);
        return new HandWritten() {
          public void eval() {
            CommonOps_DDRM.mult(xx, w1, a);
            double[] ad = a.data, bd = b1.data;
            for (int i = 0; i < nN; i++) {
              for (int j = 0; j < nH; j++) ad[i * nH + j] = Math.tanh(ad[i * nH + j] + bd[j]);
            }
            CommonOps_DDRM.mult(a, w2, r);
            double s = 0;
            double[] rd = r.data, td = t.data;
            for (int i = 0; i < rd.length; i++) { double e = rd[i] - td[i]; s += e * e; }
            l.data[0] = s / nN;
          }
          public double[] wrt() { return w1.data; }
          public double[] output() { return l.data; }
        };
      });
    }

    static Case quadform(int n) {
      String name = "quadform " + n;
      String yaml = """
          name: %s
          dims: {n: %d}
          inputs: {A: [n, n], x: [n]}
          define:
            f: x' * A * x
          claims:
            - {wrt: A, claim: "x * x'"}
          """.formatted(name, n);
      return new Case(name, yaml, "f", "A", p -> {
        DMatrixRMaj a = copy(p, "A"), x = copy(p, "x"), ax = new DMatrixRMaj(n, 1), f = new DMatrixRMaj(1, 1);
        return new HandWritten() {
          public void eval() {
            CommonOps_DDRM.mult(a, x, ax);
            f.data[0] = CommonOps_DDRM.dot(x, ax);
          }
          public double[] wrt() { return a.data; }
          public double[] output() { return f.data; }
        };
      });
    }
  }
}
