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
      "6.001e-5, 6.001e-5", "-1.5e300, -1.5e+300"})
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
}
