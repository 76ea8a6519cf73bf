package io.gradspec.expr.shape;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A symbolic shape: a list of axes. {@code []} is a scalar; {@code [D]} is the column {@code [D, 1]}.
 * Matrix operators see rank <= 2 shapes as (rows, cols). The index space drops every literal-1 axis.
 */
public record Shape(List<Axis> axes) {
  public static final Shape SCALAR = new Shape(List.of());

  public Shape { axes = List.copyOf(axes); }

  public static Shape matrix(Axis rows, Axis cols) {
    if (rows.isOne() && cols.isOne()) return SCALAR;
    return new Shape(List.of(rows, cols));
  }

  public int rank() { return axes.size(); }

  /** Whether matrix operators can take it (rank <= 2). */
  public boolean isMatrixLike() { return axes.size() <= 2; }

  public Axis rows() { return axes.isEmpty() ? Axis.ONE : axes.get(0); }

  public Axis cols() { return axes.size() < 2 ? Axis.ONE : axes.get(1); }

  /** The axes with literal 1s removed (contract: index space). */
  public List<Axis> indexSpace() {
    return axes.stream().filter(a -> !a.isOne()).collect(Collectors.toList());
  }

  public boolean isScalarLike() { return indexSpace().isEmpty(); }

  /** A vector: index space of rank 1 (column, row, or [D]). */
  public boolean isVectorLike() { return indexSpace().size() == 1; }

  public Shape transpose() { return matrix(cols(), rows()); }

  public long count(Map<String, Integer> dims) {
    long n = 1;
    for (Axis a : axes) n *= a.size(dims);
    return n;
  }

  /** "[C, D]". */
  @Override public String toString() {
    return axes.stream().map(Axis::toString).collect(Collectors.joining(", ", "[", "]"));
  }

  /** "(C, D)" for an index space. */
  public static String spaceString(List<Axis> space) {
    return space.stream().map(Axis::toString).collect(Collectors.joining(", ", "(", ")"));
  }
}
