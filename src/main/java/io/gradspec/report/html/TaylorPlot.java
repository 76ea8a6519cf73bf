package io.gradspec.report.html;

import io.gradspec.report.Numbers;
import io.gradspec.report.TaylorWording;
import io.gradspec.result.TaylorTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An inline SVG picture of a claim's {@link TaylorTest}: the claim's and the numeric derivative's
 * remainders against t on log-log axes, with the round-off floor dashed and two reference slopes (t and
 * t^2) through the numeric derivative's smallest remainder above the floor. A derivative's line runs
 * parallel to t^2, a wrong claim's parallel to t: the verdict is visible without trusting one step.
 */
final class TaylorPlot {
  private static final int WIDTH = 420;
  private static final int HEIGHT = 240;
  private static final int LEFT = 58;
  private static final int RIGHT = 12;
  private static final int TOP = 12;
  private static final int BOTTOM = 36;
  static final String CLAIM = "#bd0026";
  static final String NUMERIC = "#2563eb";
  private static final String FLOOR = "#9ca3af";

  private final TaylorTest t;
  private final double xMin, xMax, yMin, yMax;

  private TaylorPlot(TaylorTest t) {
    this.t = t;
    double[] s = t.steps();
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    for (double[] series : new double[][] {t.claimRemainders(), t.numericRemainders(), t.numericFloors()}) {
      for (double r : series) {
        if (!(r > 0) || !Double.isFinite(r)) continue;
        lo = Math.min(lo, Math.log10(r));
        hi = Math.max(hi, Math.log10(r));
      }
    }
    if (!(lo <= hi)) { lo = -16; hi = 0; }
    if (hi - lo < 1) { lo -= 0.5; hi += 0.5; }
    this.xMin = Math.log10(s[s.length - 1]);
    this.xMax = Math.log10(s[0]);
    this.yMin = Math.floor(lo);
    this.yMax = Math.ceil(hi);
  }

  /** The picture as an {@code <svg>} element followed by its legend. */
  static String render(TaylorTest t) {
    return new TaylorPlot(t).svg();
  }

  private String svg() {
    StringBuilder b = new StringBuilder();
    b.append("<svg class=\"taylor\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
        .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"Taylor test: remainders against t, log-log\">\n");
    b.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
        .append(WIDTH - LEFT - RIGHT).append("\" height=\"").append(HEIGHT - TOP - BOTTOM)
        .append("\" fill=\"#fff\" stroke=\"#d0d7de\"/>\n");
    for (int e = (int) Math.ceil(xMin); e <= (int) Math.floor(xMax); e++) {
      double x = x(e);
      b.append("<text x=\"").append(f(x)).append("\" y=\"").append(HEIGHT - BOTTOM + 14)
          .append("\" text-anchor=\"middle\">1e").append(e).append("</text>\n");
    }
    int yStep = (int) Math.max(1, Math.ceil((yMax - yMin) / 6));
    for (int e = (int) yMin; e <= (int) yMax; e += yStep) {
      b.append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(f(y(e) + 4))
          .append("\" text-anchor=\"end\">1e").append(e).append("</text>\n");
    }
    b.append("<text class=\"axis\" x=\"").append(LEFT + (WIDTH - LEFT - RIGHT) / 2).append("\" y=\"")
        .append(HEIGHT - 6).append("\" text-anchor=\"middle\">t</text>\n");
    references(b);
    line(b, t.numericFloors(), FLOOR, "4 3", "round-off floor");
    line(b, t.numericRemainders(), NUMERIC, null, "numeric derivative");
    line(b, t.claimRemainders(), CLAIM, null, "claim");
    b.append("</svg>\n");
    b.append("<p class=\"legend\"><span class=\"swatch\" style=\"background:").append(CLAIM)
        .append("\"></span> claim: remainder ").append(TaylorWording.order(t.claimOrder()))
        .append(" &nbsp; <span class=\"swatch\" style=\"background:").append(NUMERIC)
        .append("\"></span> numeric derivative: remainder ").append(TaylorWording.order(t.numericOrder()))
        .append(" &nbsp; dashed: round-off floor; dotted: slopes t and t<sup>2</sup></p>\n");
    return b.toString();
  }

  /** Dotted lines of slope 1 and 2 through the numeric derivative's smallest remainder well above its floor. */
  private void references(StringBuilder b) {
    double[] s = t.steps(), r = t.numericRemainders(), floor = t.numericFloors();
    int at = -1;
    for (int i = s.length - 1; i >= 0 && at < 0; i--) if (r[i] > 100 * floor[i] && Double.isFinite(r[i])) at = i;
    if (at < 0) return;
    double x0 = Math.log10(s[at]), y0 = Math.log10(r[at]);
    for (int slope = 1; slope <= 2; slope++) {
      // the part of the line inside the frame
      double xa = Math.max(xMin, x0 + (yMin - y0) / slope), xb = Math.min(xMax, x0 + (yMax - y0) / slope);
      if (!(xa < xb)) continue;
      b.append("<line x1=\"").append(f(x(xa))).append("\" y1=\"").append(f(y(y0 + slope * (xa - x0))))
          .append("\" x2=\"").append(f(x(xb))).append("\" y2=\"").append(f(y(y0 + slope * (xb - x0))))
          .append("\" stroke=\"#57606a\" stroke-width=\"1\" stroke-dasharray=\"1 3\"><title>slope ")
          .append(slope).append("</title></line>\n");
    }
  }

  private void line(StringBuilder b, double[] values, String color, String dash, String name) {
    double[] s = t.steps();
    List<String> points = new ArrayList<>();
    for (int i = 0; i < s.length; i++) {
      if (!(values[i] > 0) || !Double.isFinite(values[i])) continue;
      points.add(f(x(Math.log10(s[i]))) + "," + f(y(Math.log10(values[i]))));
    }
    if (points.isEmpty()) return;
    b.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"")
        .append(dash == null ? "2" : "1").append('"');
    if (dash != null) b.append(" stroke-dasharray=\"").append(dash).append('"');
    b.append(" points=\"").append(String.join(" ", points)).append("\"><title>").append(name)
        .append("</title></polyline>\n");
    if (dash != null) return;
    for (int i = 0; i < s.length; i++) {
      if (!(values[i] > 0) || !Double.isFinite(values[i])) continue;
      b.append("<circle cx=\"").append(f(x(Math.log10(s[i])))).append("\" cy=\"").append(f(y(Math.log10(values[i]))))
          .append("\" r=\"2.5\" fill=\"").append(color).append("\"><title>").append(name).append(": t = ")
          .append(Numbers.tol(s[i])).append(", remainder ").append(Numbers.sci(values[i])).append("</title></circle>\n");
    }
  }

  private double x(double log) {
    return LEFT + (log - xMin) / (xMax - xMin) * (WIDTH - LEFT - RIGHT);
  }

  private double y(double log) {
    return TOP + (yMax - log) / (yMax - yMin) * (HEIGHT - TOP - BOTTOM);
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
