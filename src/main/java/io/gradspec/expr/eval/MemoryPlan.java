package io.gradspec.expr.eval;

import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Span;

/**
 * The memory one spec's programs will hold, added up at compile time before anything is allocated: every
 * input, definition, intermediate and claim value under every dims map, twice (the live buffer and the
 * copy kept at the base point), 8 bytes an element. Going over the bound is a compile error at the value
 * that crosses it, naming {@code --max-memory}: each value may be within {@code --max-elements} while
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

  /** Adds a value of {@code elements} elements, refusing it at {@code where} when the total goes over the bound. */
  void add(long elements, Span where, String what) {
    long bytes = elements > Long.MAX_VALUE / BYTES_PER_ELEMENT ? Long.MAX_VALUE : elements * BYTES_PER_ELEMENT;
    planned = planned > Long.MAX_VALUE - bytes ? Long.MAX_VALUE : planned + bytes;
    if (planned <= limitBytes) return;
    throw new CompileError(Diagnostic.error("limit", where, "this spec would hold " + mib(planned)
            + " MiB of values once " + what + " is added, more than the " + mib(limitBytes)
            + " MiB that `--max-memory` allows")
        .withLabel("the planned total goes over the memory bound here")
        .withNote("planned: every input, definition, intermediate and claim under every dims map, each with its "
            + "copy at the base point, 8 bytes an element; the bound defaults to 3/4 of the JVM's heap")
        .withHelp("use smaller dims, or give the JVM more heap (GRADSPEC_JAVA_OPTS=-Xmx8g) and raise "
            + "`--max-memory BYTES` with it"));
  }

  private static long mib(long bytes) { return (bytes + (1 << 20) - 1) >> 20; }
}
