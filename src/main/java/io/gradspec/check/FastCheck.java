package io.gradspec.check;

import io.gradspec.expr.eval.ClaimPlan;
import io.gradspec.expr.kernel.Perturbation;
import io.gradspec.math.Gaussian;
import io.gradspec.math.IndexSpace;
import io.gradspec.numeric.CentralDifference;
import io.gradspec.numeric.DirectionalDifference;
import io.gradspec.result.Tolerance;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * Fast mode: checks a claim C against the true Jacobian J through random projections instead of all
 * 2·|wrt| perturbed evaluations, and localises a mismatch to the offending `wrt` components by group
 * testing, which are then compared exactly like a full check.
 *
 * <h2>One projection</h2>
 * Draw v with independent standard Gaussian components over a set S of `wrt` components (all of them at
 * first), scale it like a full check scales its steps, {@code d_k = s_k v_k} with {@code s_k = max(1, |x_k|)},
 * and take the central difference of f along d with step h: two evaluations give
 * {@code N = (f(x + h d) - f(x - h d)) / 2h}, an estimate of Jw for the effective direction w
 * ({@link DirectionalDifference}; {@code w ~= d}). The claim is contracted with the same w by streaming
 * over its elements (no evaluations of f; an index-formula claim of at most {@link #CACHE_LIMIT} elements
 * is evaluated into an array once, so later passes only read it). The Gaussians come from {@link Gaussian},
 * an exact sampler that is reproducible on every JDK. Directions and claim passes are cut into fixed
 * chunks of {@link #CHUNK} columns, spread over the --jobs threads, each chunk with its own generator and
 * its own partial sums, merged in chunk order: the outcome does not depend on the number of threads.
 * Every output component i is then one projection
 * {@code e_i' J w}: the contraction with u = e_i for all i at once, which costs nothing extra and
 * dominates a random u (a random u would multiply the error of component (i, k) by a further u_i).
 * Row i fails when {@code |r_i| > T_i}, with {@code r_i = (Cw)_i - N_i} and
 * <pre>
 *   T_i = KAPPA * (atol * ||s||_2 + rtol * ||C_i. o s||_2) + 2 fd_i + SAFETY * eps * sum_k |C_ik w_k|
 * </pre>
 * where the norms run over S, {@code fd_i} is the round-off bound of N_i and the last term bounds the
 * round-off of the contraction. The tolerance scales with the root-sum-square of the row, not with
 * {@code sum|u| sum|v|}: the latter is what let torch's fast mode pass a sign-flipped component of a
 * 64 x 64 dL/dW (its limit grew with the whole Jacobian, see bench/peers).
 *
 * <h2>Why this catches errors, and does not cry wolf</h2>
 * Let E = C - J and {@code a_k = E_ik s_k} for a row i. Since v is Gaussian and E is fixed,
 * {@code r_i + eta_i = sum_k a_k v_k ~ N(0, ||a||^2)} exactly, where eta_i is N_i's finite-difference
 * error, {@code |eta_i| <= fd_i}.
 * <ul>
 * <li><b>No false alarms.</b> A correct claim has a = 0, so {@code |r_i| = |eta_i| <= fd_i < T_i}: it never
 * fails. A claim that a full check accepts has {@code |E_ik| <= atol + rtol |C_ik|} (to first order), so
 * {@code ||a|| <= atol ||s|| + rtol ||C_i. o s|| = sigma_i} (Minkowski) and one row fails with probability at
 * most {@code P(|Z| > KAPPA) = 5.7e-7}.</li>
 * <li><b>Detection.</b> Let {@code R_i = KAPPA (atol ||s|| + rtol ||J_i. o s||) + 3 fd_i + round-off} be the
 * row's resolution. Since {@code ||C_i. o s|| <= ||J_i. o s|| + ||a||}, a miss needs
 * {@code |N(0, ||a||^2)| <= R_i + KAPPA rtol ||a||}, which has probability at most
 * {@code q = sqrt(2/pi) (R_i / ||a|| + KAPPA rtol)} (a Gaussian's density is at most 1/sqrt(2 pi)). If any
 * one component of the row is off by {@code |E_ik| s_k >= FACTOR * R_i} then {@code ||a|| >= FACTOR R_i}
 * and {@code q <= sqrt(2/pi) (1/10 + 5e-5) = 0.0798} at the default rtol 1e-5. With p independent
 * projections the miss probability is q^p; {@link #projections} picks the least p with
 * {@code q^p <= 1e-6}: 6 at the default rtol (0.0798^6 = 2.6e-7).</li>
 * <li>For one corrupted component (i, k) with error e in an otherwise exact claim, ||a|| = |e| s_k: it is
 * caught with probability at least 1 - 1e-6 whenever {@code |e| >= 10 R_i / s_k}. Against the full
 * check's tolerance {@code atol + rtol |J_ik|} that is a factor of about {@code 10 KAPPA ||J_i.||/|J_ik|},
 * about 50 sqrt(r) for a row of r comparable entries: ~400 for a 64-wide row, i.e. relative errors above
 * 0.4% at rtol 1e-5 (a sign flip is 200%).</li>
 * </ul>
 *
 * <h2>Localisation</h2>
 * Every test, of the whole range (when the claim is in an array) or of a half, tries one projection
 * first and draws the other p - 1 only if it passes: a dirty range usually fails the first.
 * When some projection fails, the `wrt` range is split in halves and each half is tested with directions
 * supported on it (a half is clean only after all p projections pass, so a half holding such an error is
 * wrongly cleared with probability at most 1e-6; it is dirty as soon as one fails). When the left half is
 * clean the right one must hold the error and is not tested. Dirty halves are split again down to
 * {@link #LEAF} components, whose exact numeric columns are compared with the claim by
 * {@link ColumnComparison#compareColumn}, so offenders, indices and tolerances are those of a full check.
 * k offending columns cost O(k log n) projections plus at most k·LEAF exact columns. If more than
 * {@link #COLUMN_BUDGET} columns would need exact comparison, the error is widespread and the claim is
 * checked in full instead (the report then says full). A non-finite value anywhere also falls back to
 * the full check, which reports it as inconclusive.
 */
final class FastCheck {
  /** auto mode runs the full check up to this many `wrt` components, fast mode above (but see below). */
  static final int AUTO_FULL_LIMIT = 4096;
  /**
   * auto mode also runs the full check, whatever |wrt|, for an index-formula claim with a delta support
   * when the full check would compare at most this many entries in all (support rows and changed entries
   * per column, over every column): e.g. Y = X W wrt X at N=256, D=256, C=64, 81920 columns, 5.2e6
   * entries, 0.2 s in full mode against 20 s in fast mode, which reads all 1.07e9 claim elements per pass.
   */
  static final long AUTO_FULL_COMPARED = 1L << 24;
  /** Tolerance multiple of a row's root-sum-square error scale (false-alarm tail P(|Z| > 5) = 5.7e-7). */
  static final double KAPPA = 5.0;
  /** The detection guarantee holds for errors at least this many times a row's resolution. */
  static final double FACTOR = 10.0;
  /** Target miss probability for such an error. */
  static final double MISS = 1e-6;
  static final int MAX_PROJECTIONS = 64;
  /** Group testing stops at ranges this small and compares their columns exactly. */
  static final int LEAF = 16;
  /** More exactly compared columns than this means a widespread error: check in full instead. */
  static final int COLUMN_BUDGET = 1024;
  private static final int BLOCK = 256;
  /**
   * Directions and claim passes go in chunks of this many columns, the unit of work for --jobs threads;
   * fixed, so that results do not depend on the number of threads.
   */
  static final int CHUNK = 1 << 15;
  private static final Workers SERIAL = new Workers(1);
  /**
   * An index-formula claim with at most this many elements is evaluated once into an array (32 MB):
   * localisation then reads each range's elements again instead of evaluating the formula again.
   */
  static final int CACHE_LIMIT = 1 << 22;
  private static final double EPS = Math.ulp(1.0);

  /**
   * What checking one claim at one point produced: the comparison (exact, over the localised columns in
   * fast mode), the mode that produced it, the evaluations of f made and the `wrt` components compared
   * exactly.
   */
  record Outcome(ColumnComparison comparison, Mode mode, long evaluations, int[] localised) {}

  private final ClaimCheck check;
  private final ClaimPlan plan;
  private final Perturbation pert;
  private final Tolerance tol;
  private final int m;
  private final int n;
  private final boolean numerator;
  /** The claim's elements in the claim's own layout, or materialised in numerator layout; null: stream. */
  private final double[] claimData;
  /** claimData is laid out {@code i * n + k} (of-major); otherwise {@code k * m + i}. */
  private final boolean ofMajor;
  private final int[] ofSizes;
  private final int[] wrtSizes;
  private int[][] ofTupleTable;
  private final int[] wrtTuple;
  private final int p;
  private final DirectionalDifference dd;
  private final double[] numeric;
  private final double[] fdErr;
  /** Direction buffers, made when first needed at the length first needed (see {@link #test}). */
  private final double[][] dirBuf;
  private double statAbs;
  private double statRel;
  private final Deadline deadline;
  private Workers workers = SERIAL;

  private FastCheck(ClaimCheck check) {
    this.check = check;
    this.plan = check.plan();
    this.pert = check.pert();
    this.tol = check.tol();
    this.m = pert.outputSize();
    this.n = pert.size();
    this.numerator = check.space().numerator();
    this.ofSizes = check.space().of().sizes();
    this.wrtSizes = check.space().wrt().sizes();
    this.wrtTuple = new int[wrtSizes.length];
    this.p = projections(tol.rtol());
    this.dd = new DirectionalDifference(pert, check.step(), check.precision());
    this.numeric = new double[m];
    this.fdErr = new double[m];
    this.dirBuf = new double[p][];
    this.deadline = check.deadline();
    if (!plan.isFormula()) {
      this.claimData = plan.value().data();
      this.ofMajor = numerator;
    } else {
      this.claimData = (long) m * n <= CACHE_LIMIT ? materialise() : null;
      this.ofMajor = true;
    }
  }

  /**
   * The tolerance part of a projected row's bound, {@code KAPPA (atol ||s|| + rtol ||C_i. o s||)} for a direction
   * of norm {@code dirNorm} and a claim row {@code C_i. o s} of norm {@code rowNorm} (the class comment's T_i
   * without its finite-difference and round-off terms); the Hessian's and the programs' projections use it too.
   */
  static double rowBound(Tolerance tol, double dirNorm, double rowNorm) {
    return KAPPA * (tol.atol() * dirNorm + tol.rtol() * rowNorm);
  }

  /** The least number of projections p with q^p <= {@link #MISS} (see the class comment). */
  static int projections(double rtol) {
    double q = Math.sqrt(2 / Math.PI) * (1 / FACTOR + KAPPA * rtol);
    if (q >= 0.9) return MAX_PROJECTIONS;
    return (int) Math.min(MAX_PROJECTIONS, Math.ceil(StrictMath.log(MISS) / StrictMath.log(q)));
  }

  /**
   * Compares one claim at the current point in fast mode (in full when the error is widespread or a value
   * is not finite), polling the check's deadline once per projection and per column (--timeout), and
   * spreading the directions and the claim passes over {@code jobs} threads (--jobs) in fixed chunks of
   * {@link #CHUNK} columns: the outcome is the same for every {@code jobs}. {@code seed} seeds the directions.
   */
  static Outcome compare(ClaimCheck check, long seed, int jobs) {
    // a step that rounds to 0 perturbs nothing, and every projection would agree: the full check reports
    // such a component as inconclusive
    double[] x = check.pert().wrt();
    for (int k = 0; k < x.length; k++) {
      if (CentralDifference.stepLost(x[k], check.step(), check.richardson())) return full(check);
    }
    FastCheck f = new FastCheck(check);
    try (Workers workers = new Workers(jobs)) {
      f.workers = workers;
      return f.run(new SplittableRandom(seed));
    } catch (Widespread | NotFinite e) {
      check.pert().restore();
      return full(check);
    }
  }

  private static Outcome full(ClaimCheck check) {
    ColumnComparison r = ColumnComparison.run(check);
    int n = check.pert().size();
    return new Outcome(r, Mode.FULL, (long) n * (check.richardson() ? 4 : 2), null);
  }

  private Outcome run(SplittableRandom rng) {
    SplittableRandom top = rng.split();
    // with the claim in an array a second pass is cheap: try one projection first, as for a half
    boolean dirty = claimData != null
        ? test(0, n, 1, top, true) || (p > 1 && test(0, n, p - 1, top, true))
        : test(0, n, p, top, true);
    List<Integer> columns = new ArrayList<>();
    if (dirty) localise(0, n, rng, columns);
    pert.restore();
    // when localisation reached every column (a small wrt) the full arrays exist, and hints can use them
    boolean keep = check.keepFull() && columns.size() == n;
    ColumnComparison r = new ColumnComparison(check, keep ? ColumnComparison.fullArrays(m, n) : null);
    long evals = dd.evaluations();
    boolean richardson = check.richardson();
    if (!columns.isEmpty()) {
      CentralDifference cd = new CentralDifference(pert, check.step(), check.precision());
      double[] num = new double[m], err = new double[m], fp = new double[m], fm = new double[m];
      for (int k : columns) {
        deadline.check();
        cd.column(k, richardson, num, err, fp, fm);
        r.compareColumn(k, num, err, fp, fm);
      }
      pert.restore();
      evals += (long) columns.size() * (richardson ? 4 : 2);
    } else {
      // nothing localised: report the projections' root-mean-square error estimates (class comment)
      r.maxAbs = statAbs;
      r.maxRel = statRel;
    }
    r.finish();
    int[] loc = columns.stream().mapToInt(Integer::intValue).toArray();
    return new Outcome(r, Mode.FAST, evals, loc);
  }

  /** Splits a dirty range [lo, hi) until it is small, collecting the columns to compare exactly. */
  private void localise(int lo, int hi, SplittableRandom rng, List<Integer> columns) {
    if (hi - lo <= LEAF) {
      if (columns.size() + (hi - lo) > COLUMN_BUDGET) throw new Widespread();
      for (int k = lo; k < hi; k++) columns.add(k);
      return;
    }
    int mid = (lo + hi) >>> 1;
    boolean left = dirty(lo, mid, rng.split());
    if (left) localise(lo, mid, rng, columns);
    // the parent is dirty: when the left half is clean, the right half holds the error
    boolean right = !left || dirty(mid, hi, rng.split());
    if (right) localise(mid, hi, rng, columns);
  }

  /** One projection first (a dirty range usually fails it), then the rest in one claim pass. */
  private boolean dirty(int lo, int hi, SplittableRandom rng) {
    return test(lo, hi, 1, rng, false) || (p > 1 && test(lo, hi, p - 1, rng, false));
  }

  /**
   * Tests the range [lo, hi) with {@code count} projections: true at the first that fails. {@code top}
   * records the error statistics reported for a passing claim.
   */
  private boolean test(int lo, int hi, int count, SplittableRandom rng, boolean top) {
    if (claimData != null && count > 1) {
      // the claim is in an array, so a pass per projection costs little, and one direction buffer (re-used,
      // already in memory) serves them all: fresh memory is slow to touch, tens of MB of it take 100 ms
      for (int q = 0; q < count; q++) if (test(lo, hi, 1, rng, top)) return true;
      return false;
    }
    int len = hi - lo;
    double[][] dir = new double[count][];
    for (int q = 0; q < count; q++) {
      // reused by every test: fresh buffers for each would fill the young generation (a collection then
      // copies the program and the claim, tens of MB)
      if (dirBuf[q] == null || dirBuf[q].length < len) dirBuf[q] = new double[len];
      dir[q] = dirBuf[q];
    }
    // fixed chunks, each with its own generator made here in chunk order and its own partial sums merged
    // in chunk order: the same numbers on any number of threads
    int chunks = (len + CHUNK - 1) / CHUNK;
    List<Partial> parts;
    if (chunks == 1) {
      parts = List.of(chunk(lo, 0, len, dir, new Gaussian(rng)));
    } else {
      List<Callable<Partial>> work = new ArrayList<>(chunks);
      for (int c = 0; c < chunks; c++) {
        Gaussian normal = new Gaussian(rng);
        int from = c * CHUNK, to = Math.min(len, from + CHUNK);
        work.add(() -> chunk(lo, from, to, dir, normal));
      }
      // an index formula streamed through the one ClaimPlan must stay on this thread
      parts = claimData != null ? workers.all(work) : SERIAL.all(work);
    }
    double[][] acc = new double[count][m];
    double[][] abs = new double[count][m];
    double[] sq = new double[m];
    double s2 = 0;
    for (Partial part : parts) {
      s2 += part.s2;
      for (int i = 0; i < m; i++) sq[i] += part.sq[i];
      for (int q = 0; q < count; q++) {
        for (int i = 0; i < m; i++) {
          acc[q][i] += part.acc[q][i];
          abs[q][i] += part.abs[q][i];
        }
      }
    }
    // the passes contracted with the spans 2h w: one division each turns them into contractions with w
    double width = dd.width();
    for (int q = 0; q < count; q++) {
      for (int i = 0; i < m; i++) {
        acc[q][i] /= width;
        abs[q][i] /= width;
      }
    }
    double sNorm = Math.sqrt(s2);
    for (int q = 0; q < count; q++) {
      deadline.check();
      if (!dd.derivative(dir[q], lo, hi, numeric, fdErr)) throw new NotFinite();
      boolean failed = false;
      for (int i = 0; i < m; i++) {
        double row = Math.sqrt(sq[i]);
        double r = Math.abs(acc[q][i] - numeric[i]);
        double bound = rowBound(tol, sNorm, row);
        double allowed = bound + 2 * fdErr[i] + CentralDifference.SAFETY * EPS * abs[q][i];
        double resolution = bound + CentralDifference.SAFETY * EPS * abs[q][i];
        // a bound that is not finite, or a row that agrees only because the round-off bound exceeds both
        // values compared, cannot clear anything: the full check judges each component (Tolerance.judge)
        if (!Double.isFinite(allowed)) throw new NotFinite();
        if (r > resolution && r <= allowed && 2 * fdErr[i] >= Math.max(Math.abs(acc[q][i]), Math.abs(numeric[i]))) {
          throw new NotFinite();
        }
        if (top) {
          statAbs = Math.max(statAbs, r / sNorm);
          if (row > 0) statRel = Math.max(statRel, r / row);
        }
        if (!(r <= allowed)) failed = true;
      }
      if (failed) return true;
    }
    return false;
  }

  /** One chunk's share of a test: {@code s2 = sum s_k^2} and the claim pass's sums over its columns. */
  private record Partial(double s2, double[][] acc, double[][] abs, double[] sq) {}

  /**
   * Draws the directions for columns {@code lo + [from, to)} into {@code dir[q][from, to)}, scaled by
   * {@code s_k = max(1, |x_k|)}, and contracts the claim with them.
   */
  private Partial chunk(int lo, int from, int to, double[][] dir, Gaussian normal) {
    int count = dir.length;
    for (double[] d : dir) normal.fill(d, from, to);
    double[][] acc = new double[count][m];
    double[][] abs = new double[count][m];
    double[] sq = new double[m];
    double s2 = claimPass(lo + from, lo + to, lo, dir, acc, abs, sq);
    return new Partial(s2, acc, abs, sq);
  }

  /**
   * One pass over the claim's elements in columns [lo, hi), where {@code dir[q][k - base]} holds a standard
   * Gaussian for direction q's component k: scales it to {@code d_qk = s_k v_qk} in place and accumulates
   * {@code acc[q][i] += sum_k C_ik e_qk}, {@code abs[q][i] += sum_k |C_ik e_qk|} with the spans
   * {@code e_qk = 2h w_qk} ({@link DirectionalDifference#span}), and {@code sq[i] += sum_k (C_ik s_k)^2};
   * returns {@code sum_k s_k^2}. In blocks of columns, so that a matrix claim is read in memory order.
   */
  private double claimPass(int lo, int hi, int base, double[][] dir, double[][] acc, double[][] abs, double[] sq) {
    int count = dir.length;
    double[] x = pert.wrt();
    double[][] w = new double[count][BLOCK];
    double[] s2 = new double[BLOCK];
    double[] sc = new double[BLOCK];
    double s2sum = 0;
    int ofRank = ofSizes.length, wrtRank = wrtSizes.length;
    for (int b = lo; b < hi; b += BLOCK) {
      int len = Math.min(hi, b + BLOCK) - b;
      for (int j = 0; j < len; j++) {
        double s = Math.max(1.0, Math.abs(x[b + j]));
        sc[j] = s;
        s2[j] = s * s;
        s2sum += s * s;
      }
      for (int q = 0; q < count; q++) {
        double[] dq = dir[q], wq = w[q];
        int k0 = b - base;
        for (int j = 0; j < len; j++) {
          double d = dq[k0 + j] * sc[j];
          dq[k0 + j] = d;
          wq[j] = dd.span(x[b + j], d);
        }
      }
      if (claimData != null && ofMajor) {
        // row by row, each sum in a local: the same additions in the same order as add(), without a call
        // per element (the launcher's C1 does not inline add)
        double[] c = claimData;
        for (int i = 0; i < m; i++) {
          int row = i * n + b;
          double sqi = sq[i];
          for (int j = 0; j < len; j++) {
            double cj = c[row + j];
            if (cj == 0) continue;
            if (!Double.isFinite(cj)) throw new NotFinite();
            sqi += cj * cj * s2[j];
          }
          sq[i] = sqi;
          for (int q = 0; q < count; q++) {
            double[] wq = w[q];
            double a = acc[q][i], ab = abs[q][i];
            for (int j = 0; j < len; j++) {
              double t = c[row + j] * wq[j];
              a += t;
              ab += Math.abs(t);
            }
            acc[q][i] = a;
            abs[q][i] = ab;
          }
        }
      } else if (claimData != null) {
        for (int j = 0; j < len; j++) {
          int col = (b + j) * m;
          for (int i = 0; i < m; i++) add(claimData[col + i], i, j, w, s2, acc, abs, sq);
        }
      } else {
        int[][] ofTuples = ofTuples();
        int ofAxis = numerator ? 0 : wrtRank, wrtAxis = numerator ? ofRank : 0;
        for (int j = 0; j < len; j++) {
          IndexSpace.unflatten(b + j, wrtSizes, wrtTuple);
          for (int a = 0; a < wrtRank; a++) plan.setIndex(wrtAxis + a, wrtTuple[a]);
          for (int i = 0; i < m; i++) {
            int[] t = ofTuples[i];
            for (int a = 0; a < ofRank; a++) plan.setIndex(ofAxis + a, t[a]);
            add(plan.eval(), i, j, w, s2, acc, abs, sq);
          }
        }
      }
    }
    return s2sum;
  }

  /** Every element of the index-formula claim, at {@code i * n + k} (of-major whatever the layout). */
  private double[] materialise() {
    double[] out = new double[m * n];
    int[][] ofTuples = ofTuples();
    int ofRank = ofSizes.length, wrtRank = wrtSizes.length;
    int ofAxis = numerator ? 0 : wrtRank, wrtAxis = numerator ? ofRank : 0;
    for (int k = 0; k < n; k++) {
      IndexSpace.unflatten(k, wrtSizes, wrtTuple);
      for (int a = 0; a < wrtRank; a++) plan.setIndex(wrtAxis + a, wrtTuple[a]);
      for (int i = 0; i < m; i++) {
        int[] t = ofTuples[i];
        for (int a = 0; a < ofRank; a++) plan.setIndex(ofAxis + a, t[a]);
        out[i * n + k] = plan.eval();
      }
    }
    return out;
  }

  /** The index tuple of every `of` component, made once (an index formula is read many times). */
  private int[][] ofTuples() {
    if (ofTupleTable == null) {
      ofTupleTable = new int[m][ofSizes.length];
      for (int i = 0; i < m; i++) IndexSpace.unflatten(i, ofSizes, ofTupleTable[i]);
    }
    return ofTupleTable;
  }

  private static void add(double c, int i, int j, double[][] w, double[] s2, double[][] acc, double[][] abs, double[] sq) {
    if (c == 0) return; // most of a delta-shaped claim
    if (!Double.isFinite(c)) throw new NotFinite();
    sq[i] += c * c * s2[j];
    for (int q = 0; q < w.length; q++) {
      double t = c * w[q][j];
      acc[q][i] += t;
      abs[q][i] += Math.abs(t);
    }
  }

  /** Too many columns to localise: the claim is wrong nearly everywhere. */
  private static final class Widespread extends RuntimeException {
    Widespread() { super(null, null, false, false); }
  }

  /** A non-finite claim or function value: the full check reports it properly. */
  private static final class NotFinite extends RuntimeException {
    NotFinite() { super(null, null, false, false); }
  }
}
