package io.gradspec.report.output;

import io.gradspec.report.Reporter;
import io.gradspec.report.html.HtmlReporter;
import io.gradspec.report.json.JsonReporter;
import io.gradspec.report.json.SarifReporter;
import io.gradspec.report.junit.JUnitXmlReporter;
import io.gradspec.report.markdown.MarkdownReporter;
import io.gradspec.report.text.GithubReporter;
import io.gradspec.report.text.TextReporter;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The report formats of {@code check --format} (contract §4), and the file each is written to by {@code --reports}. */
public enum ReportFormat {
  TEXT("report.txt"), JSON("report.json"), JUNIT("report.xml"), MARKDOWN("report.md"), HTML("report.html"),
  SARIF("report.sarif"),
  /** GitHub Actions annotations: for the log of a CI step, not a file (null: not written by --reports). */
  GITHUB(null);

  private final String fileName;

  ReportFormat(String fileName) { this.fileName = fileName; }

  /** The name used on the command line, e.g. {@code json}. */
  public String word() { return name().toLowerCase(Locale.ROOT); }

  /** The file name under {@code --reports DIR}, e.g. {@code report.xml}; null for a format --reports does not write. */
  public String fileName() { return fileName; }

  /** The format named {@code word} (case-insensitive). */
  public static ReportFormat parse(String word) {
    for (ReportFormat f : values()) if (f.word().equalsIgnoreCase(word)) return f;
    throw new IllegalArgumentException("expected " + choices() + ", found `" + word + "`");
  }

  /** "text, json, junit, markdown or html", for messages. */
  public static String choices() {
    String all = Arrays.stream(values()).map(ReportFormat::word).collect(Collectors.joining(", "));
    int last = all.lastIndexOf(", ");
    return last < 0 ? all : all.substring(0, last) + " or " + all.substring(last + 2);
  }

  /**
   * A reporter of this format for a real run: durations included, JUnit timestamps from the system clock.
   * {@code color} and {@code verbose} only affect text.
   */
  public Reporter reporter(boolean color, boolean verbose) {
    return switch (this) {
      case TEXT -> new TextReporter(color, verbose);
      case JSON -> new JsonReporter(true);
      case JUNIT -> new JUnitXmlReporter(Clock.systemUTC(), true);
      case MARKDOWN -> new MarkdownReporter();
      case HTML -> new HtmlReporter();
      case SARIF -> new SarifReporter();
      case GITHUB -> new GithubReporter();
    };
  }
}
