package io.gradspec.result;

/**
 * Where a {@code claim: program} claim came from (contract §7): the program's operation that supplied the
 * derivative ({@code vjp}, {@code jvp} or {@code jacobian}) and the precision the program computes in
 * ({@code float64} or {@code float32}, which sets the step and the tolerance it was checked with).
 */
public record ClaimSource(String operation, String dtype) {
  /** "the program's vjp" or, for single precision, "the program's vjp, float32". */
  public String words() {
    return "the program's " + operation + ("float32".equals(dtype) ? ", float32" : "");
  }
}
