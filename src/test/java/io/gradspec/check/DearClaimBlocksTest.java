package io.gradspec.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.TestSpecs;
import io.gradspec.expr.eval.Program;
import io.gradspec.numeric.Precision;
import io.gradspec.report.json.JsonReporter;
import io.gradspec.run.RunOptions;
import io.gradspec.run.Suite;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A claim with few components whose evaluations are dear (a convolution written as an index formula) is
 * split into column blocks under --jobs 2 (ModePolicy times one perturbation), and its report is the one
 * --jobs 1 gives; so is that of a wrong claim of the same derivative, which reads the columns the blocks
 * kept. (Each block's copy of the program once copied the inputs while the first block was perturbing
 * them: the wrong claim's offenders then showed f(x +- h) one step away from the base point.)
 */
class DearClaimBlocksTest {
  @TempDir Path dir;

  // about 2^11 columns of some 10^4 formula terms each (compiled to bytecode, ~25 us per perturbation):
  // a sweep of well over 40 ms on any machine here
  private static final String CONV = """
      name: conv 8 to 16 channels 16x16
      dims: {C: 8, O: 16, H: 16, W: 16, K: 3}
      check: {trials: 1}
      inputs: {x: [C, H, W], w: [O, C, K, K], G: [O, H, W]}
      define:
        y: "[o: O, i: H, j: W] -> sum(c, sum(p: K, sum(q: K, w[o, c, p, q]
             * if(i + p - 1 >= 0 && i + p - 1 < H && j + q - 1 >= 0 && j + q - 1 < W, x[c, i + p - 1, j + q - 1], 0))))"
        L: sum(G .* y)
      claims:
        - of: L
          wrt: x
          claim: "[c, a, b] -> sum(o: O, sum(p: K, sum(q: K, if(a + 1 - p >= 0 && a + 1 - p < H && b + 1 - q >= 0
             && b + 1 - q < W, w[o, c, p, q] * G[o, a + 1 - p, b + 1 - q], 0))))"
        - of: L
          wrt: x
          expect: fail
          claim: "[c, a, b] -> sum(o: O, sum(p: K, sum(q: K, if(a - 1 + p >= 0 && a - 1 + p < H && b - 1 + q >= 0
             && b - 1 + q < W, w[o, c, p, q] * G[o, a - 1 + p, b - 1 + q], 0))))"
      """;

  @Test
  void aDearFormulaClaimIsSplitAndReportsAsOnOneThread() throws IOException {
    Spec spec = TestSpecs.spec(CONV);
    CheckOptions options = CheckOptions.builder().jobs(2).build();
    Program p = SparseColumnsTest.compile(spec);
    try {
      CheckSettings s = Settings.of(spec, options, Precision.DOUBLE);
      Preparation.draw(p, s, 0, false);
      ClaimCheck c = Preparation.claim(p, p.claims().get(0), s,
          Settings.tolerance(p.claims().get(0).info.decl(), spec, options, Precision.DOUBLE, s.method()), options, Deadline.none(), null);
      assertEquals(2, ModePolicy.choose(Mode.FULL, 2, c).blocks(), "2048 dear columns are split over 2 threads");
    } finally {
      p.release();
    }
    Path f = dir.resolve("conv.yaml");
    Files.writeString(f, CONV);
    long before = SharedSweep.SERVED.get();
    String one = report(f, 1);
    long servedOne = SharedSweep.SERVED.get() - before;
    String two = report(f, 2);
    long servedTwo = SharedSweep.SERVED.get() - before - servedOne;
    assertEquals(one, two);
    // the wrong claim read the 2048 columns of the first one's sweep, kept by one thread or by the blocks
    assertEquals(servedOne, servedTwo, "columns read from the kept sweep");
    assertTrue(servedTwo >= 2048, servedTwo + " columns read from the kept sweep");
    assertTrue(two.contains("\"xfailed\""), "the wrong claim fails");
  }

  private static String report(Path f, int jobs) {
    var r = Suite.run(List.of(f), RunOptions.of(CheckOptions.builder().jobs(jobs).build()));
    return new JsonReporter(false).render(r).replaceAll("\"duration_ms\": \\d+", "");
  }
}
