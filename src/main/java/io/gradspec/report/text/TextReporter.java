package io.gradspec.report.text;

import io.gradspec.report.ControlChars;
import io.gradspec.report.DiagnosticRenderer.Footer;
import io.gradspec.report.DiagnosticRenderer;
import io.gradspec.report.HintWording;
import io.gradspec.report.Numbers;
import io.gradspec.report.ReasonWording;
import io.gradspec.report.Reporter;
import io.gradspec.result.ClaimResult;
import io.gradspec.result.ErrorInfo;
import io.gradspec.result.Offender;
import io.gradspec.result.RunResult;
import io.gradspec.result.ShapeMismatch;
import io.gradspec.result.SpecResult;
import io.gradspec.result.Status;
import io.gradspec.result.Summary;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Layout;
import io.gradspec.spec.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
    this.color = color;
    this.verbose = verbose && !quiet;
    this.quiet = quiet;
    this.renderer = new DiagnosticRenderer(color);
  }

  /** Plain, not verbose: what files, pipes and tests get. */
  public static TextReporter plain() { return new TextReporter(false, false); }

  /** The whole report as a string; every line ends with "\n". */
  @Override public String render(RunResult run) {
    Out o = new Out();
    for (SpecResult s : run.specs()) spec(o, s, run.explicit());
    o.blank();
    o.line(summaryLine(run));
    return o.sb.toString();
  }

  /**
   * The last line, e.g. {@code 7 specs, 19 claims: 15 passed, 1 failed, 2 xfailed, 1 error   exit code 2}.
   * Passed and failed are always shown, the other counts only when not zero.
   */
  public static String summaryLine(RunResult run) {
    Summary s = run.summary();
    StringBuilder sb = new StringBuilder();
    sb.append(plural(s.specs(), "spec")).append(", ").append(plural(s.claims(), "claim")).append(": ")
        .append(s.passed()).append(" passed, ").append(s.failed()).append(" failed");
    if (s.xfailed() > 0) sb.append(", ").append(s.xfailed()).append(" xfailed");
    if (s.xpassed() > 0) sb.append(", ").append(s.xpassed()).append(" xpassed");
    if (s.inconclusive() > 0) sb.append(", ").append(s.inconclusive()).append(" inconclusive");
    if (s.errors() > 0) sb.append(", ").append(plural(s.errors(), "error"));
    // which comparison ran (issue: every report says so): full, fast, or how many of each
    long fastN = 0, ran = 0;
    for (SpecResult sr : run.specs()) {
      for (ClaimResult c : sr.claims()) {
        if (c.status() == Status.ERROR || c.mode() == null) continue;
        ran++;
        if (fast(c)) fastN++;
      }
    }
    if (ran > 0) sb.append("; ").append(fastN == 0 ? "full mode" : fastN == ran ? "fast mode" : (ran - fastN) + " full, " + fastN + " fast");
    return sb.append(" ".repeat(12)).append("exit code ").append(run.exitCode()).toString();
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  // ---- specs ---------------------------------------------------------------------------------------

  private void spec(Out o, SpecResult s, CheckSettings cli) {
    String name = s.name() == null ? "" : "  " + ControlChars.escape(s.name());
    String file = ControlChars.escape(s.file());
    if (s.status() == Status.PASSED) {
      if (quiet) return;
      long xfailed = s.claims().stream().filter(c -> c.status() == Status.XFAILED).count();
      if (xfailed > 0 && verbose) o.blank();
      long fast = s.claims().stream().filter(TextReporter::fast).count();
      String modes = fast == 0 ? "" : ", " + fast + " in fast mode";
      o.line(paint(GREEN, "PASS") + "  " + file + name + "  (" + plural(s.claims().size(), "claim") + modes + ")");
      for (ClaimResult c : s.claims()) {
        if (c.status() != Status.XFAILED) continue;
        o.line("  " + xfailLine(c));
        if (verbose) { o.blank(); o.block(claimBlock(s, c, cli)); }
      }
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
        case PASSED -> { }
        case FAILED, XPASSED, INCONCLUSIVE -> o.block(claimBlock(s, c, cli));
        case XFAILED -> {
          if (quiet) continue;
          o.line(xfailLine(c));
          if (verbose) { o.blank(); o.block(claimBlock(s, c, cli)); }
          else o.blank();
        }
        case ERROR -> {
          ErrorInfo e = c.error();
          if (e == null) o.block(renderer.render(Diagnostic.error(null, c.claimSpan(), "claim " + claimName(c) + " could not be checked")));
          else if (e.diagnostic() == null || shown.add(e.diagnostic())) o.block(error(e));
        }
      }
    }
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

  private String xfailLine(ClaimResult c) {
    String why = c.note() == null || c.note().isBlank() ? "expected to fail" : "expected to fail: " + ControlChars.escape(c.note().strip());
    return paint(YELLOW, "XFAIL") + "  " + claimName(c) + "  (" + why + ")";
  }

  private String error(ErrorInfo e) {
    if (e.diagnostic() != null) return renderer.render(e.diagnostic());
    Diagnostic d = new Diagnostic(Severity.ERROR, null, null, e.message(), null, List.of(), List.of());
    String text = renderer.render(d);
    if (e.file() != null && e.line() > 0) text += "  --> " + ControlChars.escape(e.file()) + ":" + e.line() + ":" + e.column() + "\n";
    return text;
  }

  // ---- claims --------------------------------------------------------------------------------------

  /** A failed claim (level "error") or the details of an xfailed one (level "xfail"). */
  private String failed(String level, SpecResult s, ClaimResult c, CheckSettings cli) {
    if (c.shape() != null) return wrongShape(level, c);
    Diagnostic d = Diagnostic.error("claim-failed", c.claimSpan(), headline(c)).withLabel(claimedLabel(c));
    List<Footer> footers = new ArrayList<>();
    footers.add(Footer.plain(where(c)));
    if (!c.offenders().isEmpty()) footers.add(Footer.verbatim(offenderTable(s, c, cli)));
    footers.add(Footer.note(toleranceNote(c)));
    HintWording.lines(c).forEach(h -> footers.add(Footer.help(h)));
    addNote(footers, c);
    return renderer.render(level, d, footers);
  }

  private String wrongShape(String level, ClaimResult c) {
    ShapeMismatch m = c.shape();
    String claimed = parens(m.claimedSymbolic());
    Diagnostic d = Diagnostic.error("claim-failed", c.claimSpan(), headline(c)).withLabel("index space " + claimed);
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
    Diagnostic d = Diagnostic.error("claim-xpassed", c.claimSpan(), headline(c)).withLabel(claimedLabel(c));
    List<Footer> footers = new ArrayList<>();
    footers.add(Footer.plain(indexSpace(c) + "; dims " + dims(c.dims()) + "; " + plural(c.trials(), "trial")
        + ", seed " + c.seed() + modeNote(c) + "; max |error| " + Numbers.tol(c.maxAbsError())));
    addNote(footers, c);
    footers.add(Footer.help("if the claim is right now, remove `expect: fail`"));
    return renderer.render("error", d, footers);
  }

  private String inconclusive(SpecResult s, ClaimResult c, CheckSettings cli) {
    Diagnostic d = Diagnostic.error("claim-inconclusive", c.claimSpan(), headline(c)).withLabel(claimedLabel(c));
    List<Footer> footers = new ArrayList<>();
    footers.add(Footer.plain(where(c)));
    if (!c.offenders().isEmpty()) footers.add(Footer.verbatim(offenderTable(s, c, cli)));
    HintWording.lines(c).forEach(h -> footers.add(Footer.help(h)));
    addNote(footers, c);
    return renderer.render("warning", d, footers);
  }

  /**
   * The headline of a claim's block, the one sentence every format shows (the JUnit failure message, the
   * Markdown list item): e.g. "claimed d Y / d z disagrees with central differences in 21 of 27 components".
   * For a passed claim, a sentence saying so.
   */
  public static String headline(ClaimResult c) {
    return switch (c.status()) {
      case FAILED, XFAILED -> {
        ShapeMismatch m = c.shape();
        if (m != null) {
          yield "claimed " + claimName(c) + " has index space " + parens(m.claimedSymbolic()) + " = "
              + tuple(m.claimed()) + ", but the layout needs " + parens(m.expectedSymbolic()) + " = "
              + tuple(m.expected());
        }
        yield "claimed " + claimName(c) + " disagrees with " + methodName(c) + " in " + c.mismatches() + " of "
            + plural(c.components(), "component");
      }
      case XPASSED -> "claimed " + claimName(c) + " was expected to fail but agrees with " + methodName(c)
          + " in all " + plural(c.components(), "component");
      case INCONCLUSIVE -> "claimed " + claimName(c) + " is inconclusive: "
          + (c.inconclusiveReason() == null ? "a value was not finite" : ReasonWording.text(c.inconclusiveReason()));
      case ERROR -> c.error() == null ? "claim " + claimName(c) + " could not be checked" : c.error().message();
      case PASSED -> "claimed " + claimName(c) + " agrees with " + methodName(c) + " in all "
          + plural(c.components(), "component");
    };
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
          ? renderer.render(Diagnostic.error(null, c.claimSpan(), headline(c))) : error(c.error());
    };
  }

  private static void addNote(List<Footer> footers, ClaimResult c) {
    if (c.note() != null && !c.note().isBlank()) footers.add(Footer.note(c.note().strip()));
  }

  /** The spec's name, or its file when it has none (a title in the HTML, JUnit and Markdown reports). */
  public static String specName(SpecResult s) {
    return s.name() == null || s.name().isEmpty() ? s.file() : s.name();
  }

  /** "d Y / d z" */
  public static String claimName(ClaimResult c) {
    return claimName(c.of(), c.wrt());
  }

  /** "d Y / d z", also of one component: "d Y[0, 1] / d z[2]" */
  public static String claimName(String of, String wrt) {
    return "d " + of + " / d " + wrt;
  }

  private static String methodName(ClaimResult c) {
    return "richardson".equalsIgnoreCase(c.method()) ? "Richardson extrapolation" : "central differences";
  }

  /**
   * "index space (N, N, N) = (3, 3, 3); dims {N: 3}; trial 0 of 3, seed 0" (trial 0-based), plus
   * "; fast mode" when the claim was checked by projections (full mode, the default, is not named).
   */
  public static String where(ClaimResult c) {
    return indexSpace(c) + "; dims " + dims(c.dims()) + "; trial " + c.trial() + " of " + c.trials()
        + ", seed " + c.seed() + modeNote(c);
  }

  private static boolean fast(ClaimResult c) { return "fast".equals(c.mode()); }

  private static String modeNote(ClaimResult c) {
    return (fast(c) ? "; fast mode" : "") + ("richardson".equals(c.method()) ? "; method richardson" : "");
  }

  private static String indexSpace(ClaimResult c) {
    List<Integer> sizes = c.indexSpace() == null ? List.of() : c.indexSpace();
    List<String> symbols = c.indexSymbols() == null ? List.of() : c.indexSymbols();
    if (symbols.size() == sizes.size() && !symbols.isEmpty()) {
      return "index space " + tuple(symbols) + " = " + tuple(sizes);
    }
    return "index space " + tuple(sizes);
  }

  /** "{N: 3, M: 2}" */
  static String dims(Map<String, Integer> dims) {
    if (dims == null) return "{}";
    return dims.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
        .collect(Collectors.joining(", ", "{", "}"));
  }

  /** "(a, b)" */
  static String tuple(List<?> items) {
    return items.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
  }

  private static String parens(String symbolic) {
    if (symbolic == null) return "()";
    return symbolic.startsWith("(") ? symbolic : "(" + symbolic + ")";
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

  /** "claimed d Y[i, j] / d z[k] (numerator layout)" */
  private static String claimedLabel(ClaimResult c) {
    List<String> names = c.indexNames() == null ? List.of() : c.indexNames();
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
    return layout + " layout is index(" + first + ") ++ index(" + second + ") = "
        + tuple(symbols.subList(0, split)) + " ++ " + tuple(symbols.subList(split, symbols.size()));
  }

  private static String toleranceNote(ClaimResult c) {
    return "tolerance = atol " + Numbers.compact(c.atol()) + " + rtol " + Numbers.compact(c.rtol())
        + " * max(|claimed|, |numeric|) + finite-difference error";
  }

  /** Column headings of an offender table; the first is replaced by {@link #indexHeader}. */
  public static final String[] OFFENDER_COLUMNS = {"index", "claimed", "numeric", "|error|", "tolerance"};

  /** "[i, j, k]" when the claim names its indices (and there are {@code arity} of them), else "index". */
  public static String indexHeader(ClaimResult c, int arity) {
    List<String> names = c.indexNames() == null ? List.of() : c.indexNames();
    return names.size() == arity ? "[" + String.join(", ", names) + "]" : "index";
  }

  /** One offender's cells, in the order of {@link #OFFENDER_COLUMNS}. */
  public static String[] offenderRow(Offender o) {
    return new String[] {index(o.index()), Numbers.sci(o.claimed()), Numbers.sci(o.numeric()), Numbers.sci(o.absError()),
        Numbers.tol(o.tolerance())};
  }

  /** "[0, 1, 2]" */
  static String index(int[] index) {
    return java.util.Arrays.stream(index).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));
  }

  /** The offender table, each row indented 3 past the "= " so the index column stands out. */
  private static String offenderTable(SpecResult s, ClaimResult c, CheckSettings cli) {
    List<Offender> offenders = c.offenders();
    int arity = offenders.get(0).index().length;
    List<String[]> rows = new ArrayList<>();
    rows.add(OFFENDER_COLUMNS.clone());
    rows.get(0)[0] = indexHeader(c, arity);
    List<String> explain = new ArrayList<>();
    for (Offender o : offenders) {
      rows.add(offenderRow(o));
      explain.add(explainCommand(s, c, o.index(), cli));
    }
    // numeric columns are at least as wide as a negative %.6e, so a column of positives lines up with one
    // that has a sign
    int[] min = {0, 13, 13, 13, 0};
    int[] width = new int[5];
    for (int k = 0; k < 5; k++) {
      width[k] = min[k];
      for (String[] r : rows) width[k] = Math.max(width[k], r[k].length());
    }
    String heading = "worst " + offenders.size() + " of " + plural(c.mismatches(), "offender") + ":";
    if (offenders.size() >= c.mismatches()) {
      heading = offenders.size() == 1 ? "the only offender:" : "all " + offenders.size() + " offenders, worst first:";
    }
    StringBuilder sb = new StringBuilder(heading);
    for (int i = 0; i < rows.size(); i++) {
      String[] r = rows.get(i);
      sb.append("\n   ");
      for (int k = 0; k < 5; k++) {
        if (k > 0) sb.append("  ");
        sb.append(" ".repeat(width[k] - r[k].length())).append(r[k]);
      }
      if (i > 0) sb.append("  ").append(explain.get(i - 1));
    }
    return sb.toString();
  }

  /**
   * The command that works one offender through as scalars, e.g.
   * {@code gradspec explain specs/x.yaml --claim 1 --index 0,1,2}; {@code --spec}, {@code --dims},
   * {@code --trial} and {@code --seed} only when they are not the default. It carries the numerical flags
   * the run was given ({@code cli}: {@code --method}, {@code --step}, {@code --rtol}, {@code --atol}), so
   * that the command reproduces the row it stands beside rather than a check with the spec's own settings.
   */
  public static String explainCommand(SpecResult s, ClaimResult c, int[] index, CheckSettings cli) {
    StringBuilder b = new StringBuilder("gradspec explain ").append(shellWord(s.file()));
    if (s.document() > 0) b.append(" --spec ").append(s.document() + 1);
    b.append(" --claim ").append(c.index() + 1);
    if (index.length > 0) {
      b.append(" --index ").append(java.util.Arrays.stream(index).mapToObj(Integer::toString)
          .collect(Collectors.joining(",")));
    }
    if (c.dimsIndex() != 0) b.append(" --dims ").append(c.dimsIndex());
    if (c.trial() != 0) b.append(" --trial ").append(c.trial());
    if (c.seed() != 0) b.append(" --seed ").append(c.seed());
    if (cli.method() != null) b.append(" --method ").append(cli.method().word());
    if (cli.step() != null) b.append(" --step ").append(Numbers.compact(cli.step()));
    if (cli.rtol() != null) b.append(" --rtol ").append(Numbers.compact(cli.rtol()));
    if (cli.atol() != null) b.append(" --atol ").append(Numbers.compact(cli.atol()));
    return b.toString();
  }

  /** A path as one shell word: as is when it has only safe characters, else in single quotes. */
  static String shellWord(String s) {
    if (!s.isEmpty() && s.matches("[A-Za-z0-9_./@%+=:,-]+")) return s;
    return "'" + s.replace("'", "'\\''") + "'";
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
