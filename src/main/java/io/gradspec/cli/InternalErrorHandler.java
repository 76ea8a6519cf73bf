package io.gradspec.cli;

import java.io.PrintWriter;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * An exception escaping a command is a bug in gradspec (bad input is always reported as a diagnostic):
 * one line on stderr, the stack trace only with {@code --verbose}, exit 70. Picocli's default would print
 * the trace to every user.
 */
final class InternalErrorHandler implements IExecutionExceptionHandler {
  @Override public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    err.println(ExitCode.internalErrorLine(ex));
    if (cmd.getCommand() instanceof Verbosity v && v.verbose()) ex.printStackTrace(err);
    err.flush();
    return ExitCode.INTERNAL;
  }
}
