package io.gradspec.check.hint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradspec.expr.syntax.Parser;
import io.gradspec.expr.syntax.Printer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Suggested rewrites are printed simplified (issue 12): a scaling merges into a number the claim already
 * has, and a transposed claim loses its transpose instead of gaining a second one. Each rewrite is still
 * re-checked before it is printed (FixRecheck); these are the printed forms.
 */
class ClaimRewritesTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "2 * x * x'         | 0.5  | x * x'",
      "(2 * x * x') / 4   | 2    | x * x'",
      "x * x' / 2         | 2    | x * x'",
      "4 * A * x          | 0.5  | 2 * A * x",
      "3 * A * x          | 0.5  | 3 * A * x / 2",
      "-(2 * W)           | -0.5 | W",
      "A * x              | 2    | 2 * (A * x)",
      "A * x              | 0.5  | A * x / 2",
      "x .* y             | 3    | 3 * (x .* y)",
      "[i] -> 2 * x[i]    | 0.5  | [i] -> x[i]"})
  void scalingMergesIntoTheClaimsOwnNumber(String claim, double factor, String printed) {
    assertEquals(printed, Printer.print(ClaimRewrites.scaled(Parser.parse(claim), factor)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "W'                          | W",
      "((1 - y .^ 2) .* W)'        | (1 - y .^ 2) .* W",
      "(A * B)'                    | A * B",
      "A * B                       | (A * B)'"})
  void aTransposedClaimLosesItsTranspose(String claim, String printed) {
    assertEquals(printed, Printer.print(ClaimRewrites.transposed(Parser.parse(claim))));
  }
}
