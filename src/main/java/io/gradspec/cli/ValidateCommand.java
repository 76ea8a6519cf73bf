package io.gradspec.cli;

import io.gradspec.report.DiagnosticRenderer;
import io.gradspec.run.Validation;
import io.gradspec.spec.Diagnostic;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code gradspec validate [PATH...]}: loads and shape-checks the specs without evaluating anything, and
 * prints every diagnostic, then checks each document against the JSON Schema of the format (`gradspec
 * schema`) and reports each violation with its JSON pointer and line:col ({@link Validation}). Exit 0 when
 * all are valid, 2 when some is not, 4 when there is none.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, version = GradspecCommand.VERSION,
    description = "Loads and shape-checks the specs under the given paths; nothing is evaluated.",
    exitCodeListHeading = "%nExit codes:%n")
public final class ValidateCommand implements Callable<Integer>, Verbosity, ExitCode.Documented {
  @Spec CommandSpec spec;

  @Mixin SpecPaths paths;

  @Mixin LimitOptions limitOptions = new LimitOptions();

  @Mixin VerboseOption verbose;

  @Mixin ColorOption colorOption;

  @Mixin Selecting selecting;

  @Override public boolean verbose() { return verbose.verbose; }

  @Override public Map<String, String> exitCodes() {
    return ExitCode.help(Map.of(ExitCode.OK, "every spec is valid"),
        ExitCode.OK, ExitCode.INVALID, ExitCode.NO_SPECS, ExitCode.INTERNAL);
  }

  @Override public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Path> roots = paths.existing(err, "validate");
    Validation.Result result = Validation.run(roots, selecting.selection(), limitOptions.limits());
    DiagnosticRenderer renderer = new DiagnosticRenderer(colorOption.wanted(false), Terminal.columns());
    for (Validation.Verdict v : result.specs()) {
      if (v.diagnostics().isEmpty()) continue;
      out.println((v.invalid() ? "ERROR  " : "WARN  ") + v.file() + (v.name() == null ? "" : "  " + v.name()));
      out.println();
      for (Diagnostic d : v.diagnostics()) {
        out.print(renderer.render(d));
        out.println();
      }
    }
    int specs = result.specs().size();
    if (specs == 0) {
      Integer empty = roots.isEmpty() ? null : selecting.emptySelection(roots, err);
      if (empty == null && !roots.isEmpty()) err.println("gradspec: no spec found under " + SpecPaths.describe(roots));
      out.println("0 specs");
      out.flush();
      return empty == null ? ExitCode.NO_SPECS : empty;
    }
    int invalid = result.invalid();
    // a path that does not exist is a usage error whatever the specs found say
    int code = invalid > 0 || paths.someMissing() ? ExitCode.INVALID : ExitCode.OK;
    String counts = invalid == 0 ? specs + (specs == 1 ? " spec" : " specs") + " valid"
        : (specs - invalid) + " of " + specs + (specs == 1 ? " spec" : " specs") + " valid, " + invalid + " invalid";
    out.println(counts + " ".repeat(12) + "exit code " + code);
    out.flush();
    return code;
  }
}
