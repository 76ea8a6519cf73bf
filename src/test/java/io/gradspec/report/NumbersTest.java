package io.gradspec.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumbersTest {
  @ParameterizedTest
  @CsvSource({"1.83, 1.83", "1.0, 1.0", "1.2e-5, 1.2e-5", "0.0001, 0.0001", "1e-8, 1e-8", "-0.7, -0.7",
      "3.0, 3.0", "1e16, 1e+16", "123456789012345.0, 123456789012345.0", "2e23, 2e+23", "0.1, 0.1",
      "6.001e-5, 6.001e-5", "-1.5e300, -1.5e+300", "5.9604644775390625e-8, 5.960464477539063e-8",
      "0.125, 0.125"})
  void jsonIsTheShortestRoundTrip(double v, String json) {
    assertEquals(json, Numbers.json(v));
  }

  @Test
  void nonFiniteIsNullInJson() {
    assertEquals("null", Numbers.json(Double.NaN));
    assertEquals("null", Numbers.json(Double.POSITIVE_INFINITY));
    assertEquals("7", Numbers.json(7L));
  }

  @Test
  void textFormats() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);   // a decimal comma must not leak into reports
      assertEquals("-1.500000e+00", Numbers.sci(-1.5));
      assertEquals("6.0e-05", Numbers.tol(6.001e-5));
      assertEquals("1e-08", Numbers.compact(1e-8));
      assertEquals("1e-05", Numbers.compact(1e-5));
      assertEquals("2.5e-06", Numbers.compact(2.5e-6));
      assertEquals("0.5", Numbers.compact(0.5));
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void jsonReadsBackExactly() {
    Random r = new Random(42);
    for (int i = 0; i < 2000; i++) {
      double v = Double.longBitsToDouble(r.nextLong());
      if (!Double.isFinite(v)) continue;
      assertEquals(v, Double.parseDouble(Numbers.json(v)), Numbers.json(v));
      assertEquals(Numbers.json(v).length() <= Double.toString(v).length() + 1, true, Numbers.json(v));
    }
  }

  /**
   * Powers of two are where the nearest shorter decimal can fail to read back while the one on the other
   * side does (the gap below 2^k is half the gap above): JSON is the shortest form that reads back, as on
   * Java 19 and later, whichever JDK runs (Java 17's Double.toString prints 2^-24 with 17 digits).
   */
  @Test
  void powersOfTwoAreShortest() {
    for (int k = -1074; k <= 1023; k++) {
      double v = Math.scalb(1.0, k);
      String json = Numbers.json(v);
      assertEquals(v, Double.parseDouble(json), json);
      java.math.BigDecimal exact = new java.math.BigDecimal(v);
      int digits = new java.math.BigDecimal(json).stripTrailingZeros().precision();
      for (java.math.RoundingMode m : new java.math.RoundingMode[] {java.math.RoundingMode.UP, java.math.RoundingMode.DOWN}) {
        if (digits == 1) continue;
        double shorter = exact.round(new java.math.MathContext(digits - 1, m)).doubleValue();
        assertEquals(true, shorter != v, json + " has a shorter form");
      }
    }
  }
}
