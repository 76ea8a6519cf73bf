package io.gradspec.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Number formats shared by every reporter. All of them use {@link Locale#ROOT}, so a report is the same
 * byte for byte whatever the machine's locale (style rule 11).
 */
public final class Numbers {
  private Numbers() {}

  /** A value in the offender table: {@code %.6e}, e.g. {@code -1.500000e+00}. */
  public static String sci(double v) {
    // -0.0 prints as 0: the sign of a zero carries no information in a derivative table
    return String.format(Locale.ROOT, "%.6e", v == 0 ? 0.0 : v);
  }

  /** A count and its noun, e.g. "1 claim", "3 claims". */
  public static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  /** A tolerance or an error bound: {@code %.1e}, e.g. {@code 6.0e-05}. */
  public static String tol(double v) {
    return String.format(Locale.ROOT, "%.1e", v);
  }

  /**
   * The shortest decimal that reads back as {@code v}, Python-{@code repr} style with a two-digit
   * exponent: {@code 1e-08}, {@code 0.5}, {@code 2.0}, {@code 1.5e+20}. Used for settings in text
   * (atol, rtol, step), where the user wants to see the number they wrote.
   */
  public static String compact(double v) {
    return repr(v, true);
  }

  /**
   * A JSON number: the shortest decimal that reads back as {@code v} ({@code 1.83}, {@code 1.0},
   * {@code 1.2e-5}), or {@code null} for NaN and the infinities, which JSON cannot represent.
   */
  public static String json(double v) {
    return Double.isFinite(v) ? repr(v, false) : "null";
  }

  /** An integer field in JSON: never a trailing {@code .0}. */
  public static String json(long v) {
    return Long.toString(v);
  }

  /**
   * Shortest round-trip representation. Double.toString always reads back exactly but is not always the
   * shortest on Java 17 (JDK-4511638, fixed in 19), so drop digits from it while the result still reads
   * back as {@code v}.
   */
  static String repr(double v, boolean padExponent) {
    if (Double.isNaN(v)) return "nan";
    if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
    if (v == 0) return (Double.doubleToRawLongBits(v) < 0) ? "-0.0" : "0.0";
    BigDecimal decimal = new BigDecimal(Double.toString(v)).stripTrailingZeros();
    // Usually nothing shorter reads back, and one test settles it; otherwise keep dropping digits. Each
    // shorter form is rounded from v's exact value (not from the last form: rounding twice can pick the
    // wrong neighbour), the nearest first, then the one on the other side of v, which is what reads back
    // when v is a power of two (2^-24 is 5.960464477539063e-8, its nearest 16 digits ...062 do not
    // read back): the shortest digits that read back, the nearest of them, as Java 19 and later print.
    BigDecimal exact = new BigDecimal(v);
    for (int p = decimal.precision() - 1; p >= 1; p--) {
      BigDecimal shorter = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (shorter.doubleValue() != v) {
        BigDecimal down = exact.round(new MathContext(p, RoundingMode.DOWN));
        shorter = down.compareTo(shorter) == 0 ? exact.round(new MathContext(p, RoundingMode.UP)) : down;
        if (shorter.doubleValue() != v) break;
      }
      decimal = shorter.stripTrailingZeros();
      p = Math.min(p, decimal.precision());
    }
    boolean negative = decimal.signum() < 0;
    String digits = decimal.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - decimal.scale();

    StringBuilder sb = new StringBuilder();
    if (negative) sb.append('-');
    if (exponent < -4 || exponent >= 16) {
      sb.append(digits.charAt(0));
      if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
      sb.append('e').append(exponent < 0 ? '-' : '+');
      int abs = Math.abs(exponent);
      if (padExponent && abs < 10) sb.append('0');
      sb.append(abs);
    } else if (exponent < 0) {
      sb.append("0.").append("0".repeat(-exponent - 1)).append(digits);
    } else if (digits.length() <= exponent + 1) {
      sb.append(digits).append("0".repeat(exponent + 1 - digits.length())).append(".0");
    } else {
      sb.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
    }
    return sb.toString();
  }
}
