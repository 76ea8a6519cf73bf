package io.gradspec.cli;

import picocli.CommandLine.Option;

/**
 * {@code -v, --verbose} where it only adds stack traces ({@code validate}, {@code explain}); {@code check}'s
 * own also shows the details of xfailed claims.
 */
final class VerboseOption {
  @Option(names = {"-v", "--verbose"}, description = "stack traces of internal errors")
  boolean verbose;
}
