package io.gradspec.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.Golden;
import io.gradspec.report.html.HtmlReporter;
import io.gradspec.report.json.JsonReporter;
import io.gradspec.report.junit.JUnitXmlReporter;
import io.gradspec.report.markdown.MarkdownReporter;
import io.gradspec.report.text.TextReporter;
import io.gradspec.result.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every format's report of hand-built runs against golden files under golden/reports/&lt;case&gt;/. */
public class ReportGoldenTest {
  private static final Path DIR = Path.of("src/test/resources/golden/reports");

  public static Stream<String> cases() {
    return ReportFixtures.cases().keySet().stream().sorted();
  }

  @ParameterizedTest @MethodSource("cases")
  void text(String name) {
    RunResult run = ReportFixtures.cases().get(name);
    Golden.assertMatches(DIR.resolve(name).resolve("report.txt"), TextReporter.plain().render(run));
  }

  @ParameterizedTest @MethodSource("cases")
  void json(String name) {
    RunResult run = ReportFixtures.cases().get(name);
    Golden.assertMatches(DIR.resolve(name).resolve("report.json"), new JsonReporter(false).render(run));
  }

  @ParameterizedTest @MethodSource("cases")
  void junit(String name) {
    RunResult run = ReportFixtures.cases().get(name);
    Golden.assertMatches(DIR.resolve(name).resolve("report.xml"), junitXml(run));
  }

  @ParameterizedTest @MethodSource("cases")
  void markdown(String name) {
    RunResult run = ReportFixtures.cases().get(name);
    Golden.assertMatches(DIR.resolve(name).resolve("report.md"), new MarkdownReporter().render(run));
  }

  @ParameterizedTest @MethodSource("cases")
  void html(String name) {
    RunResult run = ReportFixtures.cases().get(name);
    Golden.assertMatches(DIR.resolve(name).resolve("report.html"), new HtmlReporter().render(run));
  }

  /** JUnit XML as the golden files hold it: the epoch as the clock, times 0. */
  public static String junitXml(RunResult run) {
    return new JUnitXmlReporter(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), false).render(run);
  }

  @Test
  void verboseTextShowsTheDetailsOfAnXfailedClaim() {
    RunResult run = ReportFixtures.run(ReportFixtures.xfailedSpec());
    String verbose = new TextReporter(false, true).render(run);
    Golden.assertMatches(DIR.resolve("xfailed").resolve("report-verbose.txt"), verbose);
    assertTrue(verbose.contains("xfail[claim-failed]: claimed d y / d x disagrees"), verbose);
    assertTrue(!TextReporter.plain().render(run).contains("claim-failed"));
  }

  /** The outer-product report is, line for line, the style guide's §4 example. */
  @Test
  void outerProductIsTheStyleGuideExample() throws IOException {
    RunResult run = ReportFixtures.run(ReportFixtures.outerProductSpec());
    String text = TextReporter.plain().render(run);
    // on a terminal wide enough, each offender row keeps its own explain command; at 100 columns the worst
    // row's command stands under the table
    String wide = new TextReporter(false, false, false, 200).render(run);
    // the style guide predates three additions: the explain command on each offender row, the mode
    // ("; full mode") on the summary line and the Taylor test's note; each is checked separately
    String taylor = "(?m)^   = note: Taylor test.*\n(?:           .*\n)*";
    assertTrue(text.contains("   = note: Taylor test along a random direction d, for t from"), text);
    assertEquals(styleGuideBlock("FAIL  specs/outer-product.yaml"),
        withoutExplain(text).replace("; full mode", "").replaceAll(taylor, ""));
    assertTrue(text.contains("1 spec, 1 claim: 0 passed, 1 failed; full mode            exit code 1"), text);
    assertTrue(wide.contains("        [0, 1, 2]   6.000000e+00  -1.500000e+00   7.500000e+00    6.0e-05"
        + "  gradspec explain specs/outer-product.yaml --claim 1 --index 0,1,2\n"), wide);
    assertTrue(text.contains("    4.5e-05\n        explain a row as scalars with its --index; the worst row:\n"
        + "        gradspec explain specs/outer-product.yaml --claim 1 --index 0,1,2\n"), text);
  }

  @Test
  void wrongShapeIsTheStyleGuideExample() throws IOException {
    String text = TextReporter.plain().render(ReportFixtures.run(ReportFixtures.wrongShapeSpec()));
    String block = styleGuideBlock("error[claim-failed]: claimed d y / d x has index space");
    assertTrue(text.contains(block), text);
  }

  @Test
  void jsonHasTheContractFieldsInOrder() {
    String json = new JsonReporter(true).render(ReportFixtures.run(ReportFixtures.outerProductSpec()));
    String[] order = {"\"gradspec\"", "\"seed\"", "\"exit_code\"", "\"summary\"", "\"specs\"", "\"file\"",
        "\"name\"", "\"status\"", "\"error\"", "\"claims\"", "\"of\"", "\"wrt\"", "\"layout\"", "\"expect\"",
        "\"status\"", "\"dims\"", "\"trial\"", "\"index_space\"", "\"components\"", "\"mismatches\"",
        "\"max_abs_error\"", "\"max_rel_error\"", "\"offenders\"", "\"index\"", "\"claimed\"", "\"numeric\"",
        "\"abs_error\"", "\"tolerance\"", "\"hints\"", "\"error\"", "\"claim\"", "\"duration_ms\""};
    int at = 0;
    for (String key : order) {
      int next = json.indexOf(key, at);
      assertTrue(next >= 0, key + " missing or out of order in\n" + json);
      at = next;
    }
    assertTrue(json.endsWith("  \"duration_ms\": 123\n}\n"), json);
  }

  /** The report without the `gradspec explain ...` that ends each offender line (the style guide predates it). */
  static String withoutExplain(String text) {
    return text.replaceAll("(?m)^ +explain a row as scalars.*\n +gradspec explain .*\n", "")
        .replaceAll("(?m)  gradspec explain .*$", "");
  }

  /** The style guide's §4, copied into the tests' resources. */
  static final Path STYLE_GUIDE = Path.of("src/test/resources/style-guide/failure-message.md");

  /** The fenced block of the style guide's §4 that contains {@code start}, from the line holding it. */
  private static String styleGuideBlock(String start) throws IOException {
    String md = Files.readString(STYLE_GUIDE);
    assertTrue(md.contains(start), start + " is not in " + STYLE_GUIDE);
    int from = md.lastIndexOf('\n', md.indexOf(start)) + 1;
    int to = md.indexOf("```", from);
    Matcher m = Pattern.compile("(?s).*").matcher(md.substring(from, to));
    assertTrue(m.matches());
    return m.group();
  }
}
