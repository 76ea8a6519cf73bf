package io.gradspec.expr.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.gradspec.expr.kernel.Perturbation;
import io.gradspec.expr.sema.ShapeChecker;
import io.gradspec.expr.sema.TypedSpec;
import io.gradspec.numeric.InputSampler;
import io.gradspec.spec.Diagnostics;
import io.gradspec.spec.Spec;
import io.gradspec.spec.load.SpecLoader;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An elementwise operation with a transposed matrix operand ({@code A + A'}) reads the operand transposed
 * instead of materialising it. It must give what the materialised transpose gives ({@code transpose(A)},
 * which is compiled as its own node), bit for bit: at the base point, and after every single perturbation
 * through the dirty-region path (same values, same dirty entries downstream).
 */
class TransposedOperandTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "A + A'|A + transpose(A)",
      "A' - B|transpose(A) - B",
      "A' .* B'|transpose(A) .* transpose(B)",
      "(A * B)' ./ (B + 3)|transpose(A * B) ./ (B + 3)",
      "tanh(A - A') + B|tanh(A - transpose(A)) + B",
      "(A + A') * x|(A + transpose(A)) * x",
      "C' + D|transpose(C) + D",
  })
  void sameAsMaterialisedTranspose(String fused, String plain) {
    for (int n : new int[] {1, 2, 3, 5, 9, 35}) {
      // 35: more than one tile of the full kernel, with partial tiles at the edges
      for (String of : n > 9 ? new String[] {"s"} : new String[] {"y", "s"}) {
        for (String wrt : new String[] {"A", "B", "C", "D", "x"}) {
          if (!(fused + " " + of).matches(".*\\b" + wrt + "\\b.*")) continue;
          double[][] a = outputs(fused, of, wrt, n), b = outputs(plain, of, wrt, n);
          assertEquals(a.length, b.length);
          for (int k = 0; k < a.length; k++) {
            for (int i = 0; i < a[k].length; i++) {
              assertEquals(Double.doubleToLongBits(b[k][i]), Double.doubleToLongBits(a[k][i]),
                  fused + ", n=" + n + ", d " + of + " / d " + wrt + ", perturbation " + k + ", component " + i);
            }
          }
        }
      }
    }
  }

  /** Row 0: `of` at the base point; then `of` after each single perturbation of `wrt`, both signs. */
  private static double[][] outputs(String expr, String of, String wrt, int n) {
    String yaml = "name: t\ndims: {n: " + n + ", m: " + (n + 2) + "}\n"
        + "inputs: {A: [n, n], B: [n, n], x: [n], C: [m, n], D: [n, m]}\n"
        + "define:\n  y: \"" + expr + "\"\n  s: sum(y .* y)\nclaims:\n  - {of: " + of + ", wrt: " + wrt + ", claim: 0}\n";
    Spec spec = SpecLoader.loadString(yaml, "t.yaml").documents().get(0).spec();
    assertNotNull(spec, yaml);
    Diagnostics d = new Diagnostics();
    TypedSpec t = ShapeChecker.check(spec, d);
    assertNotNull(t, d.all().toString());
    Map<String, Integer> dims = spec.dims().get(0);
    Program p = Compiler.compile(t, dims, d);
    assertNotNull(p, d.all().toString());
    InputSampler.draw(p, 7, "t", 0);
    p.evaluate();
    Perturbation pert = p.perturbation(of, wrt);
    int size = pert.size();
    double[][] out = new double[1 + 2 * size][];
    out[0] = pert.output().clone();
    for (int k = 0; k < size; k++) {
      double x = pert.get(k);
      pert.set(k, x + 1e-3);
      out[1 + 2 * k] = pert.output().clone();
      pert.set(k, x - 2e-3);
      out[2 + 2 * k] = pert.output().clone();
      pert.set(k, x);
    }
    pert.restore();
    return out;
  }
}
