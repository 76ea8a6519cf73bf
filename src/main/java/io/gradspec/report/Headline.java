package io.gradspec.report;

import static io.gradspec.report.Numbers.plural;

import io.gradspec.result.ClaimResult;
import io.gradspec.result.ShapeMismatch;

/**
 * The headline of a claim, the one sentence every format shows (the text block's first line, the JUnit
 * failure message, the Markdown list item, the HTML heading): e.g. "claimed d Y / d z disagrees with
 * central differences in 21 of 27 components".
 */
public final class Headline {
  private Headline() {}

  /** The headline of {@code c}; for a passed claim, a sentence saying so. */
  public static String of(ClaimResult c) {
    return switch (c.status()) {
      case FAILED, XFAILED -> {
        ShapeMismatch m = c.shape();
        if (m != null) {
          yield "claimed " + Names.claim(c) + " has index space " + Tuples.parens(m.claimedSymbolic()) + " = "
              + Tuples.tuple(m.claimed()) + ", but the layout needs " + Tuples.parens(m.expectedSymbolic()) + " = "
              + Tuples.tuple(m.expected());
        }
        yield "claimed " + Names.claim(c) + " disagrees with " + Names.method(c) + " in " + c.mismatches() + " of "
            + plural(c.components(), "component");
      }
      case XPASSED -> "claimed " + Names.claim(c) + " was expected to fail but agrees with " + Names.method(c)
          + " in all " + plural(c.components(), "component");
      case INCONCLUSIVE -> "claimed " + Names.claim(c) + " is inconclusive: "
          + (c.inconclusiveReason() == null ? "a value was not finite" : ReasonWording.text(c.inconclusiveReason()));
      case ERROR -> c.error() == null ? "claim " + Names.claim(c) + " could not be checked" : c.error().message();
      case PASSED -> "claimed " + Names.claim(c) + " agrees with " + Names.method(c) + " in all "
          + plural(c.components(), "component");
    };
  }
}
