package io.gradspec.report;

import io.gradspec.result.ClaimResult;
import io.gradspec.result.Offender;
import java.util.List;

/** The cells of an offender table, the same in the text, Markdown and HTML reports. */
public final class OffenderRows {
  private OffenderRows() {}

  /** The column headings, {@link #indexHeader} first. */
  public static String[] header(ClaimResult c) {
    return new String[] {indexHeader(c, c.offenders().get(0).index().length), "claimed", "numeric", "|error|",
        "tolerance"};
  }

  /** "[i, j, k]" when the claim names its indices (and there are {@code arity} of them), else "index". */
  static String indexHeader(ClaimResult c, int arity) {
    List<String> names = c.indexNames() == null ? List.of() : c.indexNames();
    return names.size() == arity ? "[" + String.join(", ", names) + "]" : "index";
  }

  /** One offender's cells, in the order of {@link #header}. */
  public static String[] cells(Offender o) {
    return new String[] {Tuples.index(o.index()), Numbers.sci(o.claimed()), Numbers.sci(o.numeric()),
        Numbers.sci(o.absError()), Numbers.tol(o.tolerance())};
  }
}
