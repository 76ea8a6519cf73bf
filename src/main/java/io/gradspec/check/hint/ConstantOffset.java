package io.gradspec.check.hint;

import io.gradspec.result.Hint;

/**
 * Every component is off by the same constant (claimed - numeric = c everywhere), as when a term that is
 * the same for every component is missing or extra: a layer norm's mean term {@code -1/N}, a forgotten
 * constant in a sum. The mean difference, tested on every component by the checker's own rule.
 */
final class ConstantOffset {
  private ConstantOffset() {}

  static Hint detect(ClaimArrays a) {
    double[] num = a.numeric(), claimed = a.claimed();
    // one component is always "off by a constant": the hypothesis needs several to say anything
    if (num.length < 4) return null;
    double sum = 0;
    for (int i = 0; i < num.length; i++) sum += claimed[i] - num[i];
    double c = sum / num.length;
    if (!Double.isFinite(c) || c == 0) return null;
    double[] shifted = new double[num.length];
    for (int i = 0; i < num.length; i++) shifted[i] = num[i] + c;
    double worst = a.maxError(shifted);
    return worst < 0 ? null : Hint.offset(c, a.size(), worst);
  }
}
