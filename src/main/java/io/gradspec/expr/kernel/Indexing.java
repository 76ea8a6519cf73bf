package io.gradspec.expr.kernel;

import io.gradspec.expr.shape.Shape;
import java.util.Arrays;

/**
 * Nodes made from single elements: an element of a value at a matrix-level access {@code A[2, k]}, and the
 * values of index formulas, computed element by element by their compiled {@link ScalarCode}.
 */
public final class Indexing {
  private Indexing() {}

  /** Turns an index computed at run time (in the spec's index base) into a 0-based one, or throws {@link EvalException}. */
  @FunctionalInterface
  public interface IndexCheck {
    int index(double value, int axis);
  }

  /** {@code target} at fixed 0-based indices; the index nodes are dependencies only. */
  public static Node.Op element(Buffers at, Node target, Node[] indices, int[] fixed) {
    Node.Op out = at.scalar(withTarget(target, indices));
    double[] od = out.m.data, td = target.m.data;
    int off = 0;
    for (int k = 0; k < fixed.length; k++) off += fixed[k] * target.strides[k];
    int o = off;
    out.kernel(() -> od[0] = td[o]);
    out.dirtyKernel(() -> { if (target.isDirty(o)) { od[0] = td[o]; out.mark(0); } });
    return out;
  }

  /** {@code target} at the indices held by the (scalar) index nodes, each checked by {@code check}. */
  public static Node.Op element(Buffers at, Node target, Node[] indices, IndexCheck check) {
    Node.Op out = at.scalar(withTarget(target, indices));
    double[] od = out.m.data, td = target.m.data;
    Node[] ix = indices.clone();
    out.kernel(() -> {
      int off = 0;
      for (int k = 0; k < ix.length; k++) off += check.index(ix[k].m.data[0], k) * target.strides[k];
      od[0] = td[off];
    });
    return out;
  }

  private static Node[] withTarget(Node target, Node[] indices) {
    Node[] out = new Node[indices.length + 1];
    out[0] = target;
    System.arraycopy(indices, 0, out, 1, indices.length);
    return out;
  }

  /**
   * The value of an index formula of shape {@code s}: {@code body} at every index tuple, in row-major order.
   * Index variable d lives at {@code env[slots[d]]} and runs over {@code sizes[d]} values from {@code base}.
   * {@code reads} are the nodes the body reads (its dependencies); the body reports its reads to {@code log}.
   * A perturbation recomputes only the outputs that read a changed entry, found from the reads recorded at
   * the base point ({@link ReadLog}); all of them when that is most of the output.
   */
  public static Node.Op formula(Buffers at, Shape s, Node[] reads, ScalarCode body, ScalarCode recording, int[] sizes,
                                int[] slots, int base, int envSize, ReadLog log) {
    Node.Op n = at.op(s, reads);
    double[] out = n.m.data;
    double[] env = new double[envSize];
    int len = n.size();
    Runnable all = every(body, out, env, sizes, slots, base, log);
    Runnable recordAll = recording == body ? all : every(recording, out, env, sizes, slots, base, log);
    n.kernel(all);
    // recorded once per base point for each read that can move, and read by every perturbation made there
    // (each claim's, each re-check's; a read that is dirty can move); an inverse may be null (too large), so
    // whether it was recorded is kept apart
    ReadLog.Inverse[] inverses = new ReadLog.Inverse[reads.length];
    boolean[] known = new boolean[reads.length];
    n.preparer(moving -> {
      for (int k = 0; k < reads.length; k++) {
        if (!known[k] && moving.contains(reads[k])) { inverses[k] = log.record(k, reads[k].size(), recordAll); known[k] = true; }
      }
    });
    n.rebaser(() -> Arrays.fill(known, false));
    n.dirtyKernel(() -> {
      int work = 0;
      for (int k = 0; k < reads.length; k++) {
        Node r = reads[k];
        if (!r.isDirty()) continue;
        ReadLog.Inverse inv = inverses[k];
        if (r.dirtyAll || inv == null) { n.fallback(); return; }
        for (int t = 0; t < r.dirtyCount; t++) work += inv.to(r.dirtyIdx[t]) - inv.from(r.dirtyIdx[t]);
      }
      if (work > len / 2) { n.fallback(); return; }
      for (int k = 0; k < reads.length; k++) {
        Node r = reads[k];
        if (!r.isDirty()) continue;
        ReadLog.Inverse inv = inverses[k];
        for (int t = 0; t < r.dirtyCount; t++) {
          int i = r.dirtyIdx[t];
          for (int p = inv.from(i), end = inv.to(i); p < end; p++) {
            int o = inv.outputs()[p];
            if (!n.mark(o)) continue;
            int rest = o;
            for (int d = sizes.length - 1; d >= 0; d--) { env[slots[d]] = rest % sizes[d] + base; rest /= sizes[d]; }
            out[o] = body.eval(env);
          }
        }
      }
    });
    return n;
  }

  /** Every output of a formula, in row-major order, by {@code body} ({@link #formula}'s parameters). */
  private static Runnable every(ScalarCode body, double[] out, double[] env, int[] sizes, int[] slots, int b, ReadLog log) {
    int[] idx = new int[sizes.length];
    int len = out.length;
    return () -> {
      Arrays.fill(idx, 0);
      for (int d = 0; d < slots.length; d++) env[slots[d]] = b;
      for (int o = 0; o < len; o++) {
        log.current = o;
        out[o] = body.eval(env);
        for (int d = sizes.length - 1; d >= 0; d--) {
          if (++idx[d] < sizes[d]) { env[slots[d]] = idx[d] + b; break; }
          idx[d] = 0;
          env[slots[d]] = b;
        }
      }
    };
  }

  /** A scalar computed by element code that uses no outer index (an index sum at matrix level). */
  public static Node.Op scalar(Buffers at, Node[] reads, ScalarCode code, int envSize) {
    Node.Op out = at.scalar(reads);
    double[] env = new double[envSize];
    double[] od = out.m.data;
    out.kernel(() -> od[0] = code.eval(env));
    return out;
  }
}
