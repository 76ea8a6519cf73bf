package io.gradspec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.cli.MainTest.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code check --reports [DIR]} and {@code --format} for the CI formats. */
class ReportsOptionTest {
  @TempDir Path dir;

  @Test void writesEveryFormatAtOnceAndStillPrintsTheReport() throws IOException {
    Path out = dir.resolve("out");
    CliRun r = MainTest.cli("check", "specs/mistakes/01-transposed-square.yaml", "--reports", out.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("XFAIL"), r.stdout());
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(List.of("report.html", "report.json", "report.md", "report.sarif", "report.txt", "report.xml"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertTrue(Files.readString(out.resolve("report.xml")).contains("<testsuite name=\"specs/mistakes/01-transposed-square.yaml\""));
    assertTrue(Files.readString(out.resolve("report.txt")).startsWith("PASS  specs/mistakes/01-transposed-square.yaml"));
  }

  /**
   * picocli's optional value: {@code --reports} last (or before another option) means {@code reports/};
   * {@code --reports DIR} and {@code --reports=DIR} name the folder, so {@code --reports specs} does too.
   */
  @Test void withoutAValueTheFolderIsReports() {
    CheckCommand last = new CheckCommand();
    new CommandLine(last).parseArgs("specs", "--reports");
    assertEquals(Path.of("reports"), last.reports);
    assertEquals(List.of(Path.of("specs")), last.paths.given);
    CheckCommand beforeOption = new CheckCommand();
    new CommandLine(beforeOption).parseArgs("--reports", "--seed", "1", "specs");
    assertEquals(Path.of("reports"), beforeOption.reports);
    CheckCommand withValue = new CheckCommand();
    new CommandLine(withValue).parseArgs("--reports=out", "specs");
    assertEquals(Path.of("out"), withValue.reports);
    assertEquals(List.of(Path.of("specs")), withValue.paths.given);
  }

  @Test void aWriteFailureIsOneLineAndExit2WithTheResultsStillPrinted() throws IOException {
    Path blocker = dir.resolve("blocker");
    Files.writeString(blocker, "x");
    // (a file given as the folder itself is refused before the run: reportsRefusesASpecFile in FirstRunTest)
    Path under = blocker.resolve("out");
    CliRun r = MainTest.cli("check", "specs/mistakes/01-transposed-square.yaml", "--reports", under.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.stdout().contains("XFAIL"), r.stdout());
    assertTrue(r.stdout().strip().endsWith("exit code 2"), "the summary says the process's code: " + r.stdout());
    assertEquals("gradspec: cannot write the report to " + under.resolve("report.txt")
        + ": a file is in the way where a folder is needed; none of the reports in " + under + " was replaced\n",
        r.stderr().replace("\r\n", "\n"));
  }

  @Test void outputIsWrittenTooAndFailsTheSameWay() throws IOException {
    Path target = dir.resolve("r/report.md");
    CliRun ok = MainTest.cli("check", "specs/mistakes/04-negated.yaml", "--format", "markdown", "-o", target.toString());
    assertEquals(0, ok.exitCode(), ok.stderr());
    assertTrue(Files.readString(target).startsWith("## ✅ gradspec:"));
    Path blocker = dir.resolve("blocker2");
    Files.writeString(blocker, "x");
    CliRun bad = MainTest.cli("check", "specs/mistakes/04-negated.yaml", "--format", "junit", "-o",
        blocker.resolve("report.xml").toString());
    assertEquals(2, bad.exitCode());
    assertTrue(bad.stdout().startsWith("<?xml"), "the report goes to standard output instead");
    assertTrue(bad.stderr().startsWith("gradspec: cannot write the report to "), bad.stderr());
  }
}
