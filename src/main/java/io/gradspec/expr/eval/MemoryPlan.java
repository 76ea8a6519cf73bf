package io.gradspec.expr.eval;

import io.gradspec.expr.sema.ShapeChecker;
import io.gradspec.expr.sema.TypedSpec;
import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.shape.Shape;
import io.gradspec.expr.syntax.Expr;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Span;
import java.util.Map;

/**
 * The memory one spec's programs will hold, added up at compile time before anything is allocated: every
 * input, definition, intermediate and claim value under every dims map, twice (the live buffer and the
 * copy kept at the base point), 8 bytes an element. Going over the bound is a compile error at the largest
 * value, naming {@code --max-memory}, before anything is allocated: each value may be within {@code --max-elements} while
 * together they exhaust the heap (nine values of 1e8 elements need 14 GB).
 */
public final class MemoryPlan {
  /** Bytes planned per element: the value and its base-point copy, 8 bytes each. */
  static final long BYTES_PER_ELEMENT = 16;

  private final long limitBytes;
  private long planned;

  /** A plan that refuses more than {@code limitBytes} in all. */
  public MemoryPlan(long limitBytes) {
    this.limitBytes = limitBytes;
  }

  /** No bound (tests, and the copies of a program that --jobs blocks work on). */
  public static MemoryPlan unbounded() { return new MemoryPlan(Long.MAX_VALUE); }

  /** Bytes planned so far. */
  public long planned() { return planned; }

  /**
   * Adds every value of the spec under {@code dims} before any is allocated: its inputs and every
   * expression the shape checker typed (a name only refers to a value, and is not counted again), and
   * refuses the lot at the largest of them when the total goes over the bound. A value over
   * {@code maxElements}, or of a size not defined under {@code dims}, is left to the compiler's own check.
   */
  void addAll(TypedSpec t, Map<String, Integer> dims, long maxElements) {
    long total = 0, largest = -1;
    Span where = null;
    String what = null;
    for (TypedSpec.InputInfo in : t.inputs.values()) {
      long n = elements(in.shape(), dims, maxElements);
      total = sum(total, n);
      if (n > largest) { largest = n; where = in.decl().name().span(); what = "input `" + in.decl().name().value() + "`"; }
    }
    for (Map.Entry<Expr, Shape> e : t.shapes.entrySet()) {
      if (e.getKey() instanceof Expr.Name) continue;
      long n = elements(e.getValue(), dims, maxElements);
      total = sum(total, n);
      if (n > largest) { largest = n; where = e.getKey().span(); what = "`" + ShapeChecker.text(e.getKey()) + "`"; }
    }
    add(total, largest, where, what);
  }

  private static long elements(Shape s, Map<String, Integer> dims, long maxElements) {
    long count = 1;
    for (Axis a : s.axes()) {
      long v = a.size(dims);
      if (v < 1) return a.isOne() ? count : 0;
      count *= v;
      if (count > maxElements) return 0;
    }
    return count;
  }

  private static long sum(long a, long b) { return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b; }

  /** Adds {@code elements} elements, refusing them at {@code where}, the largest value, over the bound. */
  private void add(long elements, long largest, Span where, String what) {
    long bytes = elements > Long.MAX_VALUE / BYTES_PER_ELEMENT ? Long.MAX_VALUE : elements * BYTES_PER_ELEMENT;
    planned = sum(planned, bytes);
    if (planned <= limitBytes) return;
    throw new CompileError(Diagnostic.error("limit", where, "this spec would hold " + mib(planned)
            + " MiB of values, more than the " + mib(limitBytes) + " MiB that `--max-memory` allows; the largest is "
            + what + " with " + largest + " elements (" + mib(largest * BYTES_PER_ELEMENT) + " MiB)")
        .withLabel("the largest value of a spec over the memory bound")
        .withNote("planned: every input, definition, intermediate and claim under every dims map, each with its "
            + "copy at the base point, 8 bytes an element; the bound defaults to 3/4 of the JVM's heap")
        .withHelp("use smaller dims, or give the JVM more heap (GRADSPEC_JAVA_OPTS=-Xmx8g) and raise "
            + "`--max-memory BYTES` with it"));
  }

  private static long mib(long bytes) { return (bytes + (1 << 20) - 1) >> 20; }
}
