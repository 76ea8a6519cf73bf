package io.gradspec.check;

import io.gradspec.spec.CheckSettings;

/**
 * Options of one run. {@code explicit} holds only the numerical flags the user gave on the command line
 * (they win over everything); {@code seed} is the run seed (default 0); {@code mode} is how claims are
 * compared (default auto, see {@link Mode}).
 */
public record RunOptions(long seed, CheckSettings explicit, int maxOffenders, boolean validateOnly, Mode mode) {
  public static RunOptions defaults() { return new RunOptions(0L, CheckSettings.EMPTY, 10, false, Mode.AUTO); }
}
