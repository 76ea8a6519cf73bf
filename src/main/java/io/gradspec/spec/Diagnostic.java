package io.gradspec.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * A message about a spec, made by a stage and drawn by {@code report.DiagnosticRenderer}: rustc-style
 * headline ({@code message}), a label under the caret, notes and help lines. Immutable; the
 * {@code with*} methods return copies.
 */
public record Diagnostic(Severity severity, String code, Span span, String message, String label,
                         List<String> notes, List<String> help) {
  public Diagnostic {
    notes = List.copyOf(notes);
    help = List.copyOf(help);
  }

  public static Diagnostic error(String code, Span span, String message) {
    return new Diagnostic(Severity.ERROR, code, span, message, null, List.of(), List.of());
  }

  /** A warning: drawn with the spec's report, and the spec still runs. */
  public static Diagnostic warning(String code, Span span, String message) {
    return new Diagnostic(Severity.WARNING, code, span, message, null, List.of(), List.of());
  }

  public Diagnostic withLabel(String l) { return new Diagnostic(severity, code, span, message, l, notes, help); }

  public Diagnostic withNote(String n) {
    List<String> ns = new ArrayList<>(notes); ns.add(n);
    return new Diagnostic(severity, code, span, message, label, ns, help);
  }

  public Diagnostic withHelp(String h) {
    List<String> hs = new ArrayList<>(help); hs.add(h);
    return new Diagnostic(severity, code, span, message, label, notes, hs);
  }

  public boolean isError() { return severity == Severity.ERROR; }
  public int line() { return span == null ? 0 : span.line(); }
  public int column() { return span == null ? 0 : span.column(); }
  public String file() { return span == null || span.file() == null ? null : span.file().displayPath(); }
}
