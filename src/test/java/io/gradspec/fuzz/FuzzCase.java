package io.gradspec.fuzz;

import io.gradspec.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runs one fuzz case through {@link Main#run} in-process and checks the invariants: an exit code of the
 * contract, no stack trace or exception class name on any stream, a file:line:col under every error, and
 * bounded time.
 */
public final class FuzzCase {
  /** A case taking longer than this is a failure (the runs use one trial and a small timeout). */
  public static final long MAX_MILLIS = 10_000;
  static final Set<Integer> EXIT_CODES = Set.of(0, 1, 2, 3, 4);
  private static final Pattern LOCATION = Pattern.compile("\\s*--> .+:\\d+:\\d+");
  private static final Pattern EXCEPTION = Pattern.compile("\\b[A-Z]\\w*(Exception|Error)\\b|\tat ");

  /** What happened; {@code problem} is null when every invariant holds. */
  public record Outcome(int exitCode, long millis, String problem, String output) {}

  private FuzzCase() {}

  public static Outcome run(Path file) {
    return variant(file, 0);
  }

  /**
   * Runs {@code file} with the options of variant {@code variant % 4}: plain, a backtracking-prone
   * {@code --filter}, {@code --output} to a device, fast mode with two threads.
   */
  public static Outcome variant(Path file, long variant) {
    StringWriter out = new StringWriter(), err = new StringWriter();
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
        "check", "--trials", "1", "--timeout", "5", "--no-color", file.toString()));
    switch ((int) Math.floorMod(variant, 4L)) {
      case 1 -> args.addAll(java.util.List.of("--filter", "*a*a*a*a*a*b"));
      case 2 -> args.addAll(java.util.List.of("--output", "/dev/null", "--format", "json"));
      case 3 -> args.addAll(java.util.List.of("--mode", "fast", "--jobs", "2"));
      default -> { }
    }
    long t0 = System.nanoTime();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    String all = out + "\n" + err;
    return new Outcome(code, ms, problem(code, ms, all), all);
  }

  /** Writes the case for {@code seed} into {@code dir} and runs it. */
  public static Outcome run(Path dir, long seed) {
    Path file = dir.resolve("case-" + seed + ".yaml");
    try {
      Files.write(file, SpecGenerator.bytes(SpecGenerator.mutated(seed)));
      return variant(file, seed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a leftover temp file is harmless
      }
    }
  }

  static String problem(int code, long ms, String all) {
    if (!EXIT_CODES.contains(code)) return "exit code " + code;
    if (EXCEPTION.matcher(all).find()) return "stack trace or exception name in the output";
    String[] lines = all.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("error[") && (i + 1 >= lines.length || !LOCATION.matcher(lines[i + 1]).matches())) {
        return "error without file:line:col: " + lines[i];
      }
    }
    if (ms > MAX_MILLIS) return "took " + ms + " ms";
    return null;
  }
}
