package io.gradspec.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * About 2000 generated and mutated specs through the real command line (see {@link SpecGenerator}); every
 * one must keep {@link FuzzCase}'s invariants. {@code -Dgradspec.fuzz.cases=N} changes the count and
 * {@code -Dgradspec.fuzz.from=S} the first seed. Every crash ever found is kept in
 * {@code src/test/resources/fuzz/regressions} and run by {@link #regressions}.
 */
class FuzzTest {
  @TempDir Path dir;

  @Test
  void generatedSpecsKeepTheInvariants() {
    int cases = Integer.getInteger("gradspec.fuzz.cases", 2000);
    long from = Long.getLong("gradspec.fuzz.from", 0L);
    TreeMap<Integer, Integer> byExit = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (long seed = from; seed < from + cases; seed++) {
      FuzzCase.Outcome o = FuzzCase.run(dir, seed);
      byExit.merge(o.exitCode(), 1, Integer::sum);
      if (o.problem() != null && failures.size() < 5) {
        failures.add("seed " + seed + ": " + o.problem() + "\n" + SpecGenerator.mutated(seed) + "\n---\n" + o.output());
      }
    }
    System.out.println("fuzz: " + cases + " cases, exit codes " + byExit);
    assertTrue(failures.isEmpty(), String.join("\n\n", failures));
    // the generator must keep producing runnable specs, not only noise
    assertTrue(byExit.getOrDefault(0, 0) + byExit.getOrDefault(1, 0) + byExit.getOrDefault(3, 0) > cases / 20, byExit.toString());
  }

  @Test
  void theGeneratorIsDeterministic() {
    for (long seed = 0; seed < 50; seed++) assertEquals(SpecGenerator.mutated(seed), SpecGenerator.mutated(seed));
  }

  static Stream<Path> regressionFiles() throws IOException {
    Path root = Path.of("src/test/resources/fuzz/regressions");
    // the folder is part of the repository: missing, it is an error, not zero regressions that pass
    assertTrue(Files.isDirectory(root), root + " is missing");
    return Files.list(root).filter(p -> p.toString().endsWith(".yaml")).sorted();
  }

  @ParameterizedTest
  @MethodSource("regressionFiles")
  void regressions(Path file) {
    FuzzCase.Outcome o = FuzzCase.run(file);
    assertNull(o.problem(), o.output());
  }
}
