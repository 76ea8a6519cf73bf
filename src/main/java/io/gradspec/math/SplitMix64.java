package io.gradspec.math;

/**
 * The steps of SplitMix64 (Steele, Lea and Flood), the generator {@link java.util.SplittableRandom}
 * specifies, written out so that callers can keep the state in a local on a hot path, or jump straight to
 * draw k of a generator: {@code new SplittableRandom(seed)}'s draw k is {@code mix64(seed + (k + 1) GAMMA)}.
 */
public final class SplitMix64 {
  private SplitMix64() {}

  /** The state increment of a generator made with {@code new SplittableRandom(seed)}. */
  public static final long GAMMA = 0x9e3779b97f4a7c15L;

  /** Stafford's variant 13 of the MurmurHash3 finaliser: the output of state {@code z}. */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** The top 53 bits of {@code bits} as a double in [0, 1), as {@code SplittableRandom.nextDouble()}. */
  public static double unit(long bits) {
    return (bits >>> 11) * 0x1.0p-53;
  }
}
