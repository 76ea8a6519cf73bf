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

  /** A matrix's transpose; of a rank-3 value, its last two axes swapped (each matrix along the first axis transposed). */
  public Shape transpose() {
    if (axes.size() == 3) return new Shape(List.of(axes.get(0), axes.get(2), axes.get(1)));
    return matrix(cols(), rows());
  }

  /** Why a value of rank above 2 does not broadcast with another: the note for {@link #tensorMismatch}. */
  public static final String TENSOR_BROADCAST = "values of rank above 2 broadcast only against a scalar or a value of the"
      + " same shape; for another broadcast write an index formula, e.g. `[n: N, g: G, d: D] -> X[n, g, d] - m[n, g]`";

  /**
   * Elementwise operands of which one has rank above 2: the position of the first that is neither a
   * scalar nor of the first non-scalar one's shape, or -1 when they all fit (or none has rank above 2).
   */
  public static int tensorMismatch(Shape... operands) {
    boolean tensor = false;
    for (Shape s : operands) tensor |= s.rank() > 2 && !s.isScalarLike();
    if (!tensor) return -1;
    Shape first = tensorBroadcast(operands);
    for (int k = 0; k < operands.length; k++) {
      if (!operands[k].isScalarLike() && !operands[k].equals(first)) return k;
    }
    return -1;
  }

  /** The shape of elementwise operands that {@link #tensorMismatch} accepts: the first that is not a scalar. */
  public static Shape tensorBroadcast(Shape... operands) {
    for (Shape s : operands) if (!s.isScalarLike()) return s;
    return SCALAR;
  }

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
