package io.gradspec.bench;

import io.gradspec.program.NdArray;
import io.gradspec.program.ProgramClient;
import io.gradspec.program.Signature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Protocol overhead per perturbed evaluation of a trivial function through `perturb` (issue 10's target:
 * at most 20 us): starts bench/programs/trivial.py, asks for the 2n perturbed points of a full check in
 * as few requests as the client cuts them into, and prints microseconds per point, requests and bytes.
 *
 *   java -cp target/classes:target/test-classes:$(cat target/classpath) io.gradspec.bench.ProtocolOverhead [n] [reps]
 */
public final class ProtocolOverhead {
  public static void main(String[] a) throws Exception {
    int n = a.length > 0 ? Integer.parseInt(a[0]) : 1000;
    int reps = a.length > 1 ? Integer.parseInt(a[1]) : 5;
    for (String fn : List.of("s", "f")) {
      int[] ret = fn.equals("s") ? new int[0] : new int[] {n};
      Map<String, Signature> sig = Map.of("f", new Signature(List.of(new int[] {n}), new int[] {n}),
          "s", new Signature(List.of(new int[] {n}), new int[0]));
      try (ProgramClient c = ProgramClient.start(List.of("python3", "trivial.py"), Path.of("bench/programs").toAbsolutePath(), 60, sig)) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = Math.sin(i);
        List<NdArray> base = List.of(new NdArray(new int[] {n}, x));
        int[] idx = new int[2 * n];
        double[] delta = new double[2 * n];
        for (int k = 0; k < n; k++) {
          idx[2 * k] = k; delta[2 * k] = 1e-6;
          idx[2 * k + 1] = k; delta[2 * k + 1] = -1e-6;
        }
        List<Double> times = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
          long t0 = System.nanoTime();
          c.perturb(fn, base, 0, idx, delta, ret);
          times.add((System.nanoTime() - t0) / 1e3 / (2.0 * n));
        }
        times.sort(null);
        long req0 = c.requests(), out0 = c.bytesOut(), in0 = c.bytesIn();
        c.perturb(fn, base, 0, idx, delta, ret);
        System.out.printf("%s: n = %d, %d perturbed points: median %.2f us per point (min %.2f); one full sweep = %d requests, %d bytes out, %d bytes in%n",
            fn.equals("s") ? "sum (scalar out)" : "identity (n out)", n, 2 * n, times.get(times.size() / 2), times.get(0),
            c.requests() - req0, c.bytesOut() - out0, c.bytesIn() - in0);
      }
    }
  }
}
