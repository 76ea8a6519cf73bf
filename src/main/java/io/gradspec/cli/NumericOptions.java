package io.gradspec.cli;

import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.Method;
import picocli.CommandLine.Option;

/**
 * The numerical flags shared by {@code check} and {@code explain}. Only flags the user gave are set;
 * {@link #explicit()} carries them into {@code CheckOptions.explicit}, where they win over the specs' settings.
 */
final class NumericOptions {
  @Option(names = "--seed", paramLabel = "N", converter = Converters.LongConverter.class,
      description = "run seed for the random inputs (default: 0)")
  Long seed;

  @Option(names = "--trials", paramLabel = "N", converter = Converters.PositiveInt.class,
      description = "random points per dims map (default: 3)")
  Integer trials;

  @Option(names = "--rtol", paramLabel = "X", converter = Converters.NonNegative.class,
      description = "relative tolerance (default: 1e-5)")
  Double rtol;

  @Option(names = "--atol", paramLabel = "X", converter = Converters.NonNegative.class,
      description = "absolute tolerance (default: 1e-8)")
  Double atol;

  @Option(names = "--method", paramLabel = "METHOD", converter = Converters.MethodConverter.class,
      completionCandidates = Converters.MethodWords.class,
      description = "central (default), richardson or complex-step")
  Method method;

  @Option(names = "--step", paramLabel = "X", converter = Converters.Step.class,
      description = "relative finite-difference step (default: cbrt(machine epsilon), about 6.1e-6)")
  Double step;

  /** The flags given on the command line (nulls elsewhere). */
  CheckSettings explicit() { return new CheckSettings(trials, seed, method, step, rtol, atol); }

  /** The run seed: the flag, or 0. */
  long runSeed() { return seed == null ? 0L : seed; }
}
