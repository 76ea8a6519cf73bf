package io.gradspec.report;

import io.gradspec.result.RunResult;
import java.io.PrintWriter;

/** Writes one run's report in one format. Implementations are deterministic: same run, same bytes. */
public interface Reporter {
  /** The whole report as a string, ending with a line break. */
  String render(RunResult run);

  /** Prints {@link #render} and flushes. */
  default void write(RunResult run, PrintWriter out) {
    out.print(render(run));
    out.flush();
  }
}
