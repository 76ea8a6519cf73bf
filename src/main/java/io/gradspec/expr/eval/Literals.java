package io.gradspec.expr.eval;

import io.gradspec.expr.kernel.Node;
import io.gradspec.expr.sema.TypedSpec.InputInfo;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Span;
import java.util.List;

/**
 * An input's literal `value` under one dims map: a number for a scalar, a flat list for a vector, a list
 * of rows for a matrix, each checked against the input's numeric shape.
 */
final class Literals {
  private Literals() {}

  /** Writes the literal `value` of input {@code in} into its node, or throws why it does not fit the shape. */
  static void fill(InputInfo in, Node.Source n, int base) {
    Object v = in.decl().value();
    Span at = in.decl().valueSpan();
    int rows = n.m.numRows, cols = n.m.numCols;
    String shape = in.shape() + " = " + (rows == 1 && cols == 1 ? "a scalar" : "[" + rows + ", " + cols + "]");
    if (v instanceof Number num) {
      if (rows * cols != 1 || in.shape().rank() != 0) {
        throw new CompileError(Diagnostic.error("bad-value", at, "a bare number fits only a scalar input, but `"
            + in.decl().name().value() + "` has shape " + shape).withLabel("a number")
            .withHelp("write a list of " + rows * cols + " numbers, or rows of numbers"));
      }
      n.m.data[0] = num.doubleValue();
      return;
    }
    List<?> list = (List<?>) v;
    boolean nested = !list.isEmpty() && list.get(0) instanceof List;
    if (!nested) {
      if (!(rows == 1 || cols == 1) || list.size() != rows * cols || in.shape().rank() == 0) {
        throw new CompileError(Diagnostic.error("bad-value", at, "a flat list of " + list.size()
                + " numbers does not fit `" + in.decl().name().value() + "` of shape " + shape)
            .withLabel(list.size() + " numbers")
            .withNote("a flat list fits [D], [D, 1] and [1, D]; a matrix needs a list of rows")
            .withHelp(rows == 1 || cols == 1 ? "give " + rows * cols + " numbers" : "write " + rows + " rows of " + cols
                + " numbers, e.g. `[[...], [...]]`"));
      }
      for (int i = 0; i < list.size(); i++) n.m.data[i] = toDouble(list.get(i), at);
      return;
    }
    if (list.size() != rows) {
      throw new CompileError(Diagnostic.error("bad-value", at, "`" + in.decl().name().value() + "` has " + rows
          + " rows (shape " + shape + "), but the literal has " + list.size()).withLabel(list.size() + " rows")
          .withHelp("give " + rows + " rows of " + cols + " numbers each, or change the shape or `dims`"));
    }
    for (int r = 0; r < rows; r++) {
      Object row = list.get(r);
      if (!(row instanceof List<?> rl) || rl.size() != cols) {
        throw new CompileError(Diagnostic.error("bad-value", at, "row " + (r + base) + " of the literal for `"
            + in.decl().name().value() + "` should have " + cols + " numbers (shape " + shape + ")")
            .withLabel("row " + (r + base) + " has " + (row instanceof List<?> l2 ? l2.size() : 1))
            .withHelp("give every row " + cols + " numbers, or change the shape or `dims`"));
      }
      for (int c = 0; c < cols; c++) n.m.data[r * cols + c] = toDouble(rl.get(c), at);
    }
  }

  private static double toDouble(Object o, Span at) {
    if (o instanceof Number num) return num.doubleValue();
    throw new CompileError(Diagnostic.error("bad-value", at, "a `value` literal must hold numbers, found `" + o + "`")
        .withLabel("not a number"));
  }
}
