package io.gradspec.check;

import java.nio.file.Path;
import java.util.List;

/**
 * A whole run: finds spec files under the paths, loads them, rejects duplicate names, checks (or only
 * validates) each spec, and gathers the results in path order, then document order.
 */
public final class Suite {
  private Suite() {}

  /** Paths are displayed as given (relative stays relative, forward slashes). */
  public static RunResult run(List<Path> paths, RunOptions options) {
    throw new UnsupportedOperationException("Suite.run: not yet implemented");
  }
}
