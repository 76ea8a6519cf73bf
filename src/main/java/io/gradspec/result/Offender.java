package io.gradspec.result;

/**
 * One component that disagrees: its index tuple (already in the spec's index base), the claimed and
 * numeric values, |claimed - numeric| and the tolerance it was held to.
 */
public record Offender(int[] index, double claimed, double numeric, double absError, double tolerance) {}
