package io.gradspec.spec;

import java.util.List;

/**
 * The spec's {@code program} (contract §7): the argv that starts it (no shell; run in the spec file's
 * folder) and the seconds one request may take. {@code key} is the {@code program} key's position, where a
 * run without {@code --allow-programs} refuses the spec. Or, added by gradspec, {@code java}: the name of
 * a program that the Java caller registered and that is served in the same JVM (README, "Use from Java");
 * {@code run} is then empty. Such a spec runs no code of its own, so it needs no {@code --allow-programs}.
 */
public record ProgramDecl(List<Located<String>> run, Located<String> java, double timeoutSeconds, Span key, Span span) {
  /** The contract's default for {@code timeout}. */
  public static final double DEFAULT_TIMEOUT_SECONDS = 60;

  public ProgramDecl { run = List.copyOf(run); }

  /** A program started from an argv. */
  public ProgramDecl(List<Located<String>> run, double timeoutSeconds, Span key, Span span) {
    this(run, null, timeoutSeconds, key, span);
  }

  /** The argv as plain strings; for a Java program, {@code [java:NAME]}. */
  public List<String> argv() {
    return java != null ? List.of("java:" + java.value()) : run.stream().map(Located::value).toList();
  }

  /** Whether this program is served in the JVM by the Java caller ({@code program: {java: NAME}}). */
  public boolean inProcess() { return java != null; }
}
