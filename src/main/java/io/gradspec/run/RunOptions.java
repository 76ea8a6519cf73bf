package io.gradspec.run;

import io.gradspec.check.CheckOptions;

/**
 * Options of one run: {@code check}, what checking each spec needs ({@link CheckOptions}); {@code selection},
 * which files and specs run ({@code --filter}, {@code --tag}, {@code --shard}); {@code failFast}, stop after
 * the first spec that fails; {@code listener}, who hears about progress (the terminal's progress line).
 * The same {@code check.jobs()} threads spread the specs themselves.
 *
 * <p>{@code allowPrograms} lets specs with a {@code program} start it (contract §7, {@code --allow-programs});
 * without it such a spec is refused before anything starts.
 */
public record RunOptions(CheckOptions check, Selection selection, boolean failFast, RunListener listener,
                         boolean allowPrograms) {
  public RunOptions {
    if (check == null) check = CheckOptions.defaults();
    if (selection == null) selection = Selection.ALL;
    if (listener == null) listener = RunListener.NONE;
  }

  /** Every spec selected, no fail-fast, no listener, default check options. */
  public static RunOptions defaults() { return of(CheckOptions.defaults()); }

  /** Every spec selected, no fail-fast, no listener. */
  public static RunOptions of(CheckOptions check) {
    return new RunOptions(check, Selection.ALL, false, RunListener.NONE, false);
  }

  public static Builder builder() { return new Builder(); }

  /** Builds {@link RunOptions}; every field starts at its default. */
  public static final class Builder {
    private CheckOptions check = CheckOptions.defaults();
    private Selection selection = Selection.ALL;
    private boolean failFast;
    private RunListener listener = RunListener.NONE;
    private boolean allowPrograms;

    private Builder() {}

    public Builder allowPrograms(boolean v) { allowPrograms = v; return this; }

    public Builder check(CheckOptions v) { check = v; return this; }

    public Builder selection(Selection v) { selection = v; return this; }

    public Builder failFast(boolean v) { failFast = v; return this; }

    public Builder listener(RunListener v) { listener = v; return this; }

    public RunOptions build() { return new RunOptions(check, selection, failFast, listener, allowPrograms); }
  }
}
