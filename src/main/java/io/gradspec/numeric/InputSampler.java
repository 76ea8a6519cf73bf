package io.gradspec.numeric;

import io.gradspec.expr.eval.Program;
import io.gradspec.expr.kernel.Node;
import io.gradspec.expr.sema.TypedSpec.InputInfo;
import io.gradspec.math.BoxMuller;
import io.gradspec.math.SplitMix64;
import io.gradspec.spec.Init;
import io.gradspec.spec.InputDecl;
import io.gradspec.spec.InputType;
import io.gradspec.spec.IntRange;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * Draws each trial's input values. Every input gets its own generator, seeded from the run seed, the spec
 * name, the dims map, the trial number and the input's name, so a result does not depend on file order,
 * on `--jobs`, or on the other inputs. Gaussians use our own Box-Muller ({@link BoxMuller}) on
 * {@link SplittableRandom}, whose algorithm is fixed, so the numbers are the same on every JDK.
 */
public final class InputSampler {
  private InputSampler() {}

  /** Fills every input of the program that has no literal `value`. */
  public static void draw(Program p, long runSeed, String specName, int trial) {
    draw(p, runSeed, specName, trial, false);
  }

  /** As {@link #draw(Program, long, String, int)}; {@code parallel}: large inputs are drawn in parallel parts. */
  public static void draw(Program p, long runSeed, String specName, int trial, boolean parallel) {
    for (Map.Entry<String, Node.Source> e : p.inputs().entrySet()) {
      InputInfo info = p.typed.inputs.get(e.getKey());
      if (info.decl().value() != null) continue; // literal, filled at compile time
      long seed = seed(runSeed, specName, p.dims, trial, e.getKey());
      if (info.decl().isDiscrete()) {
        fillDiscrete(e.getValue().m, info.decl(), p.dims, p.typed.spec.indexBase(), seed);
        continue;
      }
      fill(e.getValue().m, info.decl().init() == null ? Init.NORMAL : info.decl().init(), seed, parallel);
    }
  }

  /** The generator seed of one input in one trial (64-bit FNV-1a of a canonical string, then mixed). */
  public static long seed(long runSeed, String specName, Map<String, Integer> dims, int trial, String input) {
    String canon = runSeed + "\u0000" + specName + "\u0000" + new TreeMap<>(dims) + "\u0000" + trial + "\u0000" + input;
    long h = 0xcbf29ce484222325L;
    for (byte b : canon.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33; h *= 0xff51afd7ed558ccdL; h ^= h >>> 33; h *= 0xc4ceb9fe1a85ec53L; h ^= h >>> 33;
    return h;
  }

  /** Fills {@code m} with draws from a {@link SplittableRandom} seeded {@code seed}. */
  static void fill(DMatrixRMaj m, Init init, long seed, boolean parallel) {
    switch (init) {
      case NORMAL, UNIFORM, POSITIVE -> {
        // one entry after the other, but each knows its own draws: large inputs fill in parallel
        double[] d = m.data;
        int len = m.getNumElements();
        int perEntry = init == Init.NORMAL ? 2 : 1;
        int parts = !parallel || len < PARALLEL_FILL ? 1 : Math.min(Runtime.getRuntime().availableProcessors(), len / PARALLEL_FILL + 1);
        if (parts <= 1) {
          fillRange(d, init, seed, 0, len, perEntry);
        } else {
          java.util.stream.IntStream.range(0, parts).parallel().forEach(b ->
              fillRange(d, init, seed, (int) ((long) len * b / parts), (int) ((long) len * (b + 1) / parts), perEntry));
        }
      }
      default -> fill(m, init, new SplittableRandom(seed));
    }
  }

  /**
   * An int input: uniform on its range ({@code range: C} is base to base + C - 1, the valid indices of an
   * axis of length C); a bool input: 0 or 1 with equal odds.
   */
  static void fillDiscrete(DMatrixRMaj m, InputDecl decl, Map<String, Integer> dims, int base, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    long lo = 0, hi = 2;
    if (decl.type() == InputType.INT) {
      IntRange r = decl.range();
      lo = r.dim() != null ? base : r.lo();
      hi = r.dim() != null ? base + (long) dims.get(r.dim().value()) : r.hi();
    }
    double[] d = m.data;
    for (int i = 0; i < m.getNumElements(); i++) d[i] = rng.nextLong(lo, hi);
  }

  /** From this many entries an input is drawn in parallel parts. */
  static final int PARALLEL_FILL = 1 << 16;

  /**
   * Entries [from, to) as drawn one after the other from {@code new SplittableRandom(seed)}: that
   * generator's draw k is a function of seed + (k + 1) gamma (Steele, Lea and Flood's SplitMix64, which
   * SplittableRandom specifies), so any entry's draws can be made without those before it.
   */
  private static void fillRange(double[] d, Init init, long seed, int from, int to, int perEntry) {
    long s = seed + (long) from * perEntry * SplitMix64.GAMMA;
    switch (init) {
      case NORMAL -> {
        for (int i = from; i < to; i++) {
          s += SplitMix64.GAMMA;
          double u1 = unit(s);
          s += SplitMix64.GAMMA;
          d[i] = BoxMuller.of(u1, unit(s));
        }
      }
      case UNIFORM -> { for (int i = from; i < to; i++) { s += SplitMix64.GAMMA; d[i] = 2 * unit(s) - 1; } }
      default -> { for (int i = from; i < to; i++) { s += SplitMix64.GAMMA; d[i] = 0.5 + 1.5 * unit(s); } }
    }
  }

  /** SplittableRandom.nextDouble() for the generator state {@code s} (after the increment). */
  private static double unit(long s) {
    return SplitMix64.unit(SplitMix64.mix64(s));
  }

  static void fill(DMatrixRMaj m, Init init, SplittableRandom rng) {
    double[] d = m.data;
    int len = m.getNumElements();
    switch (init) {
      case NORMAL -> { for (int i = 0; i < len; i++) d[i] = BoxMuller.next(rng); }
      case UNIFORM -> { for (int i = 0; i < len; i++) d[i] = 2 * rng.nextDouble() - 1; }
      case POSITIVE -> { for (int i = 0; i < len; i++) d[i] = 0.5 + 1.5 * rng.nextDouble(); }
      case SYMMETRIC -> {
        int n = m.numRows;
        for (int i = 0; i < len; i++) d[i] = BoxMuller.next(rng);
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) {
          double v = 0.5 * (d[i * n + j] + d[j * n + i]);
          d[i * n + j] = v; d[j * n + i] = v;
        }
      }
      case ORTHOGONAL -> m.setTo(orthogonal(m.numRows, rng));
      case SPD -> {
        // Q diag(lambda) Q' with eigenvalues in [0.5, 2]: condition number at most 4
        int n = m.numRows;
        DMatrixRMaj q = orthogonal(n, rng);
        DMatrixRMaj ql = q.copy();
        for (int j = 0; j < n; j++) {
          double lambda = 0.5 + 1.5 * rng.nextDouble();
          for (int i = 0; i < n; i++) ql.data[i * n + j] *= lambda;
        }
        CommonOps_DDRM.multTransB(ql, q, m);
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) {
          double v = 0.5 * (d[i * n + j] + d[j * n + i]);
          d[i * n + j] = v; d[j * n + i] = v;
        }
      }
    }
  }

  /** Q of the QR decomposition of a Gaussian matrix, signs fixed so the distribution is uniform (Haar). */
  static DMatrixRMaj orthogonal(int n, SplittableRandom rng) {
    DMatrixRMaj g = new DMatrixRMaj(n, n);
    for (int i = 0; i < n * n; i++) g.data[i] = BoxMuller.next(rng);
    QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, n);
    qr.decompose(g.copy());
    DMatrixRMaj q = qr.getQ(null, false);
    DMatrixRMaj r = qr.getR(null, false);
    for (int j = 0; j < n; j++) {
      if (r.get(j, j) < 0) for (int i = 0; i < n; i++) q.set(i, j, -q.get(i, j));
    }
    return q;
  }
}
