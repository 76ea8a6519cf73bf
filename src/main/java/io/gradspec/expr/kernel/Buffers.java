package io.gradspec.expr.kernel;

import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.shape.Shape;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Where the nodes of one program get their buffers: the program's {@link Arena}, and the dims map that
 * turns a symbolic shape into sizes. The compiler makes one per program and passes it to every kernel
 * factory, so each node's buffer belongs to the arena of the program that owns the node.
 *
 * <p>Layout: a value of rank <= 2 is a {@code rows x cols} matrix (a scalar is 1 x 1); a higher rank is one
 * flat row. Either way the data are row-major over the index space.
 */
public final class Buffers {
  private final Arena arena;
  private final Map<String, Integer> dims;
  private final int indexBase;

  public Buffers(Arena arena, Map<String, Integer> dims) { this(arena, dims, 0); }

  /** {@code indexBase}: the spec's index base, which the kernels that return indices (argmax) count from. */
  public Buffers(Arena arena, Map<String, Integer> dims, int indexBase) {
    this.arena = arena;
    this.dims = dims;
    this.indexBase = indexBase;
  }

  /** The spec's index base (0 or 1): the first index of every axis. */
  public int indexBase() { return indexBase; }

  /** The arena the buffers come from. */
  Arena arena() { return arena; }

  /** A computed node of shape {@code s} over {@code deps}; its kernels are set by the factory that makes it. */
  Node.Op op(Shape s, Node... deps) {
    return new Node.Op(arena, rows(s), cols(s), space(s), deps);
  }

  /** A 1 x 1 computed node. */
  Node.Op scalar(Node... deps) {
    return new Node.Op(arena, 1, 1, new int[0], deps);
  }

  /** A computed node laid out as {@code like} is. */
  Node.Op like(Node like, Node... deps) {
    return new Node.Op(arena, like.m.numRows, like.m.numCols, like.space, deps);
  }

  /** An input's node, laid out as {@link #op} lays out a computed value of that shape. */
  public Node.Source source(Shape s) {
    return new Node.Source(arena, rows(s), cols(s), space(s));
  }

  /** Scratch for a kernel (a factorisation's work matrix), zeroed, from the same arena. */
  DMatrixRMaj matrix(int rows, int cols) {
    return arena.matrix(rows, cols);
  }

  /** The numeric index space of a symbolic shape: literal-1 axes dropped, even where a symbol's value is 1. */
  public int[] space(Shape s) {
    List<Axis> axes = s.indexSpace();
    int[] out = new int[axes.size()];
    for (int i = 0; i < out.length; i++) out[i] = (int) axes.get(i).size(dims);
    return out;
  }

  /** The size of one axis under this program's dims. */
  public int size(Axis a) {
    return (int) a.size(dims);
  }

  /** The rows of a node of shape {@code s}. */
  public int rows(Shape s) {
    return s.rank() <= 2 ? (int) s.rows().size(dims) : 1;
  }

  /** The columns of a node of shape {@code s}. */
  public int cols(Shape s) {
    return s.rank() <= 2 ? (int) s.cols().size(dims) : (int) s.count(dims);
  }
}
