package io.gradspec.cli;

import io.gradspec.Version;
import io.gradspec.report.Outcome;
import io.gradspec.result.RunResult;
import io.gradspec.result.SpecResult;
import io.gradspec.result.Summary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Ctrl-C during a run: a shutdown hook prints the summary of the specs that finished, and the JVM then
 * exits with 130 (128 + SIGINT), as it does for any SIGINT; SIGTERM (a CI runner's cancel) exits with 143,
 * and the summary says which. The hook and the signal handlers are installed only while the specs run, so
 * a normal exit prints nothing extra.
 */
final class Interrupts {
  /** The exit status of a run stopped by SIGINT (the JVM's own: 128 + 2). */
  static final int INTERRUPTED = 130;
  /** The exit status of a run stopped by SIGTERM (128 + 15). */
  static final int TERMINATED = 143;

  private Interrupts() {}

  /** Runs {@code suite}, which must pass each finished spec to the consumer it is given. */
  static RunResult run(PrintWriter err, long seed, Function<Consumer<SpecResult>, RunResult> suite) {
    List<SpecResult> finished = new ArrayList<>();
    boolean[] over = {false};
    int[] status = {INTERRUPTED};
    long start = System.nanoTime();
    Thread hook = new Thread(() -> {
      RunResult partial;
      synchronized (finished) {
        if (over[0]) return;
        over[0] = true;
        List<SpecResult> specs = List.copyOf(finished);
        partial = new RunResult(Version.VERSION, seed, specs, Summary.of(specs), status[0],
            (System.nanoTime() - start) / 1_000_000, null);
      }
      err.println("gradspec: " + (partial.exitCode() == TERMINATED ? "terminated (SIGTERM)" : "interrupted")
          + "; the summary of the specs that finished:");
      err.println(Outcome.summaryLine(partial));
      err.flush();
    }, "gradspec-interrupt");
    boolean installed = install(hook);
    // which signal ended the run, so that the summary's code is the process's: the JVM's own handlers
    // would exit with the same codes, but do not say which signal came
    List<Object[]> previous = new ArrayList<>();
    if (installed) {
      watch("INT", INTERRUPTED, status, previous);
      watch("TERM", TERMINATED, status, previous);
    }
    try {
      return suite.apply(r -> {
        synchronized (finished) { finished.add(r); }
      });
    } finally {
      synchronized (finished) { over[0] = true; }
      if (installed) uninstall(hook);
      for (Object[] p : previous) sun.misc.Signal.handle((sun.misc.Signal) p[0], (sun.misc.SignalHandler) p[1]);
    }
  }

  private static void watch(String name, int code, int[] status, List<Object[]> previous) {
    try {
      sun.misc.Signal signal = new sun.misc.Signal(name);
      sun.misc.SignalHandler old = sun.misc.Signal.handle(signal, s -> {
        status[0] = code;
        System.exit(code);
      });
      previous.add(new Object[] {signal, old});
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // this platform does not let us handle it: the JVM's default (exit 128 + n) stays
    }
  }

  private static boolean install(Thread hook) {
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      return true;
    } catch (IllegalStateException | SecurityException e) {
      return false;    // already shutting down: nothing to summarise later
    }
  }

  private static void uninstall(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException | SecurityException e) {
      // the JVM is shutting down and the hook has run or is running: it checks `over` itself
    }
  }
}
