package io.gradspec.spec;

/**
 * What an input holds (contract §1, Inputs, `type`): real numbers, which a claim may perturb; or integers
 * or booleans (0/1), which are never perturbed and can be used as indices and masks.
 */
public enum InputType {
  REAL, INT, BOOL;
  public String word() { return name().toLowerCase(java.util.Locale.ROOT); }
}
