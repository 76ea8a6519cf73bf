package io.gradspec.api;

import io.gradspec.report.Names;
import io.gradspec.report.json.JsonReporter;
import io.gradspec.report.text.TextReporter;
import io.gradspec.result.ClaimResult;
import io.gradspec.result.RunResult;
import io.gradspec.result.SpecResult;
import io.gradspec.result.Status;
import io.gradspec.spec.CheckSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one {@link Gradspec} check: whether everything passed, the exit code the command line
 * would give, each claim's verdict ({@link #claims}) and each spec that could not be checked
 * ({@link #errors}); {@link #toString} is the text report, {@link #json} the JSON one (contract §4). Part of
 * the stable API.
 */
public final class Report {
  private final RunResult run;
  private final boolean verbose;
  private final CheckSettings explicit;

  Report(RunResult run, boolean verbose, CheckSettings explicit) {
    this.run = run;
    this.verbose = verbose;
    this.explicit = explicit;
  }

  /** Every claim passed or failed as expected, and every spec could be checked (exit code 0). */
  public boolean passed() { return run.exitCode() == 0; }

  /** The exit code {@code gradspec check} would give (contract §5). */
  public int exitCode() { return run.exitCode(); }

  /** Every claim of every spec checked, in path, document and claim order. */
  public List<ClaimReport> claims() {
    TextReporter text = new TextReporter(false, true);
    List<ClaimReport> out = new ArrayList<>();
    for (SpecResult s : run.specs()) {
      for (ClaimResult c : s.claims()) {
        String block = c.status() == Status.XFAILED ? "" : text.claimBlock(s, c, explicit);
        out.add(new ClaimReport(Names.spec(s), s.file(), c.index() + 1, "claim " + (c.index() + 1) + ": "
            + Names.claim(c), c.status().word(), block));
      }
    }
    return out;
  }

  /**
   * The specs that could not be checked (a malformed file, an unknown name, a program that crashed): one
   * {@code ClaimReport} each, named "spec", with status "error" and the diagnostic as its text.
   */
  public List<ClaimReport> errors() {
    TextReporter text = TextReporter.plain();
    List<ClaimReport> out = new ArrayList<>();
    for (SpecResult s : run.specs()) {
      if (s.status() != Status.ERROR || !s.claims().isEmpty()) continue;
      String block = text.render(RunResult.of(run.version(), run.seed(), List.of(s), 0));
      out.add(new ClaimReport(Names.spec(s), s.file(), 0, "spec", "error", block));
    }
    return out;
  }

  /** The JSON report (contract §4). */
  public String json() { return new JsonReporter(false).render(run); }

  /** The text report, as {@code gradspec check --no-color} prints it. */
  @Override public String toString() { return new TextReporter(false, verbose).render(run); }
}
