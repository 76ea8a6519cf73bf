package io.gradspec.run;

import io.gradspec.Version;
import io.gradspec.check.CheckOptions;
import io.gradspec.check.Checker;
import io.gradspec.result.ErrorInfo;
import io.gradspec.result.RunResult;
import io.gradspec.result.SpecResult;
import io.gradspec.result.Status;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Diagnostics;
import io.gradspec.spec.SourceFile;
import io.gradspec.spec.Spec;
import io.gradspec.spec.load.LoadedFile;
import io.gradspec.spec.load.SpecFinder;
import io.gradspec.spec.load.SpecLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Consumer;

/**
 * A whole run: finds spec files under the paths, keeps the selected ones ({@link Selection}), loads them,
 * rejects duplicate names, checks (or only validates) each spec, and gathers the results in path order,
 * then document order. With {@code failFast} it stops after the first spec that fails or is invalid.
 */
public final class Suite {
  private Suite() {}

  /** Paths are displayed as given (relative stays relative, forward slashes). */
  public static RunResult run(List<Path> paths, RunOptions options) {
    return run(paths, options, r -> { });
  }

  /** As {@link #run(List, RunOptions)}, telling {@code progress} about each spec as soon as it is done. */
  public static RunResult run(List<Path> paths, RunOptions options, Consumer<SpecResult> progress) {
    try (Programs programs = new Programs(options.javaPrograms())) {
      return run(paths, options, progress, programs);
    }
  }

  /**
   * Checks one spec file given as text (the Java API's {@code checkYaml}): {@code name} is its display path,
   * and the folder a program is started in is the current one.
   */
  public static RunResult runText(String name, String yaml, RunOptions options) {
    try (Programs programs = new Programs(options.javaPrograms())) {
      return run(List.of(Path.of(name)), options, r -> { }, programs,
          p -> SpecLoader.loadString(yaml, name, options.check().limits()));
    }
  }

  private static RunResult run(List<Path> paths, RunOptions options, Consumer<SpecResult> progress, Programs programs) {
    return run(paths, options, progress, programs, null);
  }

  /** {@code loader}: reads a file's specs (null: from disk, the paths found by {@link SpecFinder}). */
  private static RunResult run(List<Path> paths, RunOptions options, Consumer<SpecResult> progress, Programs programs,
                               java.util.function.Function<Path, LoadedFile> loader) {
    long start = System.nanoTime();
    // Each slot is a finished result, or (with --jobs > 1 and no --fail-fast) a spec still to check, so the
    // results keep path, then document, order whatever thread checks them.
    List<Object> slots = new ArrayList<>();
    boolean inline = options.failFast() || options.check().jobs() <= 1;
    Consumer<SpecResult> results = r -> { slots.add(r); if (inline) progress.accept(r); };
    Diagnostics problems = new Diagnostics();
    List<Path> files = loader != null ? paths : SpecFinder.find(paths, problems);
    Selection select = options.selection();
    if (select.shard() != null) files = select.shard().of(files);
    RunListener listener = options.listener();
    for (Diagnostic d : problems.all()) {
      results.accept(new SpecResult(d.file() == null ? "" : d.file(), 0, null, Status.ERROR, ErrorInfo.of(d),
          List.of(d), List.of(), 0, 0));
    }
    Map<String, Spec> byName = new HashMap<>();
    fileLoop:
    for (int fi = 0; fi < files.size(); fi++) {
      Path f = files.get(fi);
      listener.fileStarted(fi, files.size(), display(f));
      LoadedFile lf = loader != null ? loader.apply(f) : SpecLoader.load(f, display(f), options.check().limits());
      listener.fileLoaded(lf);
      for (LoadedFile.DocumentResult doc : lf.documents()) {
        if (doc.spec() != null ? !select.selects(doc.spec().name().value(), doc.spec().tags())
            : !select.keepsBroken(doc.name())) {
          continue;
        }
        if (!doc.valid()) {
          Diagnostic first = doc.diagnostics().stream().filter(Diagnostic::isError).findFirst()
              .orElse(doc.diagnostics().isEmpty() ? null : doc.diagnostics().get(0));
          results.accept(new SpecResult(lf.file().displayPath(), doc.document(), doc.name(), Status.ERROR,
              first == null ? null : ErrorInfo.of(first), doc.diagnostics(), List.of(), 0, 0));
          if (stop(options, fi, files.size())) break fileLoop;
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
          if (stop(options, fi, files.size())) break fileLoop;
          continue;
        }
        if (spec.program() != null && !options.check().validateOnly() && (spec.program().inProcess()
            ? !options.javaPrograms().containsKey(spec.program().java().value()) : !options.allowPrograms())) {
          results.accept(refused(spec));
          if (stop(options, fi, files.size())) break fileLoop;
          continue;
        }
        if (!inline) {
          slots.add(spec);
          continue;
        }
        SpecResult r = checkOne(spec, options, programs);
        results.accept(r);
        if (r.status() == Status.FAILED || r.status() == Status.ERROR) {
          if (stop(options, fi, files.size())) break fileLoop;
        }
      }
      if (inline) programs.endFile(lf.file().displayPath());
    }
    List<SpecResult> out = inline ? slots.stream().map(SpecResult.class::cast).toList()
        : checkAll(slots, options, progress, programs);
    listener.finished();
    return RunResult.of(Version.VERSION, options.check().seed(), out, (System.nanoTime() - start) / 1_000_000,
        options.check().explicit());
  }

  /** Checks the pending specs on a fork-join pool of {@code jobs} threads; results in slot order. */
  private static List<SpecResult> checkAll(List<Object> slots, RunOptions options, Consumer<SpecResult> progress,
                                           Programs programs) {
    if (slots.stream().filter(Spec.class::isInstance).count() <= 1) {
      // one spec: a pool would only cost a thread start (its column blocks still run in parallel)
      List<SpecResult> out = new ArrayList<>();
      for (Object o : slots) {
        SpecResult r = o instanceof Spec s ? checkOne(s, options, programs) : (SpecResult) o;
        out.add(r);
        progress.accept(r);
      }
      return out;
    }
    ForkJoinPool pool = new ForkJoinPool(options.check().jobs());
    try {
      List<ForkJoinTask<SpecResult>> tasks = new ArrayList<>();
      for (Object o : slots) tasks.add(o instanceof Spec s ? pool.submit(() -> checkOne(s, options, programs)) : null);
      List<SpecResult> out = new ArrayList<>();
      for (int i = 0; i < slots.size(); i++) {
        SpecResult r = tasks.get(i) == null ? (SpecResult) slots.get(i) : tasks.get(i).join();
        out.add(r);
        progress.accept(r);
      }
      return out;
    } finally {
      pool.shutdown();
    }
  }

  /**
   * Checks one spec. Running out of memory is that spec's error, not the run's: what it allocated is garbage
   * once this returns, and every other spec's result is kept (issue 14, item 7).
   */
  static SpecResult checkOne(Spec spec, RunOptions options, Programs programs) {
    try {
      CheckOptions check = spec.program() == null ? options.check()
          : options.check().toBuilder().programs(programs.linkFor(spec)).build();
      return Checker.check(spec, check);
    } catch (OutOfMemoryError e) {
      long heap = Runtime.getRuntime().maxMemory() >> 20;
      Diagnostic d = Diagnostic.error("limit", spec.name().span(), "checking this spec ran out of memory (the heap is "
              + heap + " MiB)")
          .withLabel("needs more memory than there is")
          .withHelp("use smaller dims or fewer claims per spec, lower `--max-elements` to refuse such specs up front, or "
              + "give the JVM more memory: GRADSPEC_JAVA_OPTS=-Xmx4g");
      return new SpecResult(spec.file().displayPath(), spec.document(), spec.name().value(), Status.ERROR, ErrorInfo.of(d),
          List.of(d), List.of(), spec.indexBase(), 0);
    }
  }

  /**
   * A spec that would run a program, in a run without {@code --allow-programs}: refused at its
   * {@code program} key before anything starts (contract §7). Specs are untrusted data.
   */
  private static SpecResult refused(Spec spec) {
    Diagnostic d = refusal(spec);
    return new SpecResult(spec.file().displayPath(), spec.document(), spec.name().value(), Status.ERROR, ErrorInfo.of(d),
        List.of(d), List.of(), spec.indexBase(), 0);
  }

  /**
   * Why a spec with a {@code program} does not run without {@code --allow-programs}, at its {@code program}
   * key; or, for {@code program: {java: NAME}}, that no Java caller registered NAME.
   */
  public static Diagnostic refusal(Spec spec) {
    if (spec.program().inProcess()) {
      String name = spec.program().java().value();
      return Diagnostic.error("program-not-registered", spec.program().java().span(),
              "this spec's program `" + name + "` is served by a Java caller, and none registered it")
          .withLabel("no Java program `" + name + "` in this run")
          .withNote("`program: {java: NAME}` is checked from Java: Gradspec.options().program(\"" + name
              + "\", ...) registers the functions (README, \"Use from Java\")")
          .withHelp("run it from Java, or start a program instead: `program: {run: [python3, " + name + ".py]}`");
    }
    String argv = String.join(" ", spec.program().argv());
    return Diagnostic.error("programs-not-allowed", spec.program().key(),
            "this spec runs a program, and programs run only with `--allow-programs`")
        .withLabel("would run `" + argv + "`")
        .withNote("a spec is data: a YAML file must not be able to run code unless the person running gradspec says so")
        .withHelp("if you trust this program, run again with `--allow-programs`");
  }

  /** With fail-fast, tells the listener how many files were left and returns true (stop). */
  private static boolean stop(RunOptions options, int fileIndex, int files) {
    if (!options.failFast()) return false;
    options.listener().stoppedEarly(files - fileIndex - 1);
    return true;
  }

  /** A path as the user sees it: as given, with forward slashes. */
  public static String display(Path p) {
    return SourceFile.display(p);
  }
}
