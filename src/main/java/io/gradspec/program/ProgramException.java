package io.gradspec.program;

/**
 * A program that could not be used: it answered {@code ok: false}, broke the protocol, exited, or did not
 * answer in time. The message is complete (what happened, to which request, the evidence) and ready to be
 * shown as the spec's error.
 */
public final class ProgramException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong, for callers that treat the kinds differently (and for tests). */
  public enum Kind {
    /** The program replied {@code ok: false}: its own message. */
    PROGRAM_ERROR,
    /** A reply that is not what the protocol says. */
    PROTOCOL,
    /** The program could not be started, or exited or crashed before it answered. */
    EXITED,
    /** No reply within the request's time. */
    TIMEOUT,
    /** The run was interrupted or its deadline passed while waiting. */
    INTERRUPTED
  }

  private final Kind kind;

  public ProgramException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() { return kind; }
}
