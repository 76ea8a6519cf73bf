package io.gradspec.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.report.json.JsonReporter;
import io.gradspec.report.text.TextReporter;
import io.gradspec.result.RunResult;
import io.gradspec.run.RunOptions;
import io.gradspec.run.Suite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports are byte-identical whatever --jobs is: specs in parallel, and large claims split into column blocks. */
class JobsDeterminismTest {
  @TempDir Path dir;

  private static String report(List<Path> paths, int jobs) {
    RunResult r = Suite.run(paths, RunOptions.of(CheckOptions.builder().jobs(jobs).build()));
    return new JsonReporter(false).render(r) + "\n" + TextReporter.plain().render(r);
  }

  @Test void specsFolderIsIdenticalForOneTwoAndFourThreads() {
    String one = report(List.of(Path.of("specs")), 1);
    assertEquals(one, report(List.of(Path.of("specs")), 2));
    assertEquals(one, report(List.of(Path.of("specs")), 4));
  }

  @Test void columnBlocksMergeToTheSinglePassResult() throws IOException {
    // 1024 columns x 32 outputs: split into blocks; two wrong claims exercise the offender merge and hints
    Path f = dir.resolve("big.yaml");
    Files.writeString(f, """
        name: big linear
        dims: {C: 32, D: 32}
        check: {trials: 1}
        inputs: {W: [C, D], x: [D]}
        define:
          y: tanh(W * x)
        claims:
          - {wrt: W, claim: "[i, j, k] -> delta(i, j) * (1 - tanh(sum(l, W[i, l] * x[l]))^2) * x[k]"}
          - {wrt: W, claim: "[i, j, k] -> delta(i, j) * (1 - tanh(sum(l, W[i, l] * x[l]))^2) * x[k] * (1 + delta(k, 5) * delta(j, 7))"}
          - {wrt: W, claim: "[i, j, k] -> -delta(i, j) * (1 - tanh(sum(l, W[i, l] * x[l]))^2) * x[k]"}
        """);
    String one = report(List.of(f), 1);
    assertTrue(one.contains("\"status\": \"failed\""), one);
    assertEquals(one, report(List.of(f), 2));
    assertEquals(one, report(List.of(f), 3));
  }

  @Test void fastModeIsIdenticalForOneToFourThreads() throws IOException {
    // 300 x 300 = 90000 `wrt` components: auto runs fast, in three chunks of directions and claim passes;
    // a correct claim reports the projections' error statistics, a wrong one its localised offenders
    Path f = dir.resolve("fast.yaml");
    Files.writeString(f, """
        name: quadratic form, fast
        dims: {N: 300}
        check: {trials: 2}
        inputs: {A: [N, N], x: [N]}
        define:
          f: x' * A * x
        claims:
          - {wrt: A, claim: "x * x'"}
          - {wrt: A, claim: "[i, j] -> x[i] * x[j]"}
          - {wrt: A, claim: "[i, j] -> x[i] * x[j] + delta(i, 3) * delta(j, 7) - 0.5 * delta(i, 250) * delta(j, 299)"}
          - {wrt: A, layout: denominator, claim: "[i, j] -> x[i] * x[j]"}
        """);
    assertTrue(FastCheck.CHUNK < 300 * 300 / 2);
    String one = report(List.of(f), 1);
    assertTrue(one.contains("\"mode\": \"fast\""), one);
    assertTrue(one.contains("\"status\": \"failed\""), one);
    assertEquals(one, report(List.of(f), 2));
    assertEquals(one, report(List.of(f), 3));
    assertEquals(one, report(List.of(f), 4));
  }
}
