package io.gradspec.spec;

/**
 * The values an {@code int} input is drawn from: {@code range: C}, the valid indices of an axis of length C
 * in the spec's index base (so a label can index it), or {@code range: [lo, hi]}, the integers lo <= k < hi
 * (hi excluded, as Python's range and torch.randint).
 *
 * @param dim  the dimension symbol of {@code range: C}, or null for a literal pair
 * @param lo   the first value of a literal pair
 * @param hi   one past the last value of a literal pair
 * @param span where the range is written
 */
public record IntRange(Located<String> dim, long lo, long hi, Span span) {}
