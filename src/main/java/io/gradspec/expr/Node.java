package io.gradspec.expr;

import org.ejml.data.DMatrixRMaj;

/**
 * One value of a compiled program with its preallocated buffer. Rank <= 2 values are {@code rows x cols}
 * EJML matrices (a scalar is 1 x 1); higher ranks are a flat 1 x N matrix. Data are always row-major over
 * the index space, so element access needs only {@link #strides}.
 */
public abstract class Node {
  public final DMatrixRMaj m;
  /** Numeric sizes of the index space (literal-1 axes dropped). */
  public final int[] space;
  /** Row-major strides matching {@link #space}. */
  final int[] strides;
  final Node[] deps;
  /** Position in the program's topological order. */
  int order = -1;
  /** Human name for messages: the input or definition name, or null for an intermediate. */
  String label;

  Node(int rows, int cols, int[] space, Node... deps) {
    this.m = new DMatrixRMaj(rows, cols);
    this.space = space;
    this.strides = new int[space.length];
    int s = 1;
    for (int i = space.length - 1; i >= 0; i--) { strides[i] = s; s *= space[i]; }
    this.deps = deps;
  }

  public int size() { return m.getNumElements(); }

  public double[] data() { return m.data; }

  /** Recomputes this node's buffer from its dependencies' buffers. */
  abstract void compute();

  /** A value set from outside: an input, or a definition held free for a `wrt`. */
  public static final class Source extends Node {
    Source(int rows, int cols, int[] space) { super(rows, cols, space); }
    @Override void compute() {}
  }

  /** A node computed by a kernel closure over its buffers. */
  static final class Op extends Node {
    private Runnable kernel;
    Op(int rows, int cols, int[] space, Node... deps) { super(rows, cols, space, deps); }
    void kernel(Runnable k) { this.kernel = k; }
    @Override void compute() { kernel.run(); }
  }
}
