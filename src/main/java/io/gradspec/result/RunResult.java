package io.gradspec.result;

import io.gradspec.spec.CheckSettings;
import java.util.List;

/**
 * Everything a report needs about one run. {@code specs} are in path order, then document order;
 * {@code explicit} holds the numerical flags the run was given (they won over the specs' own settings), so
 * that a report can print commands that reproduce its rows.
 */
public record RunResult(String version, long seed, List<SpecResult> specs, Summary summary, int exitCode,
                        long durationMs, CheckSettings explicit) {
  public RunResult {
    specs = List.copyOf(specs);
    if (explicit == null) explicit = CheckSettings.EMPTY;
  }

  public static RunResult of(String version, long seed, List<SpecResult> specs, long durationMs) {
    return of(version, seed, specs, durationMs, CheckSettings.EMPTY);
  }

  public static RunResult of(String version, long seed, List<SpecResult> specs, long durationMs,
                             CheckSettings explicit) {
    Summary s = Summary.of(specs);
    return new RunResult(version, seed, specs, s, s.exitCode(), durationMs, explicit);
  }

  /**
   * This run with the process's exit code when it is not the specs' own: a path that does not exist or a
   * report that could not be written makes it 2, and every report and the summary line must say so.
   */
  public RunResult withExitCode(int code) {
    return new RunResult(version, seed, specs, summary, code, durationMs, explicit);
  }
}
