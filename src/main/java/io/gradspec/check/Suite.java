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
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * A whole run: finds spec files under the paths, loads them, rejects duplicate names, checks (or only
 * validates) each spec, and gathers the results in path order, then document order.
 */
public final class Suite {
  private Suite() {}

  /** Paths are displayed as given (relative stays relative, forward slashes). */
  public static RunResult run(List<Path> paths, RunOptions options) {
    long start = System.nanoTime();
    // Phase 1 (sequential): find, load, reject duplicates; each slot is a result or a spec to check.
    List<Object> slots = new ArrayList<>();
    Diagnostics problems = new Diagnostics();
    List<Path> files = SpecFinder.find(paths, problems);
    for (Diagnostic d : problems.all()) {
      slots.add(new SpecResult(d.file() == null ? "" : d.file(), 0, null, Status.ERROR, ErrorInfo.of(d),
          List.of(d), List.of(), 0, 0));
    }
    Map<String, Spec> byName = new HashMap<>();
    for (Path f : files) {
      LoadedFile lf = SpecLoader.load(f, display(f));
      for (LoadedFile.DocumentResult doc : lf.documents()) {
        if (!doc.valid()) {
          Diagnostic first = doc.diagnostics().stream().filter(Diagnostic::isError).findFirst()
              .orElse(doc.diagnostics().isEmpty() ? null : doc.diagnostics().get(0));
          slots.add(new SpecResult(lf.file().displayPath(), doc.document(), doc.name(), Status.ERROR,
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
          slots.add(new SpecResult(lf.file().displayPath(), doc.document(), spec.name().value(), Status.ERROR,
              ErrorInfo.of(d), List.of(d), List.of(), spec.indexBase(), 0));
          continue;
        }
        slots.add(spec);
      }
    }
    // Phase 2: check the specs, in parallel when asked; results keep path, then document, order.
    List<SpecResult> out = new ArrayList<>();
    if (options.jobs() <= 1) {
      for (Object o : slots) out.add(o instanceof Spec s ? Checker.check(s, options) : (SpecResult) o);
    } else {
      ForkJoinPool pool = new ForkJoinPool(options.jobs());
      try {
        List<ForkJoinTask<SpecResult>> tasks = new ArrayList<>();
        for (Object o : slots) {
          tasks.add(o instanceof Spec s ? pool.submit(() -> Checker.check(s, options)) : null);
        }
        for (int i = 0; i < slots.size(); i++) out.add(tasks.get(i) == null ? (SpecResult) slots.get(i) : tasks.get(i).join());
      } finally {
        pool.shutdown();
      }
    }
    return RunResult.of(Version.VERSION, options.seed(), out, (System.nanoTime() - start) / 1_000_000);
  }

  /** A path as the user sees it: as given, with forward slashes. */
  public static String display(Path p) {
    return p.toString().replace('\\', '/');
  }
}
