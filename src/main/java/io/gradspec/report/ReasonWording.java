package io.gradspec.report;

import io.gradspec.result.InconclusiveReason;
import java.util.Arrays;
import java.util.Locale;

/**
 * Why a component is inconclusive, in words: the sentence every report format shows for an inconclusive
 * claim ({@link #text}), and the short form {@code explain} gives after its verdict ({@link #brief}).
 */
public final class ReasonWording {
  private ReasonWording() {}

  /**
   * E.g. "f(x - h) is NaN at d y / d x index [1, 1] (dims {N: 2}, trial 0)"; for a step that rounded away,
   * the input component, its value and the step. Null for null.
   */
  public static String text(InconclusiveReason r) {
    if (r == null) return null;
    if (r.stated() != null) return r.stated();
    String dims = "dims " + r.dims().toString().replace("=", ": ") + ", trial " + r.trial() + ")";
    String at = "d " + r.of() + " / d " + r.wrt() + " index " + Arrays.toString(r.index());
    if (r.stepLost()) {
      return "the step rounds to 0 at " + r.wrt() + (r.wrtIndex().length == 0 ? "" : Arrays.toString(r.wrtIndex()))
          + " = " + r.wrtValue() + ": x + h and x - h are the same number at step " + r.step()
          + ", so nothing was perturbed (" + at + ", " + dims;
    }
    String input = r.wrt() + (r.wrtIndex().length == 0 ? "" : Arrays.toString(r.wrtIndex())) + " = " + sci(r.wrtValue());
    double[] e = r.evidence();
    switch (r.verdict()) {
      case KINK:
        return "f has a kink at " + input + ": the one-sided derivatives are " + sci(e[0]) + " (from the left) and "
            + sci(e[1]) + " (from the right) at every step, and the claim " + sci(r.claimed())
            + " is not between them (" + at + ", " + dims;
      case UNSETTLED: {
        StringBuilder b = new StringBuilder("the numeric derivative does not settle as the step shrinks: ");
        for (int j = 0; j + 1 < e.length; j += 2) {
          if (j > 0) b.append(", ");
          b.append(sci(e[j + 1])).append(" at h = ").append(sci(e[j]));
        }
        return b + " (f jumps or is noisy at " + input + "; " + at + ", " + dims;
      }
      case CANCELLATION:
        return "perturbing " + input + " goes through intermediates as large as " + sci(e[0])
            + ", whose round-off (" + sci(e[1]) + " on the numeric value) swamps the comparison (claimed "
            + sci(r.claimed()) + ", numeric " + sci(r.numeric()) + "): a cancellation such as (x + 1e16) - 1e16, "
            + "or the noise of a program that is not deterministic ("
            + at + ", " + dims;
      case UNCONFIRMED:
        return "disagrees at the default step in more columns than are re-estimated (" + (long) e[0]
            + "), and every re-estimated one agreed at smaller steps or could not be judged: try --method richardson"
            + " or a smaller --step (" + at + ", " + dims;
      default:
        return which(r) + " at " + at + " (" + dims;
    }
  }

  /** What was wrong with the component's values. */
  private static String which(InconclusiveReason r) {
    return switch (r.verdict()) {
      case CLAIM_NOT_FINITE -> "the claimed value is " + r.claimed();
      case F_PLUS_NOT_FINITE -> "f(x + h) is " + r.fPlus();
      case F_MINUS_NOT_FINITE -> "f(x - h) is " + r.fMinus();
      case NUMERIC_NOT_FINITE -> "the central difference (f(x + h) - f(x - h)) / 2h overflows to " + r.numeric();
      case BOUND_NOT_FINITE -> "the tolerance overflows (|f(x + h)| = " + sci(Math.abs(r.fPlus())) + ")";
      default -> "round-off swamps the comparison: its bound " + sci(r.fdError()) + " (|f(x + h)| = "
          + sci(Math.abs(r.fPlus())) + ") exceeds every value compared in the column (claimed " + sci(r.claimed())
          + ", numeric " + sci(r.numeric()) + "), so a right claim and a wrong one look alike";
    };
  }

  /** E.g. "the tolerance overflows": what {@code explain} says after "inconclusive: ". */
  public static String brief(InconclusiveReason r) {
    if (r.stated() != null) return r.stated();
    return switch (r.verdict()) {
      case NUMERIC_NOT_FINITE -> r.stepLost() ? "the step rounds to 0 at this input (x + h and x - h are both x)"
          : "the central difference overflows";
      case SWAMPED -> "round-off swamps the comparison: the bound exceeds every value in the column";
      case BOUND_NOT_FINITE -> "the tolerance overflows";
      case KINK -> "f has a kink here and the claim is not between its one-sided derivatives "
          + sci(r.evidence()[0]) + " and " + sci(r.evidence()[1]);
      case UNSETTLED -> "the numeric derivative does not settle as the step shrinks (f jumps or is noisy here)";
      case CANCELLATION -> "round-off in intermediates as large as " + sci(r.evidence()[0]) + " swamps the comparison";
      case UNCONFIRMED -> "disagrees beyond the columns re-estimated, none of which was confirmed";
      default -> "a value is not finite";
    };
  }

  /** A value in a reason: three significant digits, e.g. {@code 1.23e+308}. */
  private static String sci(double v) {
    return String.format(Locale.ROOT, "%.2e", v);
  }
}
