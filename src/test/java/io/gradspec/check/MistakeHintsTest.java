package io.gradspec.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.report.HintWording;
import io.gradspec.result.ClaimResult;
import io.gradspec.result.RunResult;
import io.gradspec.result.SpecResult;
import io.gradspec.result.Status;
import io.gradspec.run.RunOptions;
import io.gradspec.run.Suite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Meta-tests in the spirit of ChainRulesTestUtils: every seeded mistake in specs/mistakes fails with the
 * hint for its pattern, every file there has an entry below, and no correct claim anywhere in specs/ gets
 * a hint.
 */
class MistakeHintsTest {
  private static final Path MISTAKES = Path.of("specs/mistakes");

  /**
   * file -> the phrases its hints must contain (one per pattern of issue 3). An empty list says the mistake
   * gets no hint, and the entry says why.
   */
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
      Map.entry("10-sigmoid-sign.yaml", List.of("the sign inside `1 + s` is wrong",
          "with the sign exchanged: write the claim as `diag(s .* (1 - s))` (checked: it passes)")),
      Map.entry("11-softmax-missing-diag.yaml", List.of("except on the diagonal")),
      Map.entry("12-det-not-transposed.yaml", List.of("the claim is transposed", "`(det(A) * inv(A))'`")),
      // W V for V W: every component is wrong, and no permutation of axes, sign, constant, symmetric part,
      // diagonal or slice explains it (the fix reorders a product, which no detector tries): no hint
      Map.entry("13-chain-rule-order.yaml", List.of("the factors of `W * V` are in the wrong order",
          "with the factors swapped: write the claim as `V * W` (checked: it passes)")),
      Map.entry("14-wrong-slice.yaml", List.of("except where k = 2")),
      // issue 13's layers: a Jacobian that is diagonal, so the missing term is all on the diagonal
      Map.entry("15-gelu-missing-density.yaml", List.of("except on the diagonal i = j")),
      // the forgotten terms (statistics, variance path, padding offset, averaging, a second path, a transpose
      // inside a sum, tanh's derivative) change every component by a different amount: no sign, constant,
      // permutation, symmetric part or slice explains them, so no hint
      Map.entry("16-layer-norm-constant-statistics.yaml", List.of()),
      Map.entry("17-batch-norm-variance-path.yaml", List.of()),
      Map.entry("18-conv2d-padding-offset.yaml", List.of()),
      Map.entry("19-max-pool-averaged.yaml", List.of()),
      Map.entry("20-tied-embedding-one-path.yaml", List.of()),
      Map.entry("21-cross-entropy-sum-not-mean.yaml", List.of("scaled by 5", "(P[n, c] - delta(c, label[n])) / 5")),
      Map.entry("22-attention-not-transposed.yaml", List.of()),
      Map.entry("23-lstm-tanh-derivative.yaml", List.of()),
      // inv(A) against tril(2 inv(A)) - diag: right on the diagonal only, off it wrong by different amounts
      // above (0) and below (2x): no detector's pattern; a row/column/diagonal hint would need one line
      Map.entry("24-cholesky-logdet-symmetric-answer.yaml", List.of()),
      // V[k, i] V[k, j] for V[i, k] V[j, k]: a transpose of V inside the product, not of the claim's axes
      Map.entry("25-eigenvector-rows.yaml", List.of()),
      // both directions of the symmetric-matrix convention, named by SymmetricConvention
      Map.entry("26-symmetric-convention.yaml", List.of("the claim is the gradient with the entries of `A` independent",
          "the claim is the symmetric-matrix convention 2G - diag(G)")),
      // issue 13 item 4 on rank-3 values: dS for dS' inside a batched product (not a permutation of the
      // claim's own axes), and a term missing from every component of a group by a different amount
      Map.entry("27-batched-attention-not-transposed.yaml", List.of()),
      Map.entry("28-group-norm-mean-term.yaml", List.of()),
      // issue 12's vec layout: kron(A, B') is d vec(A X B) / d vec(X) with vec taken row-major
      Map.entry("29-vec-row-major.yaml", List.of("with vec taken row-major for `Y` and `X`", "kron(B', A)")),
      Map.entry("30-centering-missing-mean.yaml", List.of("every component is off by 0.2500 (claimed - numeric, the same"
          + " everywhere: all 16 components within tolerance")),
      Map.entry("31-trace-quadratic-factor-two.yaml", List.of("half the claim plus half the same claim with `A` transposed",
          "write the claim as `X * (A + A')` (checked: it passes)")),
      Map.entry("32-inner-for-outer-product.yaml", List.of("`s' * s` is 1 x 1 here (an inner product), so it is broadcast",
          "with the factors swapped: write the claim as `diag(s) - s * s'` (checked: it passes)")),
      Map.entry("33-hessian-missing-symmetric-part.yaml", List.of("the claim misses the symmetric part of `A`",
          "the claimed Hessian is not symmetric", "the gradient claim (claim 1, d q / d x) passes: the error is in the"
              + " Hessian itself", "write the claim as `A + A'` (checked: it passes)")));

  /** Every spec file in specs/mistakes, sorted. */
  static List<String> mistakeFiles() throws IOException {
    try (Stream<Path> files = Files.list(MISTAKES)) {
      return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml") || f.endsWith(".yml"))
          .sorted().toList();
    }
  }

  @Test void everyMistakeHasAnExpectedHintEntry() throws IOException {
    List<String> files = mistakeFiles();
    assertFalse(files.isEmpty());
    assertEquals(List.of(), files.stream().filter(f -> !EXPECTED.containsKey(f)).toList(),
        "mistakes without an entry in MistakeHintsTest.EXPECTED (say which hint each gets, or why none)");
    assertEquals(List.of(), EXPECTED.keySet().stream().filter(f -> !files.contains(f)).sorted().toList(),
        "entries in MistakeHintsTest.EXPECTED for files that are not in specs/mistakes");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakeFiles")
  void seededMistakeFailsWithItsHint(String file) {
    RunResult r = Suite.run(List.of(MISTAKES.resolve(file)), RunOptions.defaults());
    assertEquals(0, r.exitCode(), "expect: fail turns each failure into xfailed");
    List<String> expected = EXPECTED.get(file);
    assertNotNull(expected, file + " has no entry in EXPECTED");
    List<String> lines = r.specs().stream().flatMap(s -> s.claims().stream()).flatMap(c -> HintWording.lines(c).stream())
        .toList();
    String all = lines.stream().reduce("", (a, b) -> a + "\n" + b);
    if (expected.isEmpty()) assertEquals(List.of(), lines, file + " was expected to get no hint");
    for (String phrase : expected) assertTrue(all.contains(phrase), () -> file + " lacks `" + phrase + "` in:" + all);
  }

  @Test void noCorrectClaimGetsAHint() {
    RunResult r = Suite.run(List.of(Path.of("specs/seed"), Path.of("specs/examples")), RunOptions.defaults());
    for (SpecResult s : r.specs()) {
      for (ClaimResult c : s.claims()) {
        // an example may show a wrong claim that only a finer method sees, marked `expect: fail` (examples/37)
        if (c.status() == Status.XFAILED && "complex-step".equals(c.method())) continue;
        assertEquals(Status.PASSED, c.status(), s.name());
        assertTrue(c.hints().isEmpty(), () -> s.name() + ": " + HintWording.lines(c));
      }
    }
    assertFalse(r.specs().isEmpty());
  }
}
