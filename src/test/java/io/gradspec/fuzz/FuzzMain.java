package io.gradspec.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;

/**
 * The long fuzz run (bench/fuzz.sh): {@code FuzzMain [CASES [FIRST_SEED [OUT_DIR]]]}, default 100000 cases
 * from seed 0. Prints the count per exit code and every failing seed; failing cases are saved to OUT_DIR
 * (default target/fuzz-failures) to become regression tests. Exit status 1 when any case failed.
 */
public final class FuzzMain {
  private FuzzMain() {}

  public static void main(String... args) throws IOException {
    long cases = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
    long from = args.length > 1 ? Long.parseLong(args[1]) : 0;
    Path out = Path.of(args.length > 2 ? args[2] : "target/fuzz-failures");
    Path work = Files.createTempDirectory("gradspec-fuzz");
    TreeMap<Integer, Long> byExit = new TreeMap<>();
    long failures = 0, maxMs = 0, t0 = System.nanoTime();
    for (long seed = from; seed < from + cases; seed++) {
      FuzzCase.Outcome o = FuzzCase.run(work, seed);
      byExit.merge(o.exitCode(), 1L, Long::sum);
      maxMs = Math.max(maxMs, o.millis());
      if (o.problem() != null) {
        failures++;
        Files.createDirectories(out);
        Files.write(out.resolve("seed-" + seed + ".yaml"), SpecGenerator.bytes(SpecGenerator.mutated(seed)));
        System.out.println("FAIL seed " + seed + ": " + o.problem());
      }
      if ((seed - from + 1) % 10_000 == 0) System.out.println("... " + (seed - from + 1) + " cases, " + byExit);
    }
    long secs = (System.nanoTime() - t0) / 1_000_000_000L;
    System.out.println("fuzz: " + cases + " cases from seed " + from + " in " + secs + " s; exit codes " + byExit
        + "; failures " + failures + "; slowest case " + maxMs + " ms");
    System.exit(failures == 0 ? 0 : 1);
  }
}
