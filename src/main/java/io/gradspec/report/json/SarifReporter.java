package io.gradspec.report.json;

import io.gradspec.report.Headline;
import io.gradspec.report.HintWording;
import io.gradspec.report.Names;
import io.gradspec.report.OffenderRows;
import io.gradspec.report.RefinementWording;
import io.gradspec.report.Reporter;
import io.gradspec.report.TaylorWording;
import io.gradspec.result.ClaimResult;
import io.gradspec.result.ErrorInfo;
import io.gradspec.result.RunResult;
import io.gradspec.result.SpecResult;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Severity;
import io.gradspec.spec.Span;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SARIF 2.1.0 (OASIS), for GitHub code scanning and other SARIF viewers: one run of the tool `gradspec`, and
 * one result per failed or xpassed claim (level error), inconclusive claim (warning) and diagnostic of an
 * invalid spec (its own severity), each at its file, 1-based line and column (`columnKind`
 * unicodeCodePoints, as gradspec counts columns). Rules are the diagnostic codes used. Deterministic.
 */
public final class SarifReporter implements Reporter {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  @Override public String render(RunResult run) {
    Map<String, String> rules = new TreeMap<>();
    List<Object> results = new ArrayList<>();
    for (SpecResult s : run.specs()) {
      for (Diagnostic d : s.diagnostics()) results.add(diagnostic(d, rules));
      if (s.diagnostics().isEmpty() && s.error() != null) results.add(error(s.error(), s.file(), rules));
      for (ClaimResult c : s.claims()) {
        Object r = claim(s, c, rules);
        if (r != null) results.add(r);
      }
    }
    List<Object> ruleList = new ArrayList<>();
    for (Map.Entry<String, String> e : rules.entrySet()) {
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("id", e.getKey());
      rule.put("shortDescription", text(e.getValue()));
      ruleList.add(rule);
    }
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("name", "gradspec");
    driver.put("version", run.version());
    driver.put("rules", ruleList);
    Map<String, Object> sarifRun = new LinkedHashMap<>();
    sarifRun.put("tool", obj("driver", driver));
    sarifRun.put("columnKind", "unicodeCodePoints");
    sarifRun.put("results", results);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("$schema", SCHEMA);
    doc.put("version", "2.1.0");
    doc.put("runs", List.of(sarifRun));
    return Json.write(doc);
  }

  private static Map<String, Object> diagnostic(Diagnostic d, Map<String, String> rules) {
    String rule = d.code() == null ? "spec-error" : d.code();
    rules.putIfAbsent(rule, "gradspec diagnostic `" + rule + "`");
    StringBuilder msg = new StringBuilder(d.message());
    for (String n : d.notes()) msg.append("\nnote: ").append(n);
    for (String h : d.help()) msg.append("\nhelp: ").append(h);
    return result(rule, d.severity() == Severity.ERROR ? "error" : "warning", msg.toString(), d.file(), d.line(),
        d.column());
  }

  private static Map<String, Object> error(ErrorInfo e, String file, Map<String, String> rules) {
    rules.putIfAbsent("spec-error", "a spec could not be checked");
    return result("spec-error", "error", e.message(), e.file() == null ? file : e.file(), e.line(), e.column());
  }

  /** A failed, xpassed, inconclusive or erroneous claim as a result; null for one that passed or xfailed. */
  private static Map<String, Object> claim(SpecResult s, ClaimResult c, Map<String, String> rules) {
    String rule, level;
    switch (c.status()) {
      case FAILED -> { rule = "claim-failed"; level = "error"; }
      case XPASSED -> { rule = "claim-xpassed"; level = "error"; }
      case INCONCLUSIVE -> { rule = "claim-inconclusive"; level = "warning"; }
      case ERROR -> { rule = "claim-error"; level = "error"; }
      default -> { return null; }
    }
    rules.putIfAbsent(rule, switch (rule) {
      case "claim-failed" -> "a claimed derivative disagrees with central differences";
      case "claim-xpassed" -> "a claim expected to fail passed";
      case "claim-inconclusive" -> "a claimed derivative could not be judged";
      default -> "a claim could not be checked";
    });
    StringBuilder msg = new StringBuilder(s.name() == null ? "" : s.name() + ": ").append(Headline.of(c));
    String worst = OffenderRows.worst(c);
    if (worst != null) msg.append("; ").append(worst);
    String evidence = RefinementWording.evidence(c);
    if (evidence != null) msg.append("\nnote: ").append(evidence);
    String taylor = TaylorWording.sentence(c);
    if (taylor != null) msg.append("\nnote: ").append(taylor);
    for (String h : HintWording.lines(c)) msg.append("\nhelp: ").append(h);
    Span at = c.claimSpan();
    String file = at != null && at.file() != null ? at.file().displayPath() : s.file();
    Map<String, Object> r = result(rule, level, msg.toString(), file, at == null ? 0 : at.line(),
        at == null ? 0 : at.column());
    Map<String, Object> properties = obj("claim", Names.claim(c));
    properties.put("spec", s.name() == null ? "" : s.name());
    r.put("properties", properties);
    return r;
  }

  private static Map<String, Object> result(String rule, String level, String message, String file, int line,
                                            int column) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("ruleId", rule);
    r.put("level", level);
    r.put("message", text(message));
    if (file != null) {
      Map<String, Object> physical = new LinkedHashMap<>();
      physical.put("artifactLocation", obj("uri", uri(file)));
      if (line > 0) {
        Map<String, Object> region = new LinkedHashMap<>();
        region.put("startLine", line);
        if (column > 0) region.put("startColumn", column);
        physical.put("region", region);
      }
      r.put("locations", List.of(obj("physicalLocation", physical)));
    }
    return r;
  }

  private static Map<String, Object> text(String s) { return obj("text", s); }

  /** A one-member object that keeps its order when more members are put (Map.of's order is not fixed). */
  private static Map<String, Object> obj(String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(key, value);
    return m;
  }

  /**
   * A relative URI reference for a path as reports show it: every byte outside RFC 3986's unreserved
   * characters and '/' percent-encoded (a space, a newline, a backslash, which is a file name's own
   * character here, a non-ASCII letter).
   */
  static String uri(String path) {
    StringBuilder b = new StringBuilder();
    for (byte x : path.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (x & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
        b.append(c);
      } else {
        b.append('%').append(String.format(java.util.Locale.ROOT, "%02X", x & 0xff));
      }
    }
    return b.toString();
  }
}
