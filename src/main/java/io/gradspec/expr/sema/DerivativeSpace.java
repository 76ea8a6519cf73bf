package io.gradspec.expr.sema;

import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.shape.Shape;
import io.gradspec.math.IndexSpace;
import io.gradspec.spec.Layout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The index space of a claimed derivative d of / d wrt, made once per claim by the analyser: the axes of
 * `of` and of `wrt`, how the layout orders them (numerator: {@code index(of) ++ index(wrt)}; denominator:
 * the reverse), and the names of those axes in the layout's order ("y", "W row", "W col"). {@link #at} gives the numeric
 * view under a dims map, which owns the one rule for splitting a flat component of the derivative into
 * its `of` component and its `wrt` component.
 *
 * <p>A claim in vec layout is written as one matrix {@code [numel(of), numel(wrt)]} ({@link #claimAxes}), but
 * it is compared and reported in numerator layout's index space: its value is rearranged once per point
 * ({@link Numeric#vecFlat}), so that an offender is named {@code [i, j, k, l]} = d of[i, j] / d wrt[k, l]
 * as in every other layout, and the comparison, the hints and the reports need no third rule.
 */
public record DerivativeSpace(String of, String wrt, Layout layout, List<Axis> ofAxes, List<Axis> wrtAxes,
                              List<String> axisNames) {
  public DerivativeSpace {
    ofAxes = List.copyOf(ofAxes);
    wrtAxes = List.copyOf(wrtAxes);
    axisNames = List.copyOf(axisNames);
  }

  /**
   * The space of d of / d wrt for values of these shapes in {@code layout}, with the axes named as reports
   * name them: "y" for a vector, "W row" and "W col" for a matrix, "T axis 1" ... above that.
   */
  public static DerivativeSpace of(String of, Shape ofShape, String wrt, Shape wrtShape, Layout layout) {
    List<String> ofNames = axisNames(of, ofShape), wrtNames = axisNames(wrt, wrtShape);
    boolean numerator = layout != Layout.DENOMINATOR; // vec is compared in numerator order
    List<String> names = new ArrayList<>(numerator ? ofNames : wrtNames);
    names.addAll(numerator ? wrtNames : ofNames);
    return new DerivativeSpace(of, wrt, layout, ofShape.indexSpace(), wrtShape.indexSpace(), names);
  }

  private static List<String> axisNames(String name, Shape s) {
    List<Axis> space = s.indexSpace();
    if (space.isEmpty()) return List.of();
    if (space.size() == 1) return List.of(name);
    if (space.size() == 2 && s.rank() == 2) return List.of(name + " row", name + " col");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < space.size(); i++) out.add(name + " axis " + (i + 1));
    return out;
  }

  /** Whether `of`'s axes come first in the index space compared and reported: numerator, and vec too. */
  public boolean numerator() { return layout != Layout.DENOMINATOR; }

  /** A claim in vec layout (compared in numerator order, written as one matrix). */
  public boolean vec() { return layout == Layout.VEC; }

  /**
   * Whether a vec claim is the numerator one in disguise: with neither `of` nor `wrt` above rank 1, vec is
   * the identity, and so are the rewrites and layout changes a hint may suggest.
   */
  public boolean vecIsNumerator() { return ofAxes.size() <= 1 && wrtAxes.size() <= 1; }

  /**
   * The index space the claim's text must have: the derivative's ({@link #axes}) in numerator and denominator
   * layout; in vec layout {@code (numel(of), numel(wrt))}, each a product of symbols, a scalar's (1) dropped
   * as every literal-1 axis is: a scalar `of` gives the row {@code (numel(wrt))}.
   */
  public List<Axis> claimAxes() {
    if (!vec()) return axes();
    List<Axis> out = new ArrayList<>(2);
    if (!ofAxes.isEmpty()) out.add(numel(ofAxes));
    if (!wrtAxes.isEmpty()) out.add(numel(wrtAxes));
    return out;
  }

  private static Axis numel(List<Axis> axes) {
    Axis n = Axis.ONE;
    for (Axis a : axes) n = Axis.product(n, a);
    return n;
  }

  /** The derivative's axes in the order it is compared and reported (for vec, numerator layout's). */
  public List<Axis> axes() {
    List<Axis> out = new ArrayList<>(ofAxes.size() + wrtAxes.size());
    out.addAll(numerator() ? ofAxes : wrtAxes);
    out.addAll(numerator() ? wrtAxes : ofAxes);
    return out;
  }

  public int rank() { return ofAxes.size() + wrtAxes.size(); }

  /** Where `of`'s axes start in a tuple of the derivative. */
  public int ofAt() { return numerator() ? 0 : wrtAxes.size(); }

  /** Where `wrt`'s axes start in a tuple of the derivative. */
  public int wrtAt() { return numerator() ? ofAxes.size() : 0; }

  /** The numeric sizes under a dims map. */
  public Numeric at(Map<String, Integer> dims) {
    return new Numeric(new IndexSpace(sizes(ofAxes, dims)), new IndexSpace(sizes(wrtAxes, dims)),
        new IndexSpace(sizes(axes(), dims)), numerator(), vec());
  }

  /** The number of components under a dims map (as a long: it may not fit an int, which is refused later). */
  public long components(Map<String, Integer> dims) {
    long n = 1;
    for (Axis a : axes()) n *= a.size(dims);
    return n;
  }

  /** Numeric sizes of axes under a dims map. */
  public static int[] sizes(List<Axis> axes, Map<String, Integer> dims) {
    int[] s = new int[axes.size()];
    for (int i = 0; i < s.length; i++) s[i] = (int) axes.get(i).size(dims);
    return s;
  }

  /**
   * The derivative's index space under one dims map. Component {@code (i, k)} pairs the flat `of`
   * component i with the flat `wrt` component k; its flat index in the derivative is {@code i * n + k} in
   * numerator layout (and vec) and {@code k * m + i} in denominator layout (m, n the sizes of `of` and `wrt`).
   * A vec claim holds that component at {@link #vecFlat}.
   */
  public record Numeric(IndexSpace of, IndexSpace wrt, IndexSpace whole, boolean numerator, boolean vec) {
    public int m() { return (int) of.size(); }

    public int n() { return (int) wrt.size(); }

    public long flat(int i, int k) { return numerator ? (long) i * n() + k : (long) k * m() + i; }

    public int ofComponent(long flat) { return (int) (numerator ? flat / n() : flat % m()); }

    public int wrtComponent(long flat) { return (int) (numerator ? flat % n() : flat / m()); }

    /** The row of a vec claim that holds `of` component i (row-major): its column-major index in `of`. */
    public int vecRow(int i) { return (int) of.columnMajor(i); }

    /** The column of a vec claim that holds `wrt` component k (row-major): its column-major index in `wrt`. */
    public int vecColumn(int k) { return (int) wrt.columnMajor(k); }

    /** Where component (i, k) is in a vec claim's row-major {@code [m, n]} buffer. */
    public long vecFlat(int i, int k) { return (long) vecRow(i) * n() + vecColumn(k); }

    /**
     * Where component (i, k) is in the claim as written: {@link #flat}, or {@link #vecFlat} for vec (a claim of
     * the wrong shape is not rearranged, so its transpose is read at its own row and column).
     */
    public long claimFlat(int i, int k) { return vec ? vecFlat(i, k) : flat(i, k); }

    /**
     * Where component {@code flat} of the derivative is in a vec claim's matrix, as a report names it: its row
     * and column shifted by {@code base} (the spec's index base), a scalar `of`'s row or `wrt`'s column left out.
     */
    public int[] vecIndex(long flat, int base) {
      int[] out = new int[(of.rank() > 0 ? 1 : 0) + (wrt.rank() > 0 ? 1 : 0)];
      int a = 0;
      if (of.rank() > 0) out[a++] = vecRow(ofComponent(flat)) + base;
      if (wrt.rank() > 0) out[a] = vecColumn(wrtComponent(flat)) + base;
      return out;
    }
  }
}
