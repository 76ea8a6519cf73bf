package io.gradspec.spec;

/**
 * How the numeric derivative is computed: plain central differences, with Richardson extrapolation, or the
 * complex step (a step-free reference for specs written in the expression language; README "Complex step").
 */
public enum Method {
  CENTRAL, RICHARDSON, COMPLEX_STEP;

  /** How a spec and the command line write it: {@code central}, {@code richardson}, {@code complex-step}. */
  public String word() { return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'); }

  /** The method a word names, in any case, or null. */
  public static Method ofWord(String w) {
    for (Method m : values()) if (m.word().equalsIgnoreCase(w)) return m;
    return null;
  }
}
