package io.gradspec.numeric;

/**
 * Where a comparison's numeric columns come from when they are not central differences of `of` along `wrt`:
 * the complex step ({@link ComplexStep}), or a Hessian's columns ({@link HessianColumns}).
 */
public interface NumericColumns {
  /**
   * Column k (the derivative along `wrt` component k) into {@code numeric}, its error bound into
   * {@code fdError}, and what the report shows as f(x + h) and f(x - h) into {@code fPlus}/{@code fMinus}
   * when they are non-null.
   */
  void column(int k, double[] numeric, double[] fdError, double[] fPlus, double[] fMinus);

  /** The step of the last column's central difference, as represented; 0 when there is none (the complex step). */
  default double lastStep() { return 0; }
}
