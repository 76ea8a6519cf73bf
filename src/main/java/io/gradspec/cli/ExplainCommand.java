package io.gradspec.cli;

import io.gradspec.check.CheckOptions;
import io.gradspec.check.Explainer;
import io.gradspec.report.DiagnosticRenderer;
import io.gradspec.report.text.ExplainRenderer;
import io.gradspec.result.Explanation;
import io.gradspec.run.Programs;
import io.gradspec.run.Suite;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.load.LoadedFile;
import io.gradspec.spec.load.SpecLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gradspec explain FILE --claim N --index i,j,k}: one component of one claim, worked through as
 * scalars. {@code --claim} is the 1-based position of the claim in its spec; in a file with several specs,
 * {@code --spec} picks one by name or by 1-based position (default: the first). The text report ends each
 * offender line with the command that reproduces it.
 */
@Command(name = "explain", mixinStandardHelpOptions = true, version = GradspecCommand.VERSION,
    description = {
        "Works through one component of one claim as scalars: the claimed formula and its value, the perturbed "
            + "input component, h, f(x + h) and f(x - h), the numeric value, each term of the error bound, and "
            + "the verdict.",
        "Every offender line of the text report ends with the explain command that reproduces it."},
    exitCodeListHeading = "%nExit codes:%n")
public final class ExplainCommand implements Callable<Integer>, Verbosity, ExitCode.Documented {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the spec file")
  Path file;

  @Mixin NumericOptions numeric;

  @Option(names = "--allow-programs", description = "let a spec with a `program` start it (as for `check`)")
  boolean allowPrograms;

  @Option(names = "--claim", required = true, paramLabel = "N", converter = Converters.PositiveInt.class,
      description = "the claim: its 1-based position in the spec's `claims` list")
  int claim;

  @Option(names = "--index", paramLabel = "i,j,k", converter = Converters.IndexConverter.class,
      description = "the component, in the spec's index base, over the derivative's index space "
          + "(omit for a scalar derivative)")
  IndexTuple index = new IndexTuple(new int[0]);

  @Option(names = "--spec", paramLabel = "NAME|N",
      description = "in a file with several specs: the spec's name, or its 1-based position (default: 1)")
  String specName;

  @Option(names = "--trial", paramLabel = "T", converter = Converters.NonNegativeInt.class,
      description = "the trial, from 0 (default: 0)")
  int trial;

  @Option(names = "--dims", paramLabel = "K", converter = Converters.NonNegativeInt.class,
      description = "the dims map, from 0, when `dims` is a list (default: 0)")
  int dims;

  @Mixin VerboseOption verbose;

  @Mixin ColorOption colorOption;

  @Override public boolean verbose() { return verbose.verbose; }

  @Override public Map<String, String> exitCodes() {
    return ExitCode.help(Map.of(ExitCode.OK, "the component agrees", ExitCode.FAILED, "the component disagrees",
        ExitCode.INVALID, "usage error, or the spec is invalid",
        ExitCode.INCONCLUSIVE, "the component is inconclusive (a value is not finite)"),
        ExitCode.OK, ExitCode.FAILED, ExitCode.INVALID, ExitCode.INCONCLUSIVE, ExitCode.INTERNAL);
  }

  @Override public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(file)) {
      err.println("gradspec: no such file: `" + Suite.display(file) + "`");
      return ExitCode.INVALID;
    }
    boolean color = colorOption.wanted(false);
    LoadedFile lf = SpecLoader.load(file, Suite.display(file));
    LoadedFile.DocumentResult doc = pick(lf, err);
    if (doc == null) return ExitCode.INVALID;
    if (!doc.valid()) return invalid(doc.diagnostics(), err, color);

    CheckSettings explicit = numeric.explicit();
    if (doc.spec().program() != null && (doc.spec().program().inProcess() || !allowPrograms)) return invalid(List.of(Suite.refusal(doc.spec())), err, color);
    Explanation e;
    try (Programs programs = new Programs()) {
      CheckOptions options = CheckOptions.builder().seed(numeric.runSeed()).explicit(explicit)
          .programs(programs.linkFor(doc.spec())).build();
      e = Explainer.explain(doc.spec(), options, claim - 1, dims, trial, index.values());
    } catch (Explainer.Problem p) {
      if (!p.diagnostics().isEmpty()) return invalid(p.diagnostics(), err, color);
      err.println("gradspec: " + p.getMessage());
      err.println("Try 'gradspec explain --help' for more information.");
      return ExitCode.INVALID;
    }
    out.print(new ExplainRenderer(color).render(e));
    out.flush();
    return switch (e.verdict()) {
      case AGREES -> ExitCode.OK;
      case DISAGREES -> ExitCode.FAILED;
      case INCONCLUSIVE -> ExitCode.INCONCLUSIVE;
    };
  }

  /** The document named by --spec (a name, or a 1-based position), or the first; null after a message. */
  private LoadedFile.DocumentResult pick(LoadedFile lf, PrintWriter err) {
    List<LoadedFile.DocumentResult> docs = lf.documents();
    if (docs.isEmpty()) {
      err.println("gradspec: `" + lf.file().displayPath() + "` holds no spec");
      return null;
    }
    if (specName == null) return docs.get(0);
    for (LoadedFile.DocumentResult d : docs) if (specName.equals(d.name())) return d;
    try {
      int n = Integer.parseInt(specName.strip());
      if (n >= 1 && n <= docs.size()) return docs.get(n - 1);
    } catch (NumberFormatException ignored) {
      // not a position: fall through to the message
    }
    err.println("gradspec: no spec `" + specName + "` in `" + lf.file().displayPath() + "`; it holds "
        + docs.size() + (docs.size() == 1 ? " spec" : " specs") + ": " + String.join(", ",
        docs.stream().map(d -> d.name() == null ? "(unnamed)" : "`" + d.name() + "`").toList()));
    return null;
  }

  private static int invalid(List<Diagnostic> diagnostics, PrintWriter err, boolean color) {
    DiagnosticRenderer r = new DiagnosticRenderer(color);
    for (Diagnostic d : diagnostics) {
      err.print(r.render(d));
      err.println();
    }
    err.println("gradspec: the spec is invalid; `gradspec validate` lists its problems");
    return ExitCode.INVALID;
  }

  /** An index tuple as given to --index (a record, so that picocli does not take it for a multi-value option). */
  record IndexTuple(int[] values) {}

}
