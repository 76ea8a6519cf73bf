package io.gradspec.cli;

import picocli.CommandLine.Option;

/** {@code --no-color}, shared by the commands that print diagnostics or reports. */
final class ColorOption {
  @Option(names = "--no-color", description = "no colours, even on a terminal (so does NO_COLOR)")
  boolean noColor;

  /** Whether to colour output that goes to a file ({@code toFile}) or to standard output ({@link Terminal}). */
  boolean wanted(boolean toFile) {
    return Terminal.colorWanted(noColor, toFile);
  }
}
