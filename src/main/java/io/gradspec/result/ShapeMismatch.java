package io.gradspec.result;

import java.util.List;

/**
 * A matrix-expression claim whose index space is not the derivative's: numeric sizes of both, their
 * symbolic forms (e.g. "(D, C)"), and whether the claim transposed would fit.
 */
public record ShapeMismatch(List<Integer> claimed, List<Integer> expected, String claimedSymbolic,
                            String expectedSymbolic, boolean transposeFits, boolean transposeMatches) {}
