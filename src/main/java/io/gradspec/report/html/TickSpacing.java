package io.gradspec.report.html;

import java.util.ArrayList;
import java.util.List;

/**
 * Which axis ticks a heatmap labels so that no two labels overlap: every k-th cell, k the smallest round
 * number (1, 2, 5, 10, 20, 50, ...) of cells at least as wide as the widest label, with the last cell in
 * place of the last multiple. Label sizes are estimated from the heatmap's 11 px tick font, generously, so
 * the estimate errs towards fewer labels (HtmlReporterTest measures them in headless Chromium).
 */
final class TickSpacing {
  /** What a row label needs vertically: the font's height and a gap. */
  static final int HEIGHT = 14;
  /** Width of one character of a tick label (digits, '.') at 11 px, rounded up, and the gap between labels. */
  private static final int CHAR = 7;
  private static final int SPACE = 4;

  private TickSpacing() {}

  /** The width a column label of text {@code widest} needs. */
  static int width(String widest) {
    return widest.length() * CHAR + SPACE;
  }

  /** The smallest round k for which k cells of {@code cell} pixels hold a label {@code size} pixels long. */
  static int every(int cell, int size) {
    for (long k = 1; ; k *= 10) {
      for (int m : new int[] {1, 2, 5}) {
        if (k * m * cell >= size) return (int) (k * m);
      }
    }
  }

  /**
   * The cells labelled among {@code count}: multiples of {@code every}, except that the last cell (the size of
   * the axis, worth reading) takes the place of the last multiple when that one is too close to it.
   */
  static List<Integer> shown(int count, int every) {
    List<Integer> out = new ArrayList<>();
    for (int c = 0; c < count; c += every) out.add(c);
    int last = count - 1;
    int n = out.size();
    if (n > 1 && out.get(n - 1) != last) out.set(n - 1, last);
    return out;
  }
}
