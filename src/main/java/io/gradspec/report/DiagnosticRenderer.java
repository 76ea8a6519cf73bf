package io.gradspec.report;

import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.SourceFile;
import io.gradspec.spec.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that draws rustc-style diagnostics (style guide §4 and §5):
 *
 * <pre>
 * error[code]: message
 *   --> file:line:col
 *    |
 * 11 |     source line
 *    |     ^^^^^^ label
 *    |
 *    = note: ...
 *    = help: ...
 * </pre>
 *
 * The gutter is as wide as the line number, but at least two characters, so that one-digit lines line up
 * with the style guide's examples. Columns count code points; a tab in the excerpt is drawn as four spaces
 * and the carets move with it. A span over several lines is underlined on its first line, to the end of
 * that line. A diagnostic without a span (or without a file) is just its headline and footers. Footer text
 * is wrapped at {@link #WRAP} columns (or the terminal's width), continuation lines aligned under the text
 * after {@code help: }.
 */
public final class DiagnosticRenderer {
  /** Total width at which footer text is wrapped when the output is not a terminal. */
  public static final int WRAP = 100;
  /** The narrowest and widest terminal widths honoured: narrower would leave no room for a sentence. */
  public static final int MIN_WIDTH = 60, MAX_WIDTH = 400;
  private static final int TAB_WIDTH = 4;
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String RED = "\u001b[1;31m";
  private static final String YELLOW = "\u001b[1;33m";
  private static final String BLUE = "\u001b[1;34m";

  /**
   * A line under the excerpt: {@code = kind: text}, or {@code = text} when kind is empty. With
   * {@code wrap} false, the text's own line breaks are kept and nothing is re-flowed (tables).
   */
  public record Footer(String kind, String text, boolean wrap) {
    public static Footer note(String text) { return new Footer("note", text, true); }
    public static Footer help(String text) { return new Footer("help", text, true); }
    /** {@code = text}, wrapped. */
    public static Footer plain(String text) { return new Footer("", text, true); }
    /** {@code = text}, kept exactly as given (for tables). */
    public static Footer verbatim(String text) { return new Footer("", text, false); }
  }

  private final boolean color;
  private final int width;

  public DiagnosticRenderer(boolean color) { this(color, WRAP); }

  /** @param width the columns to fit (a terminal's width), clamped to [{@link #MIN_WIDTH}, {@link #MAX_WIDTH}] */
  public DiagnosticRenderer(boolean color, int width) {
    this.color = color;
    this.width = fit(width);
  }

  /** The width a report fits into, given a terminal's. */
  public static int fit(int columns) { return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, columns)); }

  /** The columns footers are wrapped at. */
  public int width() { return width; }

  /** A renderer without ANSI colours: what tests, files and pipes get. */
  public static DiagnosticRenderer plain() { return new DiagnosticRenderer(false); }

  /** Renders a diagnostic: its notes, then its help lines. Ends with a line break. */
  public String render(Diagnostic d) {
    List<Footer> footers = new ArrayList<>();
    d.notes().forEach(n -> footers.add(Footer.note(n)));
    d.help().forEach(h -> footers.add(Footer.help(h)));
    return render(d.severity().word(), d, footers);
  }

  /** Renders each diagnostic, with a blank line between two; "" for none. */
  public String render(List<Diagnostic> diagnostics) {
    StringBuilder all = new StringBuilder();
    for (Diagnostic d : diagnostics) all.append(all.length() == 0 ? "" : "\n").append(render(d));
    return all.toString();
  }

  /**
   * Renders {@code d}'s headline and excerpt with the given level word (e.g. "error", "warning") in place
   * of its severity, and {@code footers} in place of its notes and help. Ends with a line break.
   */
  public String render(String level, Diagnostic d, List<Footer> footers) {
    StringBuilder out = new StringBuilder();
    String levelColor = level.equals("error") ? RED : YELLOW;
    String head = d.code() == null ? level : level + "[" + d.code() + "]";
    // the headline is never wrapped, whatever the width: one line that a search of a CI log finds whole
    out.append(paint(levelColor, head)).append(paint(BOLD, ": " + ControlChars.escape(d.message()))).append('\n');

    Span span = d.span();
    int width = 2;
    if (span != null && span.file() != null) {
      int line = span.line();
      width = Math.max(2, Integer.toString(line).length());
      excerpt(out, span, line, width, d.label());
      if (!footers.isEmpty()) out.append(gutter(width, "")).append('\n');
    }
    for (Footer f : footers) footer(out, f, width);
    return out.toString();
  }

  private void excerpt(StringBuilder out, Span span, int line, int width, String label) {
    SourceFile file = span.file();
    out.append(" ".repeat(width)).append(paint(BLUE, "-->")).append(' ')
        .append(ControlChars.escape(file.displayPath())).append(':').append(line).append(':').append(span.column()).append('\n');
    out.append(gutter(width, "")).append('\n');

    String text = file.lineText(line);
    int lineStart = file.offsetOf(line, 1);
    int from = Math.max(0, Math.min(span.offset() - lineStart, text.length()));
    int to = Math.max(from, Math.min(span.end() - lineStart, text.length()));
    String number = " ".repeat(width - Integer.toString(line).length()) + line;
    String shown = ControlChars.escape(expandTabs(text));
    out.append(paint(BLUE, number + " |")).append(shown.isEmpty() ? "" : " " + shown).append('\n');

    int carets = Math.max(1, displayWidth(text.substring(from, to)));
    int before = displayWidth(text.substring(0, from));
    String shownLabel = label == null || label.isEmpty() ? "" : ControlChars.escape(label);
    int gutterWidth = width + 3;
    if (shownLabel.isEmpty() || gutterWidth + before + carets + 1 + shownLabel.length() <= this.width) {
      String marks = " ".repeat(before) + paint(RED, "^".repeat(carets))
          + (shownLabel.isEmpty() ? "" : " " + paint(RED, shownLabel));
      out.append(gutter(width, marks)).append('\n');
    } else {
      // the label on a line of its own, under the carets' start when it fits there, else at the gutter
      out.append(gutter(width, " ".repeat(before) + paint(RED, "^".repeat(carets)))).append('\n');
      int at = gutterWidth + before + shownLabel.length() <= this.width ? before : 0;
      out.append(gutter(width, " ".repeat(at) + paint(RED, shownLabel))).append('\n');
    }
  }

  private String gutter(int width, String rest) {
    return " ".repeat(width + 1) + paint(BLUE, "|") + (rest.isEmpty() ? "" : " " + rest);
  }

  private void footer(StringBuilder out, Footer f, int width) {
    String lead = " ".repeat(width + 1) + "= " + (f.kind().isEmpty() ? "" : f.kind() + ": ");
    String shownLead = " ".repeat(width + 1) + paint(BLUE, "=") + " "
        + (f.kind().isEmpty() ? "" : paint(BOLD, f.kind() + ":") + " ");
    String indent = " ".repeat(lead.length());
    boolean first = true;
    for (String para : ControlChars.escape(f.text()).split("\n", -1)) {
      List<String> lines = f.wrap() ? wrap(para, this.width - lead.length()) : List.of(para);
      for (String l : lines) {
        String prefix = first ? shownLead : indent;
        out.append(l.isEmpty() && !first ? "" : prefix + l).append('\n');
        first = false;
      }
    }
  }

  /**
   * {@code text} wrapped at {@code width} columns, its continuation lines indented by {@code indent}
   * (a one-line entry whose detail runs on: {@code XFAIL  d y / d x  (expected to fail: ...)}).
   */
  public static List<String> hanging(String text, int indent, int width) {
    String pad = " ".repeat(indent);
    List<String> first = wrap(text, width);
    if (first.size() == 1) return first;
    List<String> lines = new ArrayList<>();
    lines.add(first.get(0));
    String rest = text.substring(first.get(0).length()).strip();
    for (String l : wrap(pad + rest, width)) lines.add(l);
    return lines;
  }

  /**
   * Greedy word wrap at single spaces. A line that fits is kept verbatim (runs of spaces in a hand-laid
   * list survive); continuation lines keep the paragraph's leading spaces.
   */
  public static List<String> wrap(String para, int room) {
    List<String> lines = new ArrayList<>();
    int lead = 0;
    while (lead < para.length() && para.charAt(lead) == ' ') lead++;
    String indent = para.substring(0, lead);
    String line = para;
    while (line.length() > room) {
      int cut = line.lastIndexOf(' ', room);
      if (cut <= lead) cut = line.indexOf(' ', room);   // one word longer than the room: let it overflow
      if (cut < 0) break;
      String head = line.substring(0, cut).stripTrailing();
      String tail = line.substring(cut + 1).stripLeading();
      if (head.length() <= lead || tail.isEmpty()) break;
      lines.add(head);
      line = indent + tail;
    }
    lines.add(line);
    return lines;
  }

  static String expandTabs(String s) {
    return s.replace("\t", " ".repeat(TAB_WIDTH));
  }

  /**
   * Width on screen: one column per code point, {@value #TAB_WIDTH} per tab, and the length of its escape
   * for a control character (see {@link ControlChars}).
   */
  static int displayWidth(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      n += cp == '\t' ? TAB_WIDTH : ControlChars.needsEscape(cp) ? ControlChars.escapeOf(cp).length() : 1;
      i += Character.charCount(cp);
    }
    return n;
  }

  private String paint(String ansi, String s) {
    return color && !s.isEmpty() ? ansi + s + RESET : s;
  }
}
