package io.gradspec.report.text;

import io.gradspec.report.DiagnosticRenderer.Footer;
import io.gradspec.report.DiagnosticRenderer;
import io.gradspec.report.Names;
import io.gradspec.report.Numbers;
import io.gradspec.report.ReasonWording;
import io.gradspec.result.Explanation.Verdict;
import io.gradspec.result.Explanation;
import io.gradspec.report.Tuples;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Layout;
import io.gradspec.spec.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws an {@link Explanation} as the seed tutorial would work it by hand: the claim as written (excerpt
 * and caret), then three short sections: the claimed value with the formula's indices substituted, the
 * numeric value from f(x + h) and f(x - h), and the comparison with each term of the bound.
 *
 * <pre>
 * claimed  d Y[0, 1] / d z[2]
 *   x[1] * B[2, 0]
 *   = 2 * 3
 *   = 6.000000e+00
 * </pre>
 */
public final class ExplainRenderer {
  private final DiagnosticRenderer renderer;

  public ExplainRenderer(boolean color) { this.renderer = new DiagnosticRenderer(color); }

  public static ExplainRenderer plain() { return new ExplainRenderer(false); }

  /** The whole explanation; every line ends with "\n". */
  public String render(Explanation e) {
    StringBuilder out = new StringBuilder();
    String component = Names.claim(e.ofElement(), e.wrtElement());
    String headline = "claim " + e.claimNumber() + " of `" + e.specName() + "`, component "
        + Tuples.index(e.index()) + ": " + component;
    Diagnostic d = Diagnostic.error(null, e.claimSpan(), headline).withLabel(label(e));
    List<Footer> footers = new ArrayList<>();
    footers.add(Footer.plain(indexSpace(e) + "; dims " + Tuples.dims(e.dims()) + dimsWhich(e) + "; trial " + e.trial()
        + (e.trial() < e.trials() ? " of " + e.trials() : "") + ", seed " + e.seed()));
    out.append(renderer.render("explain", d, footers)).append('\n');

    out.append("claimed  ").append(component).append('\n');
    if (e.shapeProblem() != null) {
      out.append("  ").append(e.shapeProblem()).append('\n');
    } else if (e.substituted() != null) {
      out.append("  ").append(indexNames(e)).append(" = ").append(Tuples.index(e.index()))
          .append(e.vecIndex() != null ? ", vec " + Tuples.index(e.vecIndex()) : "").append(":  ")
          .append(e.substituted()).append('\n');
      if (e.valued() != null) out.append("  = ").append(e.valued()).append('\n');
      out.append("  = ").append(Numbers.sci(e.claimed())).append('\n');
    } else {
      // a vec claim holds the component at its vec row and column
      int[] at = e.vecIndex() != null ? e.vecIndex() : e.index();
      out.append("  element ").append(Tuples.index(at)).append(" of `").append(e.claimText().strip()).append("`")
          .append(" = ").append(Numbers.sci(e.claimed())).append('\n');
    }
    out.append('\n');

    boolean richardson = e.method() == Method.RICHARDSON, complex = e.method() == Method.COMPLEX_STEP;
    out.append("numeric  ").append(richardson ? "Richardson extrapolation" : complex ? "the complex step"
        : "central differences").append(" on ").append(e.wrtElement()).append('\n');
    String x = e.wrtElement();
    String f = e.ofElement();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {x, full(e.x()), e.mirrorElement() == null ? "the input component that is perturbed"
        : "the input component that is perturbed, with " + e.mirrorElement() + " (perturb: symmetric)"});
    if (complex) {
      rows.add(new String[] {f + " at " + x, full(e.f()), "f(x)"});
      rows.add(new String[] {"numeric", Numbers.sci(e.numeric()),
          "Im f(x + i h e) / h as h -> 0: the complex form of f, no step and no cancellation"});
    } else {
      rows.add(new String[] {"h", Numbers.tol(e.h()), (richardson ? "the finer step, " : "")
          + "step * max(1, |" + x + "|), as represented in floating point"});
      rows.add(new String[] {f + " at " + x + " + h", full(e.fPlus()), "f(x + h)"});
      if (!Double.isNaN(e.f())) rows.add(new String[] {f + " at " + x, full(e.f()), "f(x)"});
      rows.add(new String[] {f + " at " + x + " - h", full(e.fMinus()), "f(x - h)"});
      rows.add(new String[] {"numeric", Numbers.sci(e.numeric()), richardson
          ? "(f(x + h) - f(x - h)) / 2h, extrapolated with the step 2h" : "(f(x + h) - f(x - h)) / 2h"});
    }
    table(out, rows);
    out.append('\n');

    out.append("verdict  ").append(verdict(e)).append('\n');
    if (e.shapeProblem() != null) return out.toString();   // no claimed value: nothing to compare
    rows.clear();
    rows.add(new String[] {"|claimed - numeric|", Numbers.sci(e.absError()), ""});
    rows.add(new String[] {"tolerance", Numbers.tol(e.tolerance()),
        "atol + rtol * max(|claimed|, |numeric|) + " + (complex ? "round-off" : "finite-difference error")});
    rows.add(new String[] {"  atol", Numbers.tol(e.atol()), ""});
    rows.add(new String[] {"  rtol * max", Numbers.tol(e.rtolTerm()), "rtol " + Numbers.compact(e.rtol())
        + " * " + Numbers.tol(Math.max(Math.abs(e.claimed()), Math.abs(e.numeric())))});
    rows.add(new String[] {complex ? "  round-off" : "  fd error", Numbers.tol(e.fdError()), richardson
        ? "round-off + |Richardson correction|" : complex ? "16 eps times the largest intermediate of the complex form"
        : "round-off: 16 eps (|f(x + h)| + |f(x - h)|) / 2h"});
    table(out, rows);
    return out.toString();
  }

  /**
   * f(x + h) and f(x - h) differ only in their last digits: show 15 significant digits, so the difference
   * the numeric value is made of can be read off.
   */
  private static String full(double v) {
    return String.format(java.util.Locale.ROOT, "%.14e", v == 0 ? 0.0 : v);
  }

  private static String verdict(Explanation e) {
    if (e.verdict() == Verdict.INCONCLUSIVE) return "inconclusive: " + ReasonWording.brief(e.why());
    if (e.shapeProblem() != null) return "disagrees: the claim has the wrong shape";
    String cmp = Numbers.tol(e.absError()) + (e.verdict() == Verdict.AGREES ? " <= " : " > ")
        + Numbers.tol(e.tolerance());
    double[] r = e.refinement() == null ? new double[0] : e.refinement();
    if (e.verdict() == Verdict.AGREES && r.length == 3) {
      return "agrees: f has a kink here, and the claim lies between its one-sided derivatives "
          + Numbers.sci(r[0]) + " (left) and " + Numbers.sci(r[1]) + " (right), a subgradient";
    }
    if (e.verdict() == Verdict.AGREES && r.length == 2) {
      return "agrees at smaller steps: extrapolated " + Numbers.sci(r[0]) + " ± " + Numbers.tol(r[1])
          + " (Ridders); the default step's central difference is off by " + Numbers.tol(e.absError()) + " > "
          + Numbers.tol(e.tolerance()) + ", its truncation error";
    }
    if (e.verdict() == Verdict.DISAGREES && r.length == 2) {
      return "disagrees (" + cmp + "), confirmed at smaller steps: extrapolated " + Numbers.sci(r[0]) + " ± "
          + Numbers.tol(r[1]) + " (Ridders)";
    }
    return e.verdict() == Verdict.AGREES ? "agrees (" + cmp + ")" : "disagrees (" + cmp + ")";
  }

  private static void table(StringBuilder out, List<String[]> rows) {
    int w0 = 0, w1 = 0;
    for (String[] r : rows) { w0 = Math.max(w0, r[0].length()); w1 = Math.max(w1, r[1].length()); }
    for (String[] r : rows) {
      String line = "  " + r[0] + " ".repeat(w0 - r[0].length()) + "  " + " ".repeat(w1 - r[1].length()) + r[1]
          + (r[2].isEmpty() ? "" : "   " + r[2]);
      out.append(line.stripTrailing()).append('\n');
    }
  }

  /** "claimed d Y[i, j] / d z[k] (numerator layout)" */
  private static String label(Explanation e) {
    return "claimed " + Names.claim(e.of(), e.wrt()) + " (" + (e.layout() == null ? Layout.NUMERATOR : e.layout()).word()
        + " layout)";
  }

  private static String indexNames(Explanation e) {
    return "[" + String.join(", ", e.indexNames()) + "]";
  }

  private static String indexSpace(Explanation e) {
    if (e.indexSpace().isEmpty()) return "index space () (a scalar)";
    return "index space " + Tuples.tuple(e.indexSymbols()) + " = " + Tuples.tuple(e.indexSpace());
  }

  private static String dimsWhich(Explanation e) {
    return e.dimsCount() > 1 ? " (map " + e.dimsIndex() + " of " + e.dimsCount() + ")" : "";
  }
}
