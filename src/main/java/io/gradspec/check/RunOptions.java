package io.gradspec.check;

import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.Limits;

/**
 * Options of one run. {@code explicit} holds only the numerical flags the user gave on the command line
 * (they win over everything); {@code seed} is the run seed (default 0); {@code limits} bound the time and
 * memory any one spec may take.
 */
public record RunOptions(long seed, CheckSettings explicit, int maxOffenders, boolean validateOnly, Limits limits) {
  /** Options under the default {@link Limits}. */
  public RunOptions(long seed, CheckSettings explicit, int maxOffenders, boolean validateOnly) {
    this(seed, explicit, maxOffenders, validateOnly, Limits.DEFAULTS);
  }

  public static RunOptions defaults() { return new RunOptions(0L, CheckSettings.EMPTY, 10, false); }
}
