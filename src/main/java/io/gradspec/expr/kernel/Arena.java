package io.gradspec.expr.kernel;

import java.lang.ref.SoftReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * The buffers of one compiled program, taken from (and, once the program is released, given back to) a
 * process-wide pool. The compiler makes one arena per program and hands it to every node it builds
 * (through {@link Buffers}); nothing finds an arena implicitly. Checking a spec compiles it afresh each time; allocating its buffers anew costs more
 * than a warm evaluation does (fresh arrays of tens of kilobytes are allocated outside the thread's
 * allocation buffer and written to memory that is not in cache), so a program reuses the arrays of an
 * earlier one of the same sizes. A buffer from the pool is zeroed like a new one, and has exactly the
 * requested length, so nothing can tell the two apart. The pool holds its arrays softly: the collector
 * may take them back under memory pressure.
 */
public final class Arena {
  private static final Map<Integer, ArrayDeque<SoftReference<double[]>>> POOL = new HashMap<>();
  /** At most this many doubles wait in the pool (an eighth of the heap). */
  private static final long MAX_POOLED = Runtime.getRuntime().maxMemory() / 64;
  private static long pooled;

  private final List<double[]> owned = new ArrayList<>();
  private boolean released;

  /** An empty arena, for the buffers of one program (the compiler makes one per program it builds). */
  public Arena() {}

  /** A zeroed array of exactly {@code len} doubles, owned by this arena. */
  double[] zeroed(int len) {
    double[] d = take(len);
    Arrays.fill(d, 0.0);
    return d;
  }

  /** A zeroed {@code rows x cols} matrix whose buffer belongs to this arena. */
  DMatrixRMaj matrix(int rows, int cols) {
    return DMatrixRMaj.wrap(rows, cols, zeroed(rows * cols));
  }

  /** An array of exactly {@code len} doubles with unspecified contents, owned by this arena. */
  double[] take(int len) {
    double[] d = null;
    if (len >= MIN_POOLED) d = poll(len);
    if (d == null) d = new double[len];
    if (len >= MIN_POOLED) {
      synchronized (owned) { if (!released) owned.add(d); }
    }
    return d;
  }

  /** Arrays smaller than this are cheap to allocate and not worth the bookkeeping. */
  private static final int MIN_POOLED = 64;

  private static synchronized double[] poll(int len) {
    ArrayDeque<SoftReference<double[]>> q = POOL.get(len);
    while (q != null && !q.isEmpty()) {
      double[] d = q.poll().get();
      pooled -= len;
      if (d != null) return d;
    }
    return null;
  }

  /**
   * Gives every buffer back to the pool. The program that owns this arena, and everything derived from
   * it (perturbations, claim plans), must not be used afterwards.
   */
  public void release() {
    List<double[]> mine;
    synchronized (owned) {
      if (released) return;
      released = true;
      mine = new ArrayList<>(owned);
      owned.clear();
    }
    synchronized (Arena.class) {
      for (double[] d : mine) {
        if (pooled + d.length > MAX_POOLED) break;
        POOL.computeIfAbsent(d.length, k -> new ArrayDeque<>()).push(new SoftReference<>(d));
        pooled += d.length;
      }
    }
  }
}
