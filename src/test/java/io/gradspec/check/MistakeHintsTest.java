package io.gradspec.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.result.ClaimResult;
import io.gradspec.result.RunResult;
import io.gradspec.result.SpecResult;
import io.gradspec.result.Status;
import io.gradspec.run.RunOptions;
import io.gradspec.run.Suite;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Meta-tests in the spirit of ChainRulesTestUtils: every seeded mistake in specs/mistakes fails with the
 * hint for its pattern, and no correct claim anywhere in specs/ gets a hint.
 */
class MistakeHintsTest {
  /** file -> a phrase its hint must contain (one per pattern of issue 3). */
  static final Map<String, List<String>> EXPECTED = Map.ofEntries(
      Map.entry("01-transposed-square.yaml", List.of("did you mean `layout: denominator`?", "write the claim as `W`")),
      Map.entry("02-transposed-wrong-shape.yaml", List.of("the transpose fits", "did you mean `layout: denominator`")),
      Map.entry("03-permuted-axes.yaml", List.of("axes in the order (z, Y row, Y col)",
          "write the claim as \"[i, j, k] -> x[i] * B[j, k]\"")),
      Map.entry("04-negated.yaml", List.of("negated", "write the claim as `-(y - softmax(z))`")),
      Map.entry("05-factor-two-lost.yaml", List.of("scaled by 1/2", "write the claim as `2 * x`")),
      Map.entry("06-missing-symmetric-part.yaml", List.of("misses the symmetric part of `A`", "`(A + A') * x`")),
      Map.entry("07-scaled-by-half.yaml", List.of("scaled by 1/2", "misses the symmetric part")),
      Map.entry("08-wrong-diagonal.yaml", List.of("except on the diagonal i = j")),
      Map.entry("09-wrong-row.yaml", List.of("except in row 1", "except in column 2")),
      Map.entry("10-sigmoid-sign.yaml", List.of("except on the diagonal")),
      Map.entry("11-softmax-missing-diag.yaml", List.of("except on the diagonal")),
      Map.entry("12-det-not-transposed.yaml", List.of("the claim is transposed", "`(det(A) * inv(A))'`")),
      Map.entry("14-wrong-slice.yaml", List.of("except where k = 2")));

  static List<String> mistakeFiles() { return EXPECTED.keySet().stream().sorted().toList(); }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakeFiles")
  void seededMistakeFailsWithItsHint(String file) {
    RunResult r = Suite.run(List.of(Path.of("specs/mistakes", file)), RunOptions.defaults());
    assertEquals(0, r.exitCode(), "expect: fail turns each failure into xfailed");
    String all = r.specs().stream().flatMap(s -> s.claims().stream()).flatMap(c -> c.hints().stream())
        .reduce("", (a, b) -> a + "\n" + b);
    for (String phrase : EXPECTED.get(file)) assertTrue(all.contains(phrase), () -> file + " lacks `" + phrase + "` in:" + all);
  }

  @Test void noCorrectClaimGetsAHint() {
    RunResult r = Suite.run(List.of(Path.of("specs/seed"), Path.of("specs/examples")), RunOptions.defaults());
    for (SpecResult s : r.specs()) {
      for (ClaimResult c : s.claims()) {
        assertEquals(Status.PASSED, c.status(), s.name());
        assertTrue(c.hints().isEmpty(), () -> s.name() + ": " + c.hints());
      }
    }
    assertFalse(r.specs().isEmpty());
  }
}
