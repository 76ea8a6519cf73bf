package io.gradspec.report;

import io.gradspec.result.ClaimResult;
import java.util.List;

/** Where in its index space, dims and trials a claim was checked, and how (full or fast mode, the method). */
public final class Where {
  private Where() {}

  /**
   * "index space (N, N, N) = (3, 3, 3); dims {N: 3}; trial 0 of 3, seed 0" (trial 0-based), plus
   * "; fast mode" when the claim was checked by projections (full mode, the default, is not named).
   */
  public static String of(ClaimResult c) {
    return indexSpace(c) + "; dims " + Tuples.dims(c.dims()) + "; trial " + c.trial() + " of " + c.trials()
        + ", seed " + c.seed() + modeNote(c) + (c.symmetric() ? "; `" + c.wrt() + "` perturbed symmetrically ("
        + c.wrt() + "[i, j] and " + c.wrt() + "[j, i] together)" : "");
  }

  /** Whether the claim was checked by random projections. */
  public static boolean fast(ClaimResult c) { return "fast".equals(c.mode()); }

  /** "; fast mode" and "; method richardson" (or complex-step) where they apply, else "". */
  public static String modeNote(ClaimResult c) {
    return (fast(c) ? "; fast mode" : "")
        + ("richardson".equals(c.method()) || "complex-step".equals(c.method()) ? "; method " + c.method() : "");
  }

  /** "index space (N, N, N) = (3, 3, 3)", or "index space (3, 3, 3)" without symbols. */
  public static String indexSpace(ClaimResult c) {
    List<Integer> sizes = c.indexSpace() == null ? List.of() : c.indexSpace();
    List<String> symbols = c.indexSymbols() == null ? List.of() : c.indexSymbols();
    if (symbols.size() == sizes.size() && !symbols.isEmpty()) {
      return "index space " + Tuples.tuple(symbols) + " = " + Tuples.tuple(sizes);
    }
    return "index space " + Tuples.tuple(sizes);
  }
}
