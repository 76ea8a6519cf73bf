package io.gradspec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real command line (Main.run, as bin/gradspec does) on folders of correct, wrong, invalid and
 * inconclusive specs, and asserts every exit code of the contract and what the user sees.
 */
class EndToEndTest {
  @TempDir static Path dir;

  record CliRun(int exitCode, String stdout, String stderr) {
    static CliRun of(String... args) {
      StringWriter out = new StringWriter(), err = new StringWriter();
      int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
      return new CliRun(code, out.toString(), err.toString());
    }
  }

  static final String GOOD = """
      name: good linear
      dims: {C: 3, D: 7}
      inputs: {W: [C, D], x: [D]}
      define:
        y: W * x
      claims:
        - {wrt: x, claim: W}
        - {wrt: W, claim: "[i, j, k] -> delta(i, j) * x[k]"}
      """;
  static final String XFAIL = """
      name: known mistake
      dims: {N: 3}
      inputs: {x: [N]}
      define:
        f: x' * x
      claims:
        - {wrt: x, claim: x, expect: fail, note: factor of 2 lost}
      """;
  static final String WRONG = """
      name: wrong transpose
      dims: {N: 4}
      inputs: {W: [N, N], x: [N]}
      define:
        y: W * x
      claims:
        - {wrt: x, claim: W'}
      """;
  static final String INVALID = """
      name: broken
      dims: {C: 3, D: 3}
      inputs: {W: [C, D], x: [C]}
      define:
        y: W * x
      claims:
        - {wrt: x, claim: W}
      """;
  static final String INCONCLUSIVE = """
      name: log of normals
      dims: {D: 4}
      inputs: {x: [D]}
      define:
        f: sum(log(x))
      claims:
        - {wrt: x, claim: 1 ./ x}
      """;

  @BeforeAll static void folders() throws IOException {
    write("good/a.yaml", GOOD);
    write("good/b.yaml", XFAIL);
    write("wrong/a.yaml", GOOD);
    write("wrong/b.yaml", WRONG);
    write("invalid/a.yaml", GOOD + "---\n" + INVALID + "---\n" + WRONG);
    write("inconclusive/a.yaml", GOOD);
    write("inconclusive/b.yaml", INCONCLUSIVE);
    Files.createDirectories(dir.resolve("empty/.hidden"));
    write("empty/.hidden/x.yaml", GOOD);
    write("empty/notes.txt", "not a spec");
    write("dupes/a.yaml", GOOD);
    write("dupes/b.yaml", GOOD);
    write("unknownkey/a.yaml", GOOD.replace("claims:", "cliams:"));
  }

  private static void write(String rel, String text) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private static String p(String rel) { return dir.resolve(rel).toString(); }

  @Test void exit0WhenEveryClaimPassesOrXfails() {
    CliRun r = CliRun.of("check", p("good"));
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    assertTrue(r.stdout().contains("good linear"), r.stdout());
    assertFalse(r.stderr().contains("Exception"), r.stderr());
  }

  @Test void exit1WhenAClaimFails() {
    CliRun r = CliRun.of("check", p("wrong"));
    assertEquals(1, r.exitCode(), r.stdout() + r.stderr());
    assertTrue(r.stdout().contains("error[claim-failed]"), r.stdout());
    assertTrue(r.stdout().contains("layout: denominator"), r.stdout());
  }

  @Test void exit2WhenASpecIsInvalidAndTheOthersStillRun() {
    CliRun r = CliRun.of("check", p("invalid"));
    assertEquals(2, r.exitCode(), r.stdout() + r.stderr());
    assertTrue(r.stdout().contains("inner dimensions D and C differ"), r.stdout());
    assertTrue(r.stdout().contains("a.yaml:14:8"), r.stdout());
    assertTrue(r.stdout().contains("wrong transpose"), "the spec after the broken one still ran: " + r.stdout());
    assertTrue(r.stdout().contains("error[claim-failed]"), r.stdout());
    assertFalse((r.stdout() + r.stderr()).contains("\tat "), "no stack trace");
  }

  @Test void exit2ForUnknownKeysWithDidYouMean() {
    CliRun r = CliRun.of("check", p("unknownkey"));
    assertEquals(2, r.exitCode());
    assertTrue(r.stdout().contains("did you mean `claims`?"), r.stdout());
  }

  @Test void exit2ForDuplicateSpecNames() {
    CliRun r = CliRun.of("check", p("dupes"));
    assertEquals(2, r.exitCode());
    assertTrue(r.stdout().contains("duplicate spec name `good linear`"), r.stdout());
  }

  @Test void exit2ForABadOption() {
    CliRun r = CliRun.of("check", "--method", "fast", p("good"));
    assertEquals(2, r.exitCode());
    assertFalse(r.stderr().contains("\tat "));
  }

  @Test void exit3WhenOnlyInconclusive() {
    CliRun r = CliRun.of("check", p("inconclusive"));
    assertEquals(3, r.exitCode(), r.stdout() + r.stderr());
    assertTrue(r.stdout().contains("NaN"), r.stdout());
  }

  @Test void exit4WhenNoSpecFound() {
    CliRun r = CliRun.of("check", p("empty"));
    assertEquals(4, r.exitCode(), r.stdout() + r.stderr());
  }

  @Test void precedenceTwoThenOneThenThree() {
    CliRun r = CliRun.of("check", p("inconclusive"), p("wrong"), p("invalid"));
    assertEquals(2, r.exitCode());
    r = CliRun.of("check", p("inconclusive"), p("wrong/b.yaml"));
    assertEquals(1, r.exitCode());
  }

  @Test void jsonFormatPrintsOnlyJson() {
    CliRun r = CliRun.of("check", "--format", "json", p("wrong"));
    assertEquals(1, r.exitCode());
    String out = r.stdout().strip();
    assertTrue(out.startsWith("{") && out.endsWith("}"), out);
    assertTrue(out.contains("\"exit_code\": 1"), out);
    assertTrue(out.contains("\"status\": \"failed\""), out);
  }

  @Test void validateLoadsAndShapeChecksOnly() {
    assertEquals(0, CliRun.of("validate", p("wrong")).exitCode());
    CliRun r = CliRun.of("validate", p("invalid"));
    assertEquals(2, r.exitCode());
    assertTrue(r.stdout().contains("inner dimensions D and C differ") || r.stderr().contains("inner dimensions D and C differ"));
    assertEquals(4, CliRun.of("validate", p("empty")).exitCode());
  }

  @Test void streamedTextReportIsTheWrittenReportUnderAnyJobs() throws IOException {
    // standard output gets each spec's block as soon as it is known; a file gets the whole report at the
    // end: the bytes must be the same, in path order, however many specs run at once
    for (String jobs : new String[] {"1", "2", "4"}) {
      Path file = dir.resolve("streamed-" + jobs + ".txt");
      CliRun streamed = CliRun.of("check", "--jobs", jobs, p("wrong"), p("invalid"), p("good"), p("inconclusive"));
      CliRun written = CliRun.of("check", "--jobs", jobs, "-o", file.toString(), p("wrong"), p("invalid"),
          p("good"), p("inconclusive"));
      assertEquals(2, streamed.exitCode());
      assertEquals(written.exitCode(), streamed.exitCode());
      assertEquals(Files.readString(file), streamed.stdout(), "--jobs " + jobs);
    }
  }

  @Test void versionAndHelp() {
    CliRun v = CliRun.of("--version");
    assertEquals(0, v.exitCode());
    assertTrue(v.stdout().contains("1.0.0"), v.stdout());
    CliRun h = CliRun.of("--help");
    assertEquals(0, h.exitCode());
    assertTrue(h.stdout().contains("Exit codes"), h.stdout());
    assertTrue(h.stdout().contains("70"), h.stdout());
  }
}
