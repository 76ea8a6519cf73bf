package io.gradspec.result;

import io.gradspec.expr.syntax.Entry;
import io.gradspec.spec.Layout;
import java.util.List;

/**
 * A hypothesis about a failed claim, tested against every component before it is offered, as data: what
 * kind of mistake it is, the evidence, and the corrections it suggests. {@code report.HintWording} puts
 * it into words, the same for every format.
 *
 * @param kind        which mistake
 * @param components  the components the evidence covers (every component of the derivative)
 * @param disagreeing how many of them disagree (DIAGONAL, SLICE)
 * @param maxError    the largest |error| under the hypothesis (PERMUTED with one order, ROW_MAJOR_VEC, NEGATED,
 *                    SCALED, SYMMETRIC_PART)
 * @param value       the number the hint is about: the scale factor (SCALED), the atol within which the
 *                    numeric derivative is zero (ZERO_DERIVATIVE), which halves are row-major (ROW_MAJOR_VEC), the
 *                    constant claimed - numeric (OFFSET)
 * @param input       the square input matrix whose symmetric part is missing (SYMMETRIC_PART)
 * @param axis        the 0-based axis of the derivative on which every disagreement lies (SLICE)
 * @param at          the index on that axis, in the spec's index base (SLICE)
 * @param orders      the axis orders under which the claim matches (PERMUTED)
 * @param fixes       the corrections suggested, each re-checked or not
 * @param text        the words of a STATED hint; the product written with its factors swapped
 *                    (FACTORS_SWAPPED), the sum whose sign is wrong (SIGN_FLIPPED)
 */
public record Hint(Kind kind, long components, long disagreeing, double maxError, double value, String input, int axis,
                   int at, List<Order> orders, List<Fix> fixes, String text) {
  public Hint {
    orders = List.copyOf(orders);
    fixes = List.copyOf(fixes);
  }

  /** The mistakes a hint can name. */
  public enum Kind {
    /** A claim of the wrong shape whose transpose fits and matches the numeric derivative. */
    TRANSPOSE_MATCHES,
    /** A claim of the wrong shape whose transpose fits but does not match either. */
    TRANSPOSE_MISMATCHES,
    /** A claim of the wrong shape that no transpose makes fit. */
    CANNOT_ARRANGE,
    /** The numeric derivative is zero everywhere: `of` does not depend on `wrt` at this point. */
    ZERO_DERIVATIVE,
    /** The claim is the numeric derivative with its axes in another order. */
    PERMUTED,
    /**
     * A claim in vec layout is the numeric derivative with vec taken row-major (rows stacked) for `of` and
     * `wrt` ({@code value} 0), for `of` only (1) or for `wrt` only (2).
     */
    ROW_MAJOR_VEC,
    /** The claim is the numeric derivative negated. */
    NEGATED,
    /** The claim is the numeric derivative times a constant. */
    SCALED,
    /** The claim plus itself with an input matrix transposed is the numeric derivative. */
    SYMMETRIC_PART,
    /** A product in the claim has its factors in the wrong order: swapped, the claim passes (re-checked). */
    FACTORS_SWAPPED,
    /** A sum in the claim has the wrong sign ({@code 1 + s} for {@code 1 - s}): flipped, it passes (re-checked). */
    SIGN_FLIPPED,
    /** Every component is off by the same constant ({@code value}: claimed - numeric). */
    OFFSET,
    /**
     * With respect to a square matrix, the claim's off-diagonal entries are half the numeric ones (G under
     * `perturb: symmetric`, {@code value} 1) or twice them (2G - diag(G) perturbed independently, 0).
     */
    SYMMETRIC_CONVENTION,
    /** Every disagreement lies on the diagonal of a square derivative. */
    DIAGONAL,
    /** Every disagreement has the same index on one axis. */
    SLICE,
    /** A hint an earlier stage has already put into words (the analyser's index problems). */
    STATED
  }

  /**
   * One axis order the claim matches: the derivative's axes {@code axes} in order; {@code otherLayout} when
   * that order is the other layout's, {@code transposeOfOf} when it swaps the two axes of a matrix `of`.
   */
  public record Order(List<Integer> axes, boolean otherLayout, boolean transposeOfOf) {
    public Order { axes = List.copyOf(axes); }
  }

  /**
   * A correction: the claim rewritten ({@code claim}, as a tree) or the other layout ({@code layout});
   * {@code checked} when the spec was run again with it and then passed.
   */
  public record Fix(Entry claim, Layout layout, boolean checked) {
    public Fix withChecked(boolean passed) { return new Fix(claim, layout, passed); }
  }

  private static Hint of(Kind kind, long components, List<Fix> fixes) {
    return new Hint(kind, components, 0, Double.NaN, Double.NaN, null, -1, -1, List.of(), fixes, null);
  }

  /** The transpose of a wrong-shape claim fits (and matches, when {@code matches}); {@code fixes}: the other layout, the claim transposed. */
  public static Hint transposeFits(boolean matches, long components, List<Fix> fixes) {
    return of(matches ? Kind.TRANSPOSE_MATCHES : Kind.TRANSPOSE_MISMATCHES, components, fixes);
  }

  public static Hint cannotArrange() { return of(Kind.CANNOT_ARRANGE, 0, List.of()); }

  public static Hint zeroDerivative(double atol) {
    return new Hint(Kind.ZERO_DERIVATIVE, 0, 0, Double.NaN, atol, null, -1, -1, List.of(), List.of(), null);
  }

  public static Hint permuted(List<Order> orders, long components, double maxError, List<Fix> fixes) {
    return new Hint(Kind.PERMUTED, components, 0, maxError, Double.NaN, null, -1, -1, orders, fixes, null);
  }

  /** {@code which}: 0 for both `of` and `wrt` taken row-major, 1 for `of` only, 2 for `wrt` only. */
  public static Hint rowMajorVec(int which, long components, double maxError) {
    return new Hint(Kind.ROW_MAJOR_VEC, components, 0, maxError, which, null, -1, -1, List.of(), List.of(), null);
  }

  public static Hint negated(long components, double maxError, Fix fix) {
    return new Hint(Kind.NEGATED, components, 0, maxError, Double.NaN, null, -1, -1, List.of(), List.of(fix), null);
  }

  public static Hint scaled(double factor, long components, double maxError, Fix fix) {
    return new Hint(Kind.SCALED, components, 0, maxError, factor, null, -1, -1, List.of(), List.of(fix), null);
  }

  /** {@code half}: 1 when claim + claim(M') matches, 0.5 when their mean does (a symmetric M's 2 M x). */
  public static Hint symmetricPart(String input, long components, double maxError, double half, Fix fix) {
    return new Hint(Kind.SYMMETRIC_PART, components, 0, maxError, half, input, -1, -1, List.of(), List.of(fix), null);
  }


  /** {@code symmetric}: `wrt` is perturbed symmetrically (the claim is G); otherwise the claim is 2G - diag(G). */
  public static Hint symmetricConvention(String wrt, boolean symmetric, long components, double maxError) {
    return new Hint(Kind.SYMMETRIC_CONVENTION, components, 0, maxError, symmetric ? 1 : 0, wrt, -1, -1, List.of(),
        List.of(), null);
  }

  public static Hint diagonal(long disagreeing, long components) {
    return new Hint(Kind.DIAGONAL, components, disagreeing, Double.NaN, Double.NaN, null, -1, -1, List.of(), List.of(),
        null);
  }

  public static Hint slice(int axis, int at, long disagreeing, long components) {
    return new Hint(Kind.SLICE, components, disagreeing, Double.NaN, Double.NaN, null, axis, at, List.of(), List.of(),
        null);
  }

  /** {@code inner}: the product is {@code v' * v}, 1 x 1, where {@code v * v'} passes ({@code value} 1). */
  public static Hint factorsSwapped(String product, boolean inner, long components, List<Fix> fixes) {
    return new Hint(Kind.FACTORS_SWAPPED, components, 0, Double.NaN, inner ? 1 : Double.NaN, null, -1, -1, List.of(),
        fixes, product);
  }

  public static Hint signFlipped(String sum, long components, List<Fix> fixes) {
    return new Hint(Kind.SIGN_FLIPPED, components, 0, Double.NaN, Double.NaN, null, -1, -1, List.of(), fixes, sum);
  }

  public static Hint offset(double c, long components, double maxError) {
    return new Hint(Kind.OFFSET, components, 0, maxError, c, null, -1, -1, List.of(), List.of(), null);
  }

  public static Hint stated(String text) {
    return new Hint(Kind.STATED, 0, 0, Double.NaN, Double.NaN, null, -1, -1, List.of(), List.of(), text);
  }

  /** The same hint with its fixes replaced (after they were re-checked). */
  public Hint withFixes(List<Fix> newFixes) {
    return new Hint(kind, components, disagreeing, maxError, value, input, axis, at, orders, newFixes, text);
  }
}
