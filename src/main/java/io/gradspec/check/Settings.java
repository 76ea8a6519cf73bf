package io.gradspec.check;

import io.gradspec.numeric.Precision;
import io.gradspec.result.Tolerance;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.ClaimDecl;
import io.gradspec.spec.Method;
import io.gradspec.spec.Spec;

/**
 * The precedence of numerical settings (contract §6), in one place: an explicit flag wins, then a claim's
 * own rtol/atol, then the spec's {@code check} block, then the defaults (with the run seed).
 */
final class Settings {
  private Settings() {}

  /** A spec's check settings: the defaults (with the run seed), then the spec's own, then explicit flags. */
  static CheckSettings of(Spec spec, CheckOptions options, Precision precision) {
    return new CheckSettings(CheckSettings.DEFAULT_TRIALS, options.seed(), Method.CENTRAL, precision.defaultStep,
        precision.defaultRtol, precision.defaultAtol)
        .overriddenBy(spec.check()).overriddenBy(options.explicit());
  }

  /**
   * The complex step's default tolerances (README "Complex step"): its columns carry no step error, only
   * round-off, so a claim is held to about 1e-9 relative instead of central differences' 1e-5.
   */
  static final double COMPLEX_STEP_RTOL = 1e-9, COMPLEX_STEP_ATOL = 1e-10;

  /** A claim's tolerances: explicit flag, then the claim's own, then the spec's, then the method's defaults. */
  static Tolerance tolerance(ClaimDecl c, Spec spec, CheckOptions options, Precision precision, Method method) {
    CheckSettings specCheck = spec.check(), cli = options.explicit();
    boolean complex = method == Method.COMPLEX_STEP;
    double rtol = complex ? COMPLEX_STEP_RTOL : precision.defaultRtol, atol = complex ? COMPLEX_STEP_ATOL : precision.defaultAtol;
    if (specCheck != null && specCheck.rtol() != null) rtol = specCheck.rtol();
    if (specCheck != null && specCheck.atol() != null) atol = specCheck.atol();
    if (c.rtol() != null) rtol = c.rtol();
    if (c.atol() != null) atol = c.atol();
    if (cli.rtol() != null) rtol = cli.rtol();
    if (cli.atol() != null) atol = cli.atol();
    return new Tolerance(rtol, atol);
  }
}
