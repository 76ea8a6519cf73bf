package io.gradspec.expr.kernel;

/**
 * One element of an index formula, compiled: evaluates with the index variables' values in {@code env}
 * (indexed by slot, in the spec's index base). Index-independent parts were hoisted into nodes.
 */
@FunctionalInterface
public interface ScalarCode {
  double eval(double[] env);
}
