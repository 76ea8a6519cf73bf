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
}
