package io.gradspec.report;

import io.gradspec.expr.syntax.Printer;
import io.gradspec.result.ClaimResult;
import io.gradspec.result.Hint;
import io.gradspec.result.ShapeMismatch;
import io.gradspec.spec.Layout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hints of a claim in words, the same in every format: one sentence per hint with its evidence, then
 * one per correction that was re-checked and passed (each format puts them after "help:").
 */
public final class HintWording {
  private HintWording() {}

  /** Every hint of {@code c}, then its checked corrections, in order. */
  public static List<String> lines(ClaimResult c) {
    List<String> out = new ArrayList<>();
    for (Hint h : c.hints()) out.add(sentence(c, h));
    for (Hint h : c.hints()) {
      for (Hint.Fix f : h.fixes()) if (f.checked()) out.add(checked(c, h, f));
    }
    return out;
  }

  private static String sentence(ClaimResult c, Hint h) {
    ShapeMismatch s = c.shape();
    return switch (h.kind()) {
      case TRANSPOSE_MATCHES -> "the transpose fits, and it matches the numeric derivative in all " + h.components()
          + " components: did you mean " + (c.layout() == Layout.VEC ? "" : "`layout: " + layoutOf(h).word() + "`, or ")
          + "the claim `" + claimOf(h) + "`?";
      case TRANSPOSE_MISMATCHES -> "the transpose " + s.claimedSymbolic() + "' would fit the index space "
          + s.expectedSymbolic() + ", but it does not match the numeric derivative either";
      case CANNOT_ARRANGE -> "the claim's index space " + s.claimedSymbolic() + " cannot be arranged into "
          + s.expectedSymbolic() + (c.layout() == Layout.VEC ? ": vec layout needs one row per entry of `" + c.of()
          + "` and one column per entry of `" + c.wrt() + "`" : "; check which of `" + c.of() + "` and `" + c.wrt()
          + "` each axis belongs to");
      case ROW_MAJOR_VEC -> rowMajorVec(c, h);
      case ZERO_DERIVATIVE -> "the numeric derivative is zero in every component (within atol " + Numbers.tol(h.value())
          + "): `" + c.of() + "` does not change with `" + c.wrt() + "` at this point";
      case PERMUTED -> permuted(c, h);
      case NEGATED -> "the claim is the numeric derivative negated (" + within(h) + "): check the sign";
      case SCALED -> "the claim is the numeric derivative scaled by " + constant(h.value()) + " (" + within(h) + "): "
          + (Math.abs(Math.abs(h.value()) - 2) < 1e-6 || Math.abs(Math.abs(h.value()) - 0.5) < 1e-6
          ? "a lost or extra factor of 2?" : "check the constant factor");
      case SYMMETRIC_PART -> "the claim misses the symmetric part of `" + h.input() + "`: "
          + (h.value() == 0.5 ? "half the claim plus half the same claim" : "the claim plus the same claim") + " with `"
          + h.input() + "` transposed matches the numeric derivative (" + within(h) + "); the rule used holds only for a "
          + "symmetric `" + h.input() + "`";
      case FACTORS_SWAPPED -> h.value() == 1
          ? "`" + h.text() + "` is 1 x 1 here (an inner product), so it is broadcast over every entry; did you mean the "
              + "outer product, with the factors swapped?"
          : "the factors of `" + h.text() + "` are in the wrong order: matrix products do not commute "
              + "(in a chain rule, numerator layout puts d y / d m before d m / d x)";
      case OFFSET -> "every component is off by " + String.format(Locale.ROOT, "%.4g", h.value()) + " (claimed - numeric, the same "
          + "everywhere: " + within(h) + "): a term that is the same for every component is missing or extra, such as "
          + "a mean's -1/N";
      case SIGN_FLIPPED -> "the sign inside `" + h.text() + "` is wrong: with `+` and `-` exchanged there the claim "
          + "matches every component";
      case SYMMETRIC_CONVENTION -> h.value() == 1
          ? "the claim is the gradient with the entries of `" + h.input() + "` independent, G (its off-diagonal entries "
              + "are half the numeric ones, " + within(h) + "): under `perturb: symmetric` " + h.input() + "[i, j] and "
              + h.input() + "[j, i] move together, so the derivative is G + G' - diag(G), 2G - diag(G) for a symmetric G; "
              + "double the off-diagonal entries, or remove `perturb: symmetric` to check G"
          : "the claim is the symmetric-matrix convention 2G - diag(G) (its off-diagonal entries are twice the numeric "
              + "ones, " + within(h) + "), but `" + h.input() + "` is perturbed one component at a time, which gives G; "
              + "declare `perturb: symmetric` on `" + h.input() + "` to check the claim under that convention, or claim G";
      case DIAGONAL -> {
        String diagonal = c.indexNames().get(0) + " = " + c.indexNames().get(1);
        yield "the claim is right everywhere except on the diagonal " + diagonal + " (" + h.disagreeing() + " of "
            + h.components() + " components disagree, all with " + diagonal + "): check the diagonal term (a missing or "
            + "extra delta)";
      }
      case SLICE -> slice(c, h);
      case STATED -> h.text();
    };
  }

  private static String rowMajorVec(ClaimResult c, Hint h) {
    String which = h.value() == 0 ? "`" + c.of() + "` and `" + c.wrt() + "`" : "`" + (h.value() == 1 ? c.of() : c.wrt()) + "`";
    return "the claim matches the numeric derivative with vec taken row-major for " + which + " (rows stacked, as "
        + "NumPy's reshape and flatten do; " + within(h) + "), but `layout: vec` stacks columns, the first index "
        + "fastest (Magnus and Neudecker)" + (h.value() == 0 ? ": for Y = A X B, d vec(Y) / d vec(X) is kron(B', A), "
        + "not kron(A, B')" : "");
  }

  /** "all 27 components within tolerance, max |error| 5.0e-11" */
  private static String within(Hint h) {
    return "all " + h.components() + " components within tolerance, max |error| " + Numbers.tol(h.maxError());
  }

  private static String permuted(ClaimResult c, Hint h) {
    boolean numerator = c.layout() != Layout.DENOMINATOR;
    String other = (numerator ? Layout.DENOMINATOR : Layout.NUMERATOR).word();
    if (h.orders().size() == 1) {
      Hint.Order o = h.orders().get(0);
      StringBuilder sb = new StringBuilder("the claim matches the numeric derivative with its axes in the order ")
          .append(order(c, o)).append(" (").append(within(h)).append(")");
      if (o.otherLayout()) {
        sb.append(": the `").append(numerator ? c.wrt() : c.of()).append("` index comes first, as in ")
            .append(other).append(" layout; did you mean `layout: ").append(other).append("`?");
      } else if (o.axes().size() == 2) {
        sb.append(": the claim is transposed");
      }
      return sb.toString();
    }
    StringBuilder sb = new StringBuilder("the claim matches the numeric derivative under " + h.orders().size()
        + " axis orders (all " + h.components() + " components within tolerance for each):");
    for (Hint.Order o : h.orders()) {
      sb.append("\n  ").append(order(c, o));
      if (o.otherLayout()) sb.append("   ").append(other).append(" layout: did you mean `layout: ").append(other).append("`?");
      else if (o.transposeOfOf()) sb.append("   the derivative of `").append(c.of()).append("'`");
    }
    return sb.toString();
  }

  /** "(z, Y row, Y col)": the derivative's axes by their domain names, in the order of {@code o}. */
  private static String order(ClaimResult c, Hint.Order o) {
    List<String> names = c.axisNames();
    List<String> parts = new ArrayList<>();
    for (int a : o.axes()) parts.add(a < names.size() ? names.get(a) : "axis " + (a + 1));
    return "(" + String.join(", ", parts) + ")";
  }

  private static String slice(ClaimResult c, Hint h) {
    int r = c.indexSpace().size(), a = h.axis();
    String axis = a < c.axisNames().size() ? c.axisNames().get(a) : "axis " + (a + 1);
    String at = c.indexNames().get(a) + " = " + h.at();
    String what = r == 2 ? (a == 0 ? "row " : "column ") + h.at() + " (" + at + ")" : "where " + at + " (the " + axis + " axis)";
    return "the claim is right everywhere except " + (r == 2 ? "in " : "") + what + ": all " + h.disagreeing() + " of the "
        + h.components() + " components that disagree have " + at;
  }

  /** A correction that passed when re-checked. */
  private static String checked(ClaimResult c, Hint h, Hint.Fix f) {
    if (f.claim() == null) return "checked: with `layout: " + f.layout().word() + "` the claim passes";
    String text = Printer.print(f.claim());
    String q = text.startsWith("[") ? "\"" + text + "\"" : "`" + text + "`";
    // "to keep numerator layout" only where the other fix is a layout change (a transpose, axes reordered);
    // a scaled or negated claim is simply rewritten
    boolean layoutAlternative = switch (h.kind()) {
      case TRANSPOSE_MATCHES, PERMUTED -> true;
      default -> false;
    };
    if (layoutAlternative && c.layout() == Layout.NUMERATOR && f.layout() == null && c.indexSpace().size() > 1) {
      return "to keep numerator layout, write the claim as " + q + " (checked: it passes)";
    }
    String what = switch (h.kind()) {
      case SCALED -> "rescaled: ";
      case NEGATED -> "with its sign flipped: ";
      case FACTORS_SWAPPED -> "with the factors swapped: ";
      case SIGN_FLIPPED -> "with the sign exchanged: ";
      default -> "";
    };
    return what + "write the claim as " + q + " (checked: it passes)";
  }

  private static Layout layoutOf(Hint h) {
    for (Hint.Fix f : h.fixes()) if (f.layout() != null) return f.layout();
    throw new IllegalStateException("a transposed-claim hint without its layout");
  }

  private static String claimOf(Hint h) {
    for (Hint.Fix f : h.fixes()) if (f.claim() != null) return Printer.print(f.claim());
    throw new IllegalStateException("a transposed-claim hint without its claim");
  }

  /** A factor as a person writes it: 2, -3, 1/2, or 0.731 to 3 significant digits. */
  static String constant(double r) {
    long k = Math.round(r);
    if (Math.abs(r - k) < 1e-6 * Math.max(1, Math.abs(r))) return Long.toString(k);
    long inv = Math.round(1 / r);
    if (inv != 0 && Math.abs(1 / r - inv) < 1e-6 * Math.abs(1 / r)) return (inv < 0 ? "-1/" : "1/") + Math.abs(inv);
    return String.format(Locale.ROOT, "%.3g", r);
  }
}
