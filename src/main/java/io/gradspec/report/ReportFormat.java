package io.gradspec.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The report formats of {@code check --format}. JUNIT, MARKDOWN and HTML are to come (contract §4). */
public enum ReportFormat {
  TEXT, JSON;

  /** The name used on the command line, e.g. {@code json}. */
  public String word() { return name().toLowerCase(Locale.ROOT); }

  /** The format named {@code word} (case-insensitive). */
  public static ReportFormat parse(String word) {
    for (ReportFormat f : values()) if (f.word().equalsIgnoreCase(word)) return f;
    throw new IllegalArgumentException("expected " + choices() + ", found `" + word + "`");
  }

  /** "text or json", for messages. */
  public static String choices() {
    String all = Arrays.stream(values()).map(ReportFormat::word).collect(Collectors.joining(", "));
    int last = all.lastIndexOf(", ");
    return last < 0 ? all : all.substring(0, last) + " or " + all.substring(last + 2);
  }

  /** A reporter of this format; {@code color} and {@code verbose} only affect text. */
  public Reporter reporter(boolean color, boolean verbose) {
    return switch (this) {
      case TEXT -> new TextReporter(color, verbose);
      case JSON -> new JsonReporter(true);
    };
  }
}
