package io.gradspec.check;

import io.gradspec.expr.kernel.ProgramLink;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.Limits;

/**
 * What checking one spec needs to know beyond the spec itself. {@code seed} is the run seed;
 * {@code explicit} holds only the numerical flags the user gave (they win over everything, see
 * {@link Settings}); {@code maxOffenders} how many offenders a failed claim keeps; {@code jobs} the threads
 * that blocks of perturbation columns are spread over (results do not depend on it); {@code mode} how
 * claims are compared ({@link Mode}); {@code limits} bound the time and memory a spec may take;
 * {@code validateOnly} stops after compiling. {@code denseColumns} compares every entry of every column,
 * even of a claim whose delta support proves most entries zero: slower, with the same results (the
 * reference the sparse comparison is held to). {@code programs} is how a spec's program functions reach its
 * program (contract §7), given by the run per spec file. {@code taylorPassing} runs the Taylor test on
 * passing claims too (--verbose shows it); a failed claim always gets one. {@code unconfirmed} counts a
 * disagreement as it is, without re-estimating it at smaller steps: what confirmation costs is measured
 * against it (bench/), no command-line flag sets it.
 */
public record CheckOptions(long seed, CheckSettings explicit, int maxOffenders, int jobs, Mode mode, Limits limits,
                           boolean validateOnly, boolean denseColumns, ProgramLink programs, boolean taylorPassing,
                           boolean unconfirmed) {
  /** Offenders kept per failed claim unless {@code --max-offenders} says otherwise. */
  public static final int DEFAULT_MAX_OFFENDERS = 10;
  /** The most threads `--jobs` takes: far above any core count, below the pools' own limit of 32767. */
  public static final int MAX_JOBS = 1024;

  public CheckOptions {
    if (jobs < 1 || jobs > MAX_JOBS) throw new IllegalArgumentException("jobs must be 1 to " + MAX_JOBS);
    if (maxOffenders < 0) throw new IllegalArgumentException("maxOffenders must be >= 0");
    if (explicit == null) explicit = CheckSettings.EMPTY;
    if (mode == null) mode = Mode.AUTO;
    if (limits == null) limits = Limits.DEFAULTS;
    if (programs == null) programs = ProgramLink.NONE;
  }

  /** Seed 0, no flags, {@link #DEFAULT_MAX_OFFENDERS}, one thread, mode auto, default limits. */
  public static CheckOptions defaults() { return builder().build(); }

  public static Builder builder() { return new Builder(); }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return new Builder().seed(seed).explicit(explicit).maxOffenders(maxOffenders).jobs(jobs).mode(mode).limits(limits)
        .validateOnly(validateOnly).denseColumns(denseColumns).programs(programs).taylorPassing(taylorPassing)
        .unconfirmed(unconfirmed);
  }

  /** Builds {@link CheckOptions}; every field starts at its default. */
  public static final class Builder {
    private long seed;
    private CheckSettings explicit = CheckSettings.EMPTY;
    private int maxOffenders = DEFAULT_MAX_OFFENDERS;
    private int jobs = 1;
    private Mode mode = Mode.AUTO;
    private Limits limits = Limits.DEFAULTS;
    private boolean validateOnly;
    private boolean denseColumns;
    private ProgramLink programs = ProgramLink.NONE;
    private boolean taylorPassing;
    private boolean unconfirmed;

    private Builder() {}

    public Builder unconfirmed(boolean v) { unconfirmed = v; return this; }

    public Builder taylorPassing(boolean v) { taylorPassing = v; return this; }

    public Builder programs(ProgramLink v) { programs = v; return this; }

    public Builder seed(long v) { seed = v; return this; }

    public Builder explicit(CheckSettings v) { explicit = v; return this; }

    public Builder maxOffenders(int v) { maxOffenders = v; return this; }

    public Builder jobs(int v) { jobs = v; return this; }

    public Builder mode(Mode v) { mode = v; return this; }

    public Builder limits(Limits v) { limits = v; return this; }

    public Builder validateOnly(boolean v) { validateOnly = v; return this; }

    public Builder denseColumns(boolean v) { denseColumns = v; return this; }

    public CheckOptions build() {
      return new CheckOptions(seed, explicit, maxOffenders, jobs, mode, limits, validateOnly, denseColumns, programs,
          taylorPassing, unconfirmed);
    }
  }
}
