package io.gradspec.report;

import io.gradspec.result.ClaimResult;
import io.gradspec.result.Offender;
import java.util.Arrays;
import java.util.List;

/** The cells of an offender table, the same in the text, Markdown and HTML reports. */
public final class OffenderRows {
  private OffenderRows() {}

  /** The column headings, {@link #indexHeader} first. */
  public static String[] header(ClaimResult c) { return header(c, true); }

  /** The headings, the index's without its vec position when {@code vec} is false (a narrow text table). */
  public static String[] header(ClaimResult c, boolean vec) {
    return new String[] {indexHeader(c, c.offenders().get(0).index().length, vec), "claimed", "numeric", "|error|",
        "tolerance"};
  }

  /**
   * "[i, j, k]" when the claim names its indices (and there are {@code arity} of them), else "index"; in vec
   * layout followed by "(vec row, col)", where in the claim's matrix each offender is.
   */
  static String indexHeader(ClaimResult c, int arity) { return indexHeader(c, arity, true); }

  private static String indexHeader(ClaimResult c, int arity, boolean withVec) {
    List<String> names = c.indexNames() == null ? List.of() : c.indexNames();
    String header = names.size() == arity ? "[" + String.join(", ", names) + "]" : "index";
    int[] vec = c.offenders().isEmpty() ? null : c.offenders().get(0).vecIndex();
    if (!withVec || vec == null || vec.length == 0) return header;
    return header + (vec.length == 2 ? " (vec row, col)" : " (vec)");
  }

  /**
   * The worst offender in one line, for formats without tables (SARIF, GitHub annotations), e.g. "worst at
   * [1]: claimed 5.005000e+03, numeric 5.001529e+03, |error| 3.471304e+00 > tolerance 5.0e-02"; null for none.
   */
  public static String worst(ClaimResult c) {
    if (c.offenders().isEmpty()) return null;
    Offender o = c.offenders().get(0);
    return "worst at " + Tuples.index(o.index()) + ": claimed " + Numbers.sci(o.claimed()) + ", numeric "
        + Numbers.sci(o.numeric()) + ", |error| " + Numbers.sci(o.absError()) + " > tolerance " + Numbers.tol(o.tolerance());
  }

  /** One offender's cells, in the order of {@link #header}. */
  public static String[] cells(Offender o) { return cells(o, true); }

  /** One offender's cells, its vec position left out when {@code vec} is false. */
  public static String[] cells(Offender o, boolean vec) {
    String index = Tuples.index(o.index());
    if (vec && o.vecIndex() != null && o.vecIndex().length > 0) {
      index += " " + Tuples.tuple(Arrays.stream(o.vecIndex()).boxed().toList());
    }
    return new String[] {index, Numbers.sci(o.claimed()), Numbers.sci(o.numeric()),
        Numbers.sci(o.absError()), Numbers.tol(o.tolerance())};
  }
}
