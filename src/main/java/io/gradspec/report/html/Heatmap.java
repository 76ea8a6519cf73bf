package io.gradspec.report.html;

import io.gradspec.report.Numbers;
import io.gradspec.result.ErrorGrid;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An inline SVG picture of a failed claim's {@link ErrorGrid}: one cell per component, coloured by
 * |claimed − numeric| relative to the tolerance. Within tolerance is pale green; beyond it, yellow to dark
 * red on a log scale up to the grid's worst ratio; a non-finite component is grey. Rank 1 is a strip,
 * rank 2 a grid (rows: first axis, columns: second), rank 3 and 4 small multiples of 2-D slices over the
 * first two axes, one per index of the third axis (rank 3), or a table of them over the third and fourth
 * axes (rank 4). A transposed claim of a square derivative shows as a pattern symmetric about the diagonal
 * with a pale diagonal; a permuted one as a regular, repeating pattern across the slices.
 */
final class Heatmap {
  /** Grids larger than this are not drawn (the SVG would be megabytes); the report says so instead. */
  static final int MAX_CELLS = 1 << 14;
  /** Cells get a tooltip naming their index and values up to this many components. */
  private static final int MAX_TITLES = 4096;
  private static final String PASS = "#dcefdc";
  private static final String NOT_FINITE = "#9ca3af";
  private static final int[][] RAMP = {{0xfe, 0xd9, 0x76}, {0xfd, 0x8d, 0x3c}, {0xbd, 0x00, 0x26}};
  private static final int LABEL = 14;
  private static final int GAP = 18;

  private final ErrorGrid grid;
  private final List<String> indexNames;
  private final List<String> axisNames;
  private final int base;
  private final double maxRatio;
  private final StringBuilder svg = new StringBuilder();

  private Heatmap(ErrorGrid grid, List<String> indexNames, List<String> axisNames, int base) {
    this.grid = grid;
    int rank = grid.sizes().length;
    this.indexNames = indexNames != null && indexNames.size() == rank ? indexNames : defaultNames(rank);
    this.axisNames = axisNames != null && axisNames.size() == rank ? axisNames : List.of();
    this.base = base;
    double worst = 1;
    for (int i = 0; i < grid.size(); i++) {
      double r = ratio(i);
      if (Double.isFinite(r)) worst = Math.max(worst, r);
    }
    this.maxRatio = worst;
  }

  /**
   * The picture as an {@code <svg>} element followed by its legend, or a short {@code <p>} when the grid
   * is too large or of rank above 4.
   */
  static String render(ErrorGrid grid, List<String> indexNames, List<String> axisNames, int base) {
    int rank = grid.sizes().length;
    if (grid.size() > MAX_CELLS) {
      return "<p class=\"nomap\">The index space has " + grid.size() + " components; heatmaps are drawn up to "
          + MAX_CELLS + ".</p>\n";
    }
    if (rank > 4) return "<p class=\"nomap\">Heatmaps are drawn up to rank 4; this index space has rank " + rank + ".</p>\n";
    Heatmap h = new Heatmap(grid, indexNames, axisNames, base);
    return h.caption() + h.draw() + h.legend();
  }

  /** "rows: i (Y row) · columns: j (Y col) · one slice per k (z)" */
  private String caption() {
    int rank = grid.sizes().length;
    List<String> parts = new ArrayList<>();
    if (rank >= 2) parts.add("rows: " + axisTitle(0));
    if (rank >= 1) parts.add((rank == 1 ? "cells: " : "columns: ") + axisTitle(rank == 1 ? 0 : 1));
    if (rank == 3) parts.add("one slice per " + axisTitle(2));
    if (rank == 4) parts.add("slices: " + axisTitle(2) + " down, " + axisTitle(3) + " across");
    return parts.isEmpty() ? "" : "<p class=\"caption\">" + Html.escape(String.join(" \u00b7 ", parts)) + "</p>\n";
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
        "<svg class=\"heatmap\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
            + " role=\"img\" aria-label=\"|claimed - numeric| per component\">\n", width, height, width, height));
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
    int every = cell >= 14 ? 1 : Math.max(1, (int) Math.ceil(14.0 / cell));
    if (colTicks) {
      for (int c = 0; c < cols; c++) {
        if (c % every != 0 && c != cols - 1) continue;
        text(x0 + c * cell + cell / 2, y0 - 3, Integer.toString(c + base), "tick", "middle");
      }
    }
    if (rowTicks && rank >= 2) {
      for (int r = 0; r < rows; r++) {
        if (r % every != 0 && r != rows - 1) continue;
        text(x0 - 4, y0 + r * cell + cell / 2 + 4, Integer.toString(r + base), "tick", "end");
      }
    }
  }

  private String legend() {
    StringBuilder sb = new StringBuilder("<p class=\"legend\">");
    sb.append("<span class=\"swatch\" style=\"background:").append(PASS).append("\"></span> within tolerance ");
    sb.append("<span class=\"ramp\"></span> |claimed \u2212 numeric| from 1\u00d7 to ")
        .append(Html.escape(Numbers.tol(maxRatio))).append("\u00d7 its tolerance (log scale)");
    boolean nonFinite = false;
    for (int i = 0; i < grid.size() && !nonFinite; i++) nonFinite = Float.isNaN(grid.absError()[i]);
    if (nonFinite) sb.append(" <span class=\"swatch\" style=\"background:").append(NOT_FINITE).append("\"></span> not finite");
    return sb.append("</p>\n").toString();
  }

  /** The CSS gradient of the ramp, for the legend. */
  static String rampCss() {
    List<String> stops = new ArrayList<>();
    for (int[] c : RAMP) stops.add(String.format(Locale.ROOT, "#%02x%02x%02x", c[0], c[1], c[2]));
    return "linear-gradient(to right, " + String.join(", ", stops) + ")";
  }

  private double ratio(int flat) {
    double err = grid.absError()[flat];
    double tol = grid.tolerance()[flat];
    if (Double.isNaN(err)) return Double.NaN;
    return tol > 0 ? err / tol : (err > 0 ? Double.POSITIVE_INFINITY : 0);
  }

  private String color(int flat) {
    double r = ratio(flat);
    if (Double.isNaN(r)) return NOT_FINITE;
    if (r <= 1) return PASS;
    double t = Double.isInfinite(r) ? 1 : StrictMath.log10(r) / Math.max(1, StrictMath.log10(maxRatio));
    t = Math.min(1, Math.max(0, t)) * (RAMP.length - 1);
    int k = Math.min(RAMP.length - 2, (int) t);
    double f = t - k;
    int[] a = RAMP[k], b = RAMP[k + 1];
    return String.format(Locale.ROOT, "#%02x%02x%02x", mix(a[0], b[0], f), mix(a[1], b[1], f), mix(a[2], b[2], f));
  }

  private static int mix(int a, int b, double f) {
    return (int) Math.round(a + (b - a) * f);
  }

  private String tooltip(int[] index, int flat) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < index.length; i++) sb.append(i == 0 ? "" : ", ").append(index[i] + base);
    sb.append("]  |error| ").append(Numbers.sci(grid.absError()[flat]))
        .append(ratio(flat) > 1 ? "  >  " : "  <=  ").append("tolerance ").append(Numbers.tol(grid.tolerance()[flat]));
    return sb.toString();
  }

  private int flat(int[] index) {
    int f = 0;
    for (int i = 0; i < index.length; i++) f = f * grid.sizes()[i] + index[i];
    return f;
  }

  /** "j (Y col)" */
  private String axisTitle(int axis) {
    String name = indexNames.get(axis);
    return axisNames.isEmpty() ? name : name + " (" + axisNames.get(axis) + ")";
  }

  /** "k = 0" (rank 3) or "k = 0, l = 1" (rank 4), in the spec's index base, plus the axis names. */
  private String sliceTitle(int[] index) {
    StringBuilder sb = new StringBuilder();
    for (int a = 2; a < index.length; a++) {
      if (a > 2) sb.append(", ");
      sb.append(indexNames.get(a)).append(" = ").append(index[a] + base);
    }
    return sb.toString();
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
