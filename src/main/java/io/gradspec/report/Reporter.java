package io.gradspec.report;

import io.gradspec.check.RunResult;
import java.io.PrintWriter;

/** Writes one run's report in one format. Implementations are deterministic: same run, same bytes. */
public interface Reporter {
  void write(RunResult run, PrintWriter out);
}
