package io.gradspec.report.junit;

import io.gradspec.report.DiagnosticRenderer;
import io.gradspec.report.Headline;
import io.gradspec.report.Names;
import io.gradspec.report.Reporter;
import io.gradspec.report.text.TextReporter;
import io.gradspec.result.ClaimResult;
import io.gradspec.result.RunResult;
import io.gradspec.result.SpecResult;
import io.gradspec.result.Status;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.Diagnostic;
import java.io.StringWriter;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML, as Jenkins, GitLab, GitHub actions and most CI systems read it (the Jenkins JUnit schema,
 * which a test validates every report against). One {@code <testsuite>} per spec file (named by its path),
 * one {@code <testcase name="d y / d x" classname="spec name">} per claim; a spec that did not load is one
 * testcase with an {@code <error>}. Verdicts map as follows:
 *
 * <ul>
 *   <li>passed: an empty testcase;
 *   <li>failed, xpassed: {@code <failure message="headline" type="claim-failed|claim-xpassed">}, the body
 *       the claim's plain text block (excerpt, offender table, hints);
 *   <li>xfailed: a passing testcase whose {@code <system-out>} says it failed as expected and holds the
 *       block. Not {@code <skipped>}: the claim was checked, and failing is its job;
 *   <li>inconclusive: {@code <skipped>} with the reason (the schema allows text only, no attributes), the
 *       block in {@code <system-out>}; whether the run fails is the exit code's business (3);
 *   <li>error: {@code <error message="..." type="code">} with the rendered diagnostics.
 * </ul>
 *
 * Text bodies are CDATA, as in JUnit 5's own writer. Characters XML 1.0 cannot carry (C0 controls other
 * than tab and line breaks, U+FFFE, U+FFFF, lone surrogates) are written as a visible {@code \\uXXXX}.
 * Deterministic: the only timestamp comes from the injected clock, and times come from {@code duration_ms}
 * (written as 0 when durations are off, for golden files).
 */
public final class JUnitXmlReporter implements Reporter {
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

  private final Clock clock;
  private final boolean durations;
  private final TextReporter text = TextReporter.plain();

  /**
   * @param clock     the source of the suites' {@code timestamp} (tests pass a fixed clock)
   * @param durations whether to write real times; false writes 0 (golden files)
   */
  public JUnitXmlReporter(Clock clock, boolean durations) {
    this.clock = clock;
    this.durations = durations;
  }

  @Override public String render(RunResult run) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      x.writeStartDocument("UTF-8", "1.0");
      newline(x, 0);
      x.writeStartElement("testsuites");
      Map<String, List<SpecResult>> files = byFile(run.specs());
      Counts all = Counts.of(run.specs());
      x.writeAttribute("name", "gradspec");
      x.writeAttribute("tests", Integer.toString(all.tests));
      x.writeAttribute("failures", Integer.toString(all.failures));
      x.writeAttribute("errors", Integer.toString(all.errors));
      x.writeAttribute("time", seconds(run.durationMs()));
      String timestamp = LocalDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC)
          .format(TIMESTAMP);
      for (Map.Entry<String, List<SpecResult>> file : files.entrySet()) {
        suite(x, run, file.getKey(), file.getValue(), timestamp);
      }
      newline(x, 0);
      x.writeEndElement();
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      // writing to a StringWriter fails only on a bug (e.g. unbalanced elements)
      throw new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
    }
    return out.append('\n').toString();
  }

  /** Specs grouped by file, files in the run's order (path order). */
  private static Map<String, List<SpecResult>> byFile(List<SpecResult> specs) {
    Map<String, List<SpecResult>> files = new LinkedHashMap<>();
    for (SpecResult s : specs) files.computeIfAbsent(s.file(), k -> new ArrayList<>()).add(s);
    return files;
  }

  /** A spec that did not load is one testcase, with an error. */
  private static boolean loadError(SpecResult s) {
    return s.claims().isEmpty() && s.status() == Status.ERROR;
  }

  /** The testcase counts of some specs, as the suite attributes state them. */
  private static final class Counts {
    int tests, failures, errors, skipped;
    long ms;

    static Counts of(List<SpecResult> specs) {
      Counts n = new Counts();
      for (SpecResult s : specs) {
        n.ms += s.durationMs();
        if (loadError(s)) { n.tests++; n.errors++; }
        for (ClaimResult c : s.claims()) {
          n.tests++;
          if (c.status().isFailure()) n.failures++;
          if (c.status() == Status.ERROR) n.errors++;
          if (c.status() == Status.INCONCLUSIVE) n.skipped++;
        }
      }
      return n;
    }
  }

  private void suite(XMLStreamWriter x, RunResult run, String file, List<SpecResult> specs, String timestamp)
      throws XMLStreamException {
    Counts n = Counts.of(specs);
    newline(x, 1);
    x.writeStartElement("testsuite");
    x.writeAttribute("name", clean(file));
    x.writeAttribute("tests", Integer.toString(n.tests));
    x.writeAttribute("failures", Integer.toString(n.failures));
    x.writeAttribute("errors", Integer.toString(n.errors));
    x.writeAttribute("skipped", Integer.toString(n.skipped));
    x.writeAttribute("time", seconds(n.ms));
    x.writeAttribute("timestamp", timestamp);
    newline(x, 2);
    x.writeStartElement("properties");
    property(x, "gradspec.version", run.version());
    property(x, "seed", Long.toString(run.seed()));
    newline(x, 2);
    x.writeEndElement();
    for (SpecResult s : specs) {
      if (loadError(s)) loadError(x, s);
      for (ClaimResult c : s.claims()) testcase(x, s, c, run.explicit());
    }
    newline(x, 1);
    x.writeEndElement();
  }

  private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
    newline(x, 3);
    x.writeEmptyElement("property");
    x.writeAttribute("name", name);
    x.writeAttribute("value", clean(value));
  }

  private void loadError(XMLStreamWriter x, SpecResult s) throws XMLStreamException {
    newline(x, 2);
    x.writeStartElement("testcase");
    x.writeAttribute("name", "load and check the spec");
    x.writeAttribute("classname", clean(Names.spec(s)));
    x.writeAttribute("time", seconds(s.durationMs()));
    Diagnostic first = s.error() == null ? null : s.error().diagnostic();
    x.writeAttribute("file", clean(s.file()));
    if (first != null && first.span() != null && first.span().file() != null) {
      x.writeAttribute("line", String.valueOf(first.span().line()));
    }
    newline(x, 3);
    x.writeStartElement("error");
    String message = s.error() == null ? "the spec could not be loaded" : s.error().message();
    x.writeAttribute("message", clean(message));
    if (first != null && first.code() != null) x.writeAttribute("type", first.code());
    String body = DiagnosticRenderer.plain().render(s.diagnostics());
    cdata(x, body.isEmpty() ? message + "\n" : body);
    x.writeEndElement();
    newline(x, 2);
    x.writeEndElement();
  }

  private void testcase(XMLStreamWriter x, SpecResult s, ClaimResult c, CheckSettings cli) throws XMLStreamException {
    newline(x, 2);
    x.writeStartElement("testcase");
    // "claim 2: d y / d x": two claims of one spec may share of and wrt (other layouts or tolerances), and a
    // CI system keys test history on the (classname, name) pair
    x.writeAttribute("name", clean("claim " + (c.index() + 1) + ": " + Names.claim(c)));
    x.writeAttribute("classname", clean(Names.spec(s)));
    x.writeAttribute("time", seconds(c.durationMs()));
    // where the claim is written, as pytest's and Gradle's reports carry it, so CI links the test to its line
    x.writeAttribute("file", clean(s.file()));
    if (c.claimSpan() != null && c.claimSpan().file() != null) {
      x.writeAttribute("line", String.valueOf(c.claimSpan().line()));
    }
    String headline = Headline.of(c);
    switch (c.status()) {
      case PASSED -> { }
      case FAILED, XPASSED -> {
        newline(x, 3);
        x.writeStartElement("failure");
        x.writeAttribute("message", clean(headline));
        x.writeAttribute("type", c.status() == Status.XPASSED ? "claim-xpassed" : "claim-failed");
        cdata(x, text.claimBlock(s, c, cli));
        x.writeEndElement();
      }
      case XFAILED -> {
        newline(x, 3);
        x.writeStartElement("system-out");
        cdata(x, "xfailed: the claim is marked `expect: fail`, and it failed as expected\n\n" + text.claimBlock(s, c, cli));
        x.writeEndElement();
      }
      case INCONCLUSIVE -> {
        newline(x, 3);
        x.writeStartElement("skipped");
        x.writeCharacters(clean(headline));
        x.writeEndElement();
        newline(x, 3);
        x.writeStartElement("system-out");
        cdata(x, text.claimBlock(s, c, cli));
        x.writeEndElement();
      }
      case ERROR -> {
        newline(x, 3);
        x.writeStartElement("error");
        x.writeAttribute("message", clean(headline));
        Diagnostic d = c.error() == null ? null : c.error().diagnostic();
        if (d != null && d.code() != null) x.writeAttribute("type", d.code());
        cdata(x, text.claimBlock(s, c, cli));
        x.writeEndElement();
      }
    }
    if (c.status() != Status.PASSED) newline(x, 2);
    x.writeEndElement();
  }

  /** Seconds with millisecond precision, e.g. "0.012"; "0.000" when durations are off. */
  private String seconds(long ms) {
    long v = durations ? Math.max(0, ms) : 0;
    return String.format(Locale.ROOT, "%d.%03d", v / 1000, v % 1000);
  }

  private static void newline(XMLStreamWriter x, int depth) throws XMLStreamException {
    x.writeCharacters("\n" + "  ".repeat(depth));
  }

  /** Writes {@code s} as CDATA, split where it contains {@code ]]>} (which would end the section). */
  private static void cdata(XMLStreamWriter x, String s) throws XMLStreamException {
    String text = clean(s);
    int from = 0;
    for (int at = text.indexOf("]]>"); at >= 0; at = text.indexOf("]]>", from)) {
      x.writeCData(text.substring(from, at + 2));
      from = at + 2;
    }
    x.writeCData(text.substring(from));
  }

  /**
   * {@code s} with every character XML 1.0 cannot carry replaced by a visible {@code \\uXXXX}: C0 controls
   * except tab, LF and CR, U+FFFE, U+FFFF and unpaired surrogates. Such characters can reach a report from
   * a spec's text (a name, a note) or an exception message.
   */
  static String clean(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok;
      if (Character.isHighSurrogate(c)) {
        ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        if (ok) {
          if (sb != null) sb.append(c).append(s.charAt(i + 1));
          i++;
          continue;
        }
      } else {
        ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
      }
      if (ok) {
        if (sb != null) sb.append(c);
      } else {
        if (sb == null) sb = new StringBuilder(s.length() + 8).append(s, 0, i);
        sb.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
      }
    }
    return sb == null ? s : sb.toString();
  }
}
