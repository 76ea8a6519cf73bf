package io.gradspec.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Parameters;

/** The spec paths of {@code check} and {@code validate}, as a mixin: files or folders, default {@code specs}. */
final class SpecPaths {
  @Parameters(paramLabel = "PATH", arity = "0..*",
      description = "spec files or folders, searched recursively (default: specs)")
  List<Path> given = new ArrayList<>();

  /** The paths given, or {@code specs}. */
  List<Path> roots() {
    return given.isEmpty() ? List.of(Path.of("specs")) : List.copyOf(given);
  }

  /** "`specs`, `more`", for messages. */
  static String describe(List<Path> roots) {
    return String.join(", ", roots.stream().map(p -> "`" + p + "`").toList());
  }
}
