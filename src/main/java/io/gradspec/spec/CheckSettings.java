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
