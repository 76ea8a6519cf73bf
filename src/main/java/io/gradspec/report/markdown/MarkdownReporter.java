package io.gradspec.report.markdown;

import io.gradspec.report.ControlChars;
import io.gradspec.report.DiagnosticRenderer;
import io.gradspec.report.Headline;
import io.gradspec.report.HintWording;
import io.gradspec.report.Names;
import io.gradspec.report.OffenderRows;
import io.gradspec.report.Outcome;
import io.gradspec.report.RefinementWording;
import io.gradspec.report.Reporter;
import io.gradspec.report.TaylorWording;
import io.gradspec.report.Where;
import io.gradspec.report.text.TextReporter;
import io.gradspec.result.ClaimResult;
import io.gradspec.result.Offender;
import io.gradspec.result.RunResult;
import io.gradspec.result.SpecResult;
import io.gradspec.result.Status;
import io.gradspec.result.Summary;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * GitHub-flavoured Markdown, for a CI job summary ({@code $GITHUB_STEP_SUMMARY}) or a pull-request
 * comment: a heading with the outcome, a table of verdict counts, a table with one row per spec, then one
 * section per claim that needs attention (failed, xpassed, inconclusive, error) and per spec that did not
 * load. A section has the headline as a list item with the claim and where it is, the offenders as a
 * table and the hints as a quote; the full text block is folded away in a {@code <details>}. Text from
 * specs is escaped, so a name with {@code |} or {@code *} cannot break a table or start emphasis.
 */
public final class MarkdownReporter implements Reporter {
  /** Above this many specs, the table of specs is folded into a {@code <details>}. */
  static final int FOLD_SPECS = 15;
  private final TextReporter text = TextReporter.plain();
  private final DiagnosticRenderer renderer = DiagnosticRenderer.plain();

  @Override public String render(RunResult run) {
    StringBuilder md = new StringBuilder();
    Summary s = run.summary();
    md.append("## ").append(outcome(run)).append("\n\n");
    md.append('`').append(Outcome.summaryLine(run, " · ")).append("`\n\n");
    md.append("| passed | failed | xfailed | xpassed | inconclusive | errors |\n");
    md.append("|---:|---:|---:|---:|---:|---:|\n");
    md.append("| ").append(s.passed()).append(" | ").append(s.failed()).append(" | ").append(s.xfailed())
        .append(" | ").append(s.xpassed()).append(" | ").append(s.inconclusive()).append(" | ").append(s.errors())
        .append(" |\n\n");
    if (!run.specs().isEmpty()) {
      // a long table would push the failures out of a PR comment's first screen: fold it
      boolean fold = run.specs().size() > FOLD_SPECS;
      if (fold) md.append("<details><summary>").append(run.specs().size()).append(" specs</summary>\n\n");
      md.append("| | spec | file | claims |\n|---|---|---|---|\n");
      for (SpecResult spec : run.specs()) {
        md.append("| ").append(icon(spec.status())).append(' ').append(spec.status().word()).append(" | ")
            .append(cell(spec.name() == null ? "" : spec.name())).append(" | ").append(cellCode(spec.file()))
            .append(" | ").append(claimCounts(spec)).append(" |\n");
      }
      md.append('\n');
      if (fold) md.append("</details>\n\n");
    }
    for (SpecResult spec : run.specs()) {
      if (spec.claims().isEmpty() && spec.status() == Status.ERROR) loadError(md, spec);
      for (ClaimResult c : spec.claims()) {
        if (c.status() == Status.PASSED || c.status() == Status.XFAILED) continue;
        claim(md, spec, c, run.explicit());
      }
    }
    return md.toString().stripTrailing() + "\n";
  }

  private static String outcome(RunResult run) {
    int code = run.summary().exitCode();
    String icon = code == 0 ? "✅" : code == 3 || code == 4 ? "⚠️" : "❌";
    return icon + " gradspec: " + Outcome.of(run.summary());
  }

  private static String icon(Status s) {
    return switch (s) {
      case PASSED, XFAILED -> "✅";
      case FAILED, XPASSED, ERROR -> "❌";
      case INCONCLUSIVE -> "⚠️";
    };
  }

  /** "2 passed, 1 xfailed", verdicts in enum order, zero counts left out. */
  private static String claimCounts(SpecResult spec) {
    if (spec.claims().isEmpty()) return spec.status() == Status.ERROR ? "not checked" : "none";
    Map<Status, Long> counts = spec.claims().stream()
        .collect(Collectors.groupingBy(ClaimResult::status, () -> new java.util.EnumMap<>(Status.class),
            Collectors.counting()));
    return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().word())
        .collect(Collectors.joining(", "));
  }

  private void claim(StringBuilder md, SpecResult spec, ClaimResult c, CheckSettings cli) {
    md.append("### ").append(icon(c.status())).append(' ').append(inline(Names.claim(c)))
        .append(" in ").append(inline(spec.name() == null ? spec.file() : spec.name())).append("\n\n");
    md.append("- **").append(inline(Headline.of(c))).append("**\n");
    md.append("- ").append(code(location(spec, c.claimSpan())));
    if (c.claimText() != null) md.append(": ").append(code("claim: " + c.claimText()));
    if (c.layout() != null) md.append(", ").append(c.layout().word()).append(" layout");
    md.append('\n');
    if (c.status() != Status.ERROR && c.indexSpace() != null) {
      md.append("- ").append(inline(Where.of(c))).append('\n');
    }
    md.append('\n');
    if (!c.offenders().isEmpty()) {
      offenders(md, c);
      md.append('\n');
    }
    List<String> quotes = new ArrayList<>();
    String noise = RefinementWording.noise(c);
    if (noise != null) quotes.add("**note:** " + inline(noise));
    String evidence = RefinementWording.evidence(c);
    if (evidence != null) quotes.add("**note:** " + inline(evidence));
    RefinementWording.kinks(c).forEach(k -> quotes.add("**note:** " + inline(k)));
    String taylor = TaylorWording.sentence(c);
    if (taylor != null) quotes.add("**note:** " + inline(taylor));
    HintWording.lines(c).forEach(h -> quotes.add("**help:** " + inline(h)));
    if (c.note() != null && !c.note().isBlank()) quotes.add("**note:** " + inline(c.note().strip()));
    if (!quotes.isEmpty()) {
      md.append(String.join("\n>\n", quotes.stream().map(q -> "> " + q.replace("\n", "\n> ")).toList()))
          .append("\n\n");
    }
    details(md, text.claimBlock(spec, c, cli));
  }

  private static void offenders(StringBuilder md, ClaimResult c) {
    List<Offender> offenders = c.offenders();
    String[] head = OffenderRows.header(c);
    md.append(offenders.size() < c.mismatches()
        ? "Worst " + offenders.size() + " of " + c.mismatches() + " offenders:\n\n"
        : "Offenders, worst first:\n\n");
    md.append("| ").append(String.join(" | ", List.of(head).stream().map(MarkdownReporter::cell).toList()))
        .append(" |\n|---:|---:|---:|---:|---:|\n");
    for (Offender o : offenders) {
      String[] row = OffenderRows.cells(o);
      md.append("| ").append(cellCode(row[0]));
      for (int k = 1; k < row.length; k++) md.append(" | ").append(row[k]);
      md.append(" |\n");
    }
  }

  private void loadError(StringBuilder md, SpecResult spec) {
    md.append("### ❌ ").append(inline(Names.spec(spec))).append(" could not be checked\n\n");
    for (Diagnostic d : spec.diagnostics()) {
      if (!d.isError()) continue;
      md.append("- **").append(inline(d.message())).append("**");
      if (d.span() != null && d.span().file() != null) md.append(" at ").append(code(location(spec, d.span())));
      md.append('\n');
    }
    if (spec.diagnostics().isEmpty() && spec.error() != null) {
      md.append("- **").append(inline(spec.error().message())).append("**\n");
    }
    md.append('\n');
    details(md, renderer.render(spec.diagnostics()));
  }

  /** The plain text block, folded: the excerpt with its carets is in the job log too, but handy here. */
  private static void details(StringBuilder md, String block) {
    if (block.isBlank()) return;
    String fence = "```";
    while (block.contains(fence)) fence += "`";
    md.append("<details><summary>text report</summary>\n\n").append(fence).append("text\n").append(block);
    if (!block.endsWith("\n")) md.append('\n');
    md.append(fence).append("\n\n</details>\n\n");
  }

  private static String location(SpecResult spec, Span span) {
    if (span == null || span.file() == null) return spec.file();
    return spec.file() + ":" + span.line() + ":" + span.column();
  }

  /** {@code s} as an inline code span, with a fence longer than any backtick run inside it. */
  static String code(String s) {
    String body = ControlChars.line(s);
    String fence = "`";
    while (body.contains(fence)) fence += "`";
    boolean pad = body.startsWith("`") || body.endsWith("`");
    return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
  }

  /** A code span in a table cell, where GitHub splits cells on a pipe even inside code. */
  private static String cellCode(String s) {
    return code(s).replace("|", "\\|");
  }

  /** Plain text in a table cell: every markup character escaped, on one line. */
  private static String cell(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : ControlChars.line(s).toCharArray()) {
      if ("\\`*_[]<>#~|".indexOf(c) >= 0) sb.append('\\');
      sb.append(c);
    }
    return sb.toString();
  }

  /**
   * Prose that may contain `code spans` (hints do): outside the spans, characters that Markdown would
   * read as markup are backslash-escaped; inside, nothing is. With an odd number of backticks, all of them
   * are escaped.
   */
  static String inline(String raw) {
    // text from spec files carries no control character into the Markdown (ESC, BEL, NUL, bidi controls)
    String s = ControlChars.escape(raw);
    StringBuilder sb = new StringBuilder();
    boolean inCode = false;
    int ticks = s.length() - s.replace("`", "").length();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '`' && ticks % 2 == 0) {
        inCode = !inCode;
        sb.append(c);
      } else if (!inCode && "\\*_[]<>#~|".indexOf(c) >= 0) {
        sb.append('\\').append(c);
      } else if (c == '`') {
        sb.append("\\`");
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
