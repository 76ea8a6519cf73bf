package io.gradspec.check;

import io.gradspec.result.Tolerance;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Timings of fast mode, printed, not asserted (the box is shared). Runs only on request:
 * {@code mvn -o -q test -Dtest=FastModeTiming -Dgradspec.timing=true}.
 */
class FastModeTiming {
  @Test void quadraticFormWrtAOneMillionComponents() {
    Assumptions.assumeTrue(Boolean.getBoolean("gradspec.timing"), "set -Dgradspec.timing=true");
    String yaml = """
        name: quadratic form wrt A, n = 1000
        dims: {N: 1000}
        inputs: {A: [N, N], x: [N]}
        define:
          f: x' * A * x
        claims:
          - {wrt: A, claim: "%s"}
        """;

    String oneHot123 = oneHot(1000, 123), oneHot456 = oneHot(1000, 456);
    String matrix = yaml.replace("x: [N]}", "x: [N], e: {shape: [N], value: " + oneHot123 + "}, g: {shape: [N], value: "
        + oneHot456 + "}}");
    time("matrix claim x * x' + 0.5 * e * g'", matrix.formatted("x * x' + 0.5 * e * g'"), true);
    time("matrix claim x * x' (correct)", matrix.formatted("x * x'"), false);
    for (String claim : new String[] {
        "[i, j] -> x[i] * x[j] + 0.5 * delta(i, 123) * delta(j, 456)",
        "[i, j] -> x[i] * x[j]"}) {
      time(claim, yaml.formatted(claim), claim.contains("delta"));
    }
  }

  private static String oneHot(int n, int at) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : ", ").append(i == at ? 1 : 0);
    return sb.append("]").toString();
  }

  private static void time(String label, String yaml, boolean planted) {
    for (int rep = 0; rep < 4; rep++) {
      FastCheckTest.Setup s = FastCheckTest.Setup.of(yaml, rep);
      java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
      long c0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      FastCheck.Outcome o = FastCheck.compare(s.check(new Tolerance(1e-5, 1e-8)), rep, 1);
      long t1 = System.nanoTime();
      long c1 = mx.getCurrentThreadCpuTime();
      System.out.printf("%-60s rep %d: %6.0f ms wall, %6.0f ms cpu, mode %s, %d evaluations, %d mismatches%s%n", label, rep,
          (t1 - t0) / 1e6, (c1 - c0) / 1e6, o.mode().word(), o.evaluations(), o.comparison().mismatches,
          o.comparison().worst.isEmpty() ? "" : " at flat " + o.comparison().worst.get(0).flat());
    }
  }
}
