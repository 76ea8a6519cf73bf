package io.gradspec.report;

import io.gradspec.result.ClaimResult;
import io.gradspec.result.TaylorTest;
import java.util.Locale;

/**
 * The Taylor test in words, one sentence every format shows: the order the claim's remainder shrinks with,
 * the numeric derivative's for contrast, and what the claim's order says.
 */
public final class TaylorWording {
  private TaylorWording() {}

  /**
   * E.g. "Taylor test along a random direction d, for t from 1.3e-01 to 6.0e-08: |f(x + t d) - f(x) - t C d|
   * shrinks like t^1.00 with the claim, and like t^2.00 with the numeric derivative: the claim is not the
   * derivative of f (...)". Null when the claim has no Taylor test.
   */
  public static String sentence(ClaimResult c) {
    TaylorTest t = c.taylor();
    if (t == null) return null;
    double[] steps = t.steps();
    return "Taylor test along a random direction d, for t from " + Numbers.tol(steps[0]) + " to "
        + Numbers.tol(steps[steps.length - 1]) + ": |f(x + t d) - f(x) - t C d| " + order(t.claimOrder())
        + " with the claim, and " + (Double.isNaN(t.numericOrder())
            ? "stays within round-off with the numeric derivative (f is nearly linear along d, or the central "
                + "difference's own error covers its remainder): "
            : "like t^" + exponent(t.numericOrder()) + " with the numeric derivative: ")
        + reading(t, c.status().isFailure());
  }

  /** "shrinks like t^1.00", or "stays within round-off" (too few steps above it to read an order). */
  public static String order(double order) {
    return Double.isNaN(order) ? "stays within round-off" : "shrinks like t^" + exponent(order);
  }

  /** "1.00" */
  public static String exponent(double order) {
    return String.format(Locale.ROOT, "%.2f", order);
  }

  private static String reading(TaylorTest t, boolean failed) {
    TaylorTest.Reading numeric = t.numericReading();
    if (numeric == TaylorTest.Reading.NOT_DERIVATIVE || numeric == TaylorTest.Reading.BETWEEN) {
      return "the numeric derivative's remainder does not shrink like t^2 either, so f is not smooth along d "
          + "at this point (a kink, a jump or noise) and the test cannot judge the claim";
    }
    return switch (t.claimReading()) {
      case NOT_DERIVATIVE -> "the claim is not the derivative of f (a derivative's remainder shrinks like t^2)";
      case DERIVATIVE -> failed
          ? "along this d the claim behaves as a derivative, so its error is too small against f's curvature "
              + "to show there (the components above are the evidence)"
          : "as a derivative's does";
      case BETWEEN -> "the claim's error is small against f's curvature at these steps";
      case ROUND_OFF -> t.numericReading() == TaylorTest.Reading.ROUND_OFF
          ? "f is nearly linear along d at these steps, and the claim exact along it to round-off"
          : "the claim is exact along d to round-off";
    };
  }
}
