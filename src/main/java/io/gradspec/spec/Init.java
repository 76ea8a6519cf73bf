package io.gradspec.spec;

/** How an input's value is drawn for each trial (contract section 1, Inputs). */
public enum Init {
  NORMAL, UNIFORM, POSITIVE, SYMMETRIC, SPD, ORTHOGONAL;
  public String word() { return name().toLowerCase(java.util.Locale.ROOT); }
}
