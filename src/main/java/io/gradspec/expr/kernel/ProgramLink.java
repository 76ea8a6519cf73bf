package io.gradspec.expr.kernel;

import io.gradspec.program.ProgramClient;
import io.gradspec.program.ProgramException;

/**
 * How the compiled nodes of a spec with a {@code program} reach it (contract §7): the run owns the
 * process (one per spec file, started at the first request, ended with the file), the nodes only ask.
 */
public interface ProgramLink {
  /** The spec's program, started on first use. */
  ProgramClient client() throws ProgramException;

  /** What a vjp claim's assembly kept for the claims of the same call wrt other arguments; null: nothing is kept. */
  default ProgramGradients gradients() { return null; }

  /** For a spec without a program: asking is a bug of ours. */
  ProgramLink NONE = () -> {
    throw new IllegalStateException("this spec has no program");
  };
}
