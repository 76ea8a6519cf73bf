package io.gradspec.check;

import io.gradspec.expr.kernel.Perturbation;
import io.gradspec.result.ProgramNoise;

/**
 * Whether a program function is deterministic, measured the way ECnoise starts (Moré and Wild 2011): f is
 * evaluated {@link #REPEATS} more times at the unperturbed point, through the program, and compared with
 * the first value component by component. Identical values: nothing changes. Otherwise the noise level
 * {@code nu_i = max |f_r,i - f_0,i|} is turned into a relative round-off
 * {@code eta = 2 max_i nu_i / (SAFETY max(|f_0,i|, rms(f_0)))}, so that the round-off bound
 * {@code SAFETY eta (|f+| + |f-|) / 2h} covers a noise of twice the largest deviation seen (five samples
 * understate it) in each of the two values a central difference subtracts,
 * and the claim is checked with {@code eta} as its eps and {@code cbrt(eta)} as its smallest step
 * ({@link ClaimCheck#noisy}): GPU-atomics noise then makes a component inconclusive, with the noise named,
 * instead of failing a correct derivative.
 */
final class NoiseEstimate {
  /** Evaluations after the first one. */
  static final int REPEATS = 4;
  /** See the class comment: 2 / SAFETY. */
  static final double SAFETY_FACTOR = 2.0 / io.gradspec.numeric.CentralDifference.SAFETY;

  private NoiseEstimate() {}

  /** The noise of `of` at the base point, or null when every evaluation gave the same values. */
  static ProgramNoise measure(ClaimCheck check) {
    Perturbation pert = check.pert();
    pert.restore();
    double[] f0 = pert.output().clone();
    double[] dev = new double[f0.length];
    boolean any = false;
    for (int r = 0; r < REPEATS; r++) {
      check.deadline().check();
      pert.recompute();
      double[] f = pert.output();
      for (int i = 0; i < f0.length; i++) {
        double d = Math.abs(f[i] - f0[i]);
        if (d > 0 || Double.isNaN(d) != Double.isNaN(f0[i] - f0[i])) {
          any = true;
          if (d > dev[i]) dev[i] = d;
        }
      }
    }
    pert.restore();
    if (!any) return null;
    double rms = 0;
    for (double v : f0) rms += v * v;
    rms = Math.sqrt(rms / Math.max(1, f0.length));
    double worst = 0, relative = 0;
    for (int i = 0; i < f0.length; i++) {
      worst = Math.max(worst, dev[i]);
      double scale = Math.max(Math.abs(f0[i]), rms);
      if (scale > 0) relative = Math.max(relative, dev[i] / scale);
    }
    double eta = Math.min(1, SAFETY_FACTOR * relative);
    double step = Math.max(check.step(), StrictMath.cbrt(Math.max(eta, check.precision().eps)));
    return new ProgramNoise(REPEATS + 1, worst, eta, step);
  }
}
