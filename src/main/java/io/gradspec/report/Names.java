package io.gradspec.report;

import io.gradspec.result.ClaimResult;
import io.gradspec.result.SpecResult;

/** How every format names a spec, a claim and the numeric method it was checked by. */
public final class Names {
  private Names() {}

  /** The spec's name, or its file when it has none (a title in the HTML, JUnit and Markdown reports). */
  public static String spec(SpecResult s) {
    return s.name() == null || s.name().isEmpty() ? s.file() : s.name();
  }

  /**
   * "d Y / d z", for `claim: program` "d Y / d z (the program's vjp)" (every format names the source), for
   * a Hessian ({@code order: 2}) "d^2 f / d x^2".
   */
  public static String claim(ClaimResult c) {
    String d = c.hessian() ? "d^2 " + c.of() + " / d " + c.wrt() + "^2" : claim(c.of(), c.wrt());
    return d + (c.source() == null ? "" : " (" + c.source().words() + ")");
  }

  /** "d Y / d z", also of one component: "d Y[0, 1] / d z[2]" */
  public static String claim(String of, String wrt) {
    return "d " + of + " / d " + wrt;
  }

  /** "central differences", "Richardson extrapolation" or "the complex step", as a headline says what the claim was compared with. */
  static String method(ClaimResult c) {
    if (c.hessian()) return "central differences of the exact gradient";
    return "richardson".equalsIgnoreCase(c.method()) ? "Richardson extrapolation"
        : "complex-step".equalsIgnoreCase(c.method()) ? "the complex step" : "central differences";
  }

  /** What the tolerance's last term is: the complex step's round-off, or the finite difference's error. */
  public static String numericError(ClaimResult c) {
    return "complex-step".equalsIgnoreCase(c.method()) ? "the complex step's round-off" : "finite-difference error";
  }
}
