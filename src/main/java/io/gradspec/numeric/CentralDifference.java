package io.gradspec.numeric;

import io.gradspec.expr.kernel.Perturbation;

/**
 * One numeric Jacobian column by central differences: {@code (f(x + h e_k) - f(x - h e_k)) / (x_+ - x_-)},
 * with {@code h = step * max(1, |x_k|)} and the denominator taken from the perturbed values actually
 * representable, so the division uses the step that really happened. Also gives each component's
 * round-off bound {@code SAFETY * eps * (|f+| + |f-|) / (x_+ - x_-)}.
 */
public final class CentralDifference {
  /**
   * Safety factor on the round-off term. Evaluating f rounds every intermediate, not just the result;
   * 16 covers the accumulation in sums of up to ~10^4 terms of like magnitude without crying wolf, while
   * staying far below any real error relative to rtol = 1e-5.
   */
  public static final double SAFETY = 16.0;
  /** The unit round-off of the precision f is computed in. */
  private final double eps;
  private final Precision precision;

  private final Perturbation p;
  private final double step;
  private final double[] plus;
  private double[] coarse;
  private double[] coarseErr;
  /** Last column's actual step (x+ - x-) / 2. */
  private double h;
  /** A sweep's columns that are announced ahead (program functions fetch them): from {@link #sweep}. */
  private int sweepTo, announcedTo;
  private boolean sweepRichardson;

  public CentralDifference(Perturbation p, double step) {
    this(p, step, Precision.DOUBLE);
  }

  /** For f computed in {@code precision}: its round-off, and perturbed points rounded as the program holds them. */
  public CentralDifference(Perturbation p, double step, Precision precision) {
    this.p = p;
    this.step = step;
    this.precision = precision;
    this.eps = precision.eps;
    this.plus = new double[p.outputSize()];
  }

  /**
   * Says that columns {@code from} to {@code to} (exclusive) come next, in order: when program functions
   * lie between `wrt` and `of`, their points are then announced a chunk of columns at a time (one request
   * per chunk instead of two per column, contract §7's {@code perturb}). Costs nothing otherwise.
   */
  public void sweep(int from, int to, boolean richardson) {
    if (!p.announces()) return;
    sweepTo = to;
    announcedTo = from;
    sweepRichardson = richardson;
  }

  /**
   * Announces the chunk of the sweep that starts at column k, when k is past what was announced, and has
   * the chunk after it fetched meanwhile.
   */
  private void ahead(int k) {
    if (k >= sweepTo || k < announcedTo) return;
    int end = chunkEnd(k);
    Points now = points(k, end);
    p.announce(now.ks, now.values);
    announcedTo = end;
    if (end < sweepTo) {
      Points next = points(end, chunkEnd(end));
      p.prefetch(next.ks, next.values);
    }
  }

  private int chunkEnd(int k) {
    int per = sweepRichardson ? 4 : 2;
    return k + (int) Math.max(1, Math.min(sweepTo - k, (1L << 22) / ((long) per * Math.max(1, p.outputSize()))));
  }

  /** The points of columns from..to (exclusive): each step's x + h and x - h, as flat indices and values. */
  private record Points(int[] ks, double[] values) {}

  private Points points(int from, int to) {
    int per = sweepRichardson ? 4 : 2;
    int[] ks = new int[(to - from) * per];
    double[] vs = new double[ks.length];
    int t = 0;
    for (int c = from; c < to; c++) {
      double x = p.get(c); // columns not reached yet: at their base values
      for (double scale : sweepRichardson ? new double[] {1.0, 0.5} : new double[] {1.0}) {
        double hk = scale * step * Math.max(1.0, Math.abs(x));
        ks[t] = c; vs[t++] = precision.round(x + hk);
        ks[t] = c; vs[t++] = precision.round(x - hk);
      }
    }
    return new Points(ks, vs);
  }

  /**
   * Computes column k into {@code numeric} and {@code fdError}, and the values of f at x+h and x-h into
   * {@code fPlus}/{@code fMinus} when they are non-null. Restores x_k without recomputing; call {@link Perturbation#restore()} when done.
   */
  public void column(int k, double[] numeric, double[] fdError, double[] fPlus, double[] fMinus) {
    column(k, numeric, fdError, fPlus, fMinus, 1.0);
  }

  /** Column k by {@link #richardsonColumn} when {@code richardson}, else by {@link #column}. */
  public void column(int k, boolean richardson, double[] numeric, double[] fdError, double[] fPlus, double[] fMinus) {
    if (richardson) richardsonColumn(k, numeric, fdError, fPlus, fMinus);
    else column(k, numeric, fdError, fPlus, fMinus);
  }

  /**
   * True when the step at x rounds away: {@code x + h} and {@code x - h} are the same double, for the
   * step {@code h = step * max(1, |x|)} or, with Richardson, its half. Nothing is perturbed then, and the
   * central difference is 0/0.
   */
  public static boolean stepLost(double x, double step, boolean richardson) {
    double h = (richardson ? 0.5 : 1.0) * step * Math.max(1.0, Math.abs(x));
    return !((x + h) - (x - h) > 0);
  }

  private void column(int k, double[] numeric, double[] fdError, double[] fPlus, double[] fMinus, double scale) {
    ahead(k);
    double x = p.get(k);
    double hk = scale * step * Math.max(1.0, Math.abs(x));
    double xp = precision.round(x + hk), xm = precision.round(x - hk);
    double width = xp - xm;
    h = width / 2;
    p.set(k, xp);
    double[] out = p.output();
    int m = plus.length;
    System.arraycopy(out, 0, plus, 0, m);
    p.set(k, xm);
    dense(p.output(), numeric, fdError, fPlus, fMinus, width);
    p.reset(k, x);
  }

  /**
   * Richardson extrapolation: central differences D(h) and D(h/2), combined as
   * {@code R = D(h/2) + (D(h/2) - D(h)) / 3}, which cancels the h^2 truncation term. The error estimate
   * is {@code |D(h/2) - D(h)| / 3} (the size of the correction, a bound on D(h/2)'s truncation error and
   * conservative for R) plus the round-off term at the smaller step. f(x +- h/2) go to fPlus/fMinus.
   */
  public void richardsonColumn(int k, double[] numeric, double[] fdError, double[] fPlus, double[] fMinus) {
    int m = plus.length;
    if (coarse == null) { coarse = new double[m]; coarseErr = new double[m]; }
    column(k, coarse, coarseErr, null, null, 1.0);
    column(k, numeric, fdError, fPlus, fMinus, 0.5);
    extrapolate(numeric, fdError);
  }

  /** Combines the fine column in {@code numeric} with {@link #coarse} in every entry (see {@link #richardsonColumn}). */
  private void extrapolate(double[] numeric, double[] fdError) {
    for (int i = 0; i < plus.length; i++) {
      double fine = numeric[i];
      double corr = (fine - coarse[i]) / 3.0;
      numeric[i] = fine + corr;
      fdError[i] = fdError[i] + Math.abs(corr);
    }
  }

  // ------------------------------------------------------------------ sparse columns
  //
  // After f(x + h) and f(x - h) by dirty-region evaluation, an entry of `of` that neither evaluation touched
  // holds exactly its base value b both times, so its difference is exactly (b - b) / width = 0 and its
  // round-off bound is SAFETY * eps * (|b| + |b|) / width: nothing to compute. The sparse variants compute
  // only the touched entries, bit for bit as the dense ones would.

  private int[] dirty;
  private int[] seen;
  private int stamp;
  /** Last sparse column's denominator (x+ - x-), of the finer step for Richardson. */
  private double width;

  /**
   * Column k as {@link #column}, but computing only the entries of `of` that f(x + h) or f(x - h) changed
   * (given {@code base}, `of` at the base point): their indices go to {@code touched} (room for every
   * entry, no particular order) and the count is returned. Every other entry i is exactly: numeric 0,
   * f(x +- h) = base[i], and round-off bound as {@link #untouched} writes it. Returns -1 when an evaluation
   * changed the whole output: then every entry was written, as by {@link #column}.
   */
  public int sparseColumn(int k, double[] numeric, double[] fdError, double[] fPlus, double[] fMinus, double[] base,
                          int[] touched) {
    return sparseColumn(k, numeric, fdError, fPlus, fMinus, base, touched, 1.0);
  }

  private int sparseColumn(int k, double[] numeric, double[] fdError, double[] fPlus, double[] fMinus, double[] base,
                           int[] touched, double scale) {
    ahead(k);
    int m = plus.length;
    if (dirty == null) { dirty = new int[m]; seen = new int[m]; }
    double x = p.get(k);
    double hk = scale * step * Math.max(1.0, Math.abs(x));
    double xp = precision.round(x + hk), xm = precision.round(x - hk);
    width = xp - xm;
    h = width / 2;
    p.set(k, xp);
    int nPlus = p.outputDirty(dirty);
    if (nPlus < 0) {
      // the whole output moved: finish this column densely
      System.arraycopy(p.output(), 0, plus, 0, m);
      p.set(k, xm);
      dense(p.output(), numeric, fdError, fPlus, fMinus, width);
      p.reset(k, x);
      return -1;
    }
    double[] out = p.output();
    int s = nextStamp();
    for (int t = 0; t < nPlus; t++) { int i = dirty[t]; plus[i] = out[i]; seen[i] = s; touched[t] = i; }
    p.set(k, xm);
    out = p.output();
    int nMinus = p.outputDirty(dirty);
    if (nMinus < 0) {
      for (int i = 0; i < m; i++) if (seen[i] != s) plus[i] = base[i];
      dense(out, numeric, fdError, fPlus, fMinus, width);
      p.reset(k, x);
      return -1;
    }
    int count = nPlus;
    for (int t = 0; t < nMinus; t++) {
      int i = dirty[t];
      if (seen[i] != s) { plus[i] = base[i]; seen[i] = s; touched[count++] = i; }
    }
    for (int t = 0; t < count; t++) {
      int i = touched[t];
      double fp = plus[i], fm = out[i];
      numeric[i] = (fp - fm) / width;
      fdError[i] = roundOff(fp, fm, width, eps);
      if (fPlus != null) fPlus[i] = fp;
      if (fMinus != null) fMinus[i] = fm;
    }
    p.reset(k, x);
    return count;
  }

  private void dense(double[] out, double[] numeric, double[] fdError, double[] fPlus, double[] fMinus, double width) {
    for (int i = 0; i < plus.length; i++) {
      double fp = plus[i], fm = out[i];
      numeric[i] = (fp - fm) / width;
      fdError[i] = roundOff(fp, fm, width, eps);
      if (fPlus != null) fPlus[i] = fp;
      if (fMinus != null) fMinus[i] = fm;
    }
  }

  private int nextStamp() {
    if (++stamp == Integer.MAX_VALUE) { java.util.Arrays.fill(seen, 0); stamp = 1; }
    return stamp;
  }

  /**
   * {@link #richardsonColumn} computing only the entries that any of its four evaluations changed, with
   * the contract of {@link #sparseColumn}: every other entry is exactly numeric 0, f(x +- h/2) = base[i],
   * bound as {@link #untouched} writes it.
   */
  public int sparseRichardsonColumn(int k, double[] numeric, double[] fdError, double[] fPlus, double[] fMinus,
                                    double[] base, int[] touched) {
    int m = plus.length;
    if (coarse == null) { coarse = new double[m]; coarseErr = new double[m]; }
    int[] firstIdx = new int[0];
    int nc = sparseColumn(k, coarse, coarseErr, null, null, base, touched, 1.0);
    if (nc >= 0) firstIdx = java.util.Arrays.copyOf(touched, nc);
    double coarseWidth = width;
    int nf = sparseColumn(k, numeric, fdError, fPlus, fMinus, base, touched, 0.5);
    if (nc < 0 || nf < 0) {
      // densify the sparse half, then combine everywhere as richardsonColumn does
      if (nc >= 0) {
        int s = nextStamp();
        for (int i : firstIdx) seen[i] = s;
        for (int i = 0; i < m; i++) if (seen[i] != s) { coarse[i] = 0.0 / coarseWidth; }
      }
      if (nf >= 0) {
        int s = nextStamp();
        for (int t = 0; t < nf; t++) seen[touched[t]] = s;
        for (int i = 0; i < m; i++) if (seen[i] != s) untouched(i, base, numeric, fdError, fPlus, fMinus);
      }
      extrapolate(numeric, fdError);
      return -1;
    }
    // union: entries only the coarse pass touched are untouched (exactly zero) in the fine one
    int s = nextStamp();
    for (int t = 0; t < nf; t++) seen[touched[t]] = s;
    int count = nf;
    for (int i : firstIdx) {
      if (seen[i] == s) continue;
      seen[i] = s;
      touched[count++] = i;
      untouched(i, base, numeric, fdError, fPlus, fMinus);
    }
    int cs = nextStamp();
    for (int i : firstIdx) seen[i] = cs;
    for (int t = 0; t < count; t++) {
      int i = touched[t];
      double fine = numeric[i];
      double c = seen[i] == cs ? coarse[i] : 0.0;
      double corr = (fine - c) / 3.0;
      numeric[i] = fine + corr;
      fdError[i] = fdError[i] + Math.abs(corr);
    }
    return count;
  }

  /**
   * The round-off bound of an entry that a sparse column with denominator {@code width} ({@link #lastWidth()})
   * did not touch, whose value is {@code b} at the base point: what the dense column computes for
   * f(x + h) = f(x - h) = b.
   */
  public static double untouchedError(double b, double width, double eps) {
    return roundOff(b, b, width, eps);
  }

  /**
   * The round-off bound of {@code (fp - fm) / width}, {@code SAFETY * eps * (|fp| + |fm|) / width}: the one
   * model of every column here and of {@link DirectionalDifference}.
   */
  public static double roundOff(double fp, double fm, double width, double eps) {
    double bound = SAFETY * eps * (Math.abs(fp) + Math.abs(fm)) / width;
    if (bound != Double.POSITIVE_INFINITY || !Double.isFinite(fp) || !Double.isFinite(fm)) return bound;
    // |fp| + |fm| overflowed (values near Double.MAX_VALUE): the same bound, scaled down first. The usual
    // order above is kept wherever it is finite, so that no other bound changes by an ulp
    return SAFETY * eps * (0.5 * Math.abs(fp) + 0.5 * Math.abs(fm)) * (2 / width);
  }

  /**
   * Writes entry i as the last sparse column leaves an entry it did not touch, whose value at the base
   * point is {@code base[i]}: numeric {@code (b - b) / width} (an exact zero for a finite b), the bound
   * {@link #untouchedError(double, double, double)}, and f(x +- h) = b where {@code fPlus}/{@code fMinus} are non-null.
   */
  public void untouched(int i, double[] base, double[] numeric, double[] fdError, double[] fPlus, double[] fMinus) {
    double b = base[i];
    numeric[i] = (b - b) / width;
    fdError[i] = untouchedError(b, width, eps);
    if (fPlus != null) fPlus[i] = b;
    if (fMinus != null) fMinus[i] = b;
  }

  /** The last sparse column's denominator x+ - x- (of the finer step for Richardson). */
  public double lastWidth() { return width; }

  /** The half-width of the last column's step as actually represented. */
  public double lastStep() { return h; }
}
