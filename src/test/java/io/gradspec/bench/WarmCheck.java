package io.gradspec.bench;

import io.gradspec.check.CheckOptions;
import io.gradspec.check.Mode;
import io.gradspec.result.RunResult;
import io.gradspec.run.RunOptions;
import io.gradspec.run.Suite;
import io.gradspec.spec.CheckSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The peer's in-process protocol applied to gradspec: one warm-up check, then N timed checks of the same
 * spec in the same JVM (torch's in-process numbers are also warm: 1 warm-up call, then 5 timed calls).
 * A JVM is not warm after one call the way a Python process is (its JIT compiles hot code over many calls),
 * so the warm-up repeats the untimed check until {@code warmup-seconds} have passed (at least once).
 * Prints one JSON line: {"spec": ..., "warmup_s": ..., "warmup_calls": ..., "times_s": [...], "median_s": ...,
 * "cpu_median_s": ..., "exit_code": ...}.
 * Usage (test classpath): WarmCheck SPEC [repeats=5] [mode=full] [jobs=cores] [trials=1] [warmup-seconds=0];
 * {@code -Dgradspec.bench.taylor=true} runs the Taylor test on passing claims too (as --verbose does);
 * {@code -Dgradspec.bench.method=richardson|complex-step} checks with that method;
 * {@code -Dgradspec.bench.unconfirmed=true} counts disagreements without confirming them (what confirmation costs).
 */
public final class WarmCheck {
  private WarmCheck() {}

  public static void main(String... args) {
    Path spec = Path.of(args[0]);
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Mode mode = args.length > 2 ? Mode.valueOf(args[2].toUpperCase(Locale.ROOT)) : Mode.FULL;
    int jobs = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
    int trials = args.length > 4 ? Integer.parseInt(args[4]) : 1;
    double warmupSeconds = args.length > 5 ? Double.parseDouble(args[5]) : 0;
    String method = System.getProperty("gradspec.bench.method");
    CheckSettings explicit = new CheckSettings(trials, null, method == null ? null : io.gradspec.spec.Method.ofWord(method),
        null, null, null);
    // -Dgradspec.bench.taylor=true: the Taylor test on passing claims too, as --verbose runs it
    RunOptions options = RunOptions.of(CheckOptions.builder().explicit(explicit).jobs(jobs).mode(mode)
        .taylorPassing(Boolean.getBoolean("gradspec.bench.taylor"))
        .unconfirmed(Boolean.getBoolean("gradspec.bench.unconfirmed")).build());
    long t0 = System.nanoTime();
    RunResult first = Suite.run(List.of(spec), options);
    int warmupCalls = 1;
    while ((System.nanoTime() - t0) / 1e9 < warmupSeconds) {
      Suite.run(List.of(spec), options);
      warmupCalls++;
    }
    double warm = (System.nanoTime() - t0) / 1e9;
    List<Double> times = new ArrayList<>();
    // the calling thread's CPU time as well: on a loaded machine it varies less than wall time (it misses
    // work done on other threads, i.e. column blocks)
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    List<Double> cpu = new ArrayList<>();
    for (int i = 0; i < repeats; i++) {
      long c = mx.getCurrentThreadCpuTime();
      long t = System.nanoTime();
      Suite.run(List.of(spec), options);
      times.add((System.nanoTime() - t) / 1e9);
      cpu.add((mx.getCurrentThreadCpuTime() - c) / 1e9);
    }
    cpu.sort(null);
    List<Double> sorted = new ArrayList<>(times);
    sorted.sort(null);
    double median = sorted.get(sorted.size() / 2);
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "{\"spec\": \"%s\", \"warmup_s\": %.6f, \"warmup_calls\": %d, \"times_s\": [",
        spec, warm, warmupCalls));
    for (int i = 0; i < times.size(); i++) sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6f", times.get(i)));
    sb.append(String.format(Locale.ROOT, "], \"median_s\": %.6f, \"cpu_median_s\": %.6f, \"exit_code\": %d}", median,
        cpu.get(cpu.size() / 2), first.exitCode()));
    System.out.println(sb);
  }
}
