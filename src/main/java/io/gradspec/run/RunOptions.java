package io.gradspec.run;

import io.gradspec.check.Mode;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.Limits;

/**
 * Options of one run. {@code explicit} holds only the numerical flags the user gave on the command line
 * (they win over everything); {@code seed} is the run seed (default 0); {@code jobs} the number of threads
 * that specs and blocks of perturbation columns are spread over (results do not depend on it);
 * {@code mode} is how claims are compared (default auto, see {@link Mode}). {@code selection} says which
 * files and specs run ({@code --filter}, {@code --tag}, {@code --shard}); {@code failFast} stops the run
 * after the first spec that fails; {@code listener} hears about progress (for the terminal's progress line);
 * {@code limits} bound the time and memory any one spec may take.
 */
public record RunOptions(long seed, CheckSettings explicit, int maxOffenders, boolean validateOnly, int jobs,
                         Mode mode, Selection selection, boolean failFast, RunListener listener, Limits limits) {
  public RunOptions {
    if (jobs < 1) throw new IllegalArgumentException("jobs must be >= 1");
    if (mode == null) mode = Mode.AUTO;
    if (selection == null) selection = Selection.ALL;
    if (listener == null) listener = RunListener.NONE;
    if (limits == null) limits = Limits.DEFAULTS;
  }

  /** One thread, mode auto, everything selected, no fail-fast, no listener, default limits. */
  public RunOptions(long seed, CheckSettings explicit, int maxOffenders, boolean validateOnly) {
    this(seed, explicit, maxOffenders, validateOnly, 1, Mode.AUTO, Selection.ALL, false, RunListener.NONE, Limits.DEFAULTS);
  }

  /** One thread, the given mode. */
  public RunOptions(long seed, CheckSettings explicit, int maxOffenders, boolean validateOnly, Mode mode) {
    this(seed, explicit, maxOffenders, validateOnly, 1, mode, Selection.ALL, false, RunListener.NONE, Limits.DEFAULTS);
  }

  /** One thread, mode auto, with a selection. */
  public RunOptions(long seed, CheckSettings explicit, int maxOffenders, boolean validateOnly, Selection selection,
                    boolean failFast, RunListener listener) {
    this(seed, explicit, maxOffenders, validateOnly, 1, Mode.AUTO, selection, failFast, listener, Limits.DEFAULTS);
  }

  public static RunOptions defaults() { return new RunOptions(0L, CheckSettings.EMPTY, 10, false); }

  public RunOptions withJobs(int n) {
    return new RunOptions(seed, explicit, maxOffenders, validateOnly, n, mode, selection, failFast, listener, limits);
  }
}
