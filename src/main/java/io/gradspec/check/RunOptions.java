package io.gradspec.check;

import io.gradspec.spec.CheckSettings;

/**
 * Options of one run. {@code explicit} holds only the numerical flags the user gave on the command line
 * (they win over everything); {@code seed} is the run seed (default 0). {@code selection} says which files
 * and specs run ({@code --filter}, {@code --tag}, {@code --shard}); {@code failFast} stops the run after
 * the first spec that fails; {@code listener} hears about progress (for the terminal's progress line).
 */
public record RunOptions(long seed, CheckSettings explicit, int maxOffenders, boolean validateOnly,
                         Selection selection, boolean failFast, RunListener listener) {
  public RunOptions {
    if (selection == null) selection = Selection.ALL;
    if (listener == null) listener = RunListener.NONE;
  }

  /** Everything selected, no fail-fast, no listener. */
  public RunOptions(long seed, CheckSettings explicit, int maxOffenders, boolean validateOnly) {
    this(seed, explicit, maxOffenders, validateOnly, Selection.ALL, false, RunListener.NONE);
  }

  public static RunOptions defaults() { return new RunOptions(0L, CheckSettings.EMPTY, 10, false); }
}
