package io.gradspec.run;

import io.gradspec.check.CheckOptions;
import io.gradspec.program.InProcessServer;

/**
 * Options of one run: {@code check}, what checking each spec needs ({@link CheckOptions}); {@code selection},
 * which files and specs run ({@code --filter}, {@code --tag}, {@code --shard}); {@code failFast}, stop after
 * the first spec that fails; {@code listener}, who hears about progress (the terminal's progress line).
 * The same {@code check.jobs()} threads spread the specs themselves.
 *
 * <p>{@code allowPrograms} lets specs with a {@code program} start it (contract §7, {@code --allow-programs});
 * without it such a spec is refused before anything starts. {@code javaPrograms} serves the specs that say
 * {@code program: {java: NAME}} in this JVM, by name (README, "Use from Java").
 */
public record RunOptions(CheckOptions check, Selection selection, boolean failFast, RunListener listener,
                         boolean allowPrograms, java.util.Map<String, InProcessServer> javaPrograms) {
  public RunOptions {
    javaPrograms = javaPrograms == null ? java.util.Map.of() : java.util.Map.copyOf(javaPrograms);
    if (check == null) check = CheckOptions.defaults();
    if (selection == null) selection = Selection.ALL;
    if (listener == null) listener = RunListener.NONE;
  }

  /** Every spec selected, no fail-fast, no listener, default check options. */
  public static RunOptions defaults() { return of(CheckOptions.defaults()); }

  /** Every spec selected, no fail-fast, no listener. */
  public static RunOptions of(CheckOptions check) {
    return new RunOptions(check, Selection.ALL, false, RunListener.NONE, false, java.util.Map.of());
  }

  public static Builder builder() { return new Builder(); }

  /** Builds {@link RunOptions}; every field starts at its default. */
  public static final class Builder {
    private CheckOptions check = CheckOptions.defaults();
    private Selection selection = Selection.ALL;
    private boolean failFast;
    private RunListener listener = RunListener.NONE;
    private boolean allowPrograms;
    private final java.util.Map<String, InProcessServer> javaPrograms = new java.util.LinkedHashMap<>();

    private Builder() {}

    /** Serves the specs that say {@code program: {java: name}} with {@code server}. */
    public Builder javaProgram(String name, InProcessServer server) { javaPrograms.put(name, server); return this; }

    public Builder allowPrograms(boolean v) { allowPrograms = v; return this; }

    public Builder check(CheckOptions v) { check = v; return this; }

    public Builder selection(Selection v) { selection = v; return this; }

    public Builder failFast(boolean v) { failFast = v; return this; }

    public Builder listener(RunListener v) { listener = v; return this; }

    public RunOptions build() {
      return new RunOptions(check, selection, failFast, listener, allowPrograms, javaPrograms);
    }
  }
}
