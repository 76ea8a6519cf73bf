package io.gradspec.spec;

/**
 * Derivative layout: numerator (Jacobian, `of` axes first), denominator (`wrt` axes first), or vec (one
 * matrix whose row is the column-major vec index of `of` and whose column that of `wrt`, as Magnus and
 * Neudecker write d vec(Y) / d vec(X)).
 */
public enum Layout {
  NUMERATOR, DENOMINATOR, VEC;
  public String word() { return name().toLowerCase(java.util.Locale.ROOT); }
}
