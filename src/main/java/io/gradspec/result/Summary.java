package io.gradspec.result;

import java.util.List;

/** Counts over a run (contract section 4 and the counting rule of section 6). */
public record Summary(int specs, int claims, int passed, int failed, int xfailed, int xpassed,
                      int inconclusive, int errors) {

  public static Summary of(List<SpecResult> specs) {
    int claims = 0, passed = 0, failed = 0, xfailed = 0, xpassed = 0, inconclusive = 0, errors = 0;
    for (SpecResult s : specs) {
      if (s.status() == Status.ERROR && s.claims().isEmpty()) errors++;
      else if (s.status() == Status.ERROR) errors++;
      for (ClaimResult c : s.claims()) {
        claims++;
        switch (c.status()) {
          case PASSED -> passed++;
          case FAILED -> failed++;
          case XFAILED -> xfailed++;
          case XPASSED -> xpassed++;
          case INCONCLUSIVE -> inconclusive++;
          case ERROR -> errors++;
        }
      }
    }
    return new Summary(specs.size(), claims, passed, failed, xfailed, xpassed, inconclusive, errors);
  }

  /** The run's exit code, by the contract's precedence ({@link ExitCode#of}). */
  public int exitCode() { return ExitCode.of(this); }
}
