package io.gradspec.report;

import io.gradspec.result.ClaimResult;
import io.gradspec.result.ErrorGrid;
import io.gradspec.result.ErrorInfo;
import io.gradspec.result.Hint;
import io.gradspec.result.InconclusiveReason;
import io.gradspec.result.Offender;
import io.gradspec.result.ShapeMismatch;
import io.gradspec.result.Status;
import io.gradspec.spec.Expect;
import io.gradspec.spec.Layout;
import io.gradspec.spec.SourceFile;
import io.gradspec.spec.Span;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test builder for {@link ClaimResult}, whose canonical constructor has 30 parameters. */
public final class Claims {
  int index;
  public String of = "y", wrt = "x";
  Layout layout = Layout.NUMERATOR;
  Expect expect = Expect.PASS;
  public Status status = Status.PASSED;
  Map<String, Integer> dims = new LinkedHashMap<>();
  int trial, trials = 3;
  long seed;
  List<Integer> indexSpace = List.of();
  List<String> indexSymbols = List.of(), axisNames = List.of(), indexNames = List.of();
  public long components, mismatches;
  double maxAbsError, maxRelError;
  List<Offender> offenders = List.of();
  List<Hint> hints = List.of();
  ErrorInfo error;
  ShapeMismatch shape;
  public Span claimSpan;
  public String claimText, note;
  double rtol = 1e-5, atol = 1e-8;
  String method = "central";
  InconclusiveReason inconclusiveReason;
  long durationMs = 12;
  ErrorGrid grid;
  String mode = "full";
  io.gradspec.result.TaylorTest taylor;

  static SourceFile source(String path, String text) {
    return new SourceFile(Path.of(path), path, text);
  }

  /** The span of the first occurrence of {@code text} in {@code file}. */
  static Span spanOf(SourceFile file, String text) {
    int at = file.text().indexOf(text);
    if (at < 0) throw new IllegalArgumentException("not in file: " + text);
    return new Span(file, at, text.length());
  }

  Claims claim(SourceFile file, String text) {
    claimText = text;
    claimSpan = spanOf(file, text);
    return this;
  }

  public ClaimResult build() {
    return new ClaimResult(index, of, wrt, layout, expect, status, dims, trial, trials, seed, indexSpace,
        indexSymbols, axisNames, indexNames, components, mismatches, maxAbsError, maxRelError, offenders, hints,
        error, shape, claimSpan, claimText, note, rtol, atol, method, inconclusiveReason, durationMs, mode, grid, 0,
        null, null, false, taylor, null, 1);
  }
}
