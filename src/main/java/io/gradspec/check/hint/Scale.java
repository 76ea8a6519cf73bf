package io.gradspec.check.hint;

import io.gradspec.result.Hint;

/**
 * The claim is the numeric derivative times a constant (a lost or extra factor of 2, most often): the
 * ratio at the largest numeric component, tested on every component.
 */
final class Scale {
  private Scale() {}

  static Hint detect(ClaimArrays a) {
    double[] num = a.numeric(), claimed = a.claimed();
    int at = 0;
    for (int i = 1; i < num.length; i++) if (Math.abs(num[i]) > Math.abs(num[at])) at = i;
    double r = claimed[at] / num[at];
    if (!Double.isFinite(r) || r == 0 || Math.abs(r - 1) <= 1e-3) return null;
    double[] scaled = new double[num.length];
    for (int i = 0; i < num.length; i++) scaled[i] = r * num[i];
    double worst = a.maxError(scaled);
    if (worst < 0) return null;
    return Hint.scaled(r, a.size(), worst, new Hint.Fix(ClaimRewrites.scaled(a.info().entry(), 1 / r), null, false));
  }
}
