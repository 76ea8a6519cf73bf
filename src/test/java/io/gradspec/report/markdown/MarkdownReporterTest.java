package io.gradspec.report.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.report.ReportFixtures;
import io.gradspec.result.RunResult;
import io.gradspec.result.SpecResult;
import io.gradspec.result.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Markdown report: its structure, and text from specs that cannot break it. */
class MarkdownReporterTest {
  @Test void failedClaimHasHeadlineOffenderTableAndHintQuote() {
    String md = new MarkdownReporter().render(ReportFixtures.cases().get("outer-product"));
    assertTrue(md.startsWith("## ❌ gradspec: 1 of 1 claims failed\n"), md);
    assertTrue(md.contains("\n- **claimed d Y / d z disagrees with central differences in 21 of 27 components**\n"), md);
    assertTrue(md.contains("| `[0, 1, 2]` | 6.000000e+00 | -1.500000e+00 | 7.500000e+00 | 6.0e-05 |"), md);
    assertTrue(md.contains("> **help:** the claim matches the numeric derivative with its axes in the order (z, Y row, Y col)"), md);
    assertTrue(md.contains("did you mean `layout: denominator`?"), "code spans in hints are kept");
  }

  @Test void specTextCannotBreakTheTable() {
    SpecResult s = new SpecResult("a|b.yaml", 0, "x | *y* _z_ <b>", Status.PASSED, null, List.of(), List.of(), 0, 1);
    String md = new MarkdownReporter().render(ReportFixtures.run(s));
    assertTrue(md.contains("| ✅ passed | x \\| \\*y\\* \\_z\\_ \\<b\\> | `a\\|b.yaml` | none |"), md);
  }

  @Test void inlineEscapesOutsideCodeSpansOnly() {
    assertEquals("a \\* b `x * y` \\[i\\]", MarkdownReporter.inline("a * b `x * y` [i]"));
    assertEquals("odd \\` tick \\*", MarkdownReporter.inline("odd ` tick *"));
    assertEquals("``a`b``", MarkdownReporter.code("a`b"));
  }

  @Test void aLongListOfSpecsIsFolded() {
    SpecResult[] many = new SpecResult[MarkdownReporter.FOLD_SPECS + 1];
    for (int i = 0; i < many.length; i++) {
      many[i] = new SpecResult("s" + i + ".yaml", 0, "s" + i, Status.PASSED, null, List.of(), List.of(), 0, 1);
    }
    RunResult run = ReportFixtures.run(many);
    assertTrue(new MarkdownReporter().render(run).contains("<details><summary>16 specs</summary>"));
  }
}
