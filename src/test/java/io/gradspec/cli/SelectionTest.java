package io.gradspec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.check.CheckOptions;
import io.gradspec.cli.EndToEndTest.CliRun;
import io.gradspec.result.RunResult;
import io.gradspec.result.SpecResult;
import io.gradspec.run.RunListener;
import io.gradspec.run.RunOptions;
import io.gradspec.run.Selection;
import io.gradspec.run.Suite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** --shard, --filter, --tag, --fail-fast and --quiet. */
class SelectionTest {
  private static final Path SPECS = Path.of("specs");

  private static RunResult validate(Selection selection) {
    return Suite.run(List.of(SPECS), RunOptions.builder().check(CheckOptions.builder().validateOnly(true).build()).selection(selection).build());
  }

  /** Across shards 1/N .. N/N every spec of specs/ is checked exactly once, and the shards are balanced. */
  @ParameterizedTest @ValueSource(ints = {1, 2, 3, 4})
  void everySpecRunsInExactlyOneShard(int n) {
    List<String> all = new ArrayList<>();
    for (SpecResult s : validate(Selection.ALL).specs()) all.add(s.file() + "#" + s.document());
    Map<String, Integer> seen = new HashMap<>();
    List<Integer> files = new ArrayList<>();
    for (int k = 1; k <= n; k++) {
      RunResult shard = validate(new Selection(List.of(), List.of(), new Selection.Shard(k, n)));
      for (SpecResult s : shard.specs()) seen.merge(s.file() + "#" + s.document(), 1, Integer::sum);
      files.add((int) shard.specs().stream().map(SpecResult::file).distinct().count());
    }
    assertEquals(all.size(), seen.size(), "specs missing from every shard");
    for (String spec : all) assertEquals(1, seen.getOrDefault(spec, 0), spec + " ran " + seen.get(spec) + " times");
    int max = files.stream().mapToInt(Integer::intValue).max().orElse(0);
    int min = files.stream().mapToInt(Integer::intValue).min().orElse(0);
    assertTrue(max - min <= 1, "unbalanced shards " + files);
  }

  @Test
  void shardsAreDisjointOnTheCommandLineToo() {
    CliRun all = CliRun.of("validate", "specs/seed");
    CliRun a = CliRun.of("validate", "specs/seed", "--shard", "1/2");
    CliRun b = CliRun.of("validate", "specs/seed", "--shard", "2/2");
    assertEquals(0, a.exitCode());
    assertEquals(0, b.exitCode());
    assertEquals(count(all.stdout()), count(a.stdout()) + count(b.stdout()), a.stdout() + b.stdout());
    assertTrue(count(a.stdout()) > 0 && count(b.stdout()) > 0);
  }

  private static int count(String validateOutput) {
    return Integer.parseInt(validateOutput.strip().split(" ")[0]);
  }

  @Test
  void anEmptyShardPassesAndSaysSo() {
    CliRun r = CliRun.of("check", "specs/seed/01-column-vectors.yaml", "--shard", "2/3");
    assertEquals(ExitCode.OK, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("shard 2/3 holds no spec file"), r.stderr());
  }

  @Test
  void filterIsAGlobOnNamesAndTagsSelectAnyOf() {
    List<String> names = validate(new Selection(List.of("seed ?: *"), List.of(), null)).specs().stream()
        .map(SpecResult::name).toList();
    long seeds = validate(Selection.ALL).specs().stream().filter(r -> r.name().startsWith("seed ")).count();
    assertTrue(seeds >= 5);
    assertEquals(seeds, names.size(), names.toString());
    assertTrue(names.stream().allMatch(n -> n.startsWith("seed ")), names.toString());
    List<String> tagged = validate(new Selection(List.of(), List.of("chain-rule", "kron"), null)).specs().stream()
        .map(SpecResult::name).toList();
    assertTrue(tagged.contains("seed 5: chain rule y = V W x"), tagged.toString());
    assertTrue(tagged.size() >= 2, tagged.toString());
    List<String> both = validate(new Selection(List.of("seed*"), List.of("chain-rule"), null)).specs().stream()
        .map(SpecResult::name).toList();
    assertEquals(List.of("seed 5: chain rule y = V W x"), both);
    CliRun none = CliRun.of("check", "specs", "--filter", "no such spec");
    assertEquals(ExitCode.NO_SPECS, none.exitCode());
    assertTrue(none.stderr().contains("no spec under `specs` matches --filter no such spec"), none.stderr());
  }

  @Test
  void failFastStopsAfterTheFirstFailingSpec(@TempDir Path dir) throws IOException {
    String ok = "name: %s\ndims: {N: 2}\ninputs: {x: [N]}\ndefine: {f: sum(x .* x)}\nclaims: [{wrt: x, claim: %s}]\n";
    Files.writeString(dir.resolve("a.yaml"), String.format(ok, "a", "2 * x"));
    Files.writeString(dir.resolve("b.yaml"), String.format(ok, "b", "x"));
    Files.writeString(dir.resolve("c.yaml"), String.format(ok, "c", "x"));
    Files.writeString(dir.resolve("d.yaml"), String.format(ok, "d", "2 * x"));
    CliRun all = CliRun.of("check", dir.toString());
    assertTrue(all.stdout().contains("4 specs, 4 claims: 2 passed, 2 failed"), all.stdout());
    CliRun fast = CliRun.of("check", dir.toString(), "--fail-fast");
    assertEquals(ExitCode.FAILED, fast.exitCode());
    assertTrue(fast.stdout().contains("2 specs, 2 claims: 1 passed, 1 failed"), fast.stdout());
    assertTrue(fast.stderr().contains("--fail-fast: stopped after the first failure; 2 files were not checked"),
        fast.stderr());
    List<Integer> notRun = new ArrayList<>();
    RunListener listener = new RunListener() {
      @Override public void stoppedEarly(int n) { notRun.add(n); }
    };
    Suite.run(List.of(dir), RunOptions.builder().failFast(true).listener(listener).build());
    assertEquals(List.of(2), notRun);
  }

  @Test
  void quietShowsOnlyWhatDidNotPassAndTheSummary() {
    CliRun loud = CliRun.of("check", "specs/seed", "specs/mistakes/01-transposed-square.yaml");
    CliRun quiet = CliRun.of("check", "specs/seed", "specs/mistakes/01-transposed-square.yaml", "--quiet");
    assertEquals(ExitCode.OK, quiet.exitCode());
    assertTrue(loud.stdout().contains("PASS") && loud.stdout().contains("XFAIL"), loud.stdout());
    assertFalse(quiet.stdout().contains("PASS"), quiet.stdout());
    assertFalse(quiet.stdout().contains("XFAIL"), quiet.stdout());
    assertEquals(1, quiet.stdout().strip().lines().count(), quiet.stdout());
    assertEquals(loud.stdout().strip().lines().reduce((x, y) -> y).orElse(""), quiet.stdout().strip());
  }
}
