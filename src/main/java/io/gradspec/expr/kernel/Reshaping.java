package io.gradspec.expr.kernel;

import io.gradspec.expr.shape.Shape;

/**
 * Kernels that rearrange entries without arithmetic, each as one gather through maps made once when the
 * node is made: output entry o is entry {@code offset[o]} of source {@code source[o]}, or 0 where the
 * source is -1 (padding, the zeroed side of tril/triu). Slices, concat, reshape (row-major), flips and pad.
 * Every source entry reaches at most one output entry, so a change of a few entries moves only those.
 */
public final class Reshaping {
  private Reshaping() {}

  /**
   * The gather of {@code srcs} through {@code source} (null: all from {@code srcs[0]}) and {@code offset};
   * the output is laid out as shape {@code s}.
   */
  public static Node.Op gather(Buffers at, Shape s, Node[] srcs, int[] source, int[] offset) {
    Node.Op n = at.op(s, srcs);
    double[] out = n.m.data;
    int len = n.size();
    double[][] data = new double[srcs.length][];
    int[][] inverse = new int[srcs.length][];
    for (int k = 0; k < srcs.length; k++) {
      data[k] = srcs[k].m.data;
      inverse[k] = new int[srcs[k].size()];
      java.util.Arrays.fill(inverse[k], -1);
    }
    for (int o = 0; o < len; o++) {
      int k = source == null ? 0 : source[o];
      if (k >= 0) inverse[k][offset[o]] = o;
    }
    if (source == null) {
      double[] in = data[0];
      n.kernel(() -> { for (int o = 0; o < len; o++) out[o] = in[offset[o]]; });
    } else {
      n.kernel(() -> { for (int o = 0; o < len; o++) { int k = source[o]; out[o] = k < 0 ? 0 : data[k][offset[o]]; } });
    }
    n.dirtyKernel(() -> {
      for (Node d : srcs) if (d.dirtyAll) { n.fallback(); return; }
      for (int k = 0; k < srcs.length; k++) {
        Node d = srcs[k];
        int[] inv = inverse[k];
        for (int t = 0; t < d.dirtyCount; t++) {
          int i = d.dirtyIdx[t], o = inv[i];
          if (o >= 0) { out[o] = data[k][i]; n.mark(o); }
        }
      }
    });
    return n;
  }

  /** {@code a} and {@code b} one above the other (concat) or side by side (concat_cols). */
  public static Node.Op concat(Buffers at, Shape s, Node a, Node b, boolean sideBySide) {
    int R = at.rows(s), C = at.cols(s), len = R * C;
    int[] source = new int[len], offset = new int[len];
    int aRows = a.m.numRows, aCols = a.m.numCols, bCols = b.m.numCols;
    // a vector's own layout may be a row or a column: concat of vectors follows the result's
    boolean vector = R == 1 || C == 1;
    for (int r = 0, o = 0; r < R; r++) {
      for (int c = 0; c < C; c++, o++) {
        if (vector) {
          int k = o < a.size() ? 0 : 1;
          source[o] = k;
          offset[o] = k == 0 ? o : o - a.size();
        } else if (!sideBySide) {
          source[o] = r < aRows ? 0 : 1;
          offset[o] = r < aRows ? r * aCols + c : (r - aRows) * aCols + c;
        } else {
          source[o] = c < aCols ? 0 : 1;
          offset[o] = c < aCols ? r * aCols + c : r * bCols + (c - aCols);
        }
      }
    }
    return gather(at, s, new Node[] {a, b}, source, offset);
  }

  /** The same entries in the same row-major order, in shape {@code s}. */
  public static Node.Op reshape(Buffers at, Shape s, Node a) {
    int len = a.size();
    int[] offset = new int[len];
    for (int o = 0; o < len; o++) offset[o] = o;
    return gather(at, s, new Node[] {a}, null, offset);
  }

  /** Rows in reverse order ({@code rows}), columns in reverse order, or (a vector) entries in reverse order. */
  public static Node.Op flip(Buffers at, Shape s, Node a, boolean rows, boolean cols) {
    int R = a.m.numRows, C = a.m.numCols;
    int[] offset = new int[R * C];
    for (int r = 0, o = 0; r < R; r++)
      for (int c = 0; c < C; c++, o++) offset[o] = (rows ? R - 1 - r : r) * C + (cols ? C - 1 - c : c);
    return gather(at, s, new Node[] {a}, null, offset);
  }

  /** {@code a} in the middle of zeros: as many rows above as below, as many columns left as right. */
  public static Node.Op pad(Buffers at, Shape s, Node a) {
    int R = at.rows(s), C = at.cols(s), aR = a.m.numRows, aC = a.m.numCols;
    int pr = (R - aR) / 2, pc = (C - aC) / 2;
    int[] source = new int[R * C], offset = new int[R * C];
    for (int r = 0, o = 0; r < R; r++) {
      for (int c = 0; c < C; c++, o++) {
        boolean inside = r >= pr && r < pr + aR && c >= pc && c < pc + aC;
        source[o] = inside ? 0 : -1;
        offset[o] = inside ? (r - pr) * aC + (c - pc) : 0;
      }
    }
    return gather(at, s, new Node[] {a}, source, offset);
  }

  /** The window of {@code a} from (r0, c0) of the output's size: a slice. */
  public static Node.Op window(Buffers at, Shape s, Node a, int r0, int c0) {
    int R = at.rows(s), C = at.cols(s), aC = a.m.numCols;
    int[] offset = new int[R * C];
    for (int r = 0, o = 0; r < R; r++) for (int c = 0; c < C; c++, o++) offset[o] = (r0 + r) * aC + c0 + c;
    return gather(at, s, new Node[] {a}, null, offset);
  }

  /**
   * The entries on and below diagonal {@code k} ({@code lower}: c - r <= k, tril) or on and above it
   * (c - r >= k, triu); the others 0. {@code k} is read from its node when computed: a constant.
   */
  public static Node.Op triangle(Buffers at, Shape s, Node a, Node k, boolean lower) {
    Node.Op n = k == null ? at.op(s, a) : at.op(s, a, k);
    double[] in = a.m.data, out = n.m.data;
    int R = a.m.numRows, C = a.m.numCols;
    n.kernel(() -> {
      double d = k == null ? 0 : k.m.data[0];
      for (int r = 0, o = 0; r < R; r++)
        for (int c = 0; c < C; c++, o++) out[o] = (lower ? c - r <= d : c - r >= d) ? in[o] : 0;
    });
    n.dirtyKernel(() -> {
      if (a.dirtyAll || (k != null && k.isDirty())) { n.fallback(); return; }
      double d = k == null ? 0 : k.m.data[0];
      for (int t = 0; t < a.dirtyCount; t++) {
        int o = a.dirtyIdx[t], r = o / C, c = o % C;
        if (lower ? c - r <= d : c - r >= d) { out[o] = in[o]; n.mark(o); }
      }
    });
    return n;
  }
}
