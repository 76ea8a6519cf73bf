package io.gradspec.api;

/**
 * gradspec from Java: the stable API (this package and {@code io.gradspec.junit}; every other package is
 * internal and may change). Check spec files, folders or a spec given as text with the command line's
 * defaults, or set options first:
 *
 * <pre>{@code
 * Report r = Gradspec.check("specs");
 * assertTrue(r.passed(), r::toString);
 *
 * Report fast = Gradspec.options().seed(7).mode("fast").check("specs/big.yaml");
 * }</pre>
 *
 * A run leaves nothing behind: programs it started are ended before it returns.
 */
public final class Gradspec {
  private Gradspec() {}

  /** The command line's defaults (seed 0, mode auto), on one thread. */
  public static Options options() { return Options.defaults(); }

  /** Checks spec files and folders with the defaults. */
  public static Report check(String... paths) { return options().check(paths); }

  /** Checks one spec given as text with the defaults; {@code name} is the file name reports show. */
  public static Report checkYaml(String name, String yaml) { return options().checkYaml(name, yaml); }
}
