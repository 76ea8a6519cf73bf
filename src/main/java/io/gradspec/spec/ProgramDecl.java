package io.gradspec.spec;

import java.util.List;

/**
 * The spec's {@code program} (contract §7): the argv that starts it (no shell; run in the spec file's
 * folder) and the seconds one request may take. {@code key} is the {@code program} key's position, where a
 * run without {@code --allow-programs} refuses the spec.
 */
public record ProgramDecl(List<Located<String>> run, double timeoutSeconds, Span key, Span span) {
  /** The contract's default for {@code timeout}. */
  public static final double DEFAULT_TIMEOUT_SECONDS = 60;

  public ProgramDecl { run = List.copyOf(run); }

  /** The argv as plain strings. */
  public List<String> argv() { return run.stream().map(Located::value).toList(); }
}
