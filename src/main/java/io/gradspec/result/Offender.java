package io.gradspec.result;

/**
 * One component that disagrees: its index tuple (already in the spec's index base), the claimed and
 * numeric values, |claimed - numeric| and the tolerance it was held to. A claim in vec layout also gives
 * {@code vecIndex}, the component's row and column in the claim's own matrix (same base; a scalar `of` or
 * `wrt` has none); null otherwise.
 */
public record Offender(int[] index, double claimed, double numeric, double absError, double tolerance, int[] vecIndex) {
  public Offender(int[] index, double claimed, double numeric, double absError, double tolerance) {
    this(index, claimed, numeric, absError, tolerance, null);
  }
}
