package io.gradspec.cli;

import io.gradspec.run.RunListener;
import java.io.PrintWriter;

/**
 * A one-line progress display on standard error, {@code [12/40] specs/examples/05-inverse.yaml}, shown only
 * on a terminal and only once a run has taken about a second, then erased when the run ends, so that short
 * runs, pipes, files and CI logs never see it. Also counts the files that --fail-fast left out.
 */
final class Progress implements RunListener {
  /** A second; the property is for tests that need the line on a run shorter than that. */
  private static final long DELAY_NANOS =
      Long.getLong("gradspec.progress.delayMillis", 1000L) * 1_000_000L;
  private static final int WIDTH = 79;

  private final PrintWriter err;
  private final boolean enabled;
  private final long start = System.nanoTime();
  private boolean shown;
  private int notRun;

  private Progress(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  /** Enabled when {@link Terminal#progressWanted} says so. */
  static Progress onTerminal(PrintWriter err) {
    return new Progress(err, Terminal.progressWanted());
  }

  @Override public synchronized void fileStarted(int index, int total, String file) {
    if (!enabled || System.nanoTime() - start < DELAY_NANOS) return;
    String line = "[" + (index + 1) + "/" + total + "] " + file;
    if (line.length() > WIDTH) line = line.substring(0, WIDTH - 3) + "...";
    err.print("\r" + line + " ".repeat(WIDTH - line.length()) + "\r");
    err.flush();
    shown = true;
  }

  /**
   * A spec finished ({@code done} so far): redraws the line as "[checked 12] specs/x.yaml", so that a run
   * whose specs are checked in parallel, after every file has loaded, still shows it is alive.
   */
  synchronized void checked(int done, String file) {
    if (!enabled || System.nanoTime() - start < DELAY_NANOS) return;
    String line = "[checked " + done + "] " + file;
    if (line.length() > WIDTH) line = line.substring(0, WIDTH - 3) + "...";
    err.print("\r" + line + " ".repeat(WIDTH - line.length()) + "\r");
    err.flush();
    shown = true;
  }

  /** Erases the line before standard output gets a report block (they share the terminal). */
  synchronized void clear() { finished(); }

  @Override public void stoppedEarly(int notRun) { this.notRun = notRun; }

  @Override public synchronized void finished() {
    if (!shown) return;
    err.print("\r" + " ".repeat(WIDTH) + "\r");
    err.flush();
    shown = false;
  }

  /** Files --fail-fast did not check. */
  int notRun() { return notRun; }
}
