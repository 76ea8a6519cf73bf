package io.gradspec.spec;

/** Derivative layout: numerator (Jacobian, `of` axes first) or denominator (`wrt` axes first). */
public enum Layout {
  NUMERATOR, DENOMINATOR;
  public String word() { return name().toLowerCase(java.util.Locale.ROOT); }
}
