package io.gradspec.expr.builtin;

import static io.gradspec.expr.builtin.Bounds.cap;

import io.gradspec.expr.builtin.Builtin.ElementKernel;
import io.gradspec.expr.builtin.Builtin.MatrixKernel;
import io.gradspec.expr.builtin.Builtin.ShapeRule;
import io.gradspec.expr.builtin.Builtin.SupportBound;
import io.gradspec.expr.kernel.Decompositions;
import io.gradspec.expr.kernel.Elementwise;
import io.gradspec.expr.kernel.Lines;
import io.gradspec.expr.kernel.Lines.Along;
import io.gradspec.expr.kernel.MatrixFunctions;
import io.gradspec.expr.kernel.Products;
import io.gradspec.expr.kernel.Reductions;
import io.gradspec.expr.kernel.Reshaping;
import io.gradspec.expr.kernel.ScalarCode;
import io.gradspec.expr.kernel.Softmax;
import io.gradspec.expr.kernel.Structure;
import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.shape.Shape;
import io.gradspec.math.FdLibm;
import io.gradspec.math.Special;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * The table of built-in functions (contract §2), one {@link Builtin} each. Everything else reads it: the
 * analyser (shape rules, "did you mean"), both compilers, the support analysis, and the fuzzer's spec
 * generator.
 *
 * <p>To add a function, add one entry here, and a case to FunctionsTest (its value and shape; its
 * {@code everyBuiltinHasACase} fails without one) and, for a new error, to ShapeCheckerTest. Nothing else
 * names functions. An entry gives:
 * <ul>
 *   <li>its name, signature text ({@code "f(A)"}, shown by help and "did you mean") and arity;
 *   <li>a shape rule ({@link Arguments}: the argument shapes, and {@link Arguments#error} to refuse one);
 *   <li>a matrix kernel: a factory from expr.kernel ({@link Elementwise}, {@link Products},
 *       {@link Reductions}, {@link MatrixFunctions}, {@link Structure}, {@link Softmax}) or a new one there,
 *       with a dirty kernel if a change of a few entries can be updated cheaply;
 *   <li>element code for calls inside an index formula on scalar arguments, or null when there is none
 *       (the call is then refused there, with {@link Builtin#notInFormula});
 *   <li>a support bound ({@link Bounds}), or null when its magnitude is not bounded by its arguments'
 *       (a claim with it as a factor is then checked densely; correct, only slower).
 * </ul>
 * An elementwise function of one argument is one line: {@link #elementwise} gives all of that from its
 * double function and its bound, e.g. {@code elementwise("erf", FdLibm::erf, UNIT)}.
 */
public final class Builtins {
  private Builtins() {}

  /** Bounds of elementwise functions, from their argument's bound. */
  private static final UnaryOperator<DoubleSupplier> UNIT = Bounds::unit, SAME = x -> x,
      PLUS_ONE = x -> () -> cap(x.getAsDouble() + 1),
      EXP = x -> () -> cap(Math.exp(Math.min(x.getAsDouble(), 1000)) * 2);

  /** Elementwise functions of one argument, in the order the fuzzer draws them. */
  private static final List<Builtin> ELEMENTWISE = List.of(
      elementwise("exp", StrictMath::exp, EXP, "exp($0) .* $d0"),
      elementwise("log", FdLibm::log, null, "$d0 ./ $0"), // log, sqrt, tan: infinite or NaN on some finite arguments
      elementwise("sqrt", Math::sqrt, null, "$d0 ./ (2 .* sqrt($0))"),
      elementwise("abs", Math::abs, SAME, "sign($0) .* $d0"),
      elementwise("sin", StrictMath::sin, UNIT, "cos($0) .* $d0"),
      elementwise("cos", FdLibm::cos, UNIT, "-(sin($0) .* $d0)"),
      elementwise("tan", StrictMath::tan, null, "$d0 ./ cos($0) .^ 2"),
      elementwise("tanh", FdLibm::tanh, UNIT, "(1 - tanh($0) .^ 2) .* $d0"),
      elementwise("sigmoid", x -> x >= 0 ? 1.0 / (1.0 + StrictMath.exp(-x)) : StrictMath.exp(x) / (1.0 + StrictMath.exp(x)), UNIT, "sigmoid($0) .* (1 - sigmoid($0)) .* $d0"),
      elementwise("softplus", x -> Math.max(x, 0) + StrictMath.log1p(StrictMath.exp(-Math.abs(x))), PLUS_ONE, "sigmoid($0) .* $d0"),
      elementwise("relu", x -> x > 0 ? x : 0.0, SAME, "($0 > 0) .* $d0"),
      elementwise("sign", Math::signum, UNIT),
      // special functions, inverse trigonometric and hyperbolic functions (issue 13)
      elementwise("erf", Special::erf, UNIT, "1.1283791670955126 .* exp(-($0 .^ 2)) .* $d0"),
      elementwise("erfc", Special::erfc, x -> Bounds.constant(2, x, x), "-(1.1283791670955126 .* exp(-($0 .^ 2)) .* $d0)"),
      elementwise("lgamma", Special::lgamma, null, "digamma($0) .* $d0"), // poles at 0, -1, -2, ...
      elementwise("digamma", Special::digamma, null, "polygamma(1, $0) .* $d0"),
      elementwise("asin", StrictMath::asin, null, "$d0 ./ sqrt(1 - $0 .^ 2)"), // NaN outside [-1, 1]
      elementwise("acos", StrictMath::acos, null, "-($d0 ./ sqrt(1 - $0 .^ 2))"),
      elementwise("atan", StrictMath::atan, x -> Bounds.constant(2, x, x), "$d0 ./ (1 + $0 .^ 2)"),
      elementwise("sinh", StrictMath::sinh, EXP, "cosh($0) .* $d0"),
      elementwise("cosh", StrictMath::cosh, EXP, "sinh($0) .* $d0"),
      elementwise("asinh", Special::asinh, SAME, "$d0 ./ sqrt($0 .^ 2 + 1)"),
      elementwise("acosh", Special::acosh, null, "$d0 ./ (sqrt($0 - 1) .* sqrt($0 + 1))"),
      elementwise("atanh", Special::atanh, null, "$d0 ./ (1 - $0 .^ 2)"),
      elementwise("log1p", StrictMath::log1p, null, "$d0 ./ (1 + $0)"),
      elementwise("expm1", FdLibm::expm1, EXP, "exp($0) .* $d0"),
      // piecewise constant: derivative 0 except at their jumps (README "Piecewise-constant functions")
      elementwise("floor", Math::floor, PLUS_ONE),
      elementwise("ceil", Math::ceil, PLUS_ONE),
      elementwise("round", Math::rint, PLUS_ONE)); // half to even, as NumPy and torch.round

  private static final DoubleBinaryOperator DELTA = (x, y) -> x == y ? 1 : 0;

  /**
   * The complex form of a function linear in its first argument: the same call on that argument's tangent,
   * the other arguments (dimensions, axes, offsets) as written.
   */
  public static final String LINEAR = "$linear";

  /** The other functions. */
  private static final List<Builtin> OTHERS = List.of(
      new Builtin("pow", "pow(A, p)", 2, false,
          a -> a.shape(1).isScalarLike() ? a.shape(0)
              : a.error(1, "a scalar exponent", "for an elementwise power with a matrix exponent use `.^`"),
          (at, s, x) -> Elementwise.binary(at, s, x[0], x[1], Elementwise::pow),
          x -> { ScalarCode b = x[0], p = x[1]; return env -> Elementwise.pow(b.eval(env), p.eval(env)); },
          (args, bound) -> {
            DoubleSupplier b = bound.apply(args.get(0));
            return b == null ? null : Bounds.power(b, args.get(1));
          }).withTangent("$1 .* pow($0, $1 - 1) .* $d0", "log($0) .* pow($0, $1) .* $d1"),
      // psi^(n), digamma's n-th derivative: digamma's complex form, and its own
      new Builtin("polygamma", "polygamma(n, A)", 2, false,
          a -> a.shape(0).isScalarLike() ? a.shape(1) : a.error(0, "a scalar order n", "polygamma(n, A) is elementwise in A"),
          (at, s, x) -> Elementwise.binary(at, s, x[0], x[1], Special::polygamma),
          x -> { ScalarCode n = x[0], a = x[1]; return env -> Special.polygamma(n.eval(env), a.eval(env)); }, null)
          .withTensors().withTangent("polygamma($0 + 1, $1) .* $d1"),
      of("transpose", "transpose(A)", 1,
          a -> a.shape(0).rank() <= 3 ? a.shape(0).transpose() : a.error(0, "a value of rank <= 3", "index its entries instead"),
          (at, s, x) -> Structure.transpose(at, s, x[0]), x -> x[0]).withTensors().withTangent(LINEAR),
      of("trace", "trace(A)", 1, square(Shape.SCALAR), (at, s, x) -> Reductions.trace(at, x[0]), x -> x[0]).withTangent(LINEAR),
      of("det", "det(A)", 1, square(Shape.SCALAR), (at, s, x) -> Reductions.det(at, x[0]), x -> x[0])
          .withTangent("det($0) .* trace(solve($0, $d0))"),
      of("logdet", "logdet(A)", 1, square(Shape.SCALAR), (at, s, x) -> Reductions.logdet(at, x[0]),
          x -> { ScalarCode a = x[0]; return env -> FdLibm.log(Math.abs(a.eval(env))); }).withTangent("trace(solve($0, $d0))"),
      of("inv", "inv(A)", 1, square(null), (at, s, x) -> MatrixFunctions.inv(at, s, x[0]),
          x -> { ScalarCode a = x[0]; return env -> 1.0 / a.eval(env); }).withTangent("-(inv($0) * $d0 * inv($0))"),
      of("sum", "sum(A) or sum(k, body)", 1, a -> Shape.SCALAR, (at, s, x) -> Reductions.sum(at, x[0]), x -> x[0]).withTensors().withTangent(LINEAR),
      of("mean", "mean(A)", 1, a -> Shape.SCALAR, (at, s, x) -> Reductions.mean(at, x[0]), x -> x[0]).withTensors().withTangent(LINEAR),
      of("rowsum", "rowsum(A)", 1, a -> Shape.matrix(a.shape(0).rows(), Axis.ONE), (at, s, x) -> Reductions.rowsum(at, s, x[0]), null).withTangent(LINEAR),
      of("colsum", "colsum(A)", 1, a -> Shape.matrix(Axis.ONE, a.shape(0).cols()), (at, s, x) -> Reductions.colsum(at, s, x[0]), null).withTangent(LINEAR),
      of("diag", "diag(v)", 1,
          a -> a.shape(0).isVectorLike() ? Shape.matrix(a.length(0), a.length(0))
              : a.error(0, "a vector", "for the diagonal of a matrix use `diagonal(A)`"),
          (at, s, x) -> Structure.diag(at, s, x[0]), null).withTangent(LINEAR),
      of("diagonal", "diagonal(A)", 1,
          a -> a.isSquare(0) ? Shape.matrix(a.shape(0).rows(), Axis.ONE)
              : a.error(0, "a square matrix", "to build a diagonal matrix from a vector use `diag(v)`"),
          (at, s, x) -> Structure.diagonal(at, s, x[0]), null).withTangent(LINEAR),
      dimensional("eye", "eye(n)", 1, a -> Shape.matrix(a.dimension(0), a.dimension(0)), (at, s, x) -> Structure.eye(at, s)),
      dimensional("ones", "ones(r, c)", 2, a -> Shape.matrix(a.dimension(0), a.dimension(1)), (at, s, x) -> Structure.ones(at, s)),
      dimensional("zeros", "zeros(r, c)", 2, a -> Shape.matrix(a.dimension(0), a.dimension(1)), (at, s, x) -> Structure.zeros(at, s)),
      of("kron", "kron(A, B)", 2,
          a -> Shape.matrix(Axis.product(a.shape(0).rows(), a.shape(1).rows()), Axis.product(a.shape(0).cols(), a.shape(1).cols())),
          (at, s, x) -> Products.kron(at, s, x[0], x[1]), Builtins::product).withTangent("kron($d0, $1)", "kron($0, $d1)"),
      of("outer", "outer(a, b)", 2,
          a -> !a.shape(0).isVectorLike() ? a.error(0, "a vector", null)
              : !a.shape(1).isVectorLike() ? a.error(1, "a vector", null) : Shape.matrix(a.length(0), a.length(1)),
          (at, s, x) -> Products.outer(at, s, x[0], x[1]), Builtins::product).withTangent("outer($d0, $1)", "outer($0, $d1)"),
      of("dot", "dot(a, b)", 2,
          a -> !a.shape(0).isVectorLike() ? a.error(0, "a vector", "for matrices use `sum(A .* B)`")
              : !a.shape(1).isVectorLike() ? a.error(1, "a vector", "for matrices use `sum(A .* B)`")
              : !a.shape(0).indexSpace().equals(a.shape(1).indexSpace()) ? a.error(1, "a vector of length " + a.length(0), null)
              : Shape.SCALAR,
          (at, s, x) -> Products.dot(at, x[0], x[1]), Builtins::product).withTangent("dot($d0, $1)", "dot($0, $d1)"),
      of("norm", "norm(A)", 1, a -> Shape.SCALAR, (at, s, x) -> Reductions.norm(at, x[0]),
          x -> { ScalarCode a = x[0]; return env -> Math.abs(a.eval(env)); }).withTensors()
          .withTangent("sum($0 .* $d0) ./ norm($0)"),
      of("softmax", "softmax(v)", 1, a -> a.shape(0), (at, s, x) -> Softmax.softmax(at, s, x[0]),
          x -> { ScalarCode a = x[0]; return env -> Double.isFinite(a.eval(env)) ? 1.0 : Double.NaN; })
          .withTangent("softmax($0) .* ($d0 - sum(softmax($0) .* $d0))"),
      of("logsumexp", "logsumexp(v)", 1, a -> Shape.SCALAR, (at, s, x) -> Softmax.logsumexp(at, x[0]), x -> x[0])
          .withTangent("sum(softmax($0) .* $d0)"),
      of("softmax_rows", "softmax_rows(A)", 1, a -> a.shape(0), (at, s, x) -> Softmax.softmaxRows(at, s, x[0]), null)
          .withTangent("softmax_rows($0) .* ($d0 - rowsum(softmax_rows($0) .* $d0))"),
      of("logsumexp_rows", "logsumexp_rows(A)", 1, a -> Shape.matrix(a.shape(0).rows(), Axis.ONE),
          (at, s, x) -> Softmax.logsumexpRows(at, s, x[0]), null).withTangent("rowsum(softmax_rows($0) .* $d0)"),
      new Builtin("if", "if(c, a, b)", 3, false, Rules::choice,
          (at, s, x) -> Structure.choose(at, s, x[0], x[1], x[2]),
          x -> { ScalarCode c = x[0], a = x[1], b = x[2]; return env -> c.eval(env) != 0 ? a.eval(env) : b.eval(env); },
          (args, bound) -> {
            DoubleSupplier c = bound.apply(args.get(0)), a = bound.apply(args.get(1)), b = bound.apply(args.get(2));
            if (c == null || a == null || b == null) return null;
            return () -> c.getAsDouble() < Bounds.LIMIT ? cap(Math.max(a.getAsDouble(), b.getAsDouble())) : Double.POSITIVE_INFINITY;
          }).withTangent("if($0, $d1, 0 .* $2)", "if($0, 0 .* $1, $d2)"),
      new Builtin("delta", "delta(a, b)", 2, false,
          a -> !a.shape(0).isScalarLike() ? a.error(0, "a scalar", null)
              : !a.shape(1).isScalarLike() ? a.error(1, "a scalar", null) : Shape.SCALAR,
          (at, s, x) -> Elementwise.binary(at, s, x[0], x[1], DELTA),
          x -> { ScalarCode a = x[0], b = x[1]; return env -> a.eval(env) == b.eval(env) ? 1 : 0; },
          (args, bound) -> {
            DoubleSupplier a = bound.apply(args.get(0)), b = bound.apply(args.get(1));
            return a == null || b == null ? null : Bounds.unit(a, b);
          }).withTangent());

  /** Issue 13: elementwise functions of two and three arguments, reductions and scans along lines. */
  private static final List<Builtin> LINES = List.of(
      // a tie goes to the first argument (torch.maximum splits it; central differences name it a kink)
      binary("maximum", Math::max, Bounds::max).withTangent("where($0 >= $1, $d0, 0)", "where($0 >= $1, 0, $d1)"),
      binary("minimum", Math::min, Bounds::max).withTangent("where($0 <= $1, $d0, 0)", "where($0 <= $1, 0, $d1)"),
      binary("atan2", StrictMath::atan2, (y, x) -> Bounds.constant(4, y, x))
          .withTangent("$1 .* $d0 ./ ($0 .^ 2 + $1 .^ 2)", "-($0 .* $d1 ./ ($0 .^ 2 + $1 .^ 2))"),
      binary("mod", Elementwise::mod, (a, b) -> a == null || b == null ? null : () -> a.getAsDouble() < Bounds.LIMIT ? b.getAsDouble() : Double.POSITIVE_INFINITY)
          .withTangent("$d0 + 0 .* $1", "-(floor($0 ./ $1) .* $d1)"),
      new Builtin("where", "where(mask, a, b)", 3, false, a -> Rules.broadcast(a, 0, 1, 2),
          (at, s, x) -> Elementwise.where(at, s, x[0], x[1], x[2]),
          x -> { ScalarCode c = x[0], a = x[1], b = x[2]; return env -> c.eval(env) != 0 ? a.eval(env) : b.eval(env); },
          (args, bound) -> {
            DoubleSupplier a = bound.apply(args.get(1)), b = bound.apply(args.get(2));
            return Bounds.max(a, b);
          }).withTensors().withTangent("where($0, $d1, 0)", "where($0, 0, $d2)"),
      // max, min: the tied entries' mean tangent (torch.amax's); prod: an entry 0 makes its tangent NaN (inconclusive)
      reduction("max", Along.ALL, Lines::max).withTangent("sum(where($0 == max($0), $d0, 0)) ./ sum($0 == max($0))"),
      reduction("min", Along.ALL, Lines::min).withTangent("sum(where($0 == min($0), $d0, 0)) ./ sum($0 == min($0))"),
      reduction("prod", Along.ALL, Lines::prod).withTangent("prod($0) .* sum($d0 ./ $0)"),
      reduction("rowmax", Along.ROWS, Lines::max)
          .withTangent("rowsum(where($0 == rowmax($0), $d0, 0)) ./ rowsum($0 == rowmax($0))"),
      reduction("rowmin", Along.ROWS, Lines::min)
          .withTangent("rowsum(where($0 == rowmin($0), $d0, 0)) ./ rowsum($0 == rowmin($0))"),
      reduction("rowprod", Along.ROWS, Lines::prod).withTangent("rowprod($0) .* rowsum($d0 ./ $0)"),
      reduction("colmax", Along.COLS, Lines::max)
          .withTangent("colsum(where($0 == colmax($0), $d0, 0)) ./ colsum($0 == colmax($0))"),
      reduction("colmin", Along.COLS, Lines::min)
          .withTangent("colsum(where($0 == colmin($0), $d0, 0)) ./ colsum($0 == colmin($0))"),
      reduction("colprod", Along.COLS, Lines::prod).withTangent("colprod($0) .* colsum($d0 ./ $0)"),
      argBest("argmax", Along.ALL, 1).withTangent(),
      argBest("argmin", Along.ALL, -1).withTangent(),
      argBest("rowargmax", Along.ROWS, 1).withTangent(),
      argBest("rowargmin", Along.ROWS, -1).withTangent(),
      argBest("colargmax", Along.COLS, 1).withTangent(),
      argBest("colargmin", Along.COLS, -1).withTangent(),
      scan("cumsum", Along.ALL, Lines::cumsum).withTangent(LINEAR),
      scan("cumprod", Along.ALL, Lines::cumprod).withTangent("cumprod($0) .* cumsum($d0 ./ $0)"),
      scan("sort", Along.ALL, Lines::sort).withTangent(MatrixTangents.SORT),
      scan("cumsum_rows", Along.ROWS, Lines::cumsum).withTangent(LINEAR),
      scan("cumprod_rows", Along.ROWS, Lines::cumprod).withTangent("cumprod_rows($0) .* cumsum_rows($d0 ./ $0)"),
      scan("cumsum_cols", Along.COLS, Lines::cumsum).withTangent(LINEAR),
      scan("cumprod_cols", Along.COLS, Lines::cumprod).withTangent("cumprod_cols($0) .* cumsum_cols($d0 ./ $0)"));

  /** Issue 13: rearranging values (their shapes are symbolic: concat of [M, D] and [P, D] is [M+P, D]). */
  private static final List<Builtin> SHAPES = List.of(
      of("concat", "concat(A, B)", 2, a -> Rules.joinedShape(a, false), (at, s, x) -> Reshaping.concat(at, s, x[0], x[1], false), null)
          .withTangent("concat($d0, 0 .* $1)", "concat(0 .* $0, $d1)"),
      of("concat_cols", "concat_cols(A, B)", 2, a -> Rules.joinedShape(a, true), (at, s, x) -> Reshaping.concat(at, s, x[0], x[1], true), null)
          .withTangent("concat_cols($d0, 0 .* $1)", "concat_cols(0 .* $0, $d1)"),
      new Builtin("reshape", "reshape(A, r, c)", 3, false, Rules::reshaped, (at, s, x) -> Reshaping.reshape(at, s, x[0]),
          null, null, 3, 1).withTangent(LINEAR),
      of("flip", "flip(v)", 1, a -> a.shape(0).isVectorLike() || a.shape(0).isScalarLike() ? a.shape(0)
              : a.error(0, "a vector", "for a matrix say the axis: `flipud(A)` reverses the rows, `fliplr(A)` the columns"),
          (at, s, x) -> Reshaping.flip(at, s, x[0], true, true), x -> x[0]).withTangent(LINEAR),
      of("flipud", "flipud(A)", 1, a -> a.shape(0), (at, s, x) -> Reshaping.flip(at, s, x[0], true, false), null).withTangent(LINEAR),
      of("fliplr", "fliplr(A)", 1, a -> a.shape(0), (at, s, x) -> Reshaping.flip(at, s, x[0], false, true), null).withTangent(LINEAR),
      triangle("tril", true),
      triangle("triu", false),
      new Builtin("pad", "pad(A, r, c)", 3, false,
          a -> Shape.matrix(Rules.padded(a.shape(0).rows(), a.dimension(1)), Rules.padded(a.shape(0).cols(), a.dimension(2))),
          (at, s, x) -> Reshaping.pad(at, s, x[0]), null, null, 3, 1).withTangent(LINEAR));

  /** Issue 13: decompositions and matrix functions, each with the convention that makes it a function. */
  private static final List<Builtin> DECOMPOSITIONS = List.of(
      of("solve", "solve(A, B)", 2,
          a -> !a.isSquare(0) ? a.error(0, "a square matrix", null)
              : !a.shape(1).rows().equals(a.shape(0).cols()) && !a.shape(1).isScalarLike()
                  ? a.error(1, a.shape(0).cols() + " rows, as A has columns", "solve(A, B) is inv(A) * B: B needs the rows A' has")
              : a.shape(1),
          (at, s, x) -> Decompositions.solve(at, s, x[0], x[1]), x -> { ScalarCode a = x[0], b = x[1]; return env -> b.eval(env) / a.eval(env); })
          .withTangent("-solve($0, $d0 * solve($0, $1))", "solve($0, $d1)"),
      of("chol", "chol(A)", 1, square(null), (at, s, x) -> Decompositions.chol(at, s, x[0]),
          x -> { ScalarCode a = x[0]; return env -> Math.sqrt(a.eval(env)); })
          .withTangent(MatrixTangents.CHOL),
      of("qr_q", "qr_q(A)", 1, a -> a.shape(0), (at, s, x) -> Decompositions.qr(at, s, x[0], true),
          x -> { ScalarCode a = x[0]; return env -> Math.signum(a.eval(env)) == 0 ? Double.NaN : Math.signum(a.eval(env)); })
          .withTangent(MatrixTangents.QR_Q),
      of("qr_r", "qr_r(A)", 1, a -> Shape.matrix(a.shape(0).cols(), a.shape(0).cols()), (at, s, x) -> Decompositions.qr(at, s, x[0], false),
          x -> { ScalarCode a = x[0]; return env -> Math.abs(a.eval(env)); }).withTangent(MatrixTangents.QR_R),
      of("eigvalsh", "eigvalsh(A)", 1, a -> a.isSquare(0) ? Shape.matrix(a.shape(0).rows(), Axis.ONE)
              : a.error(0, "a square matrix", null),
          (at, s, x) -> Decompositions.eigh(at, s, x[0], false), x -> x[0])
          .withTangent(MatrixTangents.EIGVALSH),
      of("eigvecsh", "eigvecsh(A)", 1, square(null), (at, s, x) -> Decompositions.eigh(at, s, x[0], true), null)
          .withTangent(MatrixTangents.EIGVECSH),
      of("svdvals", "svdvals(A)", 1, a -> Shape.matrix(a.shape(0).cols(), Axis.ONE), (at, s, x) -> Decompositions.svdvals(at, s, x[0]),
          x -> { ScalarCode a = x[0]; return env -> Math.abs(a.eval(env)); })
          .withTangent(MatrixTangents.SVDVALS),
      of("expm", "expm(A)", 1, square(null), (at, s, x) -> Decompositions.expm(at, s, x[0]),
          x -> { ScalarCode a = x[0]; return env -> StrictMath.exp(a.eval(env)); }).withTangent(MatrixTangents.EXPM));

  /**
   * Issue 13: values of rank 3, as batched layers have them: one matrix product per entry of the first
   * axis, and reductions along an axis named by its dimension symbol (or counted from the end, -1 the last).
   */
  private static final List<Builtin> AXES = List.of(
      new Builtin("bmm", "bmm(A, B)", 2, false, Rules::batchedProduct, (at, s, x) -> Products.bmm(at, s, x[0], x[1]),
          null, null).withTensors().withTangent("bmm($d0, $1)", "bmm($0, $d1)"),
      over("sum_over", Lines::sum).withTangent(LINEAR),
      over("mean_over", Lines::mean).withTangent(LINEAR),
      // $x(...): broadcast back along the call's axis (TangentSpec); ties share the tangent as max's do
      over("max_over", Lines::max).withTangent("sum_over(where($0 == $x(max_over($0, $1)), $d0, 0), $1) ./ sum_over($0 == $x(max_over($0, $1)), $1)"),
      over("min_over", Lines::min).withTangent("sum_over(where($0 == $x(min_over($0, $1)), $d0, 0), $1) ./ sum_over($0 == $x(min_over($0, $1)), $1)"),
      over("prod_over", Lines::prod).withTangent("prod_over($0, $1) .* sum_over($d0 ./ $0, $1)"),
      over("logsumexp_over", Softmax::lineLogsumexp).withTangent("sum_over(softmax_over($0, $1) .* $d0, $1)"),
      new Builtin("softmax_over", "softmax_over(A, axis)", 2, false, Rules::alongAxis, null, null, null, 2, 1, true,
          (at, s, a, shape, axis) -> Lines.scanAlong(at, s, a, shape, axis, Softmax::line))
          .withTangent("softmax_over($0, $1) .* ($d0 - $x(sum_over(softmax_over($0, $1) .* $d0, $1)))"));

  /** Every function by name, in name order (the order "the functions are ..." lists them). */
  private static final Map<String, Builtin> BY_NAME = new TreeMap<>();
  static {
    for (Builtin b : ELEMENTWISE) BY_NAME.put(b.name(), b);
    for (Builtin b : OTHERS) BY_NAME.put(b.name(), b);
    for (Builtin b : LINES) BY_NAME.put(b.name(), b);
    for (Builtin b : SHAPES) BY_NAME.put(b.name(), b);
    for (Builtin b : DECOMPOSITIONS) BY_NAME.put(b.name(), b);
    for (Builtin b : AXES) BY_NAME.put(b.name(), b);
  }

  /** The function called {@code name}, or null. */
  public static Builtin get(String name) { return BY_NAME.get(name); }

  public static boolean isFunction(String name) { return BY_NAME.containsKey(name); }

  /** Every function's name, in name order. */
  public static Set<String> names() { return Collections.unmodifiableSet(BY_NAME.keySet()); }

  /** Every function, in name order. */
  public static List<Builtin> all() { return List.copyOf(BY_NAME.values()); }

  /** The elementwise functions of one argument (shape and value entry by entry), in table order. */
  public static List<Builtin> elementwise() { return ELEMENTWISE; }

  // ---------------------------------------------------------------- families

  /** An elementwise function of one argument: {@code f} on every entry; {@code bound} from its argument's bound, or null. */
  private static Builtin elementwise(String name, DoubleUnaryOperator f, UnaryOperator<DoubleSupplier> bound,
                                     String... tangent) {
    SupportBound support = bound == null ? null : (args, b) -> {
      DoubleSupplier x = b.apply(args.get(0));
      return x == null ? null : bound.apply(x);
    };
    return new Builtin(name, name + "(A)", 1, false, a -> a.shape(0),
        (at, s, x) -> Elementwise.unary(at, s, x[0], f),
        x -> { ScalarCode a = x[0]; return env -> f.applyAsDouble(a.eval(env)); },
        support).withTensors().withTangent(tangent);
  }

  /**
   * An elementwise function of two arguments, broadcast as the operators are; {@code bound} from its
   * arguments' bounds (either may be null), or null.
   */
  private static Builtin binary(String name, DoubleBinaryOperator f, BinaryOperator<DoubleSupplier> bound) {
    return new Builtin(name, name + "(A, B)", 2, false, a -> Rules.broadcast(a, 0, 1),
        (at, s, x) -> Elementwise.binary(at, s, x[0], x[1], f),
        x -> { ScalarCode a = x[0], b = x[1]; return env -> f.applyAsDouble(a.eval(env), b.eval(env)); },
        (args, b) -> bound.apply(b.apply(args.get(0)), b.apply(args.get(1)))).withTensors();
  }

  /** One value per line; of a scalar inside an index formula, the scalar itself. Over every entry, of any rank. */
  private static Builtin reduction(String name, Along along, Lines.Reduce f) {
    Builtin b = of(name, name + "(A)", 1, a -> Rules.reduced(a, along), (at, s, x) -> Lines.reduce(at, s, x[0], along, f),
        along == Along.ALL ? x -> x[0] : null);
    return along == Along.ALL ? b.withTensors() : b;
  }

  /** One value per line along the axis the call names ({@code sum_over(A, D)}): A without that axis. */
  private static Builtin over(String name, Lines.Reduce f) {
    return new Builtin(name, name + "(A, axis)", 2, false, Rules::withoutAxis, null, null, null, 2, 1, true,
        (at, s, a, shape, axis) -> Lines.reduceAlong(at, s, a, shape, axis, f));
  }

  /** The index of the largest ({@code sign} 1) or smallest entry per line, in the spec's index base. */
  private static Builtin argBest(String name, Along along, int sign) {
    ShapeRule rule = along != Along.ALL ? a -> Rules.reduced(a, along)
        : a -> a.shape(0).isVectorLike() || a.shape(0).isScalarLike() ? Shape.SCALAR
            : a.error(0, "a vector", "for a matrix use `row" + name + "(A)` (one index per row) or `col" + name + "(A)`");
    return of(name, name + (along == Along.ALL ? "(v)" : "(A)"), 1, rule, (at, s, x) -> {
      int base = at.indexBase();
      return Lines.reduce(at, s, x[0], along, (in, from, stride, count) -> Lines.argBest(in, from, stride, count, sign) + base);
    }, null);
  }

  /** A scan of each line, of the argument's shape; along ALL, of a vector only (a matrix has two axes to scan). */
  private static Builtin scan(String name, Along along, Lines.Scan f) {
    String stem = name.replace("_rows", "").replace("_cols", "");
    ShapeRule rule = along != Along.ALL ? a -> a.shape(0)
        : a -> a.shape(0).isVectorLike() || a.shape(0).isScalarLike() ? a.shape(0)
            : a.error(0, "a vector", stem.equals("sort") ? null
                : "for a matrix say the axis: `" + stem + "_rows(A)` along each row, `" + stem + "_cols(A)` down each column");
    return of(name, name + (along == Along.ALL ? "(v)" : "(A)"), 1, rule, (at, s, x) -> Lines.scan(at, s, x[0], along, f),
        along == Along.ALL && !stem.equals("sort") ? x -> x[0] : null);
  }

  /** tril(A) / tril(A, k): keeps the entries with c - r <= k (on and below diagonal k); triu: c - r >= k. */
  private static Builtin triangle(String name, boolean lower) {
    return new Builtin(name, name + "(A) or " + name + "(A, k)", 2, false,
        a -> a.count() == 2 && a.number(1) == null ? a.notANumber(1, "the diagonal offset k")
            : a.count() == 2 && a.number(1) != Math.rint(a.number(1)) ? a.notANumber(1, "a whole diagonal offset k")
            : a.shape(0),
        (at, s, x) -> Reshaping.triangle(at, s, x[0], x.length > 1 ? x[1] : null, lower), null, null, 1, 2)
        .withTangent(LINEAR);
  }

  /** A function of values without a support bound. */
  private static Builtin of(String name, String signature, int arity, ShapeRule shape, MatrixKernel matrix,
                            ElementKernel element) {
    return new Builtin(name, signature, arity, false, shape, matrix, element, null);
  }

  /** A function of dimensions: a constant matrix. */
  private static Builtin dimensional(String name, String signature, int arity, ShapeRule shape, MatrixKernel matrix) {
    return new Builtin(name, signature, arity, true, shape, matrix, null, null);
  }

  /** The rule of a function of one square matrix: {@code result}, or (null) the argument's own shape. */
  private static ShapeRule square(Shape result) {
    return a -> !a.isSquare(0) ? a.error(0, "a square matrix", null) : result != null ? result : a.shape(0);
  }

  /** dot, outer and kron of scalars: their product. */
  private static ScalarCode product(ScalarCode[] x) {
    ScalarCode a = x[0], b = x[1];
    return env -> a.eval(env) * b.eval(env);
  }

}
