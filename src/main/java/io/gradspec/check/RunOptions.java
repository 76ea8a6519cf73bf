package io.gradspec.check;

import io.gradspec.spec.CheckSettings;

/**
 * Options of one run. {@code explicit} holds only the numerical flags the user gave on the command line
 * (they win over everything); {@code seed} is the run seed (default 0).
 */
public record RunOptions(long seed, CheckSettings explicit, int maxOffenders, boolean validateOnly) {
  public static RunOptions defaults() { return new RunOptions(0L, CheckSettings.EMPTY, 10, false); }
}
