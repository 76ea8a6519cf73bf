package io.gradspec.result;

import java.util.Locale;

/** Verdict of a claim or a spec (contract section 4). */
public enum Status {
  PASSED, FAILED, XFAILED, XPASSED, INCONCLUSIVE, ERROR;
  public String word() { return name().toLowerCase(Locale.ROOT); }
  /** True for verdicts that make the run fail (exit 1). */
  public boolean isFailure() { return this == FAILED || this == XPASSED; }
}
