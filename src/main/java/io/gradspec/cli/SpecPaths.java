package io.gradspec.cli;

import io.gradspec.report.CommandName;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Parameters;

/** The spec paths of {@code check} and {@code validate}, as a mixin: files or folders, default {@code specs}. */
final class SpecPaths {
  @Parameters(paramLabel = "PATH", arity = "0..*",
      description = "spec files or folders, searched recursively (default: specs)")
  List<Path> given = new ArrayList<>();

  /** Whether {@link #existing} found a given path missing (so the run exits 2 whatever the specs say). */
  private boolean someMissing;

  /** The paths given, or {@code specs}. */
  List<Path> roots() {
    return given.isEmpty() ? List.of(Path.of("specs")) : List.copyOf(given);
  }

  /**
   * The roots that exist, after one line on {@code err} for each that does not. A missing path is not a
   * spec: it is a usage error (the caller exits 2 after checking the rest), and when nothing is left the run
   * found no spec (exit 4). Without any path given, a missing {@code specs} folder says how to make one.
   */
  List<Path> existing(PrintWriter err, String command) {
    List<Path> found = new ArrayList<>();
    for (Path p : roots()) {
      if (Files.exists(p)) {
        found.add(p);
      } else if (given.isEmpty()) {
        err.println("gradspec: no spec found: there is no `specs` folder here (" + command
            + " reads it when no path is given)");
        err.println("Try '" + CommandName.get() + " init' to write one with two example specs, or '"
            + CommandName.get() + " " + command + " PATH...'.");
      } else {
        someMissing = true;
        err.println("gradspec: no such file or folder: `" + p + "`");
      }
    }
    return found;
  }

  /** Whether {@link #existing} found a given path missing. */
  boolean someMissing() { return someMissing; }

  /** "`specs`, `more`", for messages. */
  static String describe(List<Path> roots) {
    return String.join(", ", roots.stream().map(p -> "`" + p + "`").toList());
  }
}
