package io.gradspec.report;

import static io.gradspec.report.Numbers.plural;

import io.gradspec.result.ClaimResult;
import io.gradspec.result.RunResult;
import io.gradspec.result.SpecResult;
import io.gradspec.result.Status;
import io.gradspec.result.Summary;

/** The outcome of a run in words: the summary line every format ends or starts with, and its short form. */
public final class Outcome {
  private Outcome() {}

  /**
   * The last line of the text report, e.g.
   * {@code 7 specs, 19 claims: 15 passed, 1 failed, 2 xfailed, 1 error; full mode            exit code 2}.
   * Passed and failed are always shown, the other counts only when not zero.
   */
  public static String summaryLine(RunResult run) {
    Summary s = run.summary();
    StringBuilder sb = new StringBuilder();
    sb.append(plural(s.specs(), "spec")).append(", ").append(plural(s.claims(), "claim")).append(": ")
        .append(s.passed()).append(" passed, ").append(s.failed()).append(" failed");
    if (s.xfailed() > 0) sb.append(", ").append(s.xfailed()).append(" xfailed");
    if (s.xpassed() > 0) sb.append(", ").append(s.xpassed()).append(" xpassed");
    if (s.inconclusive() > 0) sb.append(", ").append(s.inconclusive()).append(" inconclusive");
    if (s.errors() > 0) sb.append(", ").append(plural(s.errors(), "error"));
    // which comparison ran (issue: every report says so): full, fast, or how many of each
    long fastN = 0, ran = 0;
    for (SpecResult sr : run.specs()) {
      for (ClaimResult c : sr.claims()) {
        if (c.status() == Status.ERROR || c.mode() == null) continue;
        ran++;
        if (Where.fast(c)) fastN++;
      }
    }
    if (ran > 0) sb.append("; ").append(fastN == 0 ? "full mode" : fastN == ran ? "fast mode" : (ran - fastN) + " full, " + fastN + " fast");
    return sb.append(" ".repeat(12)).append("exit code ").append(run.exitCode()).toString();
  }

  /** The summary line on one line of prose: its wide gap before the exit code becomes {@code separator}. */
  public static String summaryLine(RunResult run, String separator) {
    return summaryLine(run).replaceAll(" {2,}", separator);
  }

  /**
   * The outcome in a few words, every problem counted, e.g. "3 of 19 claims failed, 1 inconclusive, 1 error":
   * the Markdown heading, the HTML title.
   */
  public static String of(Summary s) {
    if (s.specs() == 0) return "no spec found";
    java.util.List<String> parts = new java.util.ArrayList<>();
    if (s.failed() + s.xpassed() > 0) parts.add((s.failed() + s.xpassed()) + " of " + s.claims() + " claims failed");
    if (s.inconclusive() > 0) parts.add(s.inconclusive() + " inconclusive");
    if (s.errors() > 0) parts.add(s.errors() + (s.errors() == 1 ? " error" : " errors"));
    if (!parts.isEmpty()) return String.join(", ", parts);
    if (s.xfailed() > 0) return "all " + s.claims() + " claims passed or failed as expected";
    return "all " + s.claims() + " claims passed";
  }
}
