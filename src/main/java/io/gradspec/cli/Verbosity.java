package io.gradspec.cli;

/** A command with a {@code --verbose} flag, so that an internal error can show its stack trace. */
interface Verbosity {
  boolean verbose();
}
