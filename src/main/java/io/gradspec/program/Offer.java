package io.gradspec.program;

import java.util.List;

/**
 * What a program's hello says of one function: the operations it answers ({@code eval} always; any of
 * {@code batch}, {@code perturb}, {@code vjp}, {@code jvp}, {@code jacobian}), the precision it computes in
 * ({@code float64} or {@code float32}), and whether it takes complex arguments (for complex step).
 */
public record Offer(List<String> ops, String dtype, boolean complex) {
  public boolean has(String op) { return ops.contains(op); }

  public boolean float32() { return "float32".equals(dtype); }
}
