package io.gradspec.report.html;

import io.gradspec.report.Numbers;
import io.gradspec.result.ErrorGrid;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG pictures of a failed claim's {@link ErrorGrid}, one cell per component (or per block of
 * components when the grid is downsampled, which the caption says). Two views of the same cells: the
 * |error| map colours |claimed − numeric| relative to the tolerance (within tolerance pale green; beyond it,
 * yellow to dark red on a log scale up to the grid's worst ratio; not finite grey), and the signed map,
 * under a {@code <details>} toggle, colours claimed − numeric itself on a diverging linear scale (blue
 * negative, white 0, red positive), which shows a constant offset or a sign pattern that |error| hides.
 * Rank 1 is a strip, rank 2 a grid (rows: first axis, columns: second), rank 3 and 4 small multiples of
 * 2-D slices over the first two axes, one per index of the third axis (rank 3), or a table of them over
 * the third and fourth axes (rank 4). A transposed claim of a square derivative shows as a pattern
 * symmetric about the diagonal with a pale diagonal; a permuted one as a regular, repeating pattern
 * across the slices.
 */
final class Heatmap {
  /** Cells get a tooltip naming their index and values up to this many cells. */
  private static final int MAX_TITLES = 4096;
  private static final String PASS = "#dcefdc";
  private static final String NOT_FINITE = "#9ca3af";
  private static final int[][] RAMP = {{0xfe, 0xd9, 0x76}, {0xfd, 0x8d, 0x3c}, {0xbd, 0x00, 0x26}};
  /** The signed map's ends and middle: negative, zero, positive (ColorBrewer RdBu). */
  private static final int[] NEGATIVE = {0x21, 0x66, 0xac};
  private static final int[] ZERO = {0xf7, 0xf7, 0xf7};
  private static final int[] POSITIVE = {0xb2, 0x18, 0x2b};
  private static final int LABEL = 14;
  private static final int GAP = 18;

  private final ErrorGrid grid;
  private final List<String> indexNames;
  private final List<String> axisNames;
  private final int base;
  private final boolean signed;
  /** The |error| map's worst ratio |error| / tolerance (at least 1), or the signed map's largest |claimed − numeric|. */
  private final double top;
  private final StringBuilder svg = new StringBuilder();

  private Heatmap(ErrorGrid grid, List<String> indexNames, List<String> axisNames, int base, boolean signed) {
    this.grid = grid;
    int rank = grid.space().length;
    this.indexNames = indexNames != null && indexNames.size() == rank ? indexNames : defaultNames(rank);
    this.axisNames = axisNames != null && axisNames.size() == rank ? axisNames : List.of();
    this.base = base;
    this.signed = signed;
    double worst = signed ? 0 : 1;
    for (int i = 0; i < grid.size(); i++) {
      double r = signed ? Math.abs(grid.extreme()[i]) : ratio(i);
      if (Double.isFinite(r)) worst = Math.max(worst, r);
    }
    this.top = worst;
  }

  /**
   * The |error| map as an {@code <svg>} element with its legend, then the signed map with its legend in a
   * {@code <details>} toggle; or a short {@code <p>} when the grid is of rank above 4 (or larger than a
   * grid is ever made, {@link ErrorGrid#MAX_CELLS}).
   */
  static String render(ErrorGrid grid, List<String> indexNames, List<String> axisNames, int base) {
    int rank = grid.space().length;
    if (grid.size() > ErrorGrid.MAX_CELLS) {
      return "<p class=\"nomap\">The grid has " + grid.size() + " cells; heatmaps are drawn up to "
          + ErrorGrid.MAX_CELLS + ".</p>\n";
    }
    if (rank > 4) return "<p class=\"nomap\">Heatmaps are drawn up to rank 4; this index space has rank " + rank + ".</p>\n";
    Heatmap abs = new Heatmap(grid, indexNames, axisNames, base, false);
    Heatmap signed = new Heatmap(grid, indexNames, axisNames, base, true);
    return abs.caption() + abs.draw() + abs.legend()
        + "<details class=\"signed\"><summary>signed view: claimed \u2212 numeric</summary>\n"
        + signed.draw() + signed.legend() + "</details>\n";
  }

  /** "rows: i (Y row) · columns: j (Y col) · one slice per k (z)", and what a downsampled cell is. */
  private String caption() {
    int rank = grid.space().length;
    List<String> parts = new ArrayList<>();
    if (rank >= 2) parts.add("rows: " + axisTitle(0));
    if (rank >= 1) parts.add((rank == 1 ? "cells: " : "columns: ") + axisTitle(rank == 1 ? 0 : 1));
    if (rank == 3) parts.add("one slice per " + axisTitle(2));
    if (rank == 4) parts.add("slices: " + axisTitle(2) + " down, " + axisTitle(3) + " across");
    String axes = parts.isEmpty() ? "" : "<p class=\"caption\">" + Html.escape(String.join(" \u00b7 ", parts)) + "</p>\n";
    if (!grid.downsampled()) return axes;
    return axes + "<p class=\"caption downsampled\">" + Html.escape("Downsampled: " + components() + " components in "
        + grid.size() + " cells; each cell is the max over a " + blockText() + " block (the |error| map: the block's "
        + "largest |error| relative to its tolerance; the signed view: its claimed \u2212 numeric of largest magnitude).")
        + "</p>\n";
  }

  private String draw() {
    int[] s = grid.sizes();
    int rank = s.length;
    int rows = rank >= 2 ? s[0] : 1;
    int cols = rank == 0 ? 1 : rank == 1 ? s[0] : s[1];
    int multiRows = rank == 4 ? s[2] : 1;
    int multiCols = rank == 4 ? s[3] : rank == 3 ? s[2] : 1;
    boolean multiples = rank >= 3;
    // a rank-3 strip of slices wraps to stay within about 1000 px
    int room = multiples ? 220 : rank == 1 ? 960 : 360;
    int cell = clamp(room / Math.max(rows, cols), 3, multiples ? 28 : 40);
    int sliceW = cols * cell, sliceH = rows * cell;
    int perLine = multiCols;
    if (rank == 3) perLine = Math.max(1, Math.min(multiCols, 1000 / (sliceW + GAP + LABEL)));
    int lines = rank == 3 ? (multiCols + perLine - 1) / perLine : multiRows;
    int left = rank >= 2 ? LABEL + 30 : 8;
    int top = 40;
    int title = multiples ? 30 : 0;
    int width = left + perLine * (sliceW + GAP) + 8;
    int height = top + lines * (sliceH + title + GAP) + 8;
    svg.append(String.format(Locale.ROOT,
        "<svg class=\"heatmap%s\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
            + " role=\"img\" aria-label=\"%s\">\n", signed ? " signed" : "", width, height, width, height,
        signed ? "claimed - numeric per " + (grid.downsampled() ? "block" : "component")
            : "|claimed - numeric| per " + (grid.downsampled() ? "block" : "component")));
    // axis titles: columns above, rows at the left, rotated
    String colTitle = rank == 0 ? "" : axisTitle(rank == 1 ? 0 : 1) + " \u2192";
    text(left, 14, colTitle, "axis", "start");
    if (rank >= 2) {
      svg.append(String.format(Locale.ROOT, "<text class=\"axis\" transform=\"translate(12 %d) rotate(-90)\" "
          + "text-anchor=\"end\">%s</text>\n", top + title, Html.escape(axisTitle(0) + " \u2192")));
    }
    int[] index = new int[rank];
    for (int m = 0; m < multiRows * multiCols; m++) {
      int line = rank == 3 ? m / perLine : m / multiCols;
      int pos = rank == 3 ? m % perLine : m % multiCols;
      int x0 = left + pos * (sliceW + GAP);
      int y0 = top + line * (sliceH + title + GAP);
      if (rank == 3) index[2] = m;
      if (rank == 4) { index[2] = m / multiCols; index[3] = m % multiCols; }
      if (multiples) text(x0, y0 + 12, sliceTitle(index), "slice", "start");
      slice(x0, y0 + title, rows, cols, cell, index, pos == 0, line == 0);
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  /** One 2-D slice at (x0, y0); the fixed indices beyond the first two are already in {@code index}. */
  private void slice(int x0, int y0, int rows, int cols, int cell, int[] index, boolean rowTicks, boolean colTicks) {
    int rank = index.length;
    int inset = cell >= 8 ? 1 : 0;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        if (rank >= 2) { index[0] = r; index[1] = c; } else if (rank == 1) index[0] = c;
        int flat = flat(index);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"",
            x0 + c * cell, y0 + r * cell, cell - inset, cell - inset, color(flat)));
        if (grid.size() <= MAX_TITLES) svg.append("><title>").append(Html.escape(tooltip(index, flat))).append("</title></rect>\n");
        else svg.append("/>\n");
      }
    }
    int colAxis = rank == 1 ? 0 : 1;
    if (colTicks && rank >= 1) {
      // a column label is as wide as its widest number: every k-th column, with k cells at least that wide
      int every = TickSpacing.every(cell, TickSpacing.width(tick(colAxis, cols - 1)));
      for (int c : TickSpacing.shown(cols, every)) {
        text(x0 + c * cell + cell / 2, y0 - 3, tick(colAxis, c), "tick", "middle");
      }
    }
    if (rowTicks && rank >= 2) {
      int every = TickSpacing.every(cell, TickSpacing.HEIGHT);
      for (int r : TickSpacing.shown(rows, every)) {
        text(x0 - 4, y0 + r * cell + cell / 2 + 4, tick(0, r), "tick", "end");
      }
    }
  }

  /** The label of cell {@code c} along {@code axis}: its first component, in the spec's index base. */
  private String tick(int axis, int c) {
    return Long.toString((long) c * grid.block()[axis] + base);
  }

  private String legend() {
    StringBuilder sb = new StringBuilder("<p class=\"legend\">");
    if (signed) {
      sb.append("<span class=\"ramp diverging\"></span> claimed \u2212 numeric from \u2212")
          .append(Html.escape(Numbers.tol(top))).append(" (blue) through 0 (white) to +")
          .append(Html.escape(Numbers.tol(top))).append(" (red), linear");
    } else {
      sb.append("<span class=\"swatch\" style=\"background:").append(PASS).append("\"></span> within tolerance ");
      sb.append("<span class=\"ramp\"></span> |claimed \u2212 numeric| from 1\u00d7 to ")
          .append(Html.escape(Numbers.tol(top))).append("\u00d7 its tolerance (log scale)");
    }
    boolean nonFinite = false;
    for (int i = 0; i < grid.size() && !nonFinite; i++) nonFinite = Float.isNaN(grid.error()[i]);
    if (nonFinite) sb.append(" <span class=\"swatch\" style=\"background:").append(NOT_FINITE).append("\"></span> not finite");
    return sb.append("</p>\n").toString();
  }

  /** The CSS gradient of the |error| map's ramp, for the legend. */
  static String rampCss() {
    List<String> stops = new ArrayList<>();
    for (int[] c : RAMP) stops.add(hex(c));
    return "linear-gradient(to right, " + String.join(", ", stops) + ")";
  }

  /** The CSS gradient of the signed map's diverging scale, for its legend. */
  static String divergingCss() {
    return "linear-gradient(to right, " + hex(NEGATIVE) + ", " + hex(ZERO) + ", " + hex(POSITIVE) + ")";
  }

  private double ratio(int cell) {
    double err = grid.absError(cell);
    double tol = grid.tolerance()[cell];
    if (Double.isNaN(err)) return Double.NaN;
    return tol > 0 ? err / tol : (err > 0 ? Double.POSITIVE_INFINITY : 0);
  }

  private String color(int cell) {
    return signed ? signedColor(grid.extreme()[cell]) : errorColor(ratio(cell));
  }

  private String errorColor(double r) {
    if (Double.isNaN(r)) return NOT_FINITE;
    if (r <= 1) return PASS;
    double t = Double.isInfinite(r) ? 1 : StrictMath.log10(r) / Math.max(1, StrictMath.log10(top));
    t = Math.min(1, Math.max(0, t)) * (RAMP.length - 1);
    int k = Math.min(RAMP.length - 2, (int) t);
    return mix(RAMP[k], RAMP[k + 1], t - k);
  }

  private String signedColor(double e) {
    if (Double.isNaN(e)) return NOT_FINITE;
    if (e == 0 || top == 0) return hex(ZERO);
    double t = Double.isInfinite(e) ? 1 : Math.min(1, Math.abs(e) / top);
    return mix(ZERO, e < 0 ? NEGATIVE : POSITIVE, t);
  }

  private static String mix(int[] a, int[] b, double f) {
    return hex(new int[] {mix(a[0], b[0], f), mix(a[1], b[1], f), mix(a[2], b[2], f)});
  }

  private static int mix(int a, int b, double f) {
    return (int) Math.round(a + (b - a) * f);
  }

  private static String hex(int[] c) {
    return String.format(Locale.ROOT, "#%02x%02x%02x", c[0], c[1], c[2]);
  }

  private String tooltip(int[] index, int cell) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < index.length; i++) sb.append(i == 0 ? "" : ", ").append(range(i, index[i]));
    sb.append("]  ");
    String max = grid.downsampled() ? "max " : "";
    if (signed) return sb.append(max.isEmpty() ? "" : "largest ").append("claimed - numeric ")
        .append(Numbers.sci(grid.extreme()[cell])).toString();
    return sb.append(max).append("|error| ").append(Numbers.sci(grid.absError(cell)))
        .append(ratio(cell) > 1 ? "  >  " : "  <=  ").append("tolerance ").append(Numbers.tol(grid.tolerance()[cell]))
        .toString();
  }

  /** Cell {@code c} along {@code axis} as components in the spec's base: "3", or "4..7" for a block. */
  private String range(int axis, int c) {
    int b = grid.block()[axis];
    long first = (long) c * b;
    long last = Math.min(grid.space()[axis], first + b) - 1;
    return first == last ? Long.toString(first + base) : (first + base) + ".." + (last + base);
  }

  private int flat(int[] index) {
    int[] sizes = grid.sizes();
    int f = 0;
    for (int i = 0; i < index.length; i++) f = f * sizes[i] + index[i];
    return f;
  }

  /** "j (Y col)" */
  private String axisTitle(int axis) {
    String name = indexNames.get(axis);
    return axisNames.isEmpty() ? name : name + " (" + axisNames.get(axis) + ")";
  }

  /** "k = 0" (rank 3) or "k = 0, l = 1" (rank 4), in the spec's index base ("k = 0..3" for a block). */
  private String sliceTitle(int[] index) {
    StringBuilder sb = new StringBuilder();
    for (int a = 2; a < index.length; a++) {
      if (a > 2) sb.append(", ");
      sb.append(indexNames.get(a)).append(" = ").append(range(a, index[a]));
    }
    return sb.toString();
  }

  /** "4×4" */
  private String blockText() {
    StringBuilder sb = new StringBuilder();
    for (int b : grid.block()) sb.append(sb.length() == 0 ? "" : "\u00d7").append(b);
    return sb.toString();
  }

  private long components() {
    long n = 1;
    for (int s : grid.space()) n *= s;
    return n;
  }

  private void text(int x, int y, String s, String cls, String anchor) {
    if (s.isEmpty()) return;
    svg.append(String.format(Locale.ROOT, "<text class=\"%s\" x=\"%d\" y=\"%d\" text-anchor=\"%s\">%s</text>\n",
        cls, x, y, anchor, Html.escape(s)));
  }

  private static List<String> defaultNames(int rank) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < rank; i++) names.add("axis " + (i + 1));
    return names;
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
