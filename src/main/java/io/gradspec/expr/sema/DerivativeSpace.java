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
    boolean numerator = layout != Layout.DENOMINATOR;
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

  public boolean numerator() { return layout != Layout.DENOMINATOR; }

  /** The derivative's axes in the claim's layout. */
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
        new IndexSpace(sizes(axes(), dims)), numerator());
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
   * numerator layout and {@code k * m + i} in denominator layout (m, n the sizes of `of` and `wrt`).
   */
  public record Numeric(IndexSpace of, IndexSpace wrt, IndexSpace whole, boolean numerator) {
    public int m() { return (int) of.size(); }

    public int n() { return (int) wrt.size(); }

    public long flat(int i, int k) { return numerator ? (long) i * n() + k : (long) k * m() + i; }

    public int ofComponent(long flat) { return (int) (numerator ? flat / n() : flat % m()); }

    public int wrtComponent(long flat) { return (int) (numerator ? flat % n() : flat / m()); }
  }
}
