package io.gradspec.api;

/**
 * One claim's verdict, as a test names and reports it. Part of the stable API.
 *
 * @param spec    the spec's name
 * @param file    the spec file, as the report shows it
 * @param number  the claim's 1-based position in the spec's {@code claims}
 * @param name    "claim 1: d y / d x"
 * @param status  "passed", "failed", "xfailed", "xpassed", "inconclusive" or "error" (contract §4)
 * @param text    the text report's block for this claim ("" for a passed claim)
 */
public record ClaimReport(String spec, String file, int number, String name, String status, String text) {
  /** Passed, or failed as the spec expects ({@code expect: fail}). */
  public boolean ok() { return status.equals("passed") || status.equals("xfailed"); }

  /** Neither right nor wrong: a component could not be judged (the text says why). */
  public boolean inconclusive() { return status.equals("inconclusive"); }
}
