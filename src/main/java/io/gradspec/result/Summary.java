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

  /** Exit code by the contract's precedence: 4 no specs, then 2, then 1, then 3, else 0. */
  public int exitCode() {
    if (specs == 0) return 4;
    if (errors > 0) return 2;
    if (failed > 0 || xpassed > 0) return 1;
    if (inconclusive > 0) return 3;
    return 0;
  }
}
