package io.gradspec.cli;

import io.gradspec.check.CheckOptions;
import io.gradspec.report.DiagnosticRenderer;
import io.gradspec.result.ClaimResult;
import io.gradspec.result.RunResult;
import io.gradspec.result.SpecResult;
import io.gradspec.result.Status;
import io.gradspec.run.RunOptions;
import io.gradspec.run.Suite;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Severity;
import io.gradspec.spec.load.SchemaCheck;
import io.gradspec.spec.load.SpecLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gradspec validate [PATH...]}: loads and shape-checks the specs without evaluating anything, and
 * prints every diagnostic, then checks each document against the JSON Schema of the format (`gradspec
 * schema`) and reports each violation with its JSON pointer and line:col. Exit 0 when all are valid, 2 when some is not, 4 when there is none.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, version = "gradspec " + io.gradspec.Version.VERSION,
    description = "Loads and shape-checks the specs under the given paths; nothing is evaluated.",
    exitCodeListHeading = "%nExit codes:%n")
public final class ValidateCommand implements Callable<Integer>, Verbosity {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PATH", arity = "0..*",
      description = "spec files or folders, searched recursively (default: specs)")
  List<Path> paths = new ArrayList<>();

  @Mixin LimitOptions limitOptions = new LimitOptions();

  @Option(names = {"-v", "--verbose"}, description = "stack traces of internal errors")
  boolean verbose;

  @Option(names = "--no-color", description = "no colours, even on a terminal (so does NO_COLOR)")
  boolean noColor;

  @Mixin Selecting selecting;

  @Override public boolean verbose() { return verbose; }

  /** Schema violations per file, one list per document, loaded once per file. */
  private final Map<String, List<List<SchemaCheck.Violation>>> schemaByFile = new HashMap<>();

  /**
   * The JSON Schema's violations in this spec's document, as diagnostics at the offending node, except
   * those at a place the loader has already reported (one error per cause).
   */
  private List<Diagnostic> schemaDiagnostics(SpecResult s, Set<Diagnostic> known) {
    if (s.file() == null || s.file().isEmpty() || !Files.isRegularFile(Path.of(s.file()))) return List.of();
    List<List<SchemaCheck.Violation>> docs = schemaByFile.computeIfAbsent(s.file(),
        f -> SchemaCheck.check(SpecLoader.load(Path.of(f), f)));
    if (s.document() >= docs.size()) return List.of();
    Set<Integer> reported = new HashSet<>();
    for (Diagnostic d : known) if (d.span() != null) reported.add(d.span().offset());
    List<Diagnostic> out = new ArrayList<>();
    for (SchemaCheck.Violation v : docs.get(s.document())) {
      if (v.span() != null && reported.contains(v.span().offset())) continue;
      out.add(Diagnostic.error("schema", v.span(), "`" + v.pointer() + "` " + v.message())
          .withLabel("does not match the schema at " + v.pointer())
          .withNote("`gradspec schema` prints the JSON Schema of the format"));
    }
    return out;
  }

  @Override public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Path> roots = paths.isEmpty() ? List.of(Path.of("specs")) : List.copyOf(paths);
    RunResult run = Suite.run(roots, RunOptions.builder()
        .check(CheckOptions.builder().validateOnly(true).limits(limitOptions.limits()).build())
        .selection(selecting.selection()).build());
    DiagnosticRenderer renderer = new DiagnosticRenderer(Terminal.colorWanted(noColor, false));

    int invalid = 0;
    for (SpecResult s : run.specs()) {
      Set<Diagnostic> diagnostics = new LinkedHashSet<>(s.diagnostics());
      for (ClaimResult c : s.claims()) {
        if (c.error() != null && c.error().diagnostic() != null) diagnostics.add(c.error().diagnostic());
      }
      boolean bad = s.status() == Status.ERROR || s.claims().stream().anyMatch(c -> c.status() == Status.ERROR);
      List<Diagnostic> schema = schemaDiagnostics(s, diagnostics);
      diagnostics.addAll(schema);
      if (!schema.isEmpty()) bad = true;
      if (diagnostics.isEmpty() && bad && s.error() != null) {
        diagnostics.add(new Diagnostic(Severity.ERROR, null, null, s.error().message(), null, List.of(), List.of()));
      }
      if (bad) invalid++;
      if (diagnostics.isEmpty()) continue;
      out.println((bad ? "ERROR  " : "WARN  ") + s.file() + (s.name() == null ? "" : "  " + s.name()));
      out.println();
      for (Diagnostic d : diagnostics) {
        out.print(renderer.render(d));
        out.println();
      }
    }
    int specs = run.summary().specs();
    if (specs == 0) {
      Integer empty = selecting.emptySelection(roots, err);
      if (empty != null) {
        out.println("0 specs");
        out.flush();
        return empty;
      }
      err.println("gradspec: no spec found under " + CheckCommand.describe(roots));
      out.println("0 specs");
      out.flush();
      return ExitCode.NO_SPECS;
    }
    int code = invalid > 0 ? ExitCode.INVALID : ExitCode.OK;
    String counts = invalid == 0 ? specs + (specs == 1 ? " spec" : " specs") + " valid"
        : (specs - invalid) + " of " + specs + (specs == 1 ? " spec" : " specs") + " valid, " + invalid + " invalid";
    out.println(counts + " ".repeat(12) + "exit code " + code);
    out.flush();
    return code;
  }
}
