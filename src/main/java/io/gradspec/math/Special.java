package io.gradspec.math;

/**
 * Special functions Java's Math lacks: erf and erfc, the log-gamma and digamma functions, and the inverse
 * hyperbolic functions. Written from their series and continued fractions (no table of fitted
 * coefficients besides Lanczos'), accurate to a few units in the last place where the value is not tiny;
 * what matters here is that they are smooth and right to far below a finite difference's error.
 */
public final class Special {
  private Special() {}

  private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
  private static final double INV_SQRT_PI = 0.5641895835477563;

  /** The error function, 2/sqrt(pi) times the integral of exp(-t^2) from 0 to x. */
  public static double erf(double x) {
    if (Double.isNaN(x)) return x;
    double a = Math.abs(x);
    if (a < 2.5) return erfSeries(x);
    if (a >= 6) return Math.copySign(1.0, x);
    return Math.copySign(1.0 - erfcFraction(a), x);
  }

  /** 1 - erf(x), without the cancellation of that difference for large x. */
  public static double erfc(double x) {
    if (Double.isNaN(x)) return x;
    if (x < 0.5) return 1.0 - erf(x);
    if (x < 2.5) return 1.0 - erfSeries(x);
    if (x > 27.3) return 0.0; // underflows
    return erfcFraction(x);
  }

  /**
   * erf(x) = 2/sqrt(pi) exp(-x^2) sum_n 2^n x^(2n+1) / (1 3 5 ... (2n+1)): every term positive (x >= 0), so
   * no cancellation; for |x| < 2.5 it converges within about 60 terms.
   */
  private static double erfSeries(double x) {
    double x2 = x * x, term = x, sum = x;
    for (int n = 1; n < 200; n++) {
      term *= 2 * x2 / (2 * n + 1);
      sum += term;
      if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
    }
    return TWO_OVER_SQRT_PI * StrictMath.exp(-x2) * sum;
  }

  /**
   * erfc(x) for x >= 2.5 by Laplace's continued fraction, exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x +
   * (3/2)/(x + ...)))), evaluated by the modified Lentz method.
   */
  private static double erfcFraction(double x) {
    double tiny = 1e-300;
    double f = x, c = x, d = 0;
    for (int n = 1; n < 500; n++) {
      double an = n / 2.0;
      d = x + an * d;
      if (d == 0) d = tiny;
      c = x + an / c;
      if (c == 0) c = tiny;
      d = 1 / d;
      double delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) break;
    }
    return INV_SQRT_PI * StrictMath.exp(-x * x) / f;
  }

  /** Lanczos' coefficients for g = 7, n = 9 (as in Numerical Recipes and Boost's lanczos approximation). */
  private static final double[] LANCZOS = {
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
  private static final double HALF_LOG_2PI = 0.9189385332046728;

  /** log |Gamma(x)|; +Inf at 0 and the negative integers (the poles), as C's lgamma. */
  public static double lgamma(double x) {
    if (Double.isNaN(x)) return x;
    if (Double.isInfinite(x)) return Double.POSITIVE_INFINITY;
    if (x <= 0 && x == Math.rint(x)) return Double.POSITIVE_INFINITY;
    if (x == 1 || x == 2) return 0.0;
    if (x < 0.5) {
      // the reflection Gamma(x) Gamma(1 - x) = pi / sin(pi x)
      return StrictMath.log(Math.PI / Math.abs(sinPi(x))) - lgamma(1 - x);
    }
    if (x > 1e15) return x * (StrictMath.log(x) - 1) - 0.5 * StrictMath.log(x) + HALF_LOG_2PI;
    double z = x - 1, a = LANCZOS[0], t = z + 7.5;
    for (int i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
    return HALF_LOG_2PI + (z + 0.5) * StrictMath.log(t) - t + StrictMath.log(a);
  }

  /** sin(pi x), exact at the integers and half-integers. */
  private static double sinPi(double x) {
    double r = x - 2 * Math.floor(x / 2); // in [0, 2)
    if (r == 0 || r == 1) return 0.0;
    if (r == 0.5) return 1.0;
    if (r == 1.5) return -1.0;
    return StrictMath.sin(Math.PI * r);
  }

  /** The digamma function, d/dx log Gamma(x); NaN at the poles 0, -1, -2, ... */
  public static double digamma(double x) {
    if (Double.isNaN(x) || x == Double.NEGATIVE_INFINITY) return Double.NaN;
    if (x == Double.POSITIVE_INFINITY) return x;
    if (x <= 0 && x == Math.rint(x)) return Double.NaN;
    double acc = 0;
    if (x < 0) {
      // psi(x) = psi(1 - x) - pi / tan(pi x)
      double s = sinPi(x), c = StrictMath.cos(Math.PI * (x - 2 * Math.floor(x / 2)));
      acc -= Math.PI * c / s;
      x = 1 - x;
    }
    while (x < 10) { acc -= 1 / x; x += 1; }
    // the asymptotic series with the Bernoulli numbers B2 ... B14; the next term is below 1e-17 at x >= 10
    double r = 1 / (x * x);
    double series = r * (1.0 / 12 - r * (1.0 / 120 - r * (1.0 / 252 - r * (1.0 / 240 - r * (1.0 / 132
        - r * (691.0 / 32760 - r * (1.0 / 12)))))));
    return acc + StrictMath.log(x) - 0.5 / x - series;
  }

  /**
   * The polygamma function psi^(n)(x), the n-th derivative of digamma, for a whole n >= 1 (NaN otherwise):
   * the recurrence psi^(n)(x) = psi^(n)(x + 1) - (-1)^n n! / x^(n+1) up to x >= 10 + n, then the asymptotic
   * series with the Bernoulli numbers B2 ... B12. +-Inf at the poles 0, -1, -2, ... It is digamma's complex
   * form (n = 1), and its own (n + 1).
   */
  public static double polygamma(double n, double x) {
    if (!(n >= 1) || n != Math.rint(n) || n > 100 || Double.isNaN(x) || x == Double.NEGATIVE_INFINITY) return Double.NaN;
    int k = (int) n;
    double sign = k % 2 == 1 ? 1 : -1; // (-1)^(n+1)
    if (x == Double.POSITIVE_INFINITY) return 0.0;
    double fact = 1;
    for (int i = 2; i <= k; i++) fact *= i;
    if (x <= 0 && x == Math.rint(x)) return k % 2 == 1 ? Double.POSITIVE_INFINITY : Double.NaN;
    double acc = 0;
    while (x < 10 + k) { acc += sign * fact / Math.pow(x, k + 1); x += 1; }
    // (n-1)!/x^n + n!/(2 x^(n+1)) + sum B_2j (2j+n-1)! / ((2j)! x^(2j+n))
    double[] b = {1.0 / 6, -1.0 / 30, 1.0 / 42, -1.0 / 30, 5.0 / 66, -691.0 / 2730};
    double series = fact / k / Math.pow(x, k) + fact / (2 * Math.pow(x, k + 1));
    for (int j = 1; j <= b.length; j++) {
      double ratio = 1; // (2j + n - 1)! / (2j)!
      for (int i = 2 * j + 1; i <= 2 * j + k - 1; i++) ratio *= i;
      series += b[j - 1] * ratio / Math.pow(x, 2 * j + k);
    }
    return acc + sign * series;
  }

  /** The inverse hyperbolic sine, accurate near 0 and without overflow for large |x|. */
  public static double asinh(double x) {
    double a = Math.abs(x);
    if (!(a < 1e300) || a == 0) return x; // NaN, infinities, zeros
    double r = a > 1e8 ? StrictMath.log(a) + Math.log(2) : StrictMath.log1p(a + a * a / (1 + Math.sqrt(1 + a * a)));
    return Math.copySign(r, x);
  }

  /** The inverse hyperbolic cosine, for x >= 1 (NaN below). */
  public static double acosh(double x) {
    if (!(x >= 1)) return Double.NaN;
    if (x > 1e8) return x == Double.POSITIVE_INFINITY ? x : StrictMath.log(x) + Math.log(2);
    double t = x - 1;
    return StrictMath.log1p(t + Math.sqrt(2 * t + t * t));
  }

  /** The inverse hyperbolic tangent, for |x| <= 1 (±Inf at ±1, NaN beyond). */
  public static double atanh(double x) {
    double a = Math.abs(x);
    if (a > 1 || Double.isNaN(x)) return Double.NaN;
    return Math.copySign(0.5 * StrictMath.log1p(2 * a / (1 - a)), x);
  }
}
