package io.gradspec.check;

import io.gradspec.Version;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Diagnostics;
import io.gradspec.spec.LoadedFile;
import io.gradspec.spec.Spec;
import io.gradspec.spec.SpecFinder;
import io.gradspec.spec.SpecLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A whole run: finds spec files under the paths, loads them, rejects duplicate names, checks (or only
 * validates) each spec, and gathers the results in path order, then document order.
 */
public final class Suite {
  private Suite() {}

  /** Paths are displayed as given (relative stays relative, forward slashes). */
  public static RunResult run(List<Path> paths, RunOptions options) {
    return run(paths, options, r -> { });
  }

  /** As {@link #run(List, RunOptions)}, telling {@code progress} about each spec as soon as it is done. */
  public static RunResult run(List<Path> paths, RunOptions options, Consumer<SpecResult> progress) {
    long start = System.nanoTime();
    List<SpecResult> all = new ArrayList<>();
    Consumer<SpecResult> results = r -> { all.add(r); progress.accept(r); };
    Diagnostics problems = new Diagnostics();
    List<Path> files = SpecFinder.find(paths, problems);
    for (Diagnostic d : problems.all()) {
      results.accept(new SpecResult(d.file() == null ? "" : d.file(), 0, null, Status.ERROR, ErrorInfo.of(d),
          List.of(d), List.of(), 0, 0));
    }
    Map<String, Spec> byName = new HashMap<>();
    for (Path f : files) {
      LoadedFile lf = SpecLoader.load(f, display(f), options.limits());
      for (LoadedFile.DocumentResult doc : lf.documents()) {
        if (!doc.valid()) {
          Diagnostic first = doc.diagnostics().stream().filter(Diagnostic::isError).findFirst()
              .orElse(doc.diagnostics().isEmpty() ? null : doc.diagnostics().get(0));
          results.accept(new SpecResult(lf.file().displayPath(), doc.document(), doc.name(), Status.ERROR,
              first == null ? null : ErrorInfo.of(first), doc.diagnostics(), List.of(), 0, 0));
          continue;
        }
        Spec spec = doc.spec();
        Spec earlier = byName.putIfAbsent(spec.name().value(), spec);
        if (earlier != null) {
          Diagnostic d = Diagnostic.error("duplicate-spec", spec.name().span(),
                  "duplicate spec name `" + spec.name().value() + "`")
              .withLabel("already used")
              .withNote("first used at " + earlier.name().span())
              .withHelp("spec names must be unique within one run; rename one of them");
          results.accept(new SpecResult(lf.file().displayPath(), doc.document(), spec.name().value(), Status.ERROR,
              ErrorInfo.of(d), List.of(d), List.of(), spec.indexBase(), 0));
          continue;
        }
        results.accept(Checker.check(spec, options));
      }
    }
    return RunResult.of(Version.VERSION, options.seed(), all, (System.nanoTime() - start) / 1_000_000);
  }

  /** A path as the user sees it: as given, with forward slashes. */
  public static String display(Path p) {
    return p.toString().replace('\\', '/');
  }
}
