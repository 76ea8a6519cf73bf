package io.gradspec.expr.kernel;

/**
 * Which entries of one read node each entry of an index formula reads, recorded while the formula is
 * evaluated at the base point: the inverse (read entry → the output entries that read it) lets a
 * perturbation recompute only the outputs that read a changed entry (for a convolution, the window
 * around it). The body's reads call {@link #note} when they read the watched node; nothing is recorded
 * when no node is watched, which is all the time except the two recording passes per base point.
 *
 * <p>Recording at the base point is exact even where reads depend on values (`if`, indices computed from
 * data): an output's evaluation can leave its base path only at a read whose value changed, and that read
 * is on its base path, so it is recorded.
 */
public final class ReadLog {
  /** No node is watched (read ids are >= 0, or -1 outside a definition's formula). */
  private static final int NONE = -2;
  /** A log that is never watched: for reads outside a definition's formula (a claim's), which record nothing. */
  public static final ReadLog UNWATCHED = new ReadLog();

  /** The position, among the formula's reads, of the node being recorded; {@link #NONE} when none. */
  private int watched = NONE;
  /** The output entry being evaluated. */
  int current;
  private boolean filling;
  private int[] last, counts, fill, outputs;

  /** Whether a node is being recorded: generated element code calls {@link #note} only then. */
  public boolean recording() { return watched != NONE; }

  /** Called by the body for every read of entry {@code index} of read node {@code node}. */
  public void note(int node, int index) {
    if (node != watched || last[index] == current) return;
    last[index] = current;
    if (filling) outputs[fill[index]++] = current;
    else counts[index + 1]++;
  }

  /** The recorded inverse of one read node: the outputs that read entry i are {@code outputs[offsets[i] .. offsets[i+1])}. */
  record Inverse(int[] offsets, int[] outputs) {
    int from(int i) { return offsets[i]; }

    int to(int i) { return offsets[i + 1]; }
  }

  /**
   * The most (read entry, output) pairs an inverse holds: 2^24 ints, 64 MiB. A formula whose outputs read
   * more (a dense product of two large operands written as a formula) is recomputed in full instead.
   */
  static final int MAX_PAIRS = 1 << 24;

  /**
   * Records the inverse for read node {@code node} of {@code size} entries, running {@code evaluate} twice;
   * null when it would hold more than {@link #MAX_PAIRS} pairs.
   */
  Inverse record(int node, int size, Runnable evaluate) {
    last = new int[size];
    counts = new int[size + 1];
    java.util.Arrays.fill(last, -1);
    watched = node;
    filling = false;
    try {
      evaluate.run();
      long total = 0;
      for (int i = 0; i < size; i++) total += counts[i + 1];
      if (total > MAX_PAIRS) return null;
      for (int i = 0; i < size; i++) counts[i + 1] += counts[i];
      outputs = new int[counts[size]];
      fill = java.util.Arrays.copyOf(counts, size);
      java.util.Arrays.fill(last, -1);
      filling = true;
      evaluate.run();
      return new Inverse(counts, outputs);
    } finally {
      watched = NONE;
      last = fill = outputs = null;
      counts = null;
    }
  }
}
