package io.gradspec.harden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small findings of the adversarial run (issue 14, items 9, 14, 15 and 16), each through the CLI. */
class SmallFindingsTest {
  @TempDir Path dir;

  /**
   * Issue 14 item 11, on one line: 200 000 dims maps in a flow sequence took more than 15 minutes (every
   * scalar's column was counted from the start of its line), and a 300 000-number `value` list likewise.
   */
  @Test
  @org.junit.jupiter.api.Timeout(120)
  void aLongFlowSequenceOnOneLineIsReadInLinearTime() {
    StringBuilder maps = new StringBuilder("name: maps\ndims: [");
    for (int i = 0; i < 200_000; i++) maps.append(i == 0 ? "" : ", ").append("{N: ").append(1 + i % 3).append('}');
    maps.append("]\ninputs: {x: [N]}\ndefine: {y: sum(x)}\nclaims: [{wrt: x, claim: \"ones(1, N)\"}]\n");
    Cli r = Cli.run("validate", Cli.write(dir, "maps.yaml", maps.toString()).toString());
    assertEquals(2, r.exitCode(), r.stderr());
    assertTrue(r.all().contains("`dims` lists 200000 maps, more than the 1000 a spec may have"), r.all());
    StringBuilder list = new StringBuilder("name: long\ndims: {N: 300000}\ninputs:\n  x: {shape: [N], value: [");
    for (int i = 0; i < 300_000; i++) list.append(i == 0 ? "" : ", ").append(i % 7);
    list.append("]}\ndefine: {y: sum(x)}\nclaims: [{wrt: x, claim: \"ones(1, N)\"}]\n");
    Cli v = Cli.run("validate", Cli.write(dir, "long.yaml", list.toString()).toString());
    assertEquals(0, v.exitCode(), v.all());
  }

  @Test
  void jobsOutsideTheRangeIsAUsageErrorNotACrash() {
    Cli r = Cli.run("check", "specs/seed", "--jobs", "32768");
    assertEquals(2, r.exitCode(), r.all());
    assertTrue(r.stderr().contains("expected 1 to 1024 threads, found `32768`"), r.stderr());
    assertFalse(r.all().contains("Exception"), r.all());
  }

  @Test
  void anEmptyReportsFolderIsAUsageError() {
    Cli r = Cli.run("check", "specs/seed", "--reports=");
    assertEquals(2, r.exitCode(), r.all());
    assertTrue(r.stderr().contains("--reports= needs a folder"), r.stderr());
  }

  @Test
  void explainRefusesATrialPastTheSpecsCount() {
    Cli r = Cli.run("explain", "specs/mistakes/08-wrong-diagonal.yaml", "--claim", "1", "--index", "4,4", "--trial", "99");
    assertEquals(2, r.exitCode(), r.all());
    assertTrue(r.stderr().contains("there is no trial 99: the spec is checked at 3 trials, numbered from 0 to 2"), r.stderr());
    Cli ok = Cli.run("explain", "specs/mistakes/08-wrong-diagonal.yaml", "--claim", "1", "--index", "4,4", "--trial", "7",
        "--trials", "10");
    assertEquals(1, ok.exitCode(), ok.all());
  }

  @Test
  void aDimensionPastTheLargestIntSaysSoAndGivesTheLimit() {
    Cli.write(dir, "big.yaml", "name: big\ndims: {C: 2147483648}\ninputs: {x: [C]}\ndefine: {y: x}\n"
        + "claims: [{wrt: x, claim: eye(C)}]\n");
    Cli r = Cli.run("check", dir.resolve("big.yaml").toString(), "--no-color");
    assertEquals(2, r.exitCode(), r.all());
    assertTrue(r.stdout().contains("dimension `C` is 2147483648, more than the largest size, 2147483647"), r.stdout());
  }

  @Test
  void initOnADanglingLinkIsExit2WithWhereItPoints() throws Exception {
    Path link = dir.resolve("specs");
    Files.createSymbolicLink(link, dir.resolve("nowhere"));
    Cli r = Cli.run("init", link.toString());
    assertEquals(2, r.exitCode(), r.all());
    assertTrue(r.stderr().contains("is a symbolic link to `" + dir.resolve("nowhere") + "`, which does not exist"), r.stderr());
  }

  @Test
  void anUnreadableFileIsNamedWithWhatHappenedInWords() throws Exception {
    assumeTrue(Files.exists(Path.of("/proc/self/mem")), "needs Linux's /proc/self/mem");
    Path link = dir.resolve("mem.yaml");
    Files.createSymbolicLink(link, Path.of("/proc/self/mem"));
    Cli r = Cli.run("check", link.toString(), "--no-color");
    assertEquals(2, r.exitCode(), r.all());
    assertTrue(r.stdout().contains("cannot read `" + link + "`: an input/output error"), r.stdout());
    assertFalse(r.stdout().contains("IOException"), r.stdout());
  }

  @Test
  void reportsAreReplacedAllOrNone() throws Exception {
    Path reports = dir.resolve("reports");
    Cli first = Cli.run("check", "specs/seed", "--reports", reports.toString());
    assertEquals(0, first.exitCode(), first.all());
    String md = Files.readString(reports.resolve("report.md"));
    // the next run cannot write report.html (a folder is in its place): no other report may change
    Files.delete(reports.resolve("report.html"));
    Files.createDirectory(reports.resolve("report.html"));
    Cli second = Cli.run("check", "specs/mistakes", "--reports", reports.toString());
    assertEquals(2, second.exitCode(), second.all());
    assertTrue(second.stderr().contains("none of the reports in " + reports + " was replaced"), second.stderr());
    assertEquals(md, Files.readString(reports.resolve("report.md")), "report.md must still be the first run's");
    try (var files = Files.list(reports)) {
      assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList(),
          "no temporary file may be left");
    }
  }

  @Test
  void manyDocumentsInOneFileLoadInLinearTimeWithTheirOwnPositions() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      b.append("---\nname: s").append(i).append("\ninputs: {x: []}\ndefine: {y: x * x}\nclaims: [{wrt: x, claim: 2 * x}]\n");
    }
    b.append("---\nname: last\ninputs: {x: []}\nclaims: [{wrt: x, claim: 2 * x, bad: 1}]\n");
    var loaded = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
        () -> io.gradspec.spec.load.SpecLoader.loadString(b.toString(), "many.yaml"));
    assertEquals(20_001, loaded.documents().size());
    var last = loaded.documents().get(20_000);
    var bad = last.diagnostics().stream().filter(d -> d.message().contains("`bad`")).findFirst().orElseThrow();
    assertEquals(5 * 20_000 + 4, bad.span().line(), "the position is the file's, not the document's");
  }

  @Test
  void aFourMegabyteScalarIsReadInOnePass() {
    String text = "name: long\ndescription: " + "a".repeat(4_000_000) + "\ninputs: {x: []}\ndefine: {y: x * x}\n"
        + "claims: [{wrt: x, claim: 2 * x}]\n";
    var loaded = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
        () -> io.gradspec.spec.load.SpecLoader.loadString(text, "long.yaml"));
    assertTrue(loaded.documents().get(0).valid(), loaded.documents().get(0).diagnostics().toString());
  }

  @Test
  void moreThanAThousandDimsMapsAreRefusedBeforeAnyCheck() {
    StringBuilder b = new StringBuilder("name: d\ndims:\n");
    for (int i = 0; i < 1001; i++) b.append("  - {N: ").append(i % 5 + 1).append("}\n");
    b.append("inputs: {x: [N]}\ndefine: {y: x}\nclaims: [{wrt: x, claim: eye(N)}]\n");
    Cli.write(dir, "d.yaml", b.toString());
    Cli r = Cli.run("check", dir.resolve("d.yaml").toString(), "--no-color");
    assertEquals(2, r.exitCode(), r.all());
    assertTrue(r.stdout().contains("`dims` lists 1001 maps, more than the 1000 a spec may have"), r.stdout());
  }

  @Test
  void nestedSumsTooLargeForOneEvaluationAreRefusedBeforeTheyRun() {
    Cli.write(dir, "nested.yaml", "name: nested\ndims: {D: 1000}\ninputs: {x: [D]}\ndefine:\n"
        + "  s: \"sum(i: D, sum(j: D, sum(k: D, sum(l: D, x[i] * x[j] * x[k] * x[l]))))\"\n"
        + "claims:\n  - {wrt: x, claim: \"[a] -> 4 * sum(x)^3\"}\n");
    Cli r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
        () -> Cli.run("check", dir.resolve("nested.yaml").toString(), "--no-color", "--timeout", "2"));
    assertEquals(2, r.exitCode(), r.all());
    assertTrue(r.stdout().contains("definition `s` computes 15000000000000 terms of sums in one evaluation, more than "
        + "the limit of 10000000000"), r.stdout());
    assertTrue(r.stdout().contains("nested.yaml:5:7"), r.stdout());
  }
}
