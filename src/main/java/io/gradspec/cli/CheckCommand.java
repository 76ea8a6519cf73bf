package io.gradspec.cli;

import io.gradspec.check.CheckOptions;
import io.gradspec.check.Mode;
import io.gradspec.report.output.ReportFiles;
import io.gradspec.report.output.ReportFormat;
import io.gradspec.report.Outcome;
import io.gradspec.report.text.TextReporter;
import io.gradspec.result.RunResult;
import io.gradspec.run.RunOptions;
import io.gradspec.run.Suite;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.IoWords;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gradspec check [PATH...]}: runs every claim and prints the report. The numerical flags the user
 * gave go into {@link CheckOptions#explicit()}, where they win over the specs' own settings; flags not
 * given stay null.
 */
@Command(name = "check", mixinStandardHelpOptions = true, version = GradspecCommand.VERSION,
    description = {
        "Checks every claim of the specs under the given paths against central differences.",
        "The report goes to standard output. With --output FILE it goes to FILE instead, and the one-line "
            + "summary goes to standard error. --format json writes only the JSON document on standard output."},
    exitCodeListHeading = "%nExit codes:%n")
public final class CheckCommand implements Callable<Integer>, Verbosity, ExitCode.Documented {
  @Spec CommandSpec spec;

  @Mixin SpecPaths paths;

  @Mixin NumericOptions numeric;

  @Option(names = "--format", paramLabel = "FORMAT", converter = Converters.FormatConverter.class,
      completionCandidates = Converters.FormatWords.class,
      description = "report format: text (default), json, junit, markdown, html, sarif (SARIF 2.1.0, for code "
          + "scanning) or github (GitHub Actions annotations; also printed to standard error when GITHUB_ACTIONS=true)")
  ReportFormat format = ReportFormat.TEXT;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "write the report to FILE; the summary line goes to standard error")
  Path output;

  @Option(names = "--reports", paramLabel = "DIR", arity = "0..1", fallbackValue = "reports",
      description = "also write every format into DIR (default: reports): report.txt, report.json, report.xml "
          + "(JUnit), report.md, report.html and report.sarif; each file is replaced atomically. Without DIR, put --reports "
          + "after the paths (or write --reports=DIR): the argument after it is taken as DIR")
  Path reports;

  @Option(names = "--mode", paramLabel = "MODE", converter = Converters.ModeConverter.class,
      completionCandidates = Converters.ModeWords.class,
      description = "full (every component), fast (random projections, then localise any mismatch) or "
          + "auto (default: full up to 4096 wrt components, fast above)")
  Mode mode = Mode.AUTO;

  @Option(names = "--max-offenders", paramLabel = "N", converter = Converters.NonNegativeInt.class,
      description = "offenders shown per failed claim (default: " + CheckOptions.DEFAULT_MAX_OFFENDERS + ")")
  Integer maxOffenders;

  @Mixin LimitOptions limitOptions = new LimitOptions();

  @Option(names = {"-v", "--verbose"},
      description = "show the details of xfailed claims, and stack traces of internal errors")
  boolean verbose;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", converter = Converters.Jobs.class,
      description = "threads to spread specs and blocks of perturbation columns over "
          + "(default: available processors); reports are identical whatever N is")
  Integer jobs;

  @Mixin ColorOption colorOption;

  @Option(names = {"-q", "--quiet"},
      description = "only what did not pass, and the summary line (no PASS lines, no xfailed claims)")
  boolean quiet;

  @Mixin Selecting selecting;

  @Option(names = "--fail-fast", description = "stop after the first spec that fails or is invalid; report what ran")
  boolean failFast;

  @Option(names = "--allow-programs",
      description = "let specs with a `program` start it (their own code, without a shell, in the spec's folder); "
          + "without this flag such specs are refused (exit 2)")
  boolean allowPrograms;

  @Override public boolean verbose() { return verbose; }

  @Override public Map<String, String> exitCodes() {
    return ExitCode.help(Map.of(), ExitCode.OK, ExitCode.FAILED, ExitCode.INVALID, ExitCode.INCONCLUSIVE,
        ExitCode.NO_SPECS, ExitCode.INTERNAL);
  }

  @Override public Integer call() {
    if (reports != null && reports.toString().isEmpty()) {
      // `--reports=` (say, from an unset variable): writing into the current folder would surprise
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--reports= needs a folder: write --reports=DIR, or --reports alone for the default `reports`");
    }
    if (reports != null && looksLikeSpec(reports)) {
      // `--reports specs/x.yaml`: the bare option took the spec for its folder
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--reports takes a folder, and `"
          + reports + "` is " + (Files.isRegularFile(reports) ? "a file" : "a spec file's name")
          + ": write --reports=DIR (or --reports after the paths) to keep the default `reports` folder");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Path> roots = paths.existing(err, "check");
    CheckSettings explicit = numeric.explicit();
    Progress progress = Progress.onTerminal(err);
    CheckOptions check = CheckOptions.builder().seed(numeric.runSeed()).explicit(explicit)
        .maxOffenders(maxOffenders == null ? CheckOptions.DEFAULT_MAX_OFFENDERS : maxOffenders)
        .jobs(jobs == null ? Runtime.getRuntime().availableProcessors() : jobs).mode(mode)
        .limits(limitOptions.limits()).taylorPassing(verbose).build();
    RunOptions options = RunOptions.builder().check(check).selection(selecting.selection()).failFast(failFast)
        .listener(progress).allowPrograms(allowPrograms).build();

    // the text report on standard output streams: each spec's block as soon as it and every spec before it
    // are done (Suite hands them over in path order), the same bytes as rendering the whole run at the end
    boolean color = format == ReportFormat.TEXT && colorOption.wanted(output != null);
    TextReporter.Streaming stream = format == ReportFormat.TEXT && output == null
        ? ((TextReporter) reporter(color)).streaming(out, explicit) : null;
    int[] checked = {0};
    RunResult run = Interrupts.run(err, check.seed(), done -> Suite.run(roots, options, r -> {
      done.accept(r);
      progress.checked(++checked[0], r.file());
      if (stream != null) {
        progress.clear();
        stream.spec(r);
      }
    }));
    if (progress.notRun() > 0) {
      err.println("gradspec: --fail-fast: stopped after the first failure; " + progress.notRun()
          + (progress.notRun() == 1 ? " file was" : " files were") + " not checked");
    }
    if (run.summary().specs() == 0 && !roots.isEmpty()) {
      Integer empty = selecting.emptySelection(roots, err);
      if (empty != null) return empty;
      err.println("gradspec: no spec found under " + SpecPaths.describe(roots));
    }
    // a path that does not exist is a usage error, above a failed claim in the contract's precedence
    if (run.exitCode() != ExitCode.NO_SPECS && paths.someMissing()) run = run.withExitCode(ExitCode.INVALID);

    // the reports first, so that the summary line's exit code is the process's even when they fail
    if (reports != null && !writeReports(run, err)) run = run.withExitCode(ExitCode.INVALID);
    if (stream != null) {
      stream.finish(run);
    } else if (output == null) {
      reporter(color).write(run, out);
      out.flush();
    } else {
      try {
        ReportFiles.write(output, reporter(false), run);
      } catch (IOException e) {
        // the results must not be lost with the file: they go to standard output instead
        err.println("gradspec: cannot write the report to " + output + ": " + IoWords.of(e));
        run = run.withExitCode(ExitCode.INVALID);
        format.reporter(color, verbose).write(run, out);
      }
      err.println(Outcome.summaryLine(run));
    }
    if (format != ReportFormat.GITHUB && "true".equals(System.getenv("GITHUB_ACTIONS"))) {
      // in a GitHub Actions step: the annotations too, on the spec files of the pull request
      err.print(new io.gradspec.report.text.GithubReporter().render(run));
    }
    err.flush();
    return run.exitCode();
  }

  /** A {@code --reports} value that is a spec rather than a folder: an existing file, or a name in .yaml/.yml. */
  private static boolean looksLikeSpec(Path p) {
    String name = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return Files.isRegularFile(p) || name.endsWith(".yaml") || name.endsWith(".yml");
  }

  /** Writes every format into {@link #reports}; on failure, one line on {@code err} and false. */
  private boolean writeReports(RunResult run, PrintWriter err) {
    Map<Path, String> files = new LinkedHashMap<>();
    for (ReportFormat f : ReportFormat.values()) {
      if (f.fileName() != null) files.put(reports.resolve(f.fileName()), f.reporter(false, verbose).render(run));
    }
    try {
      ReportFiles.writeAll(files);
    } catch (ReportFiles.Failure e) {
      err.println("gradspec: cannot write the report to " + e.target + ": " + IoWords.of(e.cause)
          + "; none of the reports in " + reports + " was replaced");
      return false;
    }
    return true;
  }


  /** {@code --quiet} applies to the text report only. */
  private io.gradspec.report.Reporter reporter(boolean color) {
    // only standard output gets here: the text report fits the terminal (a file is always 100 columns wide)
    return format == ReportFormat.TEXT ? new TextReporter(color, verbose, quiet, Terminal.columns())
        : format.reporter(color, verbose);
  }
}
