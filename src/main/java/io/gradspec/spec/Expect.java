package io.gradspec.spec;

/** Whether a claim is expected to pass, or is a known-wrong teaching example. */
public enum Expect {
  PASS, FAIL;
  public String word() { return name().toLowerCase(java.util.Locale.ROOT); }
}
