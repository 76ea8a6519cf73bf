package io.gradspec.math;

/**
 * {@link StrictMath#log} and {@link StrictMath#cos} in Java, transcribed from fdlibm 5.3 (e_log.c, s_cos.c,
 * k_cos.c, k_sin.c, e_rem_pio2.c), which is what {@code StrictMath} specifies and what JDK 17 calls through
 * JNI. The input sampler calls them twice per Gaussian; through JNI that cost more than everything else in
 * drawing a large input. Same operations in the same order on doubles, so the same results bit for bit
 * (tested against {@code StrictMath} over millions of arguments). {@link #cos} handles |x| < 2^19 pi/2 itself
 * and passes larger arguments (the Payne-Hanek reduction) to {@code StrictMath}.
 *
 * <p>Derived from fdlibm: Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved. Developed at
 * SunSoft, a Sun Microsystems, Inc. business. Permission to use, copy, modify, and distribute this software
 * is freely granted, provided that this notice is preserved.
 */
public final class FdLibm {
  private FdLibm() {}

  private static int hi(double x) { return (int) (Double.doubleToRawLongBits(x) >>> 32); }

  private static int lo(double x) { return (int) Double.doubleToRawLongBits(x); }

  private static double withHi(double x, int hi) {
    return Double.longBitsToDouble(((long) hi << 32) | (Double.doubleToRawLongBits(x) & 0xffffffffL));
  }

  private static double bits(int hi, int lo) {
    return Double.longBitsToDouble(((long) hi << 32) | (lo & 0xffffffffL));
  }

  // ------------------------------------------------------------------ log (e_log.c)

  private static final double LN2_HI = bits(0x3fe62e42, 0xfee00000);
  private static final double LN2_LO = bits(0x3dea39ef, 0x35793c76);
  private static final double TWO54 = bits(0x43500000, 0x00000000);
  /** Not a constant expression, so that the C's divisions by zero happen at run time as there. */
  private static double zero = 0.0;
  private static final double LG1 = bits(0x3FE55555, 0x55555593);
  private static final double LG2 = bits(0x3FD99999, 0x9997FA04);
  private static final double LG3 = bits(0x3FD24924, 0x94229359);
  private static final double LG4 = bits(0x3FCC71C5, 0x1D8E78AF);
  private static final double LG5 = bits(0x3FC74664, 0x96CB03DE);
  private static final double LG6 = bits(0x3FC39A09, 0xD078C69F);
  private static final double LG7 = bits(0x3FC2F112, 0xDF3E5244);

  /** The natural logarithm, as {@link StrictMath#log}. */
  public static double log(double x) {
    int hx = hi(x), lx = lo(x);
    int k = 0;
    if (hx < 0x00100000) { // x < 2^-1022
      if (((hx & 0x7fffffff) | lx) == 0) return -TWO54 / zero; // log(+-0) = -inf
      if (hx < 0) return (x - x) / zero; // log(-#) = NaN
      k -= 54;
      x *= TWO54; // subnormal: scale up
      hx = hi(x);
    }
    if (hx >= 0x7ff00000) return x + x;
    k += (hx >> 20) - 1023;
    hx &= 0x000fffff;
    int i = (hx + 0x95f64) & 0x100000;
    x = withHi(x, hx | (i ^ 0x3ff00000)); // normalize x or x/2
    k += i >> 20;
    double f = x - 1.0;
    double dk;
    if ((0x000fffff & (2 + hx)) < 3) { // |f| < 2^-20
      if (f == 0.0) {
        if (k == 0) return 0.0;
        dk = k;
        return dk * LN2_HI + dk * LN2_LO;
      }
      double r = f * f * (0.5 - 0.33333333333333333 * f);
      if (k == 0) return f - r;
      dk = k;
      return dk * LN2_HI - ((r - dk * LN2_LO) - f);
    }
    double s = f / (2.0 + f);
    dk = k;
    double z = s * s;
    i = hx - 0x6147a;
    double w = z * z;
    int j = 0x6b851 - hx;
    double t1 = w * (LG2 + w * (LG4 + w * LG6));
    double t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
    i |= j;
    double r = t2 + t1;
    if (i > 0) {
      double hfsq = 0.5 * f * f;
      if (k == 0) return f - (hfsq - s * (hfsq + r));
      return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
    }
    if (k == 0) return f - s * (f - r);
    return dk * LN2_HI - ((s * (f - r) - dk * LN2_LO) - f);
  }

  // ------------------------------------------------------------------ cos (s_cos.c, k_cos.c, k_sin.c, e_rem_pio2.c)

  private static final double C1 = bits(0x3FA55555, 0x5555554C);
  private static final double C2 = bits(0xBF56C16C, 0x16C15177);
  private static final double C3 = bits(0x3EFA01A0, 0x19CB1590);
  private static final double C4 = bits(0xBE927E4F, 0x809C52AD);
  private static final double C5 = bits(0x3E21EE9E, 0xBDB4B1C4);
  private static final double C6 = bits(0xBDA8FAE9, 0xBE8838D4);

  private static final double S1 = bits(0xBFC55555, 0x55555549);
  private static final double S2 = bits(0x3F811111, 0x1110F8A6);
  private static final double S3 = bits(0xBF2A01A0, 0x19C161D5);
  private static final double S4 = bits(0x3EC71DE3, 0x57B1FE7D);
  private static final double S5 = bits(0xBE5AE5E6, 0x8A2B9CEB);
  private static final double S6 = bits(0x3DE5D93A, 0x5ACFD57C);

  private static final double INVPIO2 = bits(0x3FE45F30, 0x6DC9C883);
  private static final double PIO2_1 = bits(0x3FF921FB, 0x54400000);
  private static final double PIO2_1T = bits(0x3DD0B461, 0x1A626331);
  private static final double PIO2_2 = bits(0x3DD0B461, 0x1A600000);
  private static final double PIO2_2T = bits(0x3BA3198A, 0x2E037073);
  private static final double PIO2_3 = bits(0x3BA3198A, 0x2E000000);
  private static final double PIO2_3T = bits(0x397B839A, 0x252049C1);

  /** High words of n pi/2 for n = 1..32 (e_rem_pio2.c). */
  private static final int[] NPIO2_HW = {
      0x3FF921FB, 0x400921FB, 0x4012D97C, 0x401921FB, 0x401F6A7A, 0x4022D97C,
      0x4025FDBB, 0x402921FB, 0x402C463A, 0x402F6A7A, 0x4031475C, 0x4032D97C,
      0x40346B9C, 0x4035FDBB, 0x40378FDB, 0x403921FB, 0x403AB41B, 0x403C463A,
      0x403DD85A, 0x403F6A7A, 0x40407E4C, 0x4041475C, 0x4042106C, 0x4042D97C,
      0x4043A28C, 0x40446B9C, 0x404534AC, 0x4045FDBB, 0x4046C6CB, 0x40478FDB,
      0x404858EB, 0x404921FB,
  };

  /** The cosine, as {@link StrictMath#cos}. */
  public static double cos(double x) {
    int hx = hi(x);
    int ix = hx & 0x7fffffff;
    if (ix <= 0x3fe921fb) return kernelCos(x, 0.0); // |x| ~< pi/4
    if (ix >= 0x7ff00000) return x - x; // Inf or NaN
    if (ix > 0x413921fb) return StrictMath.cos(x); // large: Payne-Hanek reduction
    // __ieee754_rem_pio2, inline (its two results in y0, y1: no array per call)
    int n;
    double y0, y1;
    if (ix < 0x4002d97c) { // |x| < 3pi/4, special case with n = +-1
      if (hx > 0) {
        double z = x - PIO2_1;
        if (ix != 0x3ff921fb) { // 33+53 bit pi is good enough
          y0 = z - PIO2_1T;
          y1 = (z - y0) - PIO2_1T;
        } else { // near pi/2, use 33+33+53 bit pi
          z -= PIO2_2;
          y0 = z - PIO2_2T;
          y1 = (z - y0) - PIO2_2T;
        }
        n = 1;
      } else {
        double z = x + PIO2_1;
        if (ix != 0x3ff921fb) {
          y0 = z + PIO2_1T;
          y1 = (z - y0) + PIO2_1T;
        } else {
          z += PIO2_2;
          y0 = z + PIO2_2T;
          y1 = (z - y0) + PIO2_2T;
        }
        n = -1;
      }
    } else { // |x| ~<= 2^19 (pi/2), medium size
      double t = Math.abs(x);
      n = (int) (t * INVPIO2 + 0.5);
      double fn = n;
      double r = t - fn * PIO2_1;
      double w = fn * PIO2_1T; // 1st round good to 85 bits
      if (n < 32 && ix != NPIO2_HW[n - 1]) {
        y0 = r - w; // quick check: no cancellation
      } else {
        int j = ix >> 20;
        y0 = r - w;
        int i = j - ((hi(y0) >> 20) & 0x7ff);
        if (i > 16) { // 2nd iteration needed, good to 118 bits
          t = r;
          w = fn * PIO2_2;
          r = t - w;
          w = fn * PIO2_2T - ((t - r) - w);
          y0 = r - w;
          i = j - ((hi(y0) >> 20) & 0x7ff);
          if (i > 49) { // 3rd iteration, 151 bits: covers all cases
            t = r;
            w = fn * PIO2_3;
            r = t - w;
            w = fn * PIO2_3T - ((t - r) - w);
            y0 = r - w;
          }
        }
      }
      y1 = (r - y0) - w;
      if (hx < 0) { y0 = -y0; y1 = -y1; n = -n; }
    }
    switch (n & 3) {
      case 0: return kernelCos(y0, y1);
      case 1: return -kernelSin(y0, y1);
      case 2: return -kernelCos(y0, y1);
      default: return kernelSin(y0, y1);
    }
  }

  private static double kernelCos(double x, double y) {
    int ix = hi(x) & 0x7fffffff;
    if (ix < 0x3e400000 && (int) x == 0) return 1.0; // |x| < 2^-27
    double z = x * x;
    double r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
    if (ix < 0x3FD33333) return 1.0 - (0.5 * z - (z * r - x * y)); // |x| < 0.3
    double qx = ix > 0x3fe90000 ? 0.28125 : bits(ix - 0x00200000, 0); // x/4
    double hz = 0.5 * z - qx;
    double a = 1.0 - qx;
    return a - (hz - (z * r - x * y));
  }

  /** __kernel_sin with iy = 1 (y is the tail of x). */
  private static double kernelSin(double x, double y) {
    int ix = hi(x) & 0x7fffffff;
    if (ix < 0x3e400000 && (int) x == 0) return x; // |x| < 2^-27
    double z = x * x;
    double v = z * x;
    double r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
    return x - ((z * (0.5 * y - v * r) - y) - v * S1);
  }

  // ------------------------------------------------------------------ tanh (s_tanh.c, s_expm1.c)

  /** The hyperbolic tangent, as {@link StrictMath#tanh}. */
  public static double tanh(double x) {
    int jx = hi(x);
    int ix = jx & 0x7fffffff;
    if (ix >= 0x7ff00000) { // Inf or NaN
      if (jx >= 0) return 1.0 / x + 1.0; // tanh(+-inf) = +-1
      return 1.0 / x - 1.0; // tanh(NaN) = NaN
    }
    double z;
    if (ix < 0x40360000) { // |x| < 22
      if (ix < 0x3c800000) return x * (1.0 + x); // |x| < 2^-55
      if (ix >= 0x3ff00000) { // |x| >= 1
        double t = expm1(2.0 * Math.abs(x));
        z = 1.0 - 2.0 / (t + 2.0);
      } else {
        double t = expm1(-2.0 * Math.abs(x));
        z = -t / (t + 2.0);
      }
    } else {
      z = 1.0 - TINY; // |x| >= 22: +-1
    }
    return jx >= 0 ? z : -z;
  }

  private static final double HUGE = 1.0e+300;
  private static final double TINY = 1.0e-300;
  private static final double O_THRESHOLD = bits(0x40862E42, 0xFEFA39EF);
  private static final double INVLN2 = bits(0x3ff71547, 0x652b82fe);
  private static final double Q1 = bits(0xBFA11111, 0x111110F4);
  private static final double Q2 = bits(0x3F5A01A0, 0x19FE5585);
  private static final double Q3 = bits(0xBF14CE19, 0x9EAADBB7);
  private static final double Q4 = bits(0x3ED0CFCA, 0x86E65239);
  private static final double Q5 = bits(0xBE8AFDB7, 0x6E09C32D);

  /** e^x - 1, as {@link StrictMath#expm1}. */
  public static double expm1(double x) {
    int hx = hi(x);
    int xsb = hx & 0x80000000; // sign bit of x
    hx &= 0x7fffffff; // high word of |x|
    // filter out huge and non-finite arguments
    if (hx >= 0x4043687A) { // |x| >= 56 ln2
      if (hx >= 0x40862E42) { // |x| >= 709.78...
        if (hx >= 0x7ff00000) {
          if (((hx & 0xfffff) | lo(x)) != 0) return x + x; // NaN
          return xsb == 0 ? x : -1.0; // exp(+-inf) - 1 = {inf, -1}
        }
        if (x > O_THRESHOLD) return HUGE * HUGE; // overflow
      }
      if (xsb != 0 && x + TINY < 0.0) return TINY - 1.0; // x < -56 ln2: -1
    }
    double hi, lo, c = 0;
    int k;
    // argument reduction
    if (hx > 0x3fd62e42) { // |x| > 0.5 ln2
      if (hx < 0x3FF0A2B2) { // and |x| < 1.5 ln2
        if (xsb == 0) { hi = x - LN2_HI; lo = LN2_LO; k = 1; }
        else { hi = x + LN2_HI; lo = -LN2_LO; k = -1; }
      } else {
        k = (int) (INVLN2 * x + (xsb == 0 ? 0.5 : -0.5));
        double t = k;
        hi = x - t * LN2_HI; // t * ln2_hi is exact here
        lo = t * LN2_LO;
      }
      x = hi - lo;
      c = (hi - x) - lo;
    } else if (hx < 0x3c900000) { // |x| < 2^-54: x
      double t = HUGE + x;
      return x - (t - (HUGE + x));
    } else {
      k = 0;
    }
    // x is now in the primary range
    double hfx = 0.5 * x;
    double hxs = x * hfx;
    double r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
    double t = 3.0 - r1 * hfx;
    double e = hxs * ((r1 - t) / (6.0 - x * t));
    if (k == 0) return x - (x * e - hxs); // c is 0
    e = x * (e - c) - c;
    e -= hxs;
    if (k == -1) return 0.5 * (x - e) - 0.5;
    if (k == 1) {
      if (x < -0.25) return -2.0 * (e - (x + 0.5));
      return 1.0 + 2.0 * (x - e);
    }
    double y;
    if (k <= -2 || k > 56) { // suffices to return exp(x) - 1
      y = 1.0 - (e - x);
      y = withHi(y, hi(y) + (k << 20)); // add k to y's exponent
      return y - 1.0;
    }
    if (k < 20) {
      t = bits(0x3ff00000 - (0x200000 >> k), 0); // 1 - 2^-k
      y = t - (e - x);
      y = withHi(y, hi(y) + (k << 20));
    } else {
      t = bits((0x3ff - k) << 20, 0); // 2^-k
      y = x - (e + t);
      y += 1.0;
      y = withHi(y, hi(y) + (k << 20));
    }
    return y;
  }
}
