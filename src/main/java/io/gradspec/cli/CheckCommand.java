package io.gradspec.cli;

import io.gradspec.check.RunOptions;
import io.gradspec.check.RunResult;
import io.gradspec.check.Suite;
import io.gradspec.report.ReportFormat;
import io.gradspec.report.TextReporter;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.Method;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gradspec check [PATH...]}: runs every claim and prints the report. The numerical flags the user
 * gave go into {@link RunOptions#explicit()}, where they win over the specs' own settings; flags not
 * given stay null.
 */
@Command(name = "check", mixinStandardHelpOptions = true, version = "gradspec " + io.gradspec.Version.VERSION,
    description = {
        "Checks every claim of the specs under the given paths against central differences.",
        "The report goes to standard output. With --output FILE it goes to FILE instead, and the one-line "
            + "summary goes to standard error. --format json writes only the JSON document on standard output."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        " 0:every claim passed or xfailed",
        " 1:some claim failed or xpassed",
        " 2:usage error, or some spec invalid",
        " 3:nothing failed, but some claim is inconclusive",
        " 4:no spec found under the given paths",
        "70:internal error: a bug in gradspec"})
public final class CheckCommand implements Callable<Integer>, Verbosity {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PATH", arity = "0..*",
      description = "spec files or folders, searched recursively (default: specs)")
  List<Path> paths = new ArrayList<>();

  @Option(names = "--format", paramLabel = "FORMAT", converter = Converters.FormatConverter.class,
      description = "report format: text (default) or json")
  ReportFormat format = ReportFormat.TEXT;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "write the report to FILE; the summary line goes to standard error")
  Path output;

  @Option(names = "--seed", paramLabel = "N", converter = Converters.LongConverter.class, description = "run seed for the random inputs (default: 0)")
  Long seed;

  @Option(names = "--trials", paramLabel = "N", converter = Converters.PositiveInt.class,
      description = "random points per dims map (default: 3)")
  Integer trials;

  @Option(names = "--rtol", paramLabel = "X", converter = Converters.NonNegative.class,
      description = "relative tolerance (default: 1e-5)")
  Double rtol;

  @Option(names = "--atol", paramLabel = "X", converter = Converters.NonNegative.class,
      description = "absolute tolerance (default: 1e-8)")
  Double atol;

  @Option(names = "--method", paramLabel = "METHOD", converter = Converters.MethodConverter.class,
      description = "central (default) or richardson")
  Method method;

  @Option(names = "--step", paramLabel = "X", converter = Converters.Positive.class,
      description = "relative finite-difference step (default: cbrt(machine epsilon), about 6.1e-6)")
  Double step;

  @Option(names = "--max-offenders", paramLabel = "N", converter = Converters.NonNegativeInt.class,
      description = "offenders shown per failed claim (default: 10)")
  Integer maxOffenders;

  @Mixin LimitOptions limitOptions = new LimitOptions();

  @Option(names = {"-v", "--verbose"},
      description = "show the details of xfailed claims, and stack traces of internal errors")
  boolean verbose;

  @Option(names = "--no-color", description = "no colours, even on a terminal (so does NO_COLOR)")
  boolean noColor;

  @Override public boolean verbose() { return verbose; }

  @Override public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Path> roots = paths.isEmpty() ? List.of(Path.of("specs")) : List.copyOf(paths);
    CheckSettings explicit = new CheckSettings(trials, seed, method, step, rtol, atol);
    RunOptions options = new RunOptions(seed == null ? 0L : seed, explicit,
        maxOffenders == null ? 10 : maxOffenders, false, limitOptions.limits());

    RunResult run = Interrupts.run(err, options.seed(), done -> Suite.run(roots, options, done));
    if (run.summary().specs() == 0) err.println("gradspec: no spec found under " + describe(roots));

    boolean color = format == ReportFormat.TEXT && Terminal.colorWanted(noColor, output != null);
    if (output == null) {
      format.reporter(color, verbose).write(run, out);
      out.flush();
    } else {
      try {
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8);
             PrintWriter pw = new PrintWriter(w)) {
          format.reporter(false, verbose).write(run, pw);
        }
      } catch (IOException e) {
        err.println("gradspec: cannot write the report to " + output + ": " + e.getMessage());
        return ExitCode.INVALID;
      }
      err.println(TextReporter.summaryLine(run));
    }
    err.flush();
    return run.exitCode();
  }

  static String describe(List<Path> roots) {
    return String.join(", ", roots.stream().map(p -> "`" + p + "`").toList());
  }
}
