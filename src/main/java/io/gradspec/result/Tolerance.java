package io.gradspec.result;

/**
 * The agreement rule of contract §3: a component agrees when
 * {@code |claimed - numeric| <= atol + rtol * max(|claimed|, |numeric|) + fdError}, and the rules that
 * keep a comparison that cannot be trusted from agreeing: a NaN, an overflow or a bound that is not
 * finite never agrees ({@link #judge}).
 */
public record Tolerance(double rtol, double atol) {
  public Tolerance {
    if (!(rtol >= 0) || !(atol >= 0)) throw new IllegalArgumentException("tolerances must be >= 0");
  }

  public double allowed(double claimed, double numeric, double fdError) {
    return atol + rtol * Math.max(Math.abs(claimed), Math.abs(numeric)) + fdError;
  }

  /** How one component compares; every value but {@link #AGREES}, {@link #DISAGREES} and {@link #SWAMPED} is inconclusive. */
  public enum Verdict {
    AGREES,
    DISAGREES,
    /**
     * Within tolerance only thanks to the round-off term, which is at least as large as both values: the
     * comparison could not tell a right claim from a wrong one here. The caller decides with the column's
     * scale ({@link #swampedAt}): inconclusive when the bound also exceeds every value of the column.
     */
    SWAMPED,
    CLAIM_NOT_FINITE,
    F_PLUS_NOT_FINITE,
    F_MINUS_NOT_FINITE,
    /** f(x +- h) are finite but their difference quotient is not (an overflow, or a step that rounded to 0). */
    NUMERIC_NOT_FINITE,
    /** The tolerance itself overflowed. */
    BOUND_NOT_FINITE,
    /** The one-sided derivatives differ (f is not differentiable here) and the claim is not between them. */
    KINK,
    /** Re-estimated at smaller steps, the numeric derivative does not settle (f jumps, or is noisy, here). */
    UNSETTLED,
    /** The perturbation flows through intermediates so large that their round-off swamps the difference. */
    CANCELLATION,
    /** Disagrees at the default step beyond the columns re-estimated, none of which was confirmed. */
    UNCONFIRMED;

    public boolean inconclusive() { return this != AGREES && this != DISAGREES && this != SWAMPED; }
  }

  /**
   * The one judging rule of a component: the claimed value against the numeric one with its round-off
   * bound {@code fdError} and the two values of f it came from. A comparison involving a value that is not
   * finite is inconclusive, never an agreement (a NaN compares false with everything, so {@code err <=
   * allowed} is written so that NaN fails it).
   */
  public Verdict judge(double claimed, double numeric, double fdError, double fp, double fm) {
    if (!Double.isFinite(claimed)) return Verdict.CLAIM_NOT_FINITE;
    if (!Double.isFinite(fp)) return Verdict.F_PLUS_NOT_FINITE;
    if (!Double.isFinite(fm)) return Verdict.F_MINUS_NOT_FINITE;
    if (!Double.isFinite(numeric)) return Verdict.NUMERIC_NOT_FINITE;
    double allowed = allowed(claimed, numeric, fdError);
    if (!Double.isFinite(allowed)) return Verdict.BOUND_NOT_FINITE;
    double err = Math.abs(claimed - numeric);
    if (!(err <= allowed)) return Verdict.DISAGREES;
    double scale = Math.max(Math.abs(claimed), Math.abs(numeric));
    if (err > atol + rtol * scale && fdError >= scale) return Verdict.SWAMPED;
    return Verdict.AGREES;
  }

  /**
   * Whether a {@link Verdict#SWAMPED} component with round-off bound {@code fdError} is inconclusive in a
   * column whose values (claimed and numeric, over every entry) reach at most {@code columnScale}: the
   * bound exceeds everything the column compares, so the check could not have resolved an error of the
   * size of the derivative itself. A bound that is small against the column's other values (a zero entry
   * of a Jacobian whose other entries are large) is ordinary noise, and the component agrees.
   */
  public static boolean swampedAt(double fdError, double columnScale) {
    return fdError >= columnScale;
  }
}
