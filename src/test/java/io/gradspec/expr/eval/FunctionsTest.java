package io.gradspec.expr.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.TestSpecs;
import io.gradspec.expr.builtin.Builtin;
import io.gradspec.expr.builtin.Builtins;
import io.gradspec.expr.sema.ShapeChecker;
import io.gradspec.expr.sema.TypedSpec;
import io.gradspec.spec.Diagnostics;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each operator and built-in function: its symbolic shape and its value on fixed literal inputs. */
public class FunctionsTest {
  static final String INPUTS = """
      inputs:
        A: {shape: [N, N], value: [[2, 1], [1, 3]]}
        B: {shape: [N, N], value: [[1, -1], [0, 2]]}
        v: {shape: [N], value: [1, -2]}
        u: {shape: [N], value: [0.5, 4]}
        R: {shape: [1, N], value: [3, 5]}
        s: {shape: [], value: 0.5}
        X: {shape: [M, N], value: [[1, 2], [3, 4], [5, 6]]}
      """;

  /** A rank-3 value for the batched functions: T[p, i, j] = 10 p + 2 i + j, of shape [M, N, N]. */
  private static final String RANK3 = "  T: \"[p: M, i: N, j: N] -> 10 * p + 2 * i + j\"\n";

  /** Evaluates `y: expr` and returns (shape, values). */
  static Object[] eval(String expr) {
    // the claim is irrelevant (never evaluated): only the definition's value is read
    String yaml = "name: f\ndims: {N: 2, M: 3}\n" + INPUTS + "define:\n" + RANK3 + "  y: \"" + expr + "\"\n  z: s * 1\n"
        + "claims:\n  - {of: z, wrt: s, claim: 1}\n";
    var spec = TestSpecs.spec(yaml);
    Diagnostics d = new Diagnostics();
    TypedSpec t = ShapeChecker.check(spec, d);
    assertNotNull(t, () -> d.all().toString());
    Program p = Compiler.compile(t, spec.dims().get(0), d);
    assertNotNull(p, () -> d.all().toString());
    p.evaluate();
    return new Object[] {t.defines.get("y").shape().toString(), p.value("y").data().clone()};
  }

  public static Stream<Arguments> cases() {
    double e = Math.E, L = Math.log1p(Math.E), SM0 = 1 / (1 + Math.E), SM1 = Math.E / (1 + Math.E);
    return Stream.of(
        Arguments.of("A + B", "[N, N]", new double[] {3, 0, 1, 5}),
        Arguments.of("A - B", "[N, N]", new double[] {1, 2, 1, 1}),
        Arguments.of("-v", "[N, 1]", new double[] {-1, 2}),
        Arguments.of("A * B", "[N, N]", new double[] {2, 0, 1, 5}),
        Arguments.of("A * v", "[N, 1]", new double[] {0, -5}),
        Arguments.of("v' * u", "[]", new double[] {-7.5}),
        Arguments.of("2 * v", "[N, 1]", new double[] {2, -4}),
        Arguments.of("A / 2", "[N, N]", new double[] {1, 0.5, 0.5, 1.5}),
        Arguments.of("A .* B", "[N, N]", new double[] {2, -1, 0, 6}),
        Arguments.of("v ./ u", "[N, 1]", new double[] {2, -0.5}),
        Arguments.of("v .^ 2", "[N, 1]", new double[] {1, 4}),
        Arguments.of("s ^ 2", "[]", new double[] {0.25}),
        Arguments.of("-s^2", "[]", new double[] {-0.25}),
        Arguments.of("A'", "[N, N]", new double[] {2, 1, 1, 3}),
        Arguments.of("transpose(X)", "[N, M]", new double[] {1, 3, 5, 2, 4, 6}),
        Arguments.of("X + R", "[M, N]", new double[] {4, 7, 6, 9, 8, 11}),
        Arguments.of("v + R", "[N, N]", new double[] {4, 6, 1, 3}),
        Arguments.of("v[1]", "[]", new double[] {-2}),
        Arguments.of("(A * B)[1, 1]", "[]", new double[] {5}),
        Arguments.of("inv(A)[0, 1]", "[]", new double[] {-0.2}),
        Arguments.of("R[1]", "[]", new double[] {5}),
        Arguments.of("s > 0", "[]", new double[] {1}),
        Arguments.of("s <= 0 || s == 0.5", "[]", new double[] {1}),
        Arguments.of("s != 0.5 && s < 1", "[]", new double[] {0}),
        Arguments.of("if(s > 1, log(-s), s)", "[]", new double[] {0.5}),
        Arguments.of("delta(1, 1) + delta(1, 2)", "[]", new double[] {1}),
        Arguments.of("exp(v)", "[N, 1]", new double[] {e, Math.exp(-2)}),
        Arguments.of("log(u)", "[N, 1]", new double[] {Math.log(0.5), Math.log(4)}),
        Arguments.of("sqrt(u)", "[N, 1]", new double[] {Math.sqrt(0.5), 2}),
        Arguments.of("abs(v)", "[N, 1]", new double[] {1, 2}),
        Arguments.of("sin(v)", "[N, 1]", new double[] {Math.sin(1), Math.sin(-2)}),
        Arguments.of("cos(v)", "[N, 1]", new double[] {Math.cos(1), Math.cos(-2)}),
        Arguments.of("tan(v)", "[N, 1]", new double[] {Math.tan(1), Math.tan(-2)}),
        Arguments.of("tanh(v)", "[N, 1]", new double[] {Math.tanh(1), Math.tanh(-2)}),
        Arguments.of("sigmoid(v)", "[N, 1]", new double[] {1 / (1 + Math.exp(-1)), 1 / (1 + Math.exp(2))}),
        Arguments.of("softplus(v)", "[N, 1]", new double[] {Math.log(1 + e), Math.log(1 + Math.exp(-2))}),
        Arguments.of("relu(v)", "[N, 1]", new double[] {1, 0}),
        Arguments.of("sign(v)", "[N, 1]", new double[] {1, -1}),
        Arguments.of("pow(u, 3)", "[N, 1]", new double[] {0.125, 64}),
        Arguments.of("trace(A)", "[]", new double[] {5}),
        Arguments.of("det(A)", "[]", new double[] {5}),
        Arguments.of("logdet(B)", "[]", new double[] {Math.log(2)}),
        Arguments.of("inv(A)", "[N, N]", new double[] {0.6, -0.2, -0.2, 0.4}),
        Arguments.of("sum(X)", "[]", new double[] {21}),
        Arguments.of("mean(X)", "[]", new double[] {3.5}),
        Arguments.of("rowsum(X)", "[M, 1]", new double[] {3, 7, 11}),
        Arguments.of("colsum(X)", "[1, N]", new double[] {9, 12}),
        Arguments.of("diag(v)", "[N, N]", new double[] {1, 0, 0, -2}),
        Arguments.of("diagonal(A)", "[N, 1]", new double[] {2, 3}),
        Arguments.of("eye(N)", "[N, N]", new double[] {1, 0, 0, 1}),
        Arguments.of("ones(M, 1)", "[M, 1]", new double[] {1, 1, 1}),
        Arguments.of("zeros(1, N)", "[1, N]", new double[] {0, 0}),
        Arguments.of("kron(v, R)", "[N, N]", new double[] {3, 5, -6, -10}),
        Arguments.of("outer(v, u)", "[N, N]", new double[] {0.5, 4, -1, -8}),
        Arguments.of("dot(v, u)", "[]", new double[] {-7.5}),
        Arguments.of("norm(v)", "[]", new double[] {Math.sqrt(5)}),
        Arguments.of("softmax(v)", "[N, 1]", new double[] {e / (e + Math.exp(-2)), Math.exp(-2) / (e + Math.exp(-2))}),
        Arguments.of("logsumexp(v)", "[]", new double[] {Math.log(e + Math.exp(-2))}),
        Arguments.of("softmax_rows(A)", "[N, N]", new double[] {e / (e + 1), 1 / (e + 1), 1 / (1 + e * e), e * e / (1 + e * e)}),
        Arguments.of("logsumexp_rows(A)", "[N, 1]", new double[] {Math.log(e * e + e), Math.log(e + Math.exp(3))}),
        Arguments.of("N * s + pi", "[]", new double[] {1 + Math.PI}),
        Arguments.of("[i: N] -> sum(k, A[i, k] * v[k])", "[N, 1]", new double[] {0, -5}),
        Arguments.of("[i: M, j: N] -> X[i, j] * (i + 1)", "[M, N]", new double[] {1, 2, 6, 8, 15, 18}),
        Arguments.of("[i: N, j: N, k: N] -> A[i, j] * v[k]", "[N, N, N]", new double[] {2, -4, 1, -2, 1, -2, 3, -6}),
        Arguments.of("sum(k: N, v[k] * u[k])", "[]", new double[] {-7.5}),
        // issue 13; reference values from SciPy 1.17 / NumPy 2.4 (scipy.special.erf, gammaln, digamma, ...)
        Arguments.of("erf(v)", "[N, 1]", new double[] {0.8427007929497148, -0.9953222650189527}),
        Arguments.of("erfc(v)", "[N, 1]", new double[] {0.15729920705028516, 1.9953222650189528}),
        Arguments.of("lgamma(u)", "[N, 1]", new double[] {0.5723649429247, 1.791759469228055}),
        Arguments.of("digamma(u)", "[N, 1]", new double[] {-1.9635100260214235, 1.2561176684318003}),
        Arguments.of("polygamma(1, u)", "[N, 1]", new double[] {4.934802200544679, 0.28382295573711525}),
        Arguments.of("polygamma(2, u) + 0 * polygamma(3, -1.5)", "[N, 1]", new double[] {-16.828796644234320, -0.08003973224511450}),
        Arguments.of("polygamma(3, -1.5 + 0 * u)", "[N, 1]", new double[] {194.594276219188, 194.594276219188}),
        Arguments.of("asin(v / 4)", "[N, 1]", new double[] {0.25268025514207865, -0.5235987755982989}),
        Arguments.of("acos(v / 4)", "[N, 1]", new double[] {1.318116071652818, 2.0943951023931957}),
        Arguments.of("atan(v)", "[N, 1]", new double[] {0.7853981633974483, -1.1071487177940904}),
        Arguments.of("sinh(v)", "[N, 1]", new double[] {1.1752011936438014, -3.626860407847019}),
        Arguments.of("cosh(v)", "[N, 1]", new double[] {1.5430806348152437, 3.7621956910836314}),
        Arguments.of("asinh(v)", "[N, 1]", new double[] {0.881373587019543, -1.4436354751788103}),
        Arguments.of("acosh(u + 1)", "[N, 1]", new double[] {0.9624236501192069, 2.2924316695611777}),
        Arguments.of("atanh(v / 4)", "[N, 1]", new double[] {0.25541281188299536, -0.5493061443340548}),
        Arguments.of("log1p(u)", "[N, 1]", new double[] {0.4054651081081644, 1.6094379124341003}),
        Arguments.of("expm1(v)", "[N, 1]", new double[] {1.718281828459045, -0.8646647167633873}),
        Arguments.of("atan2(v, u)", "[N, 1]", new double[] {1.1071487177940904, -0.4636476090008061}),
        Arguments.of("floor(X / 4)", "[M, N]", new double[] {0, 0, 0, 1, 1, 1}),
        Arguments.of("ceil(X / 4)", "[M, N]", new double[] {1, 1, 1, 1, 2, 2}),
        Arguments.of("round(X / 2)", "[M, N]", new double[] {0, 1, 2, 2, 2, 3}), // half to even, as numpy.round
        Arguments.of("mod(X, -4)", "[M, N]", new double[] {-3, -2, -1, 0, -3, -2}), // the divisor's sign, as numpy.mod
        Arguments.of("mod(v, 3)", "[N, 1]", new double[] {1, 1}),
        Arguments.of("maximum(A, B)", "[N, N]", new double[] {2, 1, 1, 3}),
        Arguments.of("minimum(v, R)", "[N, N]", new double[] {1, 1, -2, -2}),
        Arguments.of("maximum(X, 3)", "[M, N]", new double[] {3, 3, 3, 4, 5, 6}),
        Arguments.of("A > B", "[N, N]", new double[] {1, 1, 1, 1}),
        Arguments.of("X >= R", "[M, N]", new double[] {0, 0, 1, 0, 1, 1}),
        Arguments.of("(v > 0) && (u > 1)", "[N, 1]", new double[] {0, 0}),
        Arguments.of("where(v > 0, v, u)", "[N, 1]", new double[] {1, 4}),
        Arguments.of("where(A > 1.5, A, 0)", "[N, N]", new double[] {2, 0, 0, 3}),
        Arguments.of("where(v > 0, R, -1)", "[N, N]", new double[] {3, 5, -1, -1}),
        Arguments.of("max(X)", "[]", new double[] {6}),
        Arguments.of("min(B)", "[]", new double[] {-1}),
        Arguments.of("prod(X)", "[]", new double[] {720}),
        Arguments.of("rowmax(X)", "[M, 1]", new double[] {2, 4, 6}),
        Arguments.of("rowmin(B)", "[N, 1]", new double[] {-1, 0}),
        Arguments.of("rowprod(X)", "[M, 1]", new double[] {2, 12, 30}),
        Arguments.of("colmax(X)", "[1, N]", new double[] {5, 6}),
        Arguments.of("colmin(X)", "[1, N]", new double[] {1, 2}),
        Arguments.of("colprod(X)", "[1, N]", new double[] {15, 48}),
        Arguments.of("argmax(v)", "[]", new double[] {0}),
        Arguments.of("argmin(v)", "[]", new double[] {1}),
        Arguments.of("rowargmax(B)", "[N, 1]", new double[] {0, 1}),
        Arguments.of("rowargmin(B)", "[N, 1]", new double[] {1, 0}),
        Arguments.of("colargmax(X)", "[1, N]", new double[] {2, 2}),
        Arguments.of("colargmin(B)", "[1, N]", new double[] {1, 0}),
        Arguments.of("cumsum(v)", "[N, 1]", new double[] {1, -1}),
        Arguments.of("cumprod(u)", "[N, 1]", new double[] {0.5, 2}),
        Arguments.of("sort(v)", "[N, 1]", new double[] {-2, 1}),
        Arguments.of("cumsum_rows(X)", "[M, N]", new double[] {1, 3, 3, 7, 5, 11}),
        Arguments.of("cumprod_rows(X)", "[M, N]", new double[] {1, 2, 3, 12, 5, 30}),
        Arguments.of("cumsum_cols(X)", "[M, N]", new double[] {1, 2, 4, 6, 9, 12}),
        Arguments.of("cumprod_cols(X)", "[M, N]", new double[] {1, 2, 3, 8, 15, 48}),
        Arguments.of("concat(A, X)", "[M+N, N]", new double[] {2, 1, 1, 3, 1, 2, 3, 4, 5, 6}),
        Arguments.of("concat(v, u)", "[2*N, 1]", new double[] {1, -2, 0.5, 4}),
        Arguments.of("concat_cols(A, B)", "[N, 2*N]", new double[] {2, 1, 1, -1, 1, 3, 0, 2}),
        Arguments.of("reshape(X, N, M)", "[N, M]", new double[] {1, 2, 3, 4, 5, 6}),
        Arguments.of("flip(v)", "[N, 1]", new double[] {-2, 1}),
        Arguments.of("flipud(X)", "[M, N]", new double[] {5, 6, 3, 4, 1, 2}),
        Arguments.of("fliplr(X)", "[M, N]", new double[] {2, 1, 4, 3, 6, 5}),
        Arguments.of("tril(A)", "[N, N]", new double[] {2, 0, 1, 3}),
        Arguments.of("tril(X, -1)", "[M, N]", new double[] {0, 0, 3, 0, 5, 6}),
        Arguments.of("triu(A, 1)", "[N, N]", new double[] {0, 1, 0, 0}),
        Arguments.of("pad(R, 1, 1)", "[3, N+2]", new double[] {0, 0, 0, 0, 0, 3, 5, 0, 0, 0, 0, 0}),
        Arguments.of("X[1:M, :]", "[M-1, N]", new double[] {3, 4, 5, 6}),
        Arguments.of("X[:, 1]", "[M, 1]", new double[] {2, 4, 6}),
        Arguments.of("X[0, :]", "[1, N]", new double[] {1, 2}),
        Arguments.of("R[1:2]", "[]", new double[] {5}),
        Arguments.of("concat(X, A)[M:M+N, 0:1]", "[N, 1]", new double[] {2, 1}),
        Arguments.of("[i: M-1] -> X[i + 1, 0]", "[M-1, 1]", new double[] {3, 5}),
        Arguments.of("sum(k: 2, X[k + 1, 0])", "[]", new double[] {8}), // a literal range; indices checked when run
        // decompositions, against numpy.linalg (QR and eigh with the documented signs) and mpmath.expm at 40 digits
        // (scipy.linalg.expm is 2e-13 off for expm(A))
        Arguments.of("solve(A, B)", "[N, N]", new double[] {0.6, -1.0, -0.2, 1.0}),
        Arguments.of("solve(A, v)", "[N, 1]", new double[] {1.0, -1.0}),
        Arguments.of("chol(A)", "[N, N]", new double[] {1.4142135623730951, 0.0, 0.7071067811865475, 1.5811388300841898}),
        Arguments.of("qr_q(X)", "[M, N]", new double[] {0.16903085094570325, 0.8970852271450607, 0.50709255283711,
            0.27602622373694136, 0.8451542547285166, -0.34503277967117696}),
        Arguments.of("qr_r(X)", "[N, N]", new double[] {5.916079783099616, 7.437357441610946, 0.0, 0.828078671210825}),
        Arguments.of("eigvalsh(A)", "[N, 1]", new double[] {1.381966011250105, 3.618033988749895}),
        Arguments.of("eigvecsh(A)", "[N, N]", new double[] {0.8506508083520399, 0.5257311121191335, -0.5257311121191335,
            0.8506508083520399}),
        Arguments.of("svdvals(X)", "[N, 1]", new double[] {9.525518091565107, 0.5143005806586443}),
        Arguments.of("expm(A)", "[N, N]", new double[] {13.181507095928318, 14.883943678874827, 14.883943678874827, 28.065450774803143}),
        Arguments.of("expm(3 * B)", "[N, N]", new double[] {20.085536923187668, -383.34325656954746, 0.0, 403.4287934927351}),
        Arguments.of("[i: M] -> X[i, rowargmax(X)[i]]", "[M, 1]", new double[] {2, 4, 6}),
        // rank 3 (issue 13 item 4): batched products, the batched transpose, reductions along a named axis
        Arguments.of("T", "[M, N, N]", new double[] {0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23}),
        Arguments.of("bmm(T, T)", "[M, N, N]", new double[] {2, 3, 6, 11, 232, 253, 276, 301, 862, 903, 946, 991}),
        Arguments.of("T'", "[M, N, N]", new double[] {0, 2, 1, 3, 10, 12, 11, 13, 20, 22, 21, 23}),
        Arguments.of("bmm(T, T') - bmm(T, transpose(T))", "[M, N, N]", new double[12]),
        Arguments.of("sum_over(T, M)", "[N, N]", new double[] {30, 33, 36, 39}),
        Arguments.of("mean_over(T, -1)", "[M, N]", new double[] {0.5, 2.5, 10.5, 12.5, 20.5, 22.5}),
        Arguments.of("max_over(T, -2)", "[M, N]", new double[] {2, 3, 12, 13, 22, 23}),
        Arguments.of("min_over(T, M)", "[N, N]", new double[] {0, 1, 2, 3}),
        Arguments.of("prod_over(T, -1)", "[M, N]", new double[] {0, 6, 110, 156, 420, 506}),
        Arguments.of("logsumexp_over(T, -1)", "[M, N]", new double[] {L, 2 + L, 10 + L, 12 + L, 20 + L, 22 + L}),
        Arguments.of("softmax_over(T, -1)", "[M, N, N]", new double[] {SM0, SM1, SM0, SM1, SM0, SM1, SM0, SM1, SM0, SM1, SM0, SM1}),
        Arguments.of("sum_over(X, M)", "[N, 1]", new double[] {9, 12}),
        Arguments.of("sum_over(X, N)", "[M, 1]", new double[] {3, 7, 11}),
        Arguments.of("sum_over(v, N)", "[]", new double[] {-1}),
        Arguments.of("-T + 2 * T / 2", "[M, N, N]", new double[12]),
        Arguments.of("maximum(T, 5) .* (T > 11)", "[M, N, N]", new double[] {0, 0, 0, 0, 0, 0, 12, 13, 20, 21, 22, 23}),
        Arguments.of("sum(T) + max(T) + min(T) + mean(T)", "[]", new double[] {138 + 23 + 0 + 11.5}),
        Arguments.of("[i: N] -> maximum(v[i], 0) + where(v[i] > 0, 1, 2) + mod(v[i], 3) + erf(0 * v[i])", "[N, 1]",
            new double[] {3, 3}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void valueAndShape(String expr, String shape, double[] values) {
    Object[] r = eval(expr);
    assertEquals(shape, r[0]);
    double[] got = (double[]) r[1];
    assertArrayEquals(values, got, 1e-12, () -> Arrays.toString(got));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("singular")
  void singularAndOverflowGiveNonFiniteNotExceptions(String expr) {
    double[] got = (double[]) eval(expr)[1];
    assertTrue(Arrays.stream(got).anyMatch(x -> !Double.isFinite(x)), () -> Arrays.toString(got));
  }

  /** Adding a function to the table means adding its case above: each one is evaluated here. */
  @Test
  void everyBuiltinHasACase() {
    List<String> exprs = cases().map(a -> (String) a.get()[0]).toList();
    for (Builtin f : Builtins.all()) {
      assertTrue(exprs.stream().anyMatch(e -> e.matches("(?s).*\\b" + f.name() + "\\(.*")),
          () -> "no case of `" + f.name() + "` in FunctionsTest.cases()");
    }
  }

  static Stream<String> singular() {
    return Stream.of("inv(A - A)", "logdet(A - A)", "exp(1000 * v)", "log(v)", "chol(B - A)", "solve(A - A, v)",
        "qr_r(X')", "qr_q(X')");
  }
}
