package io.gradspec.result;

/**
 * A program that is not deterministic (README, "Noisy programs"): f evaluated {@code evaluations} times at
 * the same point differed by up to {@code maxDeviation} in some component; {@code relative} is that noise
 * as a relative round-off, which the check used in place of machine epsilon, with {@code step} as its step.
 */
public record ProgramNoise(int evaluations, double maxDeviation, double relative, double step) {}
