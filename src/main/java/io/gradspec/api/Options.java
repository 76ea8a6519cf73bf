package io.gradspec.api;

import io.gradspec.check.CheckOptions;
import io.gradspec.check.Mode;
import io.gradspec.program.InProcessServer;
import io.gradspec.run.RunOptions;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.Method;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How {@link Gradspec} checks: the command line's numerical options ({@code --seed}, {@code --trials},
 * {@code --mode}, {@code --method}, {@code --rtol}, {@code --atol}, {@code --jobs}), {@code --allow-programs},
 * and the {@link JavaProgram}s that serve {@code program: {java: NAME}}. Each setter returns a new
 * {@code Options}; the defaults are the command line's, except {@code jobs}, which is 1 (a test suite runs its
 * own tests in parallel). Part of the stable API.
 */
public final class Options {
  private final long seed;
  private final Integer trials;
  private final Mode mode;
  private final Method method;
  private final Double rtol;
  private final Double atol;
  private final int jobs;
  private final boolean allowPrograms;
  private final boolean verbose;
  private final Map<String, JavaProgram> programs;

  private Options(long seed, Integer trials, Mode mode, Method method, Double rtol, Double atol, int jobs,
                  boolean allowPrograms, boolean verbose, Map<String, JavaProgram> programs) {
    this.seed = seed;
    this.trials = trials;
    this.mode = mode;
    this.method = method;
    this.rtol = rtol;
    this.atol = atol;
    this.jobs = jobs;
    this.allowPrograms = allowPrograms;
    this.verbose = verbose;
    this.programs = Map.copyOf(programs);
  }

  static Options defaults() {
    return new Options(0, null, Mode.AUTO, null, null, null, 1, false, false, Map.of());
  }

  /** The run seed (default 0): the same seed gives the same inputs and the same report. */
  public Options seed(long v) { return new Options(v, trials, mode, method, rtol, atol, jobs, allowPrograms, verbose, programs); }

  /** Random points per dims map (default: the spec's, else 3). */
  public Options trials(int v) {
    if (v < 1) throw new IllegalArgumentException("trials must be at least 1");
    return new Options(seed, v, mode, method, rtol, atol, jobs, allowPrograms, verbose, programs);
  }

  /** {@code "full"}, {@code "fast"} or {@code "auto"} (default), as {@code --mode}. */
  public Options mode(String v) {
    Mode m = switch (v.toLowerCase(Locale.ROOT)) {
      case "full" -> Mode.FULL;
      case "fast" -> Mode.FAST;
      case "auto" -> Mode.AUTO;
      default -> throw new IllegalArgumentException("mode must be full, fast or auto, not `" + v + "`");
    };
    return new Options(seed, trials, m, method, rtol, atol, jobs, allowPrograms, verbose, programs);
  }

  /** {@code "central"}, {@code "richardson"} or {@code "complex-step"}, as {@code --method}. */
  public Options method(String v) {
    Method m = Method.ofWord(v);
    if (m == null) throw new IllegalArgumentException("method must be central, richardson or complex-step, not `" + v + "`");
    return new Options(seed, trials, mode, m, rtol, atol, jobs, allowPrograms, verbose, programs);
  }

  /** The relative tolerance for every claim, as {@code --rtol} (it wins over the spec's). */
  public Options rtol(double v) { return new Options(seed, trials, mode, method, v, atol, jobs, allowPrograms, verbose, programs); }

  /** The absolute tolerance for every claim, as {@code --atol}. */
  public Options atol(double v) { return new Options(seed, trials, mode, method, rtol, v, jobs, allowPrograms, verbose, programs); }

  /** Threads for specs and column blocks (default 1); results do not depend on it. */
  public Options jobs(int v) {
    if (v < 1 || v > CheckOptions.MAX_JOBS) throw new IllegalArgumentException("jobs must be 1 to " + CheckOptions.MAX_JOBS);
    return new Options(seed, trials, mode, method, rtol, atol, v, allowPrograms, verbose, programs);
  }

  /** Lets specs with {@code program: {run: [...]}} start their program, as {@code --allow-programs}. */
  public Options allowPrograms(boolean v) { return new Options(seed, trials, mode, method, rtol, atol, jobs, v, verbose, programs); }

  /** Reports as {@code --verbose} does (and runs the Taylor test on passing claims too). */
  public Options verbose(boolean v) { return new Options(seed, trials, mode, method, rtol, atol, jobs, allowPrograms, v, programs); }

  /** Serves the specs that say {@code program: {java: NAME}} with {@code program} (NAME is its name). */
  public Options program(JavaProgram program) {
    Map<String, JavaProgram> all = new LinkedHashMap<>(programs);
    all.put(program.name(), program);
    return new Options(seed, trials, mode, method, rtol, atol, jobs, allowPrograms, verbose, all);
  }

  /** Checks spec files and folders (a folder: every {@code .yaml} and {@code .yml} under it). */
  public Report check(String... paths) {
    Path[] p = new Path[paths.length];
    for (int i = 0; i < paths.length; i++) p[i] = Path.of(paths[i]);
    return check(p);
  }

  /** Checks spec files and folders. */
  public Report check(Path... paths) {
    return new Report(io.gradspec.run.Suite.run(java.util.List.of(paths), run()), verbose, explicit());
  }

  /**
   * Checks one spec file given as text; {@code name} is how reports name the file (say "dense.yaml"), and a
   * program it starts runs in the current folder.
   */
  public Report checkYaml(String name, String yaml) {
    return new Report(io.gradspec.run.Suite.runText(name, yaml, run()), verbose, explicit());
  }

  private CheckSettings explicit() { return new CheckSettings(trials, null, method, null, rtol, atol); }

  RunOptions run() {
    CheckOptions check = CheckOptions.builder().seed(seed).explicit(explicit()).jobs(jobs).mode(mode)
        .taylorPassing(verbose).build();
    RunOptions.Builder b = RunOptions.builder().check(check).allowPrograms(allowPrograms);
    for (JavaProgram p : programs.values()) {
      InProcessServer server = p.server();
      b.javaProgram(p.name(), server);
    }
    return b.build();
  }
}
