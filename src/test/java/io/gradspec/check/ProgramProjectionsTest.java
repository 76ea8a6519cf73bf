package io.gradspec.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.math.Special;
import org.junit.jupiter.api.Test;

/** The numbers ProgramProjections' miss bound rests on, recomputed. */
class ProgramProjectionsTest {
  /** P(|X Y| < 0.1) = 2 int_0^inf erf(0.1 / (x sqrt 2)) phi(x) dx, by the midpoint rule on a fine grid. */
  @Test void aPairMissesAnErrorOfTenTimesItsBoundWithTheStatedProbability() {
    double sum = 0, dx = 1e-5;
    for (double x = dx / 2; x < 12; x += dx) {
      sum += Special.erf(0.1 / (x * Math.sqrt(2))) * Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI) * dx;
    }
    assertEquals(0.21783, 2 * sum, 2e-5);
    assertTrue(ProgramProjections.MISS_A_PAIR >= 2 * sum - 1e-5, "the constant is not below the integral");
    assertEquals(10, ProgramProjections.PAIRS);
    assertTrue(Math.pow(ProgramProjections.MISS_A_PAIR, ProgramProjections.PAIRS) <= FastCheck.MISS);
  }
}
