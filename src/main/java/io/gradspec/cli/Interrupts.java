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
 * exits with 130 (128 + SIGINT), as it does for any SIGINT. The hook is installed only while the specs
 * run, so a normal exit prints nothing extra.
 */
final class Interrupts {
  /** The exit status of a run stopped by SIGINT (the JVM's own: 128 + 2). */
  static final int INTERRUPTED = 130;

  private Interrupts() {}

  /** Runs {@code suite}, which must pass each finished spec to the consumer it is given. */
  static RunResult run(PrintWriter err, long seed, Function<Consumer<SpecResult>, RunResult> suite) {
    List<SpecResult> finished = new ArrayList<>();
    boolean[] over = {false};
    long start = System.nanoTime();
    Thread hook = new Thread(() -> {
      RunResult partial;
      synchronized (finished) {
        if (over[0]) return;
        over[0] = true;
        List<SpecResult> specs = List.copyOf(finished);
        partial = new RunResult(Version.VERSION, seed, specs, Summary.of(specs), INTERRUPTED,
            (System.nanoTime() - start) / 1_000_000, null);
      }
      err.println("gradspec: interrupted; the summary of the specs that finished:");
      err.println(Outcome.summaryLine(partial));
      err.flush();
    }, "gradspec-interrupt");
    boolean installed = install(hook);
    try {
      return suite.apply(r -> {
        synchronized (finished) { finished.add(r); }
      });
    } finally {
      synchronized (finished) { over[0] = true; }
      if (installed) uninstall(hook);
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
