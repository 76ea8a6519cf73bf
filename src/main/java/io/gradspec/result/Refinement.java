package io.gradspec.result;

import java.util.List;

/**
 * What re-estimating a claim's disagreeing components at smaller steps found ({@code check.Confirmation}):
 * how many were confirmed as failures, how many agreed once the step was refined, how many sit on a kink,
 * and the evidence a report shows for each kind. Null in a claim result when nothing disagreed.
 *
 * @param columns   `wrt` components whose columns were re-estimated
 * @param confirmed components whose numeric derivative is stable across steps and still disagrees
 * @param refined   components that agree at smaller steps (the default step was too large there)
 * @param unchecked disagreeing components beyond the cap of re-estimated columns, counted as failures
 * @param evidence  the confirmed failure with the largest error at the default step, or null
 * @param example   the first refined component, or null
 * @param kinks     the first kinks found (accepted as subgradients or not), at most {@link #MAX_KINKS}
 * @param kinkCount how many kinks were found in all
 */
public record Refinement(long columns, long confirmed, long refined, long unchecked, Estimates evidence,
                         Estimates example, List<Kink> kinks, long kinkCount) {
  public static final int MAX_KINKS = 5;

  public Refinement {
    kinks = List.copyOf(kinks);
  }

  /**
   * One component's estimates across steps.
   *
   * @param index     the component's index tuple in the spec's index base
   * @param wrtIndex  the perturbed component of `wrt`
   * @param x         its value
   * @param claimed   the claimed value
   * @param steps     the steps h taken, largest first (the first is the default step)
   * @param estimates the central difference at each step
   * @param value     the extrapolated estimate (Ridders' tableau)
   * @param error     its error bound
   */
  public record Estimates(int[] index, int[] wrtIndex, double x, double claimed, double[] steps, double[] estimates,
                          double value, double error) {}

  /**
   * A component at which f is not differentiable: the one-sided derivatives differ.
   *
   * @param accepted the claim lies between them (a subgradient), so the component passes
   */
  public record Kink(int[] index, int[] wrtIndex, double x, double claimed, double left, double right,
                     boolean accepted) {
    /** The same component at the same input with the same claim (found again by another trial). */
    boolean same(Kink o) {
      return java.util.Arrays.equals(index, o.index) && java.util.Arrays.equals(wrtIndex, o.wrtIndex) && x == o.x
          && claimed == o.claimed;
    }
  }

  /** The two refinements of one claim at two points taken together (counts summed, the first evidence kept). */
  public static Refinement merge(Refinement a, Refinement b) {
    if (a == null) return b;
    if (b == null) return a;
    List<Kink> k = new java.util.ArrayList<>(a.kinks);
    long count = a.kinkCount + b.kinkCount;
    for (Kink x : b.kinks) {
      // trials at a point given by `value` literals find the same kinks again
      if (k.stream().anyMatch(y -> y.same(x))) count--;
      else if (k.size() < MAX_KINKS) k.add(x);
    }
    return new Refinement(a.columns + b.columns, a.confirmed + b.confirmed, a.refined + b.refined,
        a.unchecked + b.unchecked, a.evidence != null ? a.evidence : b.evidence,
        a.example != null ? a.example : b.example, k, count);
  }

  /** The same with every index tuple, kept 0-based, shifted to {@code base}. */
  public Refinement inBase(int base) {
    if (base == 0) return this;
    List<Kink> k = kinks.stream().map(x -> new Kink(shift(x.index(), base), shift(x.wrtIndex(), base), x.x(),
        x.claimed(), x.left(), x.right(), x.accepted())).toList();
    return new Refinement(columns, confirmed, refined, unchecked, shift(evidence, base), shift(example, base), k,
        kinkCount);
  }

  private static Estimates shift(Estimates e, int base) {
    if (e == null) return null;
    return new Estimates(shift(e.index(), base), shift(e.wrtIndex(), base), e.x(), e.claimed(), e.steps(),
        e.estimates(), e.value(), e.error());
  }

  private static int[] shift(int[] t, int base) {
    int[] out = t.clone();
    for (int i = 0; i < out.length; i++) out[i] += base;
    return out;
  }

  /** How many of the kinks found were accepted as subgradients. */
  public long acceptedKinks() { return kinks.stream().filter(Kink::accepted).count(); }
}
