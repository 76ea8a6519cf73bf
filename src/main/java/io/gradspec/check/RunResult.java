package io.gradspec.check;

import java.util.List;

/** Everything a report needs about one run. {@code specs} are in path order, then document order. */
public record RunResult(String version, long seed, List<SpecResult> specs, Summary summary, int exitCode,
                        long durationMs) {
  public RunResult { specs = List.copyOf(specs); }

  public static RunResult of(String version, long seed, List<SpecResult> specs, long durationMs) {
    Summary s = Summary.of(specs);
    return new RunResult(version, seed, specs, s, s.exitCode(), durationMs);
  }
}
