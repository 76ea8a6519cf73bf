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

  /**
   * Every well-formed generated spec has a complex form that type-checks (or, where an operation it reaches
   * cannot have one, is refused with `unsupported`), and checks under `method: complex-step` without a bug
   * of ours, to the verdict central differences give: the generated specs' hundreds of operator and function
   * combinations through TangentSpec (measured: 159 verdicts, none differs).
   */
  @Test
  void generatedSpecsHaveComplexForms() {
    var options = io.gradspec.check.CheckOptions.builder()
        .explicit(new io.gradspec.spec.CheckSettings(1, null, io.gradspec.spec.Method.COMPLEX_STEP, null, null, null)).build();
    TreeMap<String, Integer> byStatus = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (long seed = 0; seed < 400; seed++) {
      String yaml = SpecGenerator.wellFormed(seed);
      var doc = io.gradspec.spec.load.SpecLoader.loadString(yaml, "t.yaml").documents().get(0);
      if (!doc.valid()) continue;
      try {
        var r = io.gradspec.check.Checker.check(doc.spec(), options);
        var central = io.gradspec.check.Checker.check(doc.spec(), io.gradspec.check.CheckOptions.builder()
            .explicit(new io.gradspec.spec.CheckSettings(1, null, null, null, null, null)).build());
        // the two methods agree wherever both reach a verdict, the complex step being the stricter
        if (r.status() == io.gradspec.result.Status.PASSED && central.status() == io.gradspec.result.Status.FAILED
            || r.status() == io.gradspec.result.Status.FAILED && central.status() == io.gradspec.result.Status.PASSED) {
          byStatus.merge("differs: complex " + r.status() + ", central " + central.status(), 1, Integer::sum);
        }
        byStatus.merge(r.status().name() + (r.error() != null && r.error().diagnostic() != null ? " " + r.error().diagnostic().code() : ""), 1, Integer::sum);
        if (r.error() != null && r.error().diagnostic() != null && "internal".equals(r.error().diagnostic().code())) {
          failures.add("seed " + seed + ": " + r.error().message() + " " + r.error().diagnostic().notes() + "\n" + yaml);
        }
      } catch (RuntimeException e) {
        failures.add("seed " + seed + ": " + e + "\n" + yaml);
      }
    }
    System.out.println("fuzz (complex-step): 400 specs, " + byStatus);
    assertTrue(failures.isEmpty(), String.join("\n\n", failures.subList(0, Math.min(5, failures.size()))));
    assertTrue(byStatus.keySet().stream().noneMatch(k -> k.startsWith("differs")), byStatus.toString());
    assertTrue(byStatus.getOrDefault("FAILED", 0) + byStatus.getOrDefault("PASSED", 0) > 100, byStatus.toString());
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
