package io.gradspec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.cli.EndToEndTest.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gradspec explain}: one component as scalars, and the commands the text report prints for it. */
class ExplainCommandTest {
  @TempDir static Path dir;
  static String outer;
  static String several;

  static final String OUTER = """
      name: Y = x (B z)', outer product
      dims: {N: 3}
      inputs:
        x: {shape: [N], value: [1.5, 2.0, -0.7]}
        B: {shape: [N, N], value: [[1, 2, 0], [0, 1, -1], [3, 0, 1]]}
        z: {shape: [N], value: [0.3, -1.2, 2.0]}
      define:
        Y: x * (B * z)'
      claims:
        - wrt: z
          claim: "[i, j, k] -> x[i] * B[j, k]"
        - wrt: z
          claim: "[i, j, k] -> x[j] * B[k, i]"
      """;

  /** Two specs; the second has two dims maps and 1-based indices, and is wrong only in the larger map. */
  static final String SEVERAL = """
      name: first
      dims: {D: 2}
      inputs: {x: [D]}
      define: {f: sum(x .* x)}
      claims: [{wrt: x, claim: 2 * x}]
      ---
      name: second
      index-base: 1
      dims: [{N: 2}, {N: 3}]
      inputs: {W: [N, N], x: [N]}
      define:
        y: W * x
      claims:
        - {wrt: x, claim: W}
        - wrt: x
          claim: "[i, j] -> if(i == 3 && j == 1, 0, W[i, j])"
      """;

  @BeforeAll static void files() throws IOException {
    outer = Files.writeString(dir.resolve("outer.yaml"), OUTER).toString();
    several = Files.writeString(dir.resolve("several.yaml"), SEVERAL).toString();
  }

  @Test
  void worksAWrongComponentThroughAsScalars() {
    CliRun r = CliRun.of("explain", outer, "--claim", "2", "--index", "0,1,2");
    assertEquals(ExitCode.FAILED, r.exitCode(), r.stderr());
    String out = r.stdout();
    assertTrue(out.startsWith("explain: claim 2 of `Y = x (B z)', outer product`, component [0, 1, 2]: "
        + "d Y[0, 1] / d z[2]\n"), out);
    assertTrue(out.contains("  [i, j, k] = [0, 1, 2]:  x[1] * B[2, 0]\n  = 2 * 3\n  = 6.000000e+00\n"), out);
    assertTrue(out.contains("numeric  central differences on z[2]\n"), out);
    assertTrue(out.contains("  z[2]  "), out);
    assertTrue(out.matches("(?s).*\\n  h\\s+1\\.2e-05 .*"), out);
    assertTrue(out.contains("Y[0, 1] at z[2] + h"), out);
    assertTrue(out.contains("Y[0, 1] at z[2] - h"), out);
    assertTrue(out.matches("(?s).*\\n  numeric\\s+-1\\.500000e\\+00 .*"), out);
    assertTrue(out.contains("verdict  disagrees (7.5e+00 > 6.0e-05)"), out);
    for (String term : new String[] {"  atol", "  rtol * max", "  fd error"}) assertTrue(out.contains(term), term);
  }

  @Test
  void aRightComponentAgreesWithExit0() {
    CliRun r = CliRun.of("explain", outer, "--claim", "1", "--index", "[2, 0, 1]");
    assertEquals(ExitCode.OK, r.exitCode(), r.stdout() + r.stderr());
    assertTrue(r.stdout().contains("x[2] * B[0, 1]\n  = -0.7 * 2\n  = -1.400000e+00"), r.stdout());
    assertTrue(r.stdout().contains("verdict  agrees ("), r.stdout());
  }

  @Test
  void badArgumentsAreUsageErrors() {
    CliRun rank = CliRun.of("explain", outer, "--claim", "1", "--index", "0,1");
    assertEquals(ExitCode.INVALID, rank.exitCode());
    assertTrue(rank.stderr().startsWith("gradspec: --index has 2 indices, but d Y / d z needs 3 indices"), rank.stderr());
    CliRun range = CliRun.of("explain", outer, "--claim", "1", "--index", "0,1,3");
    assertEquals(ExitCode.INVALID, range.exitCode());
    assertTrue(range.stderr().contains("index 3 is out of range for axis 3"), range.stderr());
    CliRun claim = CliRun.of("explain", outer, "--claim", "3", "--index", "0,1,2");
    assertEquals(ExitCode.INVALID, claim.exitCode());
    assertTrue(claim.stderr().contains("there is no claim 3: the spec has 2 claims"), claim.stderr());
    CliRun spec = CliRun.of("explain", several, "--spec", "third", "--claim", "1");
    assertEquals(ExitCode.INVALID, spec.exitCode());
    assertTrue(spec.stderr().contains("no spec `third`"), spec.stderr());
    assertEquals(ExitCode.INVALID, CliRun.of("explain", outer, "--claim", "1", "--index", "a,b").exitCode());
    assertEquals(ExitCode.INVALID, CliRun.of("explain", dir.resolve("nope.yaml").toString(), "--claim", "1").exitCode());
  }

  @Test
  void specsAreChosenByNameOrPositionAndDimsByNumber() {
    CliRun byName = CliRun.of("explain", several, "--spec", "second", "--claim", "2", "--dims", "1", "--index", "3,1");
    CliRun byPosition = CliRun.of("explain", several, "--spec", "2", "--claim", "2", "--dims", "1", "--index", "3,1");
    assertEquals(ExitCode.FAILED, byName.exitCode(), byName.stdout() + byName.stderr());
    assertEquals(byName.stdout(), byPosition.stdout());
    assertTrue(byName.stdout().contains("dims {N: 3} (map 1 of 2)"), byName.stdout());
    assertTrue(byName.stdout().contains("if(3 == 3 && 1 == 1, 0, W[3, 1])"), byName.stdout());
    CliRun first = CliRun.of("explain", several, "--claim", "1", "--index", "1");
    assertEquals(ExitCode.OK, first.exitCode(), first.stderr());
    assertTrue(first.stdout().contains("of `first`"), first.stdout());
  }

  /**
   * Every offender line of the text report ends with an explain command; running it shows the same
   * claimed and numeric values and the verdict "disagrees".
   */
  @Test
  void theReportsExplainCommandsReproduceTheirRows() {
    CliRun check = wide(() -> CliRun.of("check", dir.toString(), "--seed", "7", "--max-offenders", "3"));
    assertEquals(ExitCode.FAILED, check.exitCode(), check.stdout());
    Pattern row = Pattern.compile("(?m)^\\s+\\[[0-9, ]+\\]\\s+(\\S+)\\s+(\\S+)\\s+\\S+\\s+\\S+  gradspec explain (.*)$");
    Matcher m = row.matcher(check.stdout());
    int rows = 0;
    boolean sawSpec = false;
    while (m.find()) {
      rows++;
      String command = m.group(3);
      sawSpec |= command.contains("--spec 2") && command.contains("--dims 1");
      assertTrue(command.endsWith("--seed 7"), command);
      List<String> args = new ArrayList<>(List.of("explain"));
      args.addAll(List.of(command.split(" ")));
      CliRun explain = CliRun.of(args.toArray(new String[0]));
      assertEquals(ExitCode.FAILED, explain.exitCode(), command + "\n" + explain.stderr());
      String out = explain.stdout();
      assertTrue(out.matches("(?s).*\\n  = " + Pattern.quote(m.group(1)) + "\\n.*")
          || out.contains("` = " + m.group(1) + "\n"), m.group(1) + " not in\n" + out);
      assertTrue(out.matches("(?s).*\\n  numeric\\s+" + Pattern.quote(m.group(2)) + " .*"), m.group(2) + " not in\n" + out);
    }
    assertTrue(rows >= 4, check.stdout());
    assertTrue(sawSpec, check.stdout());
    assertFalse(check.stdout().contains("--trial 0"), check.stdout());
  }

  /**
   * The numerical flags a check ran with go into its explain commands, so that the command reproduces the
   * row it stands beside (with Richardson and a large step the numeric values differ from the defaults').
   */
  @Test
  void explainCommandsCarryTheRunsNumericalFlags() {
    CliRun check = wide(() -> CliRun.of("check", dir.toString(), "--seed", "7", "--max-offenders", "2", "--method",
        "richardson", "--step", "0.01", "--rtol", "1e-7", "--atol", "1e-10"));
    assertEquals(ExitCode.FAILED, check.exitCode(), check.stdout());
    Pattern row = Pattern.compile("(?m)^\\s+\\[[0-9, ]+\\]\\s+(\\S+)\\s+(\\S+)\\s+\\S+\\s+\\S+  gradspec explain (.*)$");
    Matcher m = row.matcher(check.stdout());
    int rows = 0;
    while (m.find()) {
      rows++;
      String command = m.group(3);
      assertTrue(command.endsWith("--seed 7 --method richardson --step 0.01 --rtol 1e-07 --atol 1e-10"), command);
      List<String> args = new ArrayList<>(List.of("explain"));
      args.addAll(List.of(command.split(" ")));
      CliRun explain = CliRun.of(args.toArray(new String[0]));
      assertEquals(ExitCode.FAILED, explain.exitCode(), command + "\n" + explain.stderr());
      assertTrue(explain.stdout().matches("(?s).*\\n  numeric\\s+" + Pattern.quote(m.group(2)) + " .*"),
          m.group(2) + " not in\n" + explain.stdout());
    }
    assertTrue(rows >= 2, check.stdout());
  }

  /** A check on a terminal 400 columns wide, where each offender row ends with its own explain command. */
  private static CliRun wide(java.util.function.Supplier<CliRun> check) {
    System.setProperty("gradspec.columns", "400");
    try {
      return check.get();
    } finally {
      System.clearProperty("gradspec.columns");
    }
  }

  /** At 100 columns the rows stop at the tolerance and the worst row's command follows; it reproduces it. */
  @Test
  void theWorstRowsCommandStandsUnderANarrowTable() {
    CliRun check = CliRun.of("check", dir.toString(), "--seed", "7", "--max-offenders", "3");
    Matcher m = Pattern.compile("(?m)^\\s+\\[[0-9, ]+\\]\\s+\\S+\\s+(\\S+)\\s+\\S+\\s+\\S+$").matcher(check.stdout());
    assertTrue(m.find(), check.stdout());
    String numeric = m.group(1);
    Matcher c = Pattern.compile("(?m)the worst row:\\n\\s+gradspec explain (.*)$").matcher(check.stdout());
    assertTrue(c.find(), check.stdout());
    List<String> args = new ArrayList<>(List.of("explain"));
    args.addAll(List.of(c.group(1).split(" ")));
    CliRun explain = CliRun.of(args.toArray(new String[0]));
    assertTrue(explain.stdout().matches("(?s).*\\n  numeric\\s+" + Pattern.quote(numeric) + " .*"),
        numeric + " not in\n" + explain.stdout());
  }
}
