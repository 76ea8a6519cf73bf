package io.gradspec.report.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.result.RunResult;
import io.gradspec.run.RunOptions;
import io.gradspec.run.Suite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The text report fits the terminal: every line of the reports of specs/mistakes (with every block shown)
 * is at most 80, 100 or 120 columns wide at that width, except what must stay whole to be read or pasted:
 * a line of the spec and its carets, an explain command, a spec's header line (file and name) and a
 * diagnostic's headline (kept whole so that a search of a CI log finds it).
 */
class TextWidthTest {
  private static final Pattern WHOLE = Pattern.compile(
      "^\\s*\\d+ \\|.*|^\\s+\\| +\\^+$|.*gradspec explain .*|^(PASS|FAIL|XPASS|INCONCLUSIVE|ERROR)  .*"
      + "|^[a-z]+(\\[[a-z-]+\\])?: .*");
  private static RunResult run;

  @BeforeAll static void mistakes() {
    run = Suite.run(List.of(Path.of("specs/mistakes")), RunOptions.builder().build(), r -> {});
  }

  @Test void fitsEachWidth() {
    for (int width : new int[] {80, 100, 120}) {
      List<String> over = new ArrayList<>();
      String text = new TextReporter(false, true, false, width).render(run);
      for (String line : text.split("\n")) {
        if (line.length() > width && !WHOLE.matcher(line).matches()) over.add(line.length() + ": " + line);
      }
      assertEquals(List.of(), over, "width " + width);
    }
  }

  @Test void offenderRowsCarryTheirCommandWhenItFits() {
    String wide = new TextReporter(false, true, false, 200).render(run);
    String narrow = new TextReporter(false, true, false, 100).render(run);
    assertTrue(wide.lines().anyMatch(l -> l.matches("\\s+\\[\\d+, \\d+\\] .*e[+-]\\d\\d  gradspec explain .*")), wide);
    assertTrue(narrow.contains("explain a row as scalars with its --index; the worst row:"), narrow);
    assertTrue(narrow.lines().noneMatch(l -> l.matches("\\s+\\[[\\d, ]+\\] .*  gradspec explain .*")), narrow);
  }
}
