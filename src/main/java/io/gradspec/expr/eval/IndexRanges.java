package io.gradspec.expr.eval;

import io.gradspec.expr.kernel.EvalException;
import io.gradspec.expr.kernel.Node;
import io.gradspec.expr.sema.ShapeChecker;
import io.gradspec.expr.syntax.Expr;
import io.gradspec.expr.syntax.Printer;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Span;
import java.util.Map;

/**
 * The range of an element access under one dims map: a constant index out of range is an error when
 * compiling ({@code index-range}); an index computed out of range is one when evaluating
 * ({@link EvalException}). Both say which axis, its valid indices in the spec's index base, and the fix.
 */
final class IndexRanges {
  private final int base;
  private final Map<String, Integer> dims;

  IndexRanges(int base, Map<String, Integer> dims) {
    this.base = base;
    this.dims = dims;
  }

  /** The 0-based index of the constant {@code v} on axis {@code k} of {@code target}, or a compile error. */
  int checkIndex(double v, int k, Node target, Expr.Access a, Span at) {
    int idx = (int) v;
    int n = k < target.space.length ? target.space[k] : 1;
    if (idx != v || idx - base < 0 || idx - base >= n) {
      throw new CompileError(Diagnostic.error("index-range", at, "index " + Printer.print(a.indices().get(k))
              + " is out of range for `" + ShapeChecker.text(a.target()) + "`")
          .withLabel("axis " + (k + 1) + " has " + n + " elements: valid indices are " + base + " to " + (n - 1 + base))
          .withNote("index-base is " + base + "; dims " + dimsText())
          .withHelp(rangeHelp(idx, n)));
    }
    return idx - base;
  }

  /** How to fix a constant index outside 0..n-1 (shifted by the index base); the off-by-one cases first. */
  private String rangeHelp(int idx, int n) {
    if (base == 0 && idx == n) {
      return "indices start at 0, so the last one here is " + (n - 1) + "; to count from 1, set `index-base: 1`";
    }
    if (base == 1 && idx == 0) return "`index-base: 1` counts from 1, so the first index on this axis is 1";
    return "use an index from " + base + " to " + (n - 1 + base) + ", or check the sizes in `dims`";
  }

  /** The dims map as the spec writes it: {@code {C: 3, D: 4}}. */
  String dimsText() {
    StringBuilder b = new StringBuilder("{");
    dims.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append(": ").append(v));
    return b.append('}').toString();
  }

  /** The 0-based index of the computed {@code v} on axis {@code k} of {@code target}, or an evaluation error. */
  int runtimeIndex(double v, int k, Node target, Expr.Access a) {
    int n = target.space[k];
    int idx = (int) v - base;
    if (v != Math.rint(v) || idx < 0 || idx >= n) {
      String index = ShapeChecker.text(a.indices().get(k));
      throw new EvalException(a.indices().get(k).span(), "index " + fmt(v) + " is out of range for `"
          + ShapeChecker.text(a.target()) + "`", "evaluates to " + fmt(v) + "; axis " + (k + 1) + " has " + n + " elements")
          .withNote("valid indices are " + base + " to " + (n - 1 + base) + " (index-base " + base + ", dims "
              + dimsText() + ")")
          .withHelp("keep `" + index + "` within " + base + " to " + (n - 1 + base) + ": guard the access with `if(...)`"
              + " (only the chosen branch is evaluated), or narrow the range of the index");
    }
    return idx;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
