package io.gradspec.spec;

import java.time.Duration;

/**
 * The resource limits of one run. A spec is untrusted data (it may come from a pull request), so every
 * quantity it controls that costs time or memory is bounded, and going over a bound is a diagnostic naming
 * the limit and the command-line option that raises it, found before the work is done.
 *
 * @param maxFileSize    bytes of one spec file; checked before the file is read ({@code --max-file-size})
 * @param maxYamlDepth   nesting of YAML mappings and sequences ({@code --max-yaml-depth})
 * @param maxExprLength  characters of one expression ({@code --max-expr-length})
 * @param maxElements    elements of any one value, the product of its dims ({@code --max-elements})
 * @param maxEvaluations perturbed evaluations of one claim over all dims maps and trials
 *                       ({@code --max-evaluations})
 * @param timeout        wall-clock time of one spec; {@link Duration#ZERO} means none ({@code --timeout})
 * @param maxTerms       terms of sums that one evaluation of an index formula computes, its elements times
 *                       its nested sums' ranges ({@code --max-terms}): the timeout is polled between
 *                       columns, so one evaluation must be bounded before it starts
 * @param maxMemory      bytes of values one spec may plan (all its values, each with its base-point copy);
 *                       0 means 3/4 of the JVM's maximum heap ({@code --max-memory}, {@link #memoryBytes})
 */
public record Limits(long maxFileSize, int maxYamlDepth, int maxExprLength, long maxElements, long maxEvaluations,
                     Duration timeout, long maxTerms, long maxMemory) {
  public static final long DEFAULT_MAX_FILE_SIZE = 4L << 20;
  public static final int DEFAULT_MAX_YAML_DEPTH = 64;
  public static final int DEFAULT_MAX_EXPR_LENGTH = 10_000;
  public static final long DEFAULT_MAX_ELEMENTS = 100_000_000L;
  public static final long DEFAULT_MAX_EVALUATIONS = 200_000_000L;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(600);
  /** About a minute of one core's terms: far above any spec in specs/ and bench/ (at most ~1e8). */
  public static final long DEFAULT_MAX_TERMS = 10_000_000_000L;

  /** The defaults, as documented in the README and in {@code check --help}. */
  public static final Limits DEFAULTS = new Limits(DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_YAML_DEPTH,
      DEFAULT_MAX_EXPR_LENGTH, DEFAULT_MAX_ELEMENTS, DEFAULT_MAX_EVALUATIONS, DEFAULT_TIMEOUT, DEFAULT_MAX_TERMS, 0);

  public Limits {
    if (maxFileSize < 1 || maxYamlDepth < 1 || maxExprLength < 1 || maxElements < 1 || maxEvaluations < 1 || maxTerms < 1) {
      throw new IllegalArgumentException("limits must be at least 1");
    }
    if (timeout == null || timeout.isNegative()) throw new IllegalArgumentException("timeout must be >= 0");
    if (maxMemory < 0) throw new IllegalArgumentException("maxMemory must be >= 0");
  }

  /** The memory bound in bytes: {@code maxMemory}, or 3/4 of the heap this JVM may grow to. */
  public long memoryBytes() {
    return maxMemory > 0 ? maxMemory : Runtime.getRuntime().maxMemory() / 4 * 3;
  }

  public Limits withMaxMemory(long v) {
    return new Limits(maxFileSize, maxYamlDepth, maxExprLength, maxElements, maxEvaluations, timeout, maxTerms, v);
  }

  public Limits withMaxFileSize(long v) {
    return new Limits(v, maxYamlDepth, maxExprLength, maxElements, maxEvaluations, timeout, maxTerms, maxMemory);
  }

  public Limits withMaxYamlDepth(int v) {
    return new Limits(maxFileSize, v, maxExprLength, maxElements, maxEvaluations, timeout, maxTerms, maxMemory);
  }

  public Limits withMaxExprLength(int v) {
    return new Limits(maxFileSize, maxYamlDepth, v, maxElements, maxEvaluations, timeout, maxTerms, maxMemory);
  }

  public Limits withMaxElements(long v) {
    return new Limits(maxFileSize, maxYamlDepth, maxExprLength, v, maxEvaluations, timeout, maxTerms, maxMemory);
  }

  public Limits withMaxEvaluations(long v) {
    return new Limits(maxFileSize, maxYamlDepth, maxExprLength, maxElements, v, timeout, maxTerms, maxMemory);
  }

  public Limits withMaxTerms(long v) {
    return new Limits(maxFileSize, maxYamlDepth, maxExprLength, maxElements, maxEvaluations, timeout, v, maxMemory);
  }

  public Limits withTimeout(Duration v) {
    return new Limits(maxFileSize, maxYamlDepth, maxExprLength, maxElements, maxEvaluations, v, maxTerms, maxMemory);
  }
}
