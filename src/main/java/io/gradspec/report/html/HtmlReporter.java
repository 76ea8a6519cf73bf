package io.gradspec.report.html;

import io.gradspec.report.DiagnosticRenderer;
import io.gradspec.report.Headline;
import io.gradspec.report.Names;
import io.gradspec.report.Numbers;
import io.gradspec.report.Outcome;
import io.gradspec.report.Reporter;
import io.gradspec.report.TaylorWording;
import io.gradspec.report.Where;
import io.gradspec.report.text.TextReporter;
import io.gradspec.result.ClaimResult;
import io.gradspec.result.RunResult;
import io.gradspec.result.SpecResult;
import io.gradspec.result.Status;
import io.gradspec.result.Summary;
import io.gradspec.spec.CheckSettings;
import java.util.List;

/**
 * One self-contained HTML page: inline CSS and inline SVG, no scripts, no fonts or images fetched from
 * anywhere. A summary (counts, one row per spec, linked to its section), then one section per spec. A
 * claim that failed (or xfailed: a known-wrong teaching example, whose picture is the point) shows its
 * headline, its heatmaps ({@link Heatmap}; for a wrong-shape claim whose transpose fits, those of the claim
 * transposed) and its plain text block; passed claims, and specs whose
 * claims all passed, are collapsed in {@code <details>}.
 */
public final class HtmlReporter implements Reporter {
  private static final String CSS = """
      :root { color-scheme: light; }
      body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328;
             background: #fff; margin: 0 auto; padding: 16px 24px; max-width: 1150px; }
      h1 { font-size: 22px; margin: 0 0 4px; }
      h2 { font-size: 17px; margin: 0; display: inline; }
      h3 { font-size: 15px; margin: 0 0 4px; }
      code, pre { font: 12.5px/1.35 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
      pre.block { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 10px;
                  overflow-x: auto; margin: 8px 0 0; }
      .summary { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; margin: 0 0 10px; }
      .counts span { display: inline-block; margin: 0 6px 6px 0; }
      table.specs { border-collapse: collapse; margin: 8px 0 18px; }
      table.specs td, table.specs th { border-bottom: 1px solid #d8dee4; padding: 3px 10px 3px 0; text-align: left; }
      table.specs a { color: inherit; }
      section.spec, details.spec { border-top: 2px solid #d0d7de; padding: 12px 0; }
      details.spec > summary, details.claim > summary { cursor: pointer; }
      .file { color: #57606a; margin-left: 8px; }
      article.claim { margin: 12px 0 4px 0; padding: 10px 12px; border: 1px solid #d0d7de; border-radius: 6px; }
      article.claim.failed, article.claim.xpassed, article.claim.error { border-left: 5px solid #cf222e; }
      article.claim.xfailed { border-left: 5px solid #9a6700; }
      article.claim.inconclusive { border-left: 5px solid #bf8700; }
      details.claim { margin: 6px 0 0; }
      .headline { font-weight: 600; margin: 2px 0 6px; }
      .meta { color: #57606a; margin: 0 0 6px; }
      .badge { display: inline-block; font-size: 12px; font-weight: 600; border-radius: 10px; padding: 0 8px;
               margin-right: 6px; color: #fff; vertical-align: 1px; }
      .badge.passed { background: #1a7f37; } .badge.failed, .badge.xpassed, .badge.error { background: #cf222e; }
      .badge.xfailed { background: #9a6700; } .badge.inconclusive { background: #bf8700; }
      .caption { margin: 8px 0 2px; color: #57606a; }
      svg.heatmap { display: block; max-width: 100%; height: auto; }
      svg.taylor { display: block; max-width: 100%; height: auto; }
      svg.taylor text { font: 11px system-ui, sans-serif; fill: #444; }
      svg.taylor text.axis { font-weight: 600; fill: #24292f; }
      svg.heatmap text { font: 11px system-ui, sans-serif; fill: #444; }
      svg.heatmap text.axis { font-weight: 600; fill: #24292f; }
      svg.heatmap text.slice { fill: #24292f; }
      .legend { color: #57606a; font-size: 12px; margin: 2px 0 0; }
      .swatch, .ramp { display: inline-block; width: 14px; height: 10px; border: 1px solid #bbb; vertical-align: -1px; }
      .ramp { width: 60px; background: %RAMP%; }
      .ramp.diverging { background: %DIVERGING%; }
      details.signed { margin: 4px 0 0; }
      details.signed > summary { cursor: pointer; color: #57606a; font-size: 12px; }
      .nomap { color: #57606a; font-style: italic; }
      """.replace("%RAMP%", Heatmap.rampCss()).replace("%DIVERGING%", Heatmap.divergingCss());

  private final TextReporter text = TextReporter.plain();
  private final DiagnosticRenderer renderer = DiagnosticRenderer.plain();

  @Override public String render(RunResult run) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"generator\" content=\"gradspec ").append(Html.escape(run.version())).append("\">\n")
        .append("<title>gradspec report: ").append(Html.escape(Outcome.of(run.summary()))).append("</title>\n")
        .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    header(h, run);
    List<SpecResult> specs = run.specs();
    for (int i = 0; i < specs.size(); i++) spec(h, specs.get(i), i, run.explicit());
    return h.append("</body>\n</html>\n").toString();
  }

  private static void header(StringBuilder h, RunResult run) {
    Summary s = run.summary();
    h.append("<header>\n<h1>gradspec: ").append(Html.escape(Outcome.of(s))).append("</h1>\n");
    h.append("<p class=\"summary\">").append(Html.escape(Outcome.summaryLine(run, " \u00b7 ")))
        .append(" \u00b7 seed ").append(run.seed()).append("</p>\n<p class=\"counts\">");
    count(h, Status.PASSED, s.passed());
    count(h, Status.FAILED, s.failed());
    count(h, Status.XFAILED, s.xfailed());
    count(h, Status.XPASSED, s.xpassed());
    count(h, Status.INCONCLUSIVE, s.inconclusive());
    count(h, Status.ERROR, s.errors());
    h.append("</p>\n");
    if (!run.specs().isEmpty()) {
      h.append("<table class=\"specs\">\n<tr><th>status</th><th>spec</th><th>file</th><th>claims</th></tr>\n");
      for (int i = 0; i < run.specs().size(); i++) {
        SpecResult spec = run.specs().get(i);
        h.append("<tr><td>").append(badge(spec.status())).append("</td><td><a href=\"#spec-").append(i).append("\">")
            .append(Html.escape(Names.spec(spec))).append("</a></td><td><code>").append(Html.escape(spec.file()))
            .append("</code></td><td>").append(spec.claims().size()).append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    h.append("</header>\n");
  }

  private static void count(StringBuilder h, Status status, int n) {
    if (n == 0 && status != Status.PASSED && status != Status.FAILED) return;
    h.append("<span><span class=\"badge ").append(status.word()).append("\">").append(n).append("</span>")
        .append(status == Status.ERROR ? "errors" : status.word()).append("</span>");
  }

  private static String badge(Status s) {
    return "<span class=\"badge " + s.word() + "\">" + s.word() + "</span>";
  }

  private void spec(StringBuilder h, SpecResult s, int i, CheckSettings cli) {
    boolean quiet = s.status() == Status.PASSED && s.claims().stream().noneMatch(c -> c.status() == Status.XFAILED);
    String title = badge(s.status()) + "<h2>" + Html.escape(Names.spec(s)) + "</h2><code class=\"file\">"
        + Html.escape(s.file()) + "</code>";
    if (quiet) {
      h.append("<details class=\"spec\" id=\"spec-").append(i).append("\">\n<summary>").append(title)
          .append("</summary>\n");
    } else {
      h.append("<section class=\"spec\" id=\"spec-").append(i).append("\">\n").append(title).append('\n');
    }
    if (s.claims().isEmpty() && !s.diagnostics().isEmpty()) {
      h.append("<pre class=\"block\">").append(Html.escape(renderer.render(s.diagnostics()))).append("</pre>\n");
    } else if (s.claims().isEmpty() && s.error() != null) {
      h.append("<pre class=\"block\">").append(Html.escape(s.error().message())).append("</pre>\n");
    }
    for (ClaimResult c : s.claims()) {
      if (c.status() == Status.PASSED) passed(h, c);
      else claim(h, s, c, cli);
    }
    h.append(quiet ? "</details>\n" : "</section>\n");
  }

  private static void passed(StringBuilder h, ClaimResult c) {
    h.append("<details class=\"claim\"><summary>").append(badge(c.status()))
        .append(Html.escape(Headline.of(c))).append(", max |error| ")
        .append(Html.escape(Numbers.tol(c.maxAbsError()))).append("</summary>\n<p class=\"meta\">")
        .append(claimLine(c)).append("<br>").append(Html.escape(Where.of(c))).append("</p>");
    if (c.taylor() != null) {
      h.append('\n');
      taylor(h, c);
    }
    h.append("</details>\n");
  }

  /** The Taylor test's picture under its sentence (README, "The Taylor test"). */
  private static void taylor(StringBuilder h, ClaimResult c) {
    h.append("<p class=\"meta\">").append(Html.escape(TaylorWording.sentence(c))).append("</p>\n")
        .append(TaylorPlot.render(c.taylor()));
  }

  private void claim(StringBuilder h, SpecResult s, ClaimResult c, CheckSettings cli) {
    h.append("<article class=\"claim ").append(c.status().word()).append("\">\n<h3>").append(badge(c.status()))
        .append(Html.escape(Names.claim(c))).append("</h3>\n");
    h.append("<p class=\"headline\">").append(Html.escape(Headline.of(c))).append("</p>\n");
    h.append("<p class=\"meta\">").append(claimLine(c)).append("</p>\n");
    if (c.grid() != null && c.shape() != null) {
      // a wrong-shape claim's grid compares its transpose, which fits: whether transposing fixes it
      h.append("<p class=\"caption transposed\">Heatmap of the claim transposed: the claim has the wrong shape ")
          .append(Html.escape(c.shape().claimedSymbolic())).append(", its transpose has the derivative's shape ")
          .append(Html.escape(c.shape().expectedSymbolic())).append(c.shape().transposeMatches()
              ? "; transposed, it matches the numeric derivative.</p>\n"
              : "; transposed, it still disagrees where the map is red.</p>\n");
      h.append(Heatmap.render(c.grid(), c.indexNames(), c.axisNames(), s.indexBase()));
    } else if (c.grid() != null) {
      h.append(Heatmap.render(c.grid(), c.indexNames(), c.axisNames(), s.indexBase()));
    } else if (c.shape() != null) {
      h.append("<p class=\"nomap\">No heatmap: the claim has the wrong shape, so its components cannot be "
          + "compared one by one.</p>\n");
    }
    if (c.taylor() != null) taylor(h, c);
    h.append("<pre class=\"block\">").append(Html.escape(text.claimBlock(s, c, cli))).append("</pre>\n</article>\n");
  }

  /** "<code>claim: ...</code> · numerator layout · note: ..." */
  private static String claimLine(ClaimResult c) {
    StringBuilder sb = new StringBuilder();
    if (c.claimText() != null) sb.append("<code>claim: ").append(Html.escape(c.claimText())).append("</code>");
    if (c.layout() != null) sb.append(" \u00b7 ").append(c.layout().word()).append(" layout");
    if (c.note() != null && !c.note().isBlank()) sb.append(" \u00b7 note: ").append(Html.escape(c.note().strip()));
    return sb.toString();
  }
}
