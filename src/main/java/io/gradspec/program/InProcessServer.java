package io.gradspec.program;

/**
 * A program served inside this JVM (contract §7, README "Use from Java"): it answers each request line of
 * the protocol with one reply line, exactly as a program's standard output would. gradspec speaks to it
 * through the same client as to a child process, on a thread of its own, so timeouts, protocol checks and
 * reports are those of any program.
 */
@FunctionalInterface
public interface InProcessServer {
  /**
   * The reply line to one request line ({@code bye} gets none: return null). An exception is the program
   * crashing: gradspec reports it with its message as the program's standard error.
   */
  String reply(String request) throws Exception;
}
