package io.gradspec.result;

import java.util.Arrays;

/**
 * The whole error pattern of a failed claim, for pictures (the HTML heatmaps): cells over the derivative's
 * index space in row-major order, each one component, or, when the space has more than {@link #MAX_CELLS}
 * components, a block of components (downsampled: the picture stays bounded and nothing larger is kept).
 * Floats, because a picture needs no more. A component whose values were not finite has a NaN error, and a
 * block holding one shows NaN too (not finite outranks any error, so it is never hidden by a block).
 *
 * @param space     numeric sizes of the index space (0-based, row-major), in components
 * @param block     components per cell along each axis: all 1 for one cell per component
 * @param error     per cell, claimed - numeric of its worst component (largest |error| / tolerance)
 * @param tolerance per cell, the allowed error of that component (contract §3)
 * @param extreme   per cell, the claimed - numeric of largest magnitude, sign kept (the signed map); the
 *                  same values as {@code error} when each cell is one component
 */
public record ErrorGrid(int[] space, int[] block, float[] error, float[] tolerance, float[] extreme) {
  /** At most this many cells: a larger index space is downsampled into blocks (the SVG would be megabytes). */
  public static final int MAX_CELLS = 1 << 14;

  public ErrorGrid {
    long n = 1;
    for (int a = 0; a < space.length; a++) n *= cells(space[a], block[a]);
    if (error.length != n || tolerance.length != n || extreme.length != n) {
      throw new IllegalArgumentException("grid of " + n + " cells, but " + error.length + " errors, "
          + tolerance.length + " tolerances and " + extreme.length + " signed extremes");
    }
  }

  /** One cell per component: signed errors {@code claimed - numeric} and tolerances, row-major over {@code space}. */
  public ErrorGrid(int[] space, float[] error, float[] tolerance) {
    this(space, ones(space.length), error, tolerance, error);
  }

  /**
   * The grid of full claimed/numeric arrays (row-major over {@code space}), held to {@code tol}: one cell
   * per component, or blocks ({@link #blocksFor}) when there are more than {@link #MAX_CELLS}.
   */
  public static ErrorGrid of(int[] space, double[] claimed, double[] numeric, double[] fdError, Tolerance tol) {
    Blocks b = new Blocks(space, tol);
    for (int i = 0; i < claimed.length; i++) b.add(i, claimed[i], numeric[i], fdError[i]);
    return b.grid();
  }

  /** Number of cells. */
  public int size() { return error.length; }

  /** Cells along each axis. */
  public int[] sizes() {
    int[] s = new int[space.length];
    for (int a = 0; a < s.length; a++) s[a] = cells(space[a], block[a]);
    return s;
  }

  /** Whether a cell is a block of more than one component. */
  public boolean downsampled() {
    for (int b : block) if (b > 1) return true;
    return false;
  }

  /** |claimed - numeric| of cell {@code i}'s worst component. */
  public float absError(int i) { return Math.abs(error[i]); }

  /**
   * Components per cell along each axis so that at most {@link #MAX_CELLS} cells remain: the axis with the
   * most cells gets a larger block first, so blocks stay about square in cells and no axis is merged whole
   * while another is not downsampled at all.
   */
  public static int[] blocksFor(int[] space) {
    int[] block = ones(space.length);
    long cells = 1;
    for (int s : space) cells *= s;
    while (cells > MAX_CELLS) {
      int widest = 0;
      for (int a = 1; a < space.length; a++) {
        if (cells(space[a], block[a]) > cells(space[widest], block[widest])) widest = a;
      }
      int c = cells(space[widest], block[widest]);
      // the smallest block that leaves this axis one cell fewer
      block[widest] = (int) ceilDiv(space[widest], c - 1);
      cells = 1;
      for (int a = 0; a < space.length; a++) cells *= cells(space[a], block[a]);
    }
    return block;
  }

  private static int cells(int size, int block) { return (int) ceilDiv(size, block); }

  private static long ceilDiv(long a, long b) { return (a + b - 1) / b; }

  private static int[] ones(int rank) {
    int[] b = new int[rank];
    Arrays.fill(b, 1);
    return b;
  }

  /**
   * A grid built component by component, in any order, holding only its cells: the checker feeds it every
   * compared component (never more than {@link #MAX_CELLS} cells in memory, however large the claim).
   */
  public static final class Blocks {
    private final int[] space;
    private final int[] block;
    private final int[] cellSizes;
    private final Tolerance tol;
    private final float[] error;
    private final float[] tolerance;
    private final float[] extreme;
    // the worst ratio |error| / tolerance so far per cell (NaN: a component was not finite)
    private final double[] worst;

    public Blocks(int[] space, Tolerance tol) {
      this.space = space.clone();
      this.block = blocksFor(space);
      this.tol = tol;
      long n = 1;
      cellSizes = new int[space.length];
      for (int a = 0; a < space.length; a++) n *= cellSizes[a] = cells(space[a], block[a]);
      error = new float[(int) n];
      tolerance = new float[(int) n];
      extreme = new float[(int) n];
      worst = new double[(int) n];
      Arrays.fill(worst, -1);
    }

    /** Counts component {@code flat} (row-major over the space) into its cell. */
    public void add(long flat, double claimed, double numeric, double fdError) {
      int cell = cell(flat);
      double e = claimed - numeric;
      double allowed = tol.allowed(claimed, numeric, fdError);
      double ratio = Double.isNaN(e) ? Double.NaN : allowed > 0 ? Math.abs(e) / allowed
          : Math.abs(e) > 0 ? Double.POSITIVE_INFINITY : 0;
      double w = worst[cell];
      if (!Double.isNaN(w) && (Double.isNaN(ratio) || ratio > w)) {
        worst[cell] = ratio;
        error[cell] = (float) e;
        tolerance[cell] = (float) allowed;
      }
      float x = extreme[cell];
      if (!Float.isNaN(x) && (Double.isNaN(e) || Math.abs(e) > Math.abs(x))) extreme[cell] = (float) e;
    }

    /** The grid of what was added (a cell nothing was added to reads 0 within a tolerance of 0). */
    public ErrorGrid grid() {
      boolean one = true;
      for (int b : block) one &= b == 1;
      // one component per cell: the signed map reads the same values, so they are kept once
      return new ErrorGrid(space.clone(), block.clone(), error, tolerance, one ? error : extreme);
    }

    private int cell(long flat) {
      int cell = 0;
      int stride = 1;
      for (int a = space.length - 1; a >= 0; a--) {
        int i = (int) (flat % space[a]);
        flat /= space[a];
        cell += (i / block[a]) * stride;
        stride *= cellSizes[a];
      }
      return cell;
    }
  }
}
