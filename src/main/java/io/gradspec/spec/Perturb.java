package io.gradspec.spec;

/**
 * How the checker moves an input's components (format 1.2, `perturb`): one at a time (`independent`, the
 * default), or a square matrix kept symmetric (`symmetric`: A[i, j] and A[j, i] move together, so the
 * numeric derivative is the one of a function of a symmetric matrix, G + G' - diag(G)).
 */
public enum Perturb {
  INDEPENDENT, SYMMETRIC;
  public String word() { return name().toLowerCase(java.util.Locale.ROOT); }
}
