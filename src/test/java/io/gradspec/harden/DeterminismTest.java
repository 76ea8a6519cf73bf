package io.gradspec.harden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same seed and inputs give byte-identical JSON and text reports (apart from {@code duration_ms}),
 * across file order and folder names, Java 17 and Java 25, the de_DE and tr_TR locales (environment and
 * JVM properties), and {@code --jobs} once it exists. Each variant runs the real command line in a
 * subprocess, on every spec under specs/ plus one that fails and is inconclusive under several dims.
 */
class DeterminismTest {
  /**
   * The java of a Java 25 to compare with: {@code -Dgradspec.java25=DIR} or {@code JAVA25_HOME} (a JDK's
   * home), else a JDK 25 installed beside the one running the tests (e.g. /usr/lib/jvm/temurin-25-jdk-amd64
   * beside /usr/lib/jvm/java-17-openjdk-amd64). Null when there is none: the comparison is then skipped.
   */
  static Path java25() {
    List<Path> homes = new ArrayList<>();
    for (String given : new String[] {System.getProperty("gradspec.java25"), System.getenv("JAVA25_HOME")}) {
      if (given != null && !given.isBlank()) homes.add(Path.of(given));
    }
    Path parent = Path.of(System.getProperty("java.home")).getParent();
    if (parent != null && Files.isDirectory(parent)) {
      try (Stream<Path> siblings = Files.list(parent)) {
        siblings.sorted().forEach(homes::add);
      } catch (IOException e) {
        // no listing: only the homes given explicitly
      }
    }
    for (Path home : homes) {
      Path java = home.resolve("bin").resolve("java");
      if (Files.isExecutable(java) && isJava25(home)) return java;
    }
    return null;
  }

  /** The JDK's release file says JAVA_VERSION="25...". */
  private static boolean isJava25(Path home) {
    try {
      return Files.readAllLines(home.resolve("release")).stream().anyMatch(l -> l.startsWith("JAVA_VERSION=\"25"));
    } catch (IOException e) {
      return false;
    }
  }
  static final String EXTRA = """
      name: several dims, a failure and an inconclusive claim
      dims: [{C: 3, D: 4, E: 2, F: 1, G: 2}, {C: 2, D: 2, E: 1, F: 3, G: 1}]
      inputs: {W: [C, D], x: [D], v: [E, G]}
      define:
        y: W * x + sum(v) * ones(C, 1)
      claims:
        - {wrt: x, claim: W'}
        - {wrt: W, claim: "[i, j, k] -> delta(i, k) * x[j]"}
        - {wrt: v, claim: "[i, a, b] -> log(0 - 1)"}
        - {wrt: x, claim: "2 * W", rtol: 1e-3}
      """;

  @TempDir static Path tmp;
  static Path first, second;
  static String baselineJson, baselineText;

  /** Two copies of the specs: different parent folder names, files created in opposite orders. */
  @BeforeAll
  static void copies() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(Path.of("specs"))) {
      files = new ArrayList<>(s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList());
    }
    first = copy(tmp.resolve("one"), files);
    Collections.reverse(files);
    second = copy(tmp.resolve("zwei"), files);
    baselineJson = run(List.of(java17()), Map.of(), first, "json");
    baselineText = run(List.of(java17()), Map.of(), first, "text");
    assertTrue(baselineJson.contains("\"failed\": 3") && baselineJson.contains("\"inconclusive\": 1"), baselineJson);
  }

  static Path copy(Path root, List<Path> files) throws IOException {
    Path specs = root.resolve("specs");
    for (Path f : files) {
      Path to = specs.resolve(Path.of("specs").relativize(f).toString());
      Files.createDirectories(to.getParent());
      Files.copy(f, to);
    }
    Files.writeString(specs.resolve("zz-extra.yaml"), EXTRA);
    return root;
  }

  static String java17() { return Path.of(System.getProperty("java.home"), "bin", "java").toString(); }

  /** Runs {@code check specs} in {@code cwd}; returns the report with the durations blanked. */
  static String run(List<String> jvm, Map<String, String> env, Path cwd, String format, String... extra) {
    List<String> cmd = new ArrayList<>(jvm);
    cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        "io.gradspec.cli.Main", "check", "--seed", "7", "--no-color", "--format", format));
    cmd.addAll(List.of(extra));
    cmd.add("specs");
    try {
      Path out = Files.createTempFile(tmp, "out", ".txt");
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectOutput(out.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD);
      pb.environment().putAll(env);
      Process p = pb.start();
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + cmd);
      assertEquals(1, p.exitValue(), "exit code of " + cmd);   // the extra spec fails
      return Files.readString(out, StandardCharsets.UTF_8).replaceAll("\"duration_ms\": \\d+", "\"duration_ms\": 0");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static void same(List<String> jvm, Map<String, String> env, Path cwd, String... extra) {
    assertEquals(baselineJson, run(jvm, env, cwd, "json", extra), "json under " + jvm + " " + env + " " + List.of(extra));
    assertEquals(baselineText, run(jvm, env, cwd, "text", extra), "text under " + jvm + " " + env + " " + List.of(extra));
  }

  @Test
  void acrossFileOrderAndFolderNames() {
    same(List.of(java17()), Map.of(), second);
  }

  @Test
  void acrossLocales() {
    for (String[] l : new String[][] {{"tr_TR.UTF-8", "tr", "TR"}, {"de_DE.UTF-8", "de", "DE"}}) {
      same(List.of(java17(), "-Duser.language=" + l[1], "-Duser.country=" + l[2]),
          Map.of("LANG", l[0], "LC_ALL", l[0]), second);
    }
  }

  @Test
  void acrossJava17AndJava25() {
    Path java25 = java25();
    assumeTrue(java25 != null, "no Java 25 found (set -Dgradspec.java25=DIR or JAVA25_HOME to a JDK 25)");
    same(List.of(java25.toString()), Map.of(), first);
    same(List.of(java25.toString(), "-Duser.language=tr", "-Duser.country=TR"), Map.of("LANG", "tr_TR.UTF-8", "LC_ALL", "tr_TR.UTF-8"), second);
  }

  @Test
  void acrossJobs() {
    for (String jobs : new String[] {"1", "2", "4"}) same(List.of(java17()), Map.of(), second, "--jobs", jobs);
  }
}
