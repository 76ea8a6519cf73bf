package io.gradspec.result;

/**
 * The Taylor test of a claim C at the reported point, along one random direction d: for each step t (largest
 * first), the remainders {@code |f(x + t d) - f(x) - t C d|} of the claim and {@code |f(x + t d) - f(x) - t
 * N d|} of the numeric directional derivative N d (2-norms over `of`), each with its round-off floor, and
 * the order each shrinks with over the smallest steps well above round-off: 2 for a derivative, 1 for a
 * claim that is off along d. An order is NaN when too few remainders rise above round-off to read one
 * (f nearly linear along d and the claim exact along it, or a float32 f).
 *
 * @param steps            the steps t, largest first
 * @param claimRemainders  the claim's remainder at each step (NaN where f(x + t d) is not finite)
 * @param numericRemainders the numeric derivative's remainder at each step
 * @param claimFloors      the round-off floor of each claim remainder
 * @param numericFloors    the round-off floor of each numeric remainder
 * @param claimOrder       the order of the claim's remainders, or NaN
 * @param numericOrder     the order of the numeric derivative's remainders, or NaN
 */
public record TaylorTest(double[] steps, double[] claimRemainders, double[] numericRemainders, double[] claimFloors,
                         double[] numericFloors, double claimOrder, double numericOrder) {
  /** At or above this order a remainder shrinks like t^2: the claim is a derivative along d. */
  public static final double SECOND_ORDER = 1.8;
  /** At or below this order it shrinks like t: the claim is not the derivative along d. */
  public static final double FIRST_ORDER = 1.2;

  /** How the claim's order reads: the claim is the derivative along d, is not, or cannot be told apart. */
  public enum Reading { DERIVATIVE, NOT_DERIVATIVE, BETWEEN, ROUND_OFF }

  public Reading claimReading() { return reading(claimOrder); }

  public Reading numericReading() { return reading(numericOrder); }

  private static Reading reading(double order) {
    if (Double.isNaN(order)) return Reading.ROUND_OFF;
    if (order >= SECOND_ORDER) return Reading.DERIVATIVE;
    if (order <= FIRST_ORDER) return Reading.NOT_DERIVATIVE;
    return Reading.BETWEEN;
  }
}
