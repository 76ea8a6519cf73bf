package io.gradspec.report.text;

import io.gradspec.report.Headline;
import io.gradspec.report.HintWording;
import io.gradspec.report.Names;
import io.gradspec.report.OffenderRows;
import io.gradspec.report.Outcome;
import io.gradspec.report.Reporter;
import io.gradspec.result.ClaimResult;
import io.gradspec.result.RunResult;
import io.gradspec.result.SpecResult;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Severity;
import io.gradspec.spec.Span;

/**
 * GitHub Actions workflow commands, as ruff and other linters print them: one
 * {@code ::error file=F,line=L,col=C,title=T::message} line per failed or xpassed claim and per error of an
 * invalid spec, {@code ::warning ...} for an inconclusive claim or a warning, then the summary line. GitHub
 * shows each on the spec file in the pull request. Values are escaped as the runner expects
 * ({@code %}, CR, LF, and in properties {@code :} and {@code ,}).
 */
public final class GithubReporter implements Reporter {
  @Override public String render(RunResult run) {
    StringBuilder b = new StringBuilder();
    for (SpecResult s : run.specs()) {
      for (Diagnostic d : s.diagnostics()) {
        StringBuilder msg = new StringBuilder(d.message());
        for (String h : d.help()) msg.append("\nhelp: ").append(h);
        line(b, d.severity() == Severity.ERROR ? "error" : "warning", d.file(), d.line(), d.column(),
            "gradspec " + (d.code() == null ? "error" : d.code()), msg.toString());
      }
      if (s.diagnostics().isEmpty() && s.error() != null) {
        line(b, "error", s.error().file() == null ? s.file() : s.error().file(), s.error().line(), s.error().column(),
            "gradspec error", s.error().message());
      }
      for (ClaimResult c : s.claims()) claim(b, s, c);
    }
    b.append(Outcome.summaryLine(run)).append('\n');
    return b.toString();
  }

  private static void claim(StringBuilder b, SpecResult s, ClaimResult c) {
    String level = switch (c.status()) {
      case FAILED, XPASSED, ERROR -> "error";
      case INCONCLUSIVE -> "warning";
      default -> null;
    };
    if (level == null) return;
    StringBuilder msg = new StringBuilder(Headline.of(c));
    String worst = OffenderRows.worst(c);
    if (worst != null) msg.append('\n').append(worst);
    for (String h : HintWording.lines(c)) msg.append("\nhelp: ").append(h);
    Span at = c.claimSpan();
    String file = at != null && at.file() != null ? at.file().displayPath() : s.file();
    line(b, level, file, at == null ? 0 : at.line(), at == null ? 0 : at.column(),
        (s.name() == null ? "" : s.name() + ": ") + Names.claim(c) + " " + c.status().word(), msg.toString());
  }

  private static void line(StringBuilder b, String level, String file, int line, int col, String title, String msg) {
    b.append("::").append(level);
    String sep = " ";
    if (file != null) { b.append(sep).append("file=").append(property(file)); sep = ","; }
    if (line > 0) { b.append(sep).append("line=").append(line); sep = ","; }
    if (col > 0) { b.append(sep).append("col=").append(col); sep = ","; }
    b.append(sep).append("title=").append(property(title));
    b.append("::").append(data(msg)).append('\n');
  }

  /** A message as the runner reads it: % and line breaks escaped. */
  static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** A property value: as {@link #data}, and : and , too. */
  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
