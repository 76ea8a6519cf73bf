package io.gradspec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/architecture.md, enforced: every reference from one of our packages to another
 * (an import or a qualified name in the code) points down the list below, so there is no cycle and a
 * package can be read knowing only the ones beneath it. Packages on the same line do not know each other.
 */
class ArchitectureTest {
  /** Bottom first. */
  static final List<List<String>> LAYERS = List.of(
      List.of("io.gradspec", "io.gradspec.math", "io.gradspec.program"),
      List.of("io.gradspec.spec"),
      List.of("io.gradspec.spec.load"),
      List.of("io.gradspec.expr.syntax"),
      List.of("io.gradspec.expr.shape"),
      List.of("io.gradspec.expr.kernel"),
      List.of("io.gradspec.expr.builtin"),
      List.of("io.gradspec.expr.sema"),
      List.of("io.gradspec.expr.eval"),
      List.of("io.gradspec.numeric"),
      List.of("io.gradspec.result"),
      List.of("io.gradspec.check.hint"),
      List.of("io.gradspec.check"),
      List.of("io.gradspec.run"),
      List.of("io.gradspec.report"),
      List.of("io.gradspec.report.text"),
      List.of("io.gradspec.report.json", "io.gradspec.report.junit", "io.gradspec.report.markdown",
          "io.gradspec.report.html"),
      List.of("io.gradspec.report.output"),
      List.of("io.gradspec.api"),
      List.of("io.gradspec.junit"),
      List.of("io.gradspec.cli"));

  /** The two classes allowed past {@link #MAX_LINES}: the parser (one method per grammar rule) and fast mode (its proof). */
  static final Set<String> LONG_CLASSES = Set.of("io.gradspec.expr.syntax.Parser", "io.gradspec.check.FastCheck");
  static final int MAX_LINES = 420;

  /**
   * What report code may use besides its own packages: it puts results into words, so it reads the results,
   * the spec's positions and diagnostics, and expressions' syntax (to print a fix), never the engine that
   * made the results (check, run, expr.eval, ...).
   */
  static final Set<String> REPORT_MAY_USE = Set.of("io.gradspec", "io.gradspec.spec", "io.gradspec.expr.syntax",
      "io.gradspec.result");

  private static final Path MAIN = Path.of("src/main/java");
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern REFERENCE = Pattern.compile("\\bio\\.gradspec(?:\\.[a-z]\\w*)*(?=\\.[A-Z])");
  private static final Pattern WILDCARD = Pattern.compile("^import (static )?io\\.gradspec[\\w.]*\\.\\*;", Pattern.MULTILINE);

  static Map<Path, String> sources() throws IOException {
    Map<Path, String> out = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        out.put(p, Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  static int layer(String pkg) {
    for (int i = 0; i < LAYERS.size(); i++) if (LAYERS.get(i).contains(pkg)) return i;
    return -1;
  }

  /** The code of a file without comments, string, text-block and character literals, which may name packages freely. */
  static String code(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0, n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
        while (i < n && text.charAt(i) != '\n') i++;
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (text.startsWith("\"\"\"", i)) {
        int end = text.indexOf("\"\"\"", i + 3);
        while (end > 0 && text.charAt(end - 1) == '\\') end = text.indexOf("\"\"\"", end + 1);
        i = end < 0 ? n : end + 3;
      } else if (c == '"' || c == '\'') {
        i++;
        while (i < n && text.charAt(i) != c) i += text.charAt(i) == '\\' ? 2 : 1;
        i++;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  @Test
  void everyPackageIsInALayer() throws IOException {
    Set<String> missing = new TreeSet<>();
    for (var e : sources().entrySet()) {
      Matcher m = PACKAGE.matcher(e.getValue());
      assertTrue(m.find(), e.getKey() + " has no package");
      if (layer(m.group(1)) < 0) missing.add(m.group(1));
    }
    assertEquals(Set.of(), missing, "packages not in ArchitectureTest.LAYERS (and docs/architecture.md)");
  }

  @Test
  void everyReferencePointsDownALayer() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (var e : sources().entrySet()) {
      String text = e.getValue();
      Matcher pm = PACKAGE.matcher(text);
      pm.find();
      String pkg = pm.group(1);
      int mine = layer(pkg);
      if (WILDCARD.matcher(text).find()) wrong.add(e.getKey() + ": a wildcard import of our packages hides what it uses");
      Set<String> targets = new TreeSet<>();
      Matcher m = REFERENCE.matcher(code(text));
      while (m.find()) targets.add(m.group());
      for (String t : targets) {
        if (t.equals(pkg)) continue;
        int theirs = layer(t);
        if (theirs < 0 || theirs >= mine) {
          wrong.add(MAIN.relativize(e.getKey()) + " (" + pkg + ") uses " + t
              + (theirs == mine ? ", on its own layer" : theirs > mine ? ", a layer above it" : ", which is in no layer"));
        }
      }
    }
    assertEquals(List.of(), wrong, "references that point up a layer or across one (docs/architecture.md)");
  }

  @Test
  void reportsUseOnlyResults() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (var e : sources().entrySet()) {
      Matcher pm = PACKAGE.matcher(e.getValue());
      pm.find();
      String pkg = pm.group(1);
      if (!pkg.equals("io.gradspec.report") && !pkg.startsWith("io.gradspec.report.")) continue;
      Set<String> targets = new TreeSet<>();
      Matcher m = REFERENCE.matcher(code(e.getValue()));
      while (m.find()) targets.add(m.group());
      for (String t : targets) {
        if (t.equals("io.gradspec.report") || t.startsWith("io.gradspec.report.") || REPORT_MAY_USE.contains(t)) continue;
        wrong.add(MAIN.relativize(e.getKey()) + " (" + pkg + ") uses " + t + ", which a report may not use");
      }
    }
    assertEquals(List.of(), wrong, "report code that reaches past the results it words");
  }

  @Test
  void noClassIsTooLongToRead() throws IOException {
    List<String> tooLong = new ArrayList<>();
    for (var e : sources().entrySet()) {
      String rel = MAIN.relativize(e.getKey()).toString();
      String cls = rel.substring(0, rel.length() - ".java".length()).replace('/', '.');
      long lines = e.getValue().lines().count();
      if (lines > MAX_LINES && !LONG_CLASSES.contains(cls)) tooLong.add(cls + ": " + lines + " lines");
    }
    assertEquals(List.of(), tooLong, "classes over " + MAX_LINES + " lines: split them by job");
  }
}
