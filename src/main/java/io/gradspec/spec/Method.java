package io.gradspec.spec;

/** Finite-difference method: plain central differences, or with Richardson extrapolation. */
public enum Method {
  CENTRAL, RICHARDSON;
  public String word() { return name().toLowerCase(java.util.Locale.ROOT); }
}
