package io.gradspec.report.html;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.report.ReportFixtures;
import io.gradspec.result.ErrorGrid;
import io.gradspec.result.RunResult;
import io.gradspec.run.RunOptions;
import io.gradspec.run.Suite;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report is self-contained, draws a heatmap per failed claim, and renders in a real browser. */
class HtmlReporterTest {
  /** Debian's chromium (or chromium-browser elsewhere), found on the PATH; null when not installed. */
  private static final Path CHROMIUM = onPath("chromium", "chromium-browser");

  private static Path onPath(String... names) {
    String path = System.getenv("PATH");
    if (path == null) return null;
    for (String dir : path.split(java.io.File.pathSeparator)) {
      for (String name : names) {
        if (dir.isEmpty()) continue;
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) return p;
      }
    }
    return null;
  }

  @Test void selfContainedNoScriptsNoNetwork() {
    String html = new HtmlReporter().render(ReportFixtures.cases().get("mixed"));
    assertFalse(html.contains("<script"), "no scripts");
    assertFalse(html.contains("<link"), "no stylesheets fetched");
    assertFalse(html.contains("@import") || html.contains("url("), "no fonts or images fetched");
    // the one namespace URI of inline SVG is not a fetch; nothing else may name a URL
    Matcher m = Pattern.compile("(?:https?:)?//[a-zA-Z0-9.-]+").matcher(html.replace("http://www.w3.org/2000/svg", ""));
    assertFalse(m.find(), () -> "a URL in the page: " + m.group());
  }

  @Test void failedClaimsGetAHeatmapPassedOnesAreCollapsed() {
    String html = new HtmlReporter().render(ReportFixtures.cases().get("mixed"));
    assertEquals(3, count(html, "<svg class=\"heatmap\""),
        "outer product (rank 3), the xfailed one (rank 2) and the wrong-shape claim transposed");
    assertEquals(3, count(html, "<svg class=\"heatmap signed\""), "each with its signed view");
    assertTrue(html.contains("one slice per k (Y col)") || html.contains("one slice per k (z)"), html);
    assertTrue(html.contains("<details class=\"spec\" id=\"spec-0\">"), "the passed spec is collapsed");
    assertTrue(html.contains("Heatmap of the claim transposed: the claim has the wrong shape (D, C), its transpose has "
        + "the derivative's shape (C, D); transposed, it matches the numeric derivative."), html);
  }

  @Test void aWrongShapeClaimWhoseTransposeDoesNotFitSaysWhyItHasNoHeatmap() {
    String html = new HtmlReporter().render(ReportFixtures.run(ReportFixtures.wrongShape(false)));
    assertTrue(html.contains("No heatmap: the claim has the wrong shape"), html);
    assertFalse(html.contains("<svg class=\"heatmap"));
  }

  @Test void aTransposedClaimIsSymmetricWithAPaleDiagonal() {
    // claimed W' against W: the error pattern |W[j,i] - W[i,j]| is symmetric and zero on the diagonal
    double[][] w = {{1, 2, 3}, {4, 5, 6}, {7, 8, 10}};
    ErrorGrid g = ReportFixtures.grid(new int[] {3, 3}, f -> new double[] {w[f % 3][f / 3], w[f / 3][f % 3]});
    List<String> fills = fills(firstSvg(Heatmap.render(g, List.of("i", "j"), List.of("y", "x"), 0)));
    assertEquals(9, fills.size());
    for (int i = 0; i < 3; i++) {
      assertEquals("#dcefdc", fills.get(i * 3 + i), "diagonal within tolerance");
      for (int j = 0; j < 3; j++) assertEquals(fills.get(i * 3 + j), fills.get(j * 3 + i));
    }
  }

  @Test void rankOneIsAStripRankFourIsSmallMultiples() {
    ErrorGrid strip = ReportFixtures.grid(new int[] {5}, f -> new double[] {f, f == 2 ? 0 : f});
    String one = Heatmap.render(strip, List.of("i"), List.of("x"), 1);
    assertEquals(5, fills(firstSvg(one)).size());
    assertTrue(one.contains("cells: i (x)"), one);
    assertTrue(one.contains(">5</text>"), "ticks in the spec's index base");
    ErrorGrid four = ReportFixtures.grid(new int[] {2, 3, 2, 2}, f -> new double[] {f % 5, f % 4});
    String svg = Heatmap.render(four, List.of("i", "j", "k", "l"), List.of("Y row", "Y col", "W row", "W col"), 0);
    assertEquals(24, fills(firstSvg(svg)).size());
    assertTrue(svg.contains("k = 1, l = 0"), svg);
    assertTrue(svg.contains("slices: k (W row) down, l (W col) across"), svg);
    ErrorGrid big = new ErrorGrid(new int[] {200, 200}, new float[40000], new float[40000]);
    assertTrue(Heatmap.render(big, List.of(), List.of(), 0).contains("heatmaps are drawn up to"),
        "a grid is never made this large (ErrorGrid.of downsamples it); drawn, it would be megabytes");
  }

  @Test void aGridAbove16384ComponentsIsDrawnDownsampledAsTheMaxOverBlocks() {
    // 256 x 256 = 65536 components: once this got no heatmap at all
    int rows = 256, cols = 256, n = rows * cols;
    double[] claimed = new double[n], numeric = new double[n], fd = new double[n];
    for (int f = 0; f < n; f++) claimed[f] = numeric[f] = 1 + f % 7;
    claimed[57 * cols + 133] += 0.5;   // one wrong component, in block (28, 66) of 2 x 2 ...
    claimed[200 * cols + 10] -= 1e-3;  // ... and a smaller one, negative
    ErrorGrid g = ErrorGrid.of(new int[] {rows, cols}, claimed, numeric, fd, new io.gradspec.result.Tolerance(1e-5, 1e-8));
    assertTrue(g.downsampled());
    assertTrue(g.size() <= ErrorGrid.MAX_CELLS, g.size() + " cells");
    assertArrayEquals(new int[] {2, 2}, g.block());
    assertArrayEquals(new int[] {128, 128}, g.sizes());
    assertEquals(0.5, g.error()[28 * 128 + 66], 1e-6, "the block keeps its worst component");
    assertEquals(-1e-3, g.extreme()[100 * 128 + 5], 1e-9, "and its signed extreme, sign kept");
    String html = Heatmap.render(g, List.of("i", "j"), List.of("y", "x"), 0);
    assertTrue(html.contains("each cell is the max over a 2\u00d72 block"), html.substring(0, 600));
    assertTrue(html.contains("Downsampled: 65536 components in 16384 cells"), html.substring(0, 600));
    List<String> abs = fills(firstSvg(html));
    assertEquals(16384, abs.size());
    assertEquals("#bd0026", abs.get(28 * 128 + 66), "the worst block is the ramp's end");
    assertEquals(1, abs.stream().filter(c -> c.equals("#bd0026")).count());
    assertEquals(abs.size() - 2, abs.stream().filter(c -> c.equals("#dcefdc")).count(), "every other block passes");
    // ticks name the first component of a block
    assertTrue(html.contains(">254</text>") && !html.contains(">255</text>"), "the last block starts at 254");
    assertTrue(html.length() < 3_000_000, "bounded: " + html.length() + " characters");
  }

  @Test void theSignedViewShowsASignPatternThatErrorHides() {
    // claimed - numeric = +0.1 above the diagonal, -0.1 below: one colour in |error|, two in the signed map
    ErrorGrid g = ReportFixtures.grid(new int[] {4, 4}, f -> {
      int sign = Integer.signum(f % 4 - f / 4);
      return new double[] {1 + sign * 0.05, 1 - sign * 0.05};
    });
    String html = Heatmap.render(g, List.of("i", "j"), List.of("y", "x"), 0);
    assertTrue(html.contains("<details class=\"signed\"><summary>signed view: claimed \u2212 numeric</summary>"), html);
    List<String> abs = fills(firstSvg(html));
    List<String> signed = fills(html.substring(html.indexOf("<svg class=\"heatmap signed\"")));
    assertEquals(16, signed.size());
    assertEquals(abs.get(1), abs.get(4), "|error| cannot tell +0.1 from -0.1");
    assertEquals("#b2182b", signed.get(1), "above the diagonal: positive, red");
    assertEquals("#2166ac", signed.get(4), "below: negative, blue");
    assertEquals("#f7f7f7", signed.get(0), "the diagonal: 0, white");
    // a constant offset is one colour everywhere in the signed map, whatever the tolerances
    ErrorGrid offset = ReportFixtures.grid(new int[] {3, 3}, f -> new double[] {f + 0.25, f});
    List<String> flat = fills(Heatmap.render(offset, List.of(), List.of(), 0).split("<svg class=\"heatmap signed\"")[1]);
    assertEquals(9, flat.stream().filter(c -> c.equals("#b2182b")).count(), flat.toString());
  }

  @Test void tickLabelsAreSpacedByTheirWidth() {
    // 3-digit labels need 3 cells of 8 px: every 5th; 1-digit labels of 40 px cells: every one
    assertEquals(5, TickSpacing.every(8, TickSpacing.width("120")));
    assertEquals(1, TickSpacing.every(40, TickSpacing.width("7")));
    assertEquals(2, TickSpacing.every(7, TickSpacing.HEIGHT));
    // the last cell replaces the last multiple, never sits next to it (57 and 59 overlapped at 6 px)
    assertEquals(List.of(0, 5, 10, 19), TickSpacing.shown(20, 5));
    assertEquals(List.of(0, 5, 10, 15), TickSpacing.shown(16, 5));
    assertEquals(List.of(0), TickSpacing.shown(3, 5));
    for (int count = 1; count < 300; count++) {
      for (int every : new int[] {1, 2, 5, 10, 20}) {
        List<Integer> shown = TickSpacing.shown(count, every);
        for (int t = 1; t < shown.size(); t++) {
          assertTrue(shown.get(t) - shown.get(t - 1) >= every, count + " cells, every " + every + ": " + shown);
        }
      }
    }
  }

  /**
   * Measures every tick label of maps of many sizes in headless Chromium (the page with a measuring script
   * added, read back with --dump-dom): no two labels of one map overlap.
   */
  @Test void tickLabelsNeverOverlapInHeadlessChromium(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(CHROMIUM != null, "chromium not installed (apt-get install -y chromium; .ci/run does)");
    StringBuilder body = new StringBuilder();
    int[][] shapes = {{7}, {60}, {400}, {9, 9}, {24, 24}, {30, 60}, {60, 120}, {128, 128}, {1000, 1000}, {140, 3000},
        {12, 40, 3}, {60, 60, 4}, {20, 30, 2, 3}, {101, 7, 5}};
    for (int[] shape : shapes) {
      int n = 1;
      for (int s : shape) n *= s;
      double[] claimed = new double[n], numeric = new double[n], fd = new double[n];
      for (int f = 0; f < n; f++) { claimed[f] = f % 11; numeric[f] = f % 13; }
      ErrorGrid g = ErrorGrid.of(shape, claimed, numeric, fd, new io.gradspec.result.Tolerance(1e-5, 1e-8));
      body.append(Heatmap.render(g, null, null, 1).replace("<details class=\"signed\">", "<details class=\"signed\" open>"));
    }
    String measure = """
        <script>
        const found = [];
        let ticks = 0;
        document.querySelectorAll('svg.heatmap').forEach((svg, m) => {
          const boxes = [...svg.querySelectorAll('text.tick')].map(t => [t.textContent, t.getBoundingClientRect()]);
          ticks += boxes.length;
          for (let a = 0; a < boxes.length; a++) for (let b = a + 1; b < boxes.length; b++) {
            const p = boxes[a][1], q = boxes[b][1];
            const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
            const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
            if (w > 0.5 && h > 0.5) found.push('map ' + m + ': ' + boxes[a][0] + ' and ' + boxes[b][0]);
          }
        });
        document.body.insertAdjacentHTML('beforeend', '<pre id="overlaps">ticks ' + ticks + '; overlaps '
            + found.length + ': ' + found.slice(0, 20).join('; ') + '</pre>');
        </script>
        """;
    String page = new HtmlReporter().render(ReportFixtures.cases().get("passed"))
        .replace("</body>", body + measure + "</body>");
    Path file = dir.resolve("ticks.html");
    Files.writeString(file, page);
    String dom = dumpDom(dir, file);
    Matcher m = Pattern.compile("<pre id=\"overlaps\">ticks (\\d+); overlaps (\\d+): ([^<]*)</pre>").matcher(dom);
    assertTrue(m.find(), () -> "the measuring script did not run:\n" + dom.substring(Math.max(0, dom.length() - 2000)));
    assertTrue(Integer.parseInt(m.group(1)) > 200, "labels were measured: " + m.group(1));
    assertEquals("0", m.group(2), "overlapping tick labels: " + m.group(3));
  }

  private static String dumpDom(Path dir, Path page) throws IOException, InterruptedException {
    Path out = dir.resolve("dom.html");
    List<String> cmd = List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + dir.resolve("profile"), "--dump-dom", page.toUri().toString());
    Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("chromium.log").toFile()).redirectOutput(out.toFile())
        .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish within 120 s");
    }
    return read(out);
  }

  /**
   * Renders the page in headless Chromium when it is installed and checks the screenshot is not blank.
   * The README's picture is docs/update_screenshot.py's, from a real run of bin/gradspec on all of specs/mistakes.
   */
  @Test void rendersInHeadlessChromium(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(CHROMIUM != null, "chromium not installed (apt-get install -y chromium; .ci/run does)");
    // the first 14 mistakes, as when this test was written: the later ones (issue 13's layers) lengthen the
    // table of specs above the heatmaps past the first screen
    List<Path> first;
    try (var files = Files.list(Path.of("specs/mistakes"))) {
      first = files.filter(f -> f.toString().endsWith(".yaml")).sorted().limit(14).toList();
    }
    RunResult run = Suite.run(first, RunOptions.defaults());
    Path page = dir.resolve("report.html");
    Files.writeString(page, new HtmlReporter().render(run));
    Path png = screenshot(dir, page, "1200,900");
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1200, image.getWidth());
    long colored = 0, nonWhite = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        if (rgb != 0xffffff) nonWhite++;
        int r = rgb >> 16, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
        if (r > 150 && g < 60 && b < 80) colored++;   // the heatmap's dark reds
      }
    }
    long total = (long) image.getWidth() * image.getHeight();
    assertTrue(nonWhite > total / 50, "screenshot is nearly blank: " + nonWhite + " of " + total + " pixels not white");
    assertTrue(colored > 500, "no heatmap visible in the first screen: " + colored + " red pixels");
  }

  private static Path screenshot(Path dir, Path page, String size) throws IOException, InterruptedException {
    Path png = dir.resolve("shot-" + size.replace(',', 'x') + ".png");
    List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + dir.resolve("profile"), "--screenshot=" + png,
        "--window-size=" + size, page.toUri().toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile())
        .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish within 120 s");
    }
    assertTrue(Files.exists(png), () -> "no screenshot; chromium said:\n" + read(dir.resolve("chromium.log")));
    return png;
  }

  private static String read(Path p) {
    try { return Files.readString(p); } catch (IOException e) { return e.toString(); }
  }

  /** The |error| map, without the signed view after it. */
  private static String firstSvg(String html) {
    return html.substring(0, html.indexOf("</svg>"));
  }

  private static List<String> fills(String svg) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("<rect [^>]*fill=\"(#[0-9a-f]{6})\"").matcher(svg);
    while (m.find()) out.add(m.group(1));
    return out;
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int at = s.indexOf(part); at >= 0; at = s.indexOf(part, at + 1)) n++;
    return n;
  }
}
