package io.gradspec.report.text;

import static io.gradspec.report.Numbers.plural;

import io.gradspec.report.CommandName;
import io.gradspec.report.Numbers;
import io.gradspec.report.OffenderRows;
import io.gradspec.report.Tuples;
import io.gradspec.result.ClaimResult;
import io.gradspec.result.Offender;
import io.gradspec.result.SpecResult;
import io.gradspec.spec.CheckSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The offender table of a text block: a heading, then one row per offender, each ending with the
 * {@code gradspec explain} command that works that component through as scalars.
 */
final class OffenderTable {
  private OffenderTable() {}

  /**
   * The table, each row indented 3 past the "= " so the index column stands out. Each row ends with its
   * explain command when that fits in {@code width} columns; otherwise the rows stop at the tolerance and
   * one command, for the worst row, follows on its own line (the rows differ only in {@code --index}).
   */
  static String of(SpecResult s, ClaimResult c, CheckSettings cli, int width) {
    List<Offender> offenders = c.offenders();
    List<String[]> rows = new ArrayList<>();
    rows.add(OffenderRows.header(c));
    List<String> explain = new ArrayList<>();
    for (Offender o : offenders) {
      rows.add(OffenderRows.cells(o));
      explain.add(explainCommand(s, c, o.index(), cli));
    }
    int[] widths = new int[5];
    int table = widths(rows, widths);
    String vecNote = null;
    if (LEAD + table > width && offenders.get(0).vecIndex() != null && offenders.get(0).vecIndex().length > 0) {
      // too wide with the claim's vec positions beside the indices: the worst row's goes below the table
      rows.set(0, OffenderRows.header(c, false));
      for (int i = 1; i < rows.size(); i++) rows.set(i, OffenderRows.cells(offenders.get(i - 1), false));
      table = widths(rows, widths);
      vecNote = "the worst row is the claim's vec entry "
          + Tuples.tuple(Arrays.stream(offenders.get(0).vecIndex()).boxed().toList());
    }
    int longest = explain.stream().mapToInt(String::length).max().orElse(0);
    boolean inline = LEAD + table + 2 + longest <= width;
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
        sb.append(" ".repeat(widths[k] - r[k].length())).append(r[k]);
      }
      if (inline && i > 0) sb.append("  ").append(explain.get(i - 1));
    }
    if (vecNote != null) sb.append("\n   ").append(vecNote);
    if (!inline && !explain.isEmpty()) {
      sb.append("\n   explain a row as scalars with its --index; the worst row:\n   ")
          .append(explain.get(0));
    }
    return sb.toString();
  }

  /** Fills in each column's width and returns the table's. */
  private static int widths(List<String[]> rows, int[] widths) {
    // numeric columns are at least as wide as a negative %.6e, so a column of positives lines up with one
    // that has a sign
    int[] min = {0, 13, 13, 13, 0};
    int table = 0;
    for (int k = 0; k < 5; k++) {
      widths[k] = min[k];
      for (String[] r : rows) widths[k] = Math.max(widths[k], r[k].length());
      table += widths[k] + (k > 0 ? 2 : 0);
    }
    return table;
  }

  /** Where a row's text starts: the renderer's "   = " and the table's own 3 spaces. */
  private static final int LEAD = 8;

  /**
   * The command that works one offender through as scalars, e.g.
   * {@code gradspec explain specs/x.yaml --claim 1 --index 0,1,2}; {@code --spec}, {@code --dims},
   * {@code --trial} and {@code --seed} only when they are not the default. It carries the numerical flags
   * the run was given ({@code cli}: {@code --method}, {@code --step}, {@code --rtol}, {@code --atol}), so
   * that the command reproduces the row it stands beside rather than a check with the spec's own settings.
   */
  static String explainCommand(SpecResult s, ClaimResult c, int[] index, CheckSettings cli) {
    StringBuilder b = new StringBuilder(CommandName.get()).append(" explain ")
        .append(CommandName.shellWord(s.file()));
    if (s.document() > 0) b.append(" --spec ").append(s.document() + 1);
    b.append(" --claim ").append(c.index() + 1);
    if (index.length > 0) {
      b.append(" --index ").append(Arrays.stream(index).mapToObj(Integer::toString)
          .collect(Collectors.joining(",")));
    }
    if (c.dimsIndex() != 0) b.append(" --dims ").append(c.dimsIndex());
    if (c.trial() != 0) b.append(" --trial ").append(c.trial());
    // explain refuses a trial past the spec's count: a run with more trials passes its count on
    if (cli.trials() != null && c.trial() >= CheckSettings.DEFAULT_TRIALS) b.append(" --trials ").append(c.trials());
    if (c.seed() != 0) b.append(" --seed ").append(c.seed());
    if (cli.method() != null) b.append(" --method ").append(cli.method().word());
    if (cli.step() != null) b.append(" --step ").append(Numbers.compact(cli.step()));
    if (cli.rtol() != null) b.append(" --rtol ").append(Numbers.compact(cli.rtol()));
    if (cli.atol() != null) b.append(" --atol ").append(Numbers.compact(cli.atol()));
    if (c.source() != null) b.append(" --allow-programs");
    return b.toString();
  }
}
