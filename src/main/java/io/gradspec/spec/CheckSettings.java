package io.gradspec.spec;

/**
 * Numerical settings; each field null when not set at that level. Resolution order (contract §6):
 * explicit CLI flag, then the claim's own rtol/atol, then the spec's {@code check} block, then defaults.
 */
public record CheckSettings(Integer trials, Long seed, Method method, Double step, Double rtol, Double atol) {
  public static final CheckSettings EMPTY = new CheckSettings(null, null, null, null, null, null);
  public static final int DEFAULT_TRIALS = 3;
  public static final double DEFAULT_RTOL = 1e-5;
  public static final double DEFAULT_ATOL = 1e-8;
  /** cbrt(machine epsilon), about 6.06e-6: balances truncation O(h^2) against round-off O(eps/h). */
  public static final double DEFAULT_STEP = StrictMath.cbrt(Math.ulp(1.0));
  /**
   * The smallest relative step accepted, machine epsilon (2^-52, about 2.2e-16): below it x + h rounds to
   * x for every |x| >= 1, so nothing would be perturbed. (A step that still rounds away at some input is
   * caught where it is used: that component is inconclusive.)
   */
  public static final double MIN_STEP = Math.ulp(1.0);
  /** What a step below {@link #MIN_STEP} is told, for the spec key and the option alike. */
  public static final String STEP_HELP = "a relative step below machine epsilon (2.2e-16) rounds x + h to x; the default "
      + "is cbrt(machine epsilon), about 6.1e-6";

  /** Fields of {@code over} win where set. */
  public CheckSettings overriddenBy(CheckSettings over) {
    if (over == null) return this;
    return new CheckSettings(
        over.trials != null ? over.trials : trials,
        over.seed != null ? over.seed : seed,
        over.method != null ? over.method : method,
        over.step != null ? over.step : step,
        over.rtol != null ? over.rtol : rtol,
        over.atol != null ? over.atol : atol);
  }
}
