package io.gradspec.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The ziggurat draws that fast mode's directions are made of ({@link Gaussian}): the moments and the
 * tail and body frequencies of N(0, 1), each within about five standard errors for 2e6 draws.
 */
class GaussianTest {
  private static final int DRAWS = 2_000_000;

  @Test void momentsAndFrequenciesAreThoseOfTheStandardNormal() {
    Gaussian g = new Gaussian(new SplittableRandom(42));
    double sum = 0, sum2 = 0, sum4 = 0;
    int beyondOne = 0, beyondTail = 0, beyondFour = 0, negative = 0;
    for (int i = 0; i < DRAWS; i++) {
      double z = g.next();
      assertTrue(Double.isFinite(z));
      sum += z;
      sum2 += z * z;
      sum4 += z * z * z * z;
      double a = Math.abs(z);
      if (a > 1) beyondOne++;
      if (a > 3.442619855899) beyondTail++; // only the tail method produces these
      if (a > 4) beyondFour++;
      if (z < 0) negative++;
    }
    assertEquals(0, sum / DRAWS, 5 / Math.sqrt(DRAWS));
    assertEquals(1, sum2 / DRAWS, 5 * Math.sqrt(2.0 / DRAWS));
    assertEquals(3, sum4 / DRAWS, 5 * Math.sqrt(96.0 / DRAWS));
    assertFrequency(0.5, negative);
    assertFrequency(0.31731050786291410, beyondOne);
    assertFrequency(5.7612e-4, beyondTail);
    assertFrequency(6.3342e-5, beyondFour);
  }

  @Test void theSameSeedGivesTheSameDraws() {
    Gaussian a = new Gaussian(new SplittableRandom(7)), b = new Gaussian(new SplittableRandom(7));
    for (int i = 0; i < 10_000; i++) assertEquals(Double.doubleToRawLongBits(a.next()), Double.doubleToRawLongBits(b.next()));
  }

  private static void assertFrequency(double p, int count) {
    double expected = p * DRAWS, sd = Math.sqrt(DRAWS * p * (1 - p));
    assertEquals(expected, count, 5 * sd, "frequency " + count + " against " + expected);
  }
}
