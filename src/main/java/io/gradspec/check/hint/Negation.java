package io.gradspec.check.hint;

import io.gradspec.result.Hint;

/** The claim is the numeric derivative negated: a lost sign. */
final class Negation {
  private Negation() {}

  static Hint detect(ClaimArrays a) {
    double[] num = a.numeric();
    double[] negated = new double[num.length];
    for (int i = 0; i < num.length; i++) negated[i] = -num[i];
    double worst = a.maxError(negated);
    if (worst < 0) return null;
    return Hint.negated(a.size(), worst, new Hint.Fix(ClaimRewrites.negated(a.info().entry()), null, false));
  }
}
