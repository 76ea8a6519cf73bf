package io.gradspec.cli;

import io.gradspec.run.Selection;
import io.gradspec.spec.Diagnostics;
import io.gradspec.spec.load.SpecFinder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that choose which specs run, shared by {@code check} and {@code validate}. */
final class Selecting {
  @Option(names = "--filter", paramLabel = "GLOB",
      description = "only specs whose name matches GLOB (* any text, ? one character; repeatable: any matches)")
  List<String> filters = new ArrayList<>();

  @Option(names = "--tag", paramLabel = "TAG", description = "only specs with this tag (repeatable: any of them)")
  List<String> tags = new ArrayList<>();

  @Option(names = "--shard", paramLabel = "K/N", converter = Converters.ShardConverter.class,
      description = "only shard K of N (1 <= K <= N): every N-th spec file of the sorted list, starting at the K-th, "
          + "for a CI matrix; each file is in exactly one shard")
  Selection.Shard shard;

  Selection selection() { return new Selection(filters, tags, shard); }

  /**
   * When a run found no spec: if the paths do hold spec files and only the selection left none, says so
   * and returns the exit code (0 for an empty shard, which is normal when N exceeds the files; 4 when
   * --filter or --tag matched nothing). Null when the paths hold no spec file at all.
   */
  Integer emptySelection(List<Path> roots, PrintWriter err) {
    if (selection().selectsEverything() || SpecFinder.find(roots, new Diagnostics()).isEmpty()) return null;
    if (filters.isEmpty() && tags.isEmpty()) {
      err.println("gradspec: shard " + shard + " holds no spec file (there are fewer files than shards)");
      return ExitCode.OK;
    }
    err.println("gradspec: no spec under " + SpecPaths.describe(roots) + " matches "
        + (filters.isEmpty() ? "" : "--filter " + String.join(", ", filters)) + (filters.isEmpty() || tags.isEmpty() ? "" : " and ")
        + (tags.isEmpty() ? "" : "--tag " + String.join(", ", tags)) + (shard == null ? "" : " in shard " + shard));
    return ExitCode.NO_SPECS;
  }
}
