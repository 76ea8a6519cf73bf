package io.gradspec.check;

import io.gradspec.numeric.CentralDifference;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The numeric columns of the claims at one point that share `of`, `wrt`, step and method: the first such
 * claim's full comparison computes f(x ± h e_k) and keeps each column, the others read it (issue 13 item
 * 7), so a correct and a wrong claim of one derivative cost one sweep. The numbers are the ones a second
 * sweep would compute, since evaluation at a point is deterministic; reports do not change.
 */
final class SharedSweep {
  /** Columns are kept only for derivatives of at most this many components (4 arrays of 8 MiB). */
  static final long MAX_COMPONENTS = 1 << 20;

  private record Kept(int m, double[] numeric, double[] fdError, double[] fPlus, double[] fMinus, boolean[] done) {}

  /** Columns read from a kept sweep instead of computed, over the process (SharedSweepTest watches it). */
  static final java.util.concurrent.atomic.AtomicLong SERVED = new java.util.concurrent.atomic.AtomicLong();

  private final Set<String> shared;
  private final Map<String, Kept> kept = new HashMap<>();

  /** A point at which the derivatives named by {@code shared} ({@link #key}s) are claimed more than once. */
  SharedSweep(Set<String> shared) { this.shared = shared; }

  /** What identifies a sweep: of, wrt, the step and whether columns are Richardson's. */
  static String key(String of, String wrt, double step, boolean richardson) {
    return of + "\u0000" + wrt + "\u0000" + step + "\u0000" + richardson;
  }

  /** Column k of {@code c}'s derivative: kept from an earlier claim, or computed by {@code cd} (and kept when shared). */
  void column(ClaimCheck c, CentralDifference cd, int k, double[] numeric, double[] fdError, double[] fPlus,
              double[] fMinus) {
    Kept s = kept(c);
    if (s != null && s.done[k]) {
      int m = s.m, at = k * m;
      System.arraycopy(s.numeric, at, numeric, 0, m);
      System.arraycopy(s.fdError, at, fdError, 0, m);
      System.arraycopy(s.fPlus, at, fPlus, 0, m);
      System.arraycopy(s.fMinus, at, fMinus, 0, m);
      SERVED.incrementAndGet();
      return;
    }
    cd.column(k, c.richardson(), numeric, fdError, fPlus, fMinus);
    if (s == null) return;
    int m = s.m, at = k * m;
    System.arraycopy(numeric, 0, s.numeric, at, m);
    System.arraycopy(fdError, 0, s.fdError, at, m);
    System.arraycopy(fPlus, 0, s.fPlus, at, m);
    System.arraycopy(fMinus, 0, s.fMinus, at, m);
    s.done[k] = true;
  }

  /** Whether {@code c}'s derivative is claimed again at this point (its columns are kept or read here). */
  boolean shares(ClaimCheck c) { return kept(c) != null; }

  private Kept kept(ClaimCheck c) {
    String key = key(c.plan().info.of(), c.plan().info.wrt(), c.step(), c.richardson());
    if (!shared.contains(key)) return null;
    int m = c.pert().outputSize(), n = c.pert().size();
    if ((long) m * n > MAX_COMPONENTS) return null;
    return kept.computeIfAbsent(key, x -> new Kept(m, new double[m * n], new double[m * n], new double[m * n],
        new double[m * n], new boolean[n]));
  }
}
