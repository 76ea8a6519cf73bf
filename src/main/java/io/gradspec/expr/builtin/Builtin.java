package io.gradspec.expr.builtin;

import io.gradspec.expr.kernel.Buffers;
import io.gradspec.expr.kernel.Node;
import io.gradspec.expr.kernel.ScalarCode;
import io.gradspec.expr.shape.Shape;
import io.gradspec.expr.syntax.Expr;
import io.gradspec.spec.Diagnostic;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * One built-in function: everything gradspec knows about it, in one value (the table is {@link Builtins}).
 *
 * @param name         what a spec calls it
 * @param signature    how help and "did you mean" write a call, e.g. {@code pow(A, p)}
 * @param arity        how many arguments it takes
 * @param dimensional  whether its arguments are dimensions ({@code eye(N)}), not values: they are then
 *                     read by {@link Typer#dimension}, never typed or compiled
 * @param shape        the shape of a call from its arguments' (see {@link ShapeRule})
 * @param matrix       the kernel that computes a call on whole values
 * @param element      the code of a call inside an index formula, on scalar arguments; null when it has
 *                     none (then such a call is an error, {@link #notInFormula})
 * @param support      a bound on the call's magnitude for the support analysis of index-formula claims;
 *                     null when it gives none (then a claim with such a factor is checked densely)
 * @param minArity     the fewest arguments it takes (the last {@code arity - minArity} are optional)
 * @param valueArgs    how many leading arguments are values; the rest are dimensions ({@code reshape(A, r, c)}:
 *                     1; a dimensional function: 0)
 * @param tensors      whether its value arguments may have rank above 2 (elementwise functions, whole-value
 *                     reductions, {@code bmm}); the shape rule then handles those ranks
 * @param along        for a function of a value and one of its axes ({@code sum_over(A, D)}), the kernel that
 *                     gets the axis's position; then {@code matrix} is null
 * @param tangent      the call's complex form to first order, as the terms of its tangent in the expression
 *                     language (see {@link #tangentTerms}); empty for a piecewise-constant function (tangent 0),
 *                     null when it has none (then `method: complex-step` refuses a spec that calls it on a
 *                     value that moves)
 */
public record Builtin(String name, String signature, int arity, boolean dimensional, ShapeRule shape,
                      MatrixKernel matrix, ElementKernel element, SupportBound support, int minArity, int valueArgs,
                      boolean tensors, AxisKernel along, List<String> tangent) {

  /** A function of exactly {@code arity} arguments, all values or (dimensional) all dimensions. */
  public Builtin(String name, String signature, int arity, boolean dimensional, ShapeRule shape,
                 MatrixKernel matrix, ElementKernel element, SupportBound support) {
    this(name, signature, arity, dimensional, shape, matrix, element, support, arity, dimensional ? 0 : arity);
  }

  /** A function with optional or dimension arguments, of values of rank <= 2. */
  public Builtin(String name, String signature, int arity, boolean dimensional, ShapeRule shape,
                 MatrixKernel matrix, ElementKernel element, SupportBound support, int minArity, int valueArgs) {
    this(name, signature, arity, dimensional, shape, matrix, element, support, minArity, valueArgs, false, null, null);
  }

  /** A function along an axis, or of values of any rank, without a complex form yet. */
  public Builtin(String name, String signature, int arity, boolean dimensional, ShapeRule shape,
                 MatrixKernel matrix, ElementKernel element, SupportBound support, int minArity, int valueArgs,
                 boolean tensors, AxisKernel along) {
    this(name, signature, arity, dimensional, shape, matrix, element, support, minArity, valueArgs, tensors, along, null);
  }

  /** This function, taking values of any rank. */
  public Builtin withTensors() {
    return new Builtin(name, signature, arity, dimensional, shape, matrix, element, support, minArity, valueArgs, true,
        along, tangent);
  }

  /**
   * This function with its complex form: the tangent of a call is the sum of {@code terms}, each linear in one
   * argument's tangent. In a term {@code $0}, {@code $1}, ... stand for the arguments (parenthesised) and
   * {@code $d0}, {@code $d1}, ... for their tangents; a term whose tangent is zero (the argument does not
   * move) is left out. No terms: the function is piecewise constant, its tangent is 0.
   */
  public Builtin withTangent(String... terms) {
    return new Builtin(name, signature, arity, dimensional, shape, matrix, element, support, minArity, valueArgs, tensors,
        along, List.of(terms));
  }

  /** The terms of the complex form ({@link #withTangent}), or null when the function has none. */
  public List<String> tangentTerms() { return tangent; }

  /** Whether argument {@code i} names an axis of the first argument ({@code D} in {@code sum_over(A, D)}). */
  public boolean isAxis(int i) { return along != null && i == 1; }

  /** Whether argument {@code i} is read as a dimension, not typed and compiled as a value. */
  public boolean isDimension(int i) { return i >= valueArgs; }

  /**
   * The shape of a call, or null after reporting why there is none. It runs after the arguments were
   * typed (each of rank <= 2) or, for a dimensional function, read as dimensions.
   */
  @FunctionalInterface
  public interface ShapeRule {
    Shape apply(Arguments args);
  }

  /** Builds the node of a call of shape {@code shape} over its arguments' nodes (none for a dimensional function). */
  @FunctionalInterface
  public interface MatrixKernel {
    Node make(Buffers at, Shape shape, Node[] args);
  }

  /**
   * Builds the node of a call along one axis: {@code axis} is the position, in {@code argShape}'s list of
   * axes, of the axis the call names.
   */
  @FunctionalInterface
  public interface AxisKernel {
    Node make(Buffers at, Shape shape, Node arg, Shape argShape, int axis);
  }

  /** The compiled code of a call from its arguments' code: called once per element, so a direct closure. */
  @FunctionalInterface
  public interface ElementKernel {
    ScalarCode make(ScalarCode[] args);
  }

  /**
   * A bound on |call| over every index value, from the bounds of its arguments ({@code bound} gives one,
   * or null when an argument has none), or null when the call is not bounded.
   */
  @FunctionalInterface
  public interface SupportBound {
    DoubleSupplier of(List<Expr> args, Function<Expr, DoubleSupplier> bound);
  }

  /** The error for a call of a function without element code on an expression that uses the formula's indices. */
  public Diagnostic notInFormula(Expr.Call c) {
    return Diagnostic.error("unsupported", c.span(), "`" + name
            + "` of an expression that depends on the formula's indices is not supported")
        .withLabel("depends on the indices")
        .withHelp("compute the matrix outside the element, e.g. `" + name + "(A)[i, j]`, where A does not use the indices");
  }
}
