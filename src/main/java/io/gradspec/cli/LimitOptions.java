package io.gradspec.cli;

import io.gradspec.spec.Limits;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The resource limits as options, shared by {@code check} and {@code validate} (see {@link Limits}). */
final class LimitOptions {
  @Option(names = "--max-file-size", paramLabel = "BYTES", converter = Converters.PositiveLong.class,
      description = "largest spec file read, in bytes (default: 4194304, i.e. 4 MiB)")
  Long maxFileSize;

  @Option(names = "--max-yaml-depth", paramLabel = "N", converter = Converters.PositiveLong.class,
      description = "deepest nesting of YAML mappings and lists (default: 64)")
  Long maxYamlDepth;

  @Option(names = "--max-expr-length", paramLabel = "N", converter = Converters.PositiveLong.class,
      description = "longest expression, in characters (default: 10000)")
  Long maxExprLength;

  @Option(names = "--max-elements", paramLabel = "N", converter = Converters.PositiveLong.class,
      description = "most elements of any one value, the product of its dims (default: 1e8)")
  Long maxElements;

  @Option(names = "--max-evaluations", paramLabel = "N", converter = Converters.PositiveLong.class,
      description = "most perturbed evaluations of one claim over all trials and dims maps (default: 2e8)")
  Long maxEvaluations;

  @Option(names = "--max-terms", paramLabel = "N", converter = Converters.PositiveLong.class,
      description = "most terms of sums one evaluation of an index formula may compute (default: 1e10)")
  Long maxTerms;

  @Option(names = "--max-memory", paramLabel = "BYTES", converter = Converters.PositiveLong.class,
      description = "most bytes of values one spec may plan, each with its base-point copy (default: 3/4 of the heap)")
  Long maxMemory;

  @Option(names = "--timeout", paramLabel = "SECONDS", converter = Converters.Seconds.class,
      description = "wall-clock limit per spec; 0 means none (default: 600)")
  Duration timeout;

  Limits limits() {
    Limits l = Limits.DEFAULTS;
    if (maxFileSize != null) l = l.withMaxFileSize(maxFileSize);
    if (maxYamlDepth != null) l = l.withMaxYamlDepth(toInt(maxYamlDepth));
    if (maxExprLength != null) l = l.withMaxExprLength(toInt(maxExprLength));
    if (maxElements != null) l = l.withMaxElements(maxElements);
    if (maxEvaluations != null) l = l.withMaxEvaluations(maxEvaluations);
    if (timeout != null) l = l.withTimeout(timeout);
    if (maxTerms != null) l = l.withMaxTerms(maxTerms);
    if (maxMemory != null) l = l.withMaxMemory(maxMemory);
    return l;
  }

  private static int toInt(long v) { return (int) Math.min(Integer.MAX_VALUE, v); }
}
