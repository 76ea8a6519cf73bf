package io.gradspec.report.text;

import static io.gradspec.report.Numbers.plural;

import io.gradspec.report.ControlChars;
import io.gradspec.report.DiagnosticRenderer.Footer;
import io.gradspec.report.DiagnosticRenderer;
import io.gradspec.report.Headline;
import io.gradspec.report.HintWording;
import io.gradspec.report.Names;
import io.gradspec.report.Numbers;
import io.gradspec.report.Outcome;
import io.gradspec.report.RefinementWording;
import io.gradspec.report.Reporter;
import io.gradspec.report.TaylorWording;
import io.gradspec.report.Tuples;
import io.gradspec.report.Where;
import io.gradspec.result.ClaimResult;
import io.gradspec.result.ErrorInfo;
import io.gradspec.result.RunResult;
import io.gradspec.result.ShapeMismatch;
import io.gradspec.result.SpecResult;
import io.gradspec.result.Status;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Layout;
import io.gradspec.spec.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The default report (style guide §4). A passed spec is one line; any other spec gets a header line and a
 * rustc-style block per claim that did not pass (drawn by {@link DiagnosticRenderer}); an xfailed claim is
 * one line, with its details only when verbose. The last line counts the verdicts and gives the exit code.
 */
public final class TextReporter implements Reporter {
  private static final String GREEN = "\u001b[1;32m";
  private static final String RED = "\u001b[1;31m";
  private static final String YELLOW = "\u001b[1;33m";
  private static final String RESET = "\u001b[0m";

  private final boolean color;
  private final boolean verbose;
  private final boolean quiet;
  private final DiagnosticRenderer renderer;

  /**
   * @param color   ANSI colours (the CLI asks for them only on a terminal)
   * @param verbose also show the details of xfailed claims
   */
  public TextReporter(boolean color, boolean verbose) {
    this(color, verbose, false);
  }

  /**
   * @param quiet only what did not pass, and the summary line: no PASS lines and no xfailed claims
   *              ({@code check --quiet})
   */
  public TextReporter(boolean color, boolean verbose, boolean quiet) {
    this(color, verbose, quiet, DiagnosticRenderer.WRAP);
  }

  /** @param width the columns to fit: the terminal's, or {@link DiagnosticRenderer#WRAP} elsewhere */
  public TextReporter(boolean color, boolean verbose, boolean quiet, int width) {
    this.color = color;
    this.verbose = verbose && !quiet;
    this.quiet = quiet;
    this.renderer = new DiagnosticRenderer(color, width);
  }

  /** Plain, not verbose: what files, pipes and tests get. */
  public static TextReporter plain() { return new TextReporter(false, false); }

  /** The whole report as a string; every line ends with "\n". */
  @Override public String render(RunResult run) {
    Out o = new Out();
    for (SpecResult s : run.specs()) spec(o, s, run.explicit());
    o.blank();
    o.line(summary(run));
    return o.sb.toString();
  }

  /**
   * The same report written spec by spec as the run finishes them (in path order), then its summary: the
   * bytes are those of {@link #render}, so a terminal sees each block as soon as it is known.
   */
  public Streaming streaming(java.io.PrintWriter out, CheckSettings cli) { return new Streaming(out, cli); }

  /** See {@link #streaming}. */
  public final class Streaming {
    private final java.io.PrintWriter out;
    private final CheckSettings cli;
    private final Out o = new Out();

    private Streaming(java.io.PrintWriter out, CheckSettings cli) {
      this.out = out;
      this.cli = cli;
    }

    /** Writes one spec's block (nothing for a passing spec under --quiet). */
    public synchronized void spec(SpecResult s) {
      TextReporter.this.spec(o, s, cli);
      flush();
    }

    /** Writes the summary line. */
    public synchronized void finish(RunResult run) {
      o.blank();
      o.line(summary(run));
      flush();
    }

    private void flush() {
      out.print(o.sb);
      out.flush();
      o.sb.setLength(0);
    }
  }

  /** The summary line; on a narrow terminal its gap before the exit code shrinks to two spaces. */
  private String summary(RunResult run) {
    String line = Outcome.summaryLine(run);
    return line.length() <= renderer.width() ? line : line.replaceFirst(" {3,}exit code", "  exit code");
  }

  // ---- specs ---------------------------------------------------------------------------------------

  private void spec(Out o, SpecResult s, CheckSettings cli) {
    String name = s.name() == null ? "" : "  " + ControlChars.line(s.name());
    String file = ControlChars.line(s.file());
    if (s.status() == Status.PASSED) {
      if (quiet) return;
      long xfailed = s.claims().stream().filter(c -> c.status() == Status.XFAILED).count();
      if (xfailed > 0 && verbose) o.blank();
      long fast = s.claims().stream().filter(Where::fast).count();
      String modes = fast == 0 ? "" : ", " + fast + " in fast mode";
      o.line(paint(GREEN, "PASS") + "  " + file + name + "  (" + plural(s.claims().size(), "claim") + modes + ")");
      for (ClaimResult c : s.claims()) passNotes(o, c);
      for (ClaimResult c : s.claims()) {
        if (c.status() != Status.XFAILED) continue;
        o.line(xfailLine(c, "  "));
        if (verbose) { o.blank(); o.block(claimBlock(s, c, cli)); }
      }
      // a passing spec's warnings (an inner product broadcast over a matrix) still deserve their block
      List<Diagnostic> warnings = s.diagnostics().stream().filter(d -> !d.isError()).toList();
      if (!warnings.isEmpty()) o.blank();
      for (Diagnostic d : warnings) o.block(renderer.render(d));
      return;
    }
    o.blank();
    o.line(paint(s.status() == Status.INCONCLUSIVE ? YELLOW : RED, headerWord(s.status())) + "  " + file + name);
    o.blank();
    Set<Diagnostic> shown = new HashSet<>();
    for (Diagnostic d : s.diagnostics()) {
      if (shown.add(d)) o.block(renderer.render(d));
    }
    if (s.diagnostics().isEmpty() && s.error() != null && (s.claims().stream().noneMatch(c -> c.error() != null))) {
      o.block(error(s.error()));
    }
    for (ClaimResult c : s.claims()) {
      switch (c.status()) {
        case PASSED -> {
          if (passNotes(o, c)) o.blank();
        }
        case FAILED, XPASSED, INCONCLUSIVE -> o.block(claimBlock(s, c, cli));
        case XFAILED -> {
          if (quiet) continue;
          o.line(xfailLine(c, ""));
          if (verbose) { o.blank(); o.block(claimBlock(s, c, cli)); }
          else o.blank();
        }
        case ERROR -> {
          ErrorInfo e = c.error();
          if (e == null) o.block(renderer.render(Diagnostic.error(null, c.claimSpan(), "claim " + Names.claim(c) + " could not be checked")));
          else if (e.diagnostic() == null || shown.add(e.diagnostic())) o.block(error(e));
        }
      }
    }
  }

  /**
   * Under a passing claim: the kinks it was accepted at (always), and the components that agreed only at
   * smaller steps and its Taylor test (with --verbose).
   */
  private boolean passNotes(Out o, ClaimResult c) {
    if (c.status() != Status.PASSED) return false;
    boolean any = false;
    java.util.function.Consumer<String> note = text -> DiagnosticRenderer.hanging("  note: " + Names.claim(c) + ": "
        + text, 8, renderer.width()).forEach(o::line);
    String noise = RefinementWording.noise(c);
    if (noise != null) { note.accept(noise); any = true; }
    for (String k : RefinementWording.kinks(c)) { note.accept(k); any = true; }
    String refined = RefinementWording.refined(c);
    if (verbose && refined != null) { note.accept(refined); any = true; }
    String taylor = TaylorWording.sentence(c);
    if (verbose && taylor != null) { note.accept(taylor); any = true; }
    return any;
  }

  private static String headerWord(Status s) {
    return switch (s) {
      case PASSED -> "PASS";
      case FAILED -> "FAIL";
      case XFAILED -> "XFAIL";
      case XPASSED -> "XPASS";
      case INCONCLUSIVE -> "INCONCLUSIVE";
      case ERROR -> "ERROR";
    };
  }

  /** The XFAIL line after {@code lead}, wrapped to the width with its detail continuing under the name. */
  private String xfailLine(ClaimResult c, String lead) {
    String why = c.note() == null || c.note().isBlank() ? "expected to fail" : "expected to fail: " + ControlChars.escape(c.note().strip());
    String text = lead + "XFAIL  " + Names.claim(c) + "  (" + why + ")";
    List<String> lines = DiagnosticRenderer.hanging(text, lead.length() + 7, renderer.width());
    return lead + paint(YELLOW, "XFAIL") + String.join("\n", lines).substring(lead.length() + 5);
  }

  private String error(ErrorInfo e) {
    if (e.diagnostic() != null) return renderer.render(e.diagnostic());
    Diagnostic d = new Diagnostic(Severity.ERROR, null, null, e.message(), null, List.of(), List.of());
    String text = renderer.render(d);
    if (e.file() != null && e.line() > 0) text += "  --> " + ControlChars.line(e.file()) + ":" + e.line() + ":" + e.column() + "\n";
    return text;
  }

  // ---- claims --------------------------------------------------------------------------------------

  /** A failed claim (level "error") or the details of an xfailed one (level "xfail"). */
  private String failed(String level, SpecResult s, ClaimResult c, CheckSettings cli) {
    if (c.shape() != null) return wrongShape(level, c);
    Diagnostic d = Diagnostic.error("claim-failed", c.claimSpan(), Headline.of(c)).withLabel(claimedLabel(c));
    List<Footer> footers = new ArrayList<>();
    footers.add(Footer.plain(Where.of(c)));
    if (!c.offenders().isEmpty()) footers.add(Footer.verbatim(OffenderTable.of(s, c, cli, renderer.width())));
    if (c.layout() == Layout.VEC) footers.add(Footer.note(layoutRule(c)));
    footers.add(Footer.note(toleranceNote(c)));
    String noise = RefinementWording.noise(c);
    if (noise != null) footers.add(Footer.note(noise));
    String evidence = RefinementWording.evidence(c);
    if (evidence != null) footers.add(Footer.note(evidence));
    RefinementWording.kinks(c).forEach(k -> footers.add(Footer.note(k)));
    String taylor = TaylorWording.sentence(c);
    if (taylor != null) footers.add(Footer.note(taylor));
    HintWording.lines(c).forEach(h -> footers.add(Footer.help(h)));
    addNote(footers, c);
    return renderer.render(level, d, footers);
  }

  private String wrongShape(String level, ClaimResult c) {
    ShapeMismatch m = c.shape();
    String claimed = Tuples.parens(m.claimedSymbolic());
    Diagnostic d = Diagnostic.error("claim-failed", c.claimSpan(), Headline.of(c)).withLabel("index space " + claimed);
    List<Footer> footers = new ArrayList<>();
    footers.add(Footer.note(layoutRule(c)));
    if (!c.hints().isEmpty()) {
      HintWording.lines(c).forEach(h -> footers.add(Footer.help(h)));
    } else if (m.transposeMatches()) {
      footers.add(Footer.help("the transpose fits, and it matches the numeric derivative in all "
          + plural(c.components(), "component")));
    } else if (m.transposeFits()) {
      footers.add(Footer.help("the transpose has the expected index space, but it does not match the "
          + "numeric derivative"));
    }
    addNote(footers, c);
    return renderer.render(level, d, footers);
  }

  private String xpassed(ClaimResult c) {
    Diagnostic d = Diagnostic.error("claim-xpassed", c.claimSpan(), Headline.of(c)).withLabel(claimedLabel(c));
    List<Footer> footers = new ArrayList<>();
    footers.add(Footer.plain(Where.indexSpace(c) + "; dims " + Tuples.dims(c.dims()) + "; " + plural(c.trials(), "trial")
        + ", seed " + c.seed() + Where.modeNote(c) + "; max |error| " + Numbers.tol(c.maxAbsError())));
    addNote(footers, c);
    footers.add(Footer.help("if the claim is right now, remove `expect: fail`"));
    return renderer.render("error", d, footers);
  }

  private String inconclusive(SpecResult s, ClaimResult c, CheckSettings cli) {
    Diagnostic d = Diagnostic.error("claim-inconclusive", c.claimSpan(), Headline.of(c)).withLabel(claimedLabel(c));
    List<Footer> footers = new ArrayList<>();
    footers.add(Footer.plain(Where.of(c)));
    if (!c.offenders().isEmpty()) footers.add(Footer.verbatim(OffenderTable.of(s, c, cli, renderer.width())));
    String noise = RefinementWording.noise(c);
    if (noise != null) footers.add(Footer.note(noise));
    // one kink is the headline's reason already
    if (c.refinement() != null && c.refinement().kinks().size() > 1) {
      RefinementWording.kinks(c).forEach(k -> footers.add(Footer.note(k)));
    }
    HintWording.lines(c).forEach(h -> footers.add(Footer.help(h)));
    addNote(footers, c);
    return renderer.render("warning", d, footers);
  }

  /**
   * The rendered block of one claim, as this reporter draws it in a spec's section: the rustc-style block
   * of a failed, xpassed, inconclusive or erroneous claim, the full details of an xfailed one (whatever
   * {@code verbose} says), and "" for a passed claim. Ends with a line break unless empty. {@code cli}: the
   * run's numerical flags, carried into the explain commands.
   */
  public String claimBlock(SpecResult s, ClaimResult c, CheckSettings cli) {
    return switch (c.status()) {
      case PASSED -> "";
      case FAILED -> failed("error", s, c, cli);
      case XFAILED -> failed("xfail", s, c, cli);
      case XPASSED -> xpassed(c);
      case INCONCLUSIVE -> inconclusive(s, c, cli);
      case ERROR -> c.error() == null
          ? renderer.render(Diagnostic.error(null, c.claimSpan(), Headline.of(c))) : error(c.error());
    };
  }

  private static void addNote(List<Footer> footers, ClaimResult c) {
    if (c.note() != null && !c.note().isBlank()) footers.add(Footer.note(c.note().strip()));
  }

  /**
   * How many leading axes of the claim's index space belong to {@code of} in numerator layout: the axes
   * whose domain name is {@code of} or starts with "of " ("Y row"). Falls back to all axes.
   */
  private static int ofRank(ClaimResult c) {
    int n = c.indexNames() == null ? 0 : c.indexNames().size();
    List<String> axes = c.axisNames();
    if (axes == null || axes.size() != n) return n;
    int count = 0;
    for (String a : axes) if (a.equals(c.of()) || a.startsWith(c.of() + " ")) count++;
    return count;
  }

  /** "claimed d Y[i, j] / d z[k] (numerator layout)"; of a Hessian "claimed d^2 f / d x[i] d x[j]". */
  private static String claimedLabel(ClaimResult c) {
    List<String> names = c.indexNames() == null ? List.of() : c.indexNames();
    if (c.hessian()) {
      int half = names.size() / 2;
      return "claimed d^2 " + c.of() + " / d " + c.wrt() + indices(names.subList(0, half)) + " d " + c.wrt()
          + indices(names.subList(half, names.size()));
    }
    int ofRank = ofRank(c);
    boolean denominator = c.layout() == Layout.DENOMINATOR;
    List<String> ofIdx = denominator ? names.subList(names.size() - ofRank, names.size()) : names.subList(0, ofRank);
    List<String> wrtIdx = denominator ? names.subList(0, names.size() - ofRank) : names.subList(ofRank, names.size());
    String layout = c.layout() == null ? "" : " (" + c.layout().word() + " layout)";
    return "claimed d " + c.of() + indices(ofIdx) + " / d " + c.wrt() + indices(wrtIdx) + layout;
  }

  private static String indices(List<String> idx) {
    return idx.isEmpty() ? "" : "[" + String.join(", ", idx) + "]";
  }

  /** "numerator layout is index(y) ++ index(x) = (C) ++ (D)" */
  private static String layoutRule(ClaimResult c) {
    List<String> symbols = c.indexSymbols() == null ? List.of() : c.indexSymbols();
    int ofRank = Math.min(ofRank(c), symbols.size());
    boolean denominator = c.layout() == Layout.DENOMINATOR;
    String first = denominator ? c.wrt() : c.of();
    String second = denominator ? c.of() : c.wrt();
    int split = denominator ? symbols.size() - ofRank : ofRank;
    String layout = c.layout() == null ? Layout.NUMERATOR.word() : c.layout().word();
    if (c.layout() == Layout.VEC) {
      return "vec layout is (numel(" + c.of() + "), numel(" + c.wrt() + ")) = " + Tuples.tuple(List.of(
          numel(symbols.subList(0, ofRank)), numel(symbols.subList(ofRank, symbols.size())))) + ": row r is the "
          + "column-major vec index of `" + c.of() + "` (its first index fastest), column c that of `" + c.wrt() + "`";
    }
    return layout + " layout is index(" + first + ") ++ index(" + second + ") = "
        + Tuples.tuple(symbols.subList(0, split)) + " ++ " + Tuples.tuple(symbols.subList(split, symbols.size()));
  }

  /** "M*Q" for the axes (M, Q); "1" for none; a sum in parentheses. */
  private static String numel(List<String> axes) {
    if (axes.isEmpty()) return "1";
    List<String> parts = new ArrayList<>();
    for (String a : axes) parts.add(a.contains("+") || a.contains("-") ? "(" + a + ")" : a);
    return String.join("*", parts);
  }

  private static String toleranceNote(ClaimResult c) {
    return "tolerance = atol " + Numbers.compact(c.atol()) + " + rtol " + Numbers.compact(c.rtol())
        + " * max(|claimed|, |numeric|) + " + Names.numericError(c);
  }

  private String paint(String ansi, String s) {
    return color ? ansi + s + RESET : s;
  }

  /** Collects lines, keeping exactly one blank line between blocks. */
  private static final class Out {
    final StringBuilder sb = new StringBuilder();
    private boolean atBlank = true;

    void line(String s) {
      sb.append(s).append('\n');
      atBlank = false;
    }

    void blank() {
      if (!atBlank) sb.append('\n');
      atBlank = true;
    }

    /** A rendered block (ending in "\n"), followed by a blank line. */
    void block(String text) {
      sb.append(text);
      atBlank = false;
      blank();
    }
  }
}
