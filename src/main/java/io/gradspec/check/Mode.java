package io.gradspec.check;

import java.util.Locale;

/**
 * How a claim is compared: {@code full} checks every component (2·|wrt| evaluations), {@code fast} checks
 * random projections and localises any mismatch ({@link FastCheck}), {@code auto} picks full when
 * |wrt| &le; {@link FastCheck#AUTO_FULL_LIMIT} and fast above, except that a sparse index-formula claim stays
 * in full mode while its compared entries are at most {@link FastCheck#AUTO_FULL_COMPARED} (decided in
 * {@link ModePolicy}, where the claim is known).
 */
public enum Mode {
  FULL, FAST, AUTO;

  public String word() { return name().toLowerCase(Locale.ROOT); }

  /** The mode a claim with {@code wrtSize} components runs in: never AUTO. */
  public Mode resolve(long wrtSize) {
    if (this != AUTO) return this;
    return wrtSize <= FastCheck.AUTO_FULL_LIMIT ? FULL : FAST;
  }
}
