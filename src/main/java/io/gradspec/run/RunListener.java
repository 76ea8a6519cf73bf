package io.gradspec.run;

import io.gradspec.spec.load.LoadedFile;

/**
 * Hears how a run progresses, for a progress line on a terminal, and what it read, for validation. Called
 * on the thread that runs the suite; every method has a do-nothing default.
 */
public interface RunListener {
  RunListener NONE = new RunListener() {};

  /** File number {@code index} (0-based) of {@code total} selected files is about to be checked. */
  default void fileStarted(int index, int total, String file) {}

  /** The file just started has been read: its documents, each with its YAML tree (for {@link Validation}). */
  default void fileLoaded(LoadedFile file) {}

  /** {@code --fail-fast} stopped the run; {@code notRun} selected files were not checked. */
  default void stoppedEarly(int notRun) {}

  /** The run is over (the progress line can be erased). */
  default void finished() {}
}
