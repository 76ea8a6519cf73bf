package io.gradspec.run;

import io.gradspec.check.Mode;
import io.gradspec.result.ClaimResult;
import io.gradspec.result.RunResult;
import io.gradspec.result.SpecResult;
import io.gradspec.result.Status;
import io.gradspec.check.CheckOptions;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Limits;
import io.gradspec.spec.Severity;
import io.gradspec.spec.load.LoadedFile;
import io.gradspec.spec.load.SchemaCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code gradspec validate} finds: every selected spec loaded and shape-checked (nothing is evaluated),
 * and each document checked against the JSON Schema of the format. Each file is read once, under the run's
 * limits: the schema check reads the YAML tree the loader built ({@link LoadedFile.DocumentResult#tree}),
 * so a file that {@code --max-file-size} lets in is schema-checked too.
 */
public final class Validation {
  private Validation() {}

  /** One spec: its file and name, whether it is invalid, and every diagnostic to show, in order, once each. */
  public record Verdict(String file, String name, boolean invalid, List<Diagnostic> diagnostics) {
    public Verdict { diagnostics = List.copyOf(diagnostics); }
  }

  /** The verdicts of every spec found (a file that did not load counts as one invalid spec). */
  public record Result(List<Verdict> specs) {
    public Result { specs = List.copyOf(specs); }

    /** How many specs are invalid. */
    public int invalid() { return (int) specs.stream().filter(Verdict::invalid).count(); }
  }

  /** Validates the specs under {@code roots} that {@code selection} keeps, each file read once under {@code limits}. */
  public static Result run(List<Path> roots, Selection selection, Limits limits) {
    // the schema's violations per file, one list per document, computed while the file's trees are at hand
    Map<String, List<List<SchemaCheck.Violation>>> schema = new HashMap<>();
    RunListener trees = new RunListener() {
      @Override public void fileLoaded(LoadedFile file) {
        schema.put(file.file().displayPath(), SchemaCheck.check(file));
      }
    };
    RunResult run = Suite.run(roots, RunOptions.builder()
        .check(CheckOptions.builder().validateOnly(true).limits(limits).build())
        .selection(selection).listener(trees).build());
    List<Verdict> out = new ArrayList<>();
    for (SpecResult s : run.specs()) {
      Set<Diagnostic> diagnostics = new LinkedHashSet<>(s.diagnostics());
      for (ClaimResult c : s.claims()) {
        if (c.error() != null && c.error().diagnostic() != null) diagnostics.add(c.error().diagnostic());
      }
      boolean bad = s.status() == Status.ERROR || s.claims().stream().anyMatch(c -> c.status() == Status.ERROR);
      List<Diagnostic> violations = schemaDiagnostics(schema.get(s.file()), s.document(), diagnostics);
      diagnostics.addAll(violations);
      if (!violations.isEmpty()) bad = true;
      if (diagnostics.isEmpty() && bad && s.error() != null) {
        diagnostics.add(new Diagnostic(Severity.ERROR, null, null, s.error().message(), null, List.of(), List.of()));
      }
      out.add(new Verdict(s.file(), s.name(), bad, new ArrayList<>(diagnostics)));
    }
    return new Result(out);
  }

  /**
   * The schema's violations in document {@code document} of a file, as diagnostics at the offending node,
   * except those at a place already reported by the loader (one error per cause). None for a file that
   * was never read (a path that does not exist).
   */
  private static List<Diagnostic> schemaDiagnostics(List<List<SchemaCheck.Violation>> docs, int document,
                                                    Set<Diagnostic> known) {
    if (docs == null || document >= docs.size()) return List.of();
    Set<Integer> reported = new HashSet<>();
    for (Diagnostic d : known) if (d.span() != null) reported.add(d.span().offset());
    List<Diagnostic> out = new ArrayList<>();
    for (SchemaCheck.Violation v : docs.get(document)) {
      if (v.span() != null && reported.contains(v.span().offset())) continue;
      out.add(v.diagnostic());
    }
    return out;
  }
}
