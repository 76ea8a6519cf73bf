package io.gradspec.expr.builtin;

/**
 * The complex forms of the decompositions whose tangents take more than a line (see
 * {@link Builtin#withTangent} for the notation). Each is the classic first-order perturbation result, written
 * for the matrix as the kernel reads it.
 */
public final class MatrixTangents {
  private MatrixTangents() {}

  /**
   * Inside an index formula a decomposition of a scalar is its scalar form (chol(a) = sqrt(a), qr_r(a) =
   * |a|, ...): the complex forms of those, by function name; null for a function whose form holds there too.
   */
  public static java.util.List<String> scalar(String function) {
    return switch (function) {
      case "chol" -> java.util.List.of("$d0 ./ (2 .* sqrt($0))");
      case "qr_q" -> java.util.List.of(); // sign(a): piecewise constant
      case "qr_r", "svdvals" -> java.util.List.of("sign($0) .* $d0");
      case "eigvalsh" -> java.util.List.of("$d0");
      case "expm" -> java.util.List.of("exp($0) .* $d0");
      default -> null;
    };
  }

  /**
   * dL = L Phi(L^-1 dS L^-T), Phi keeping the lower triangle with half the diagonal (Murray 2016); dS is dA as
   * chol reads A: its lower triangle, mirrored.
   */
  static final String CHOL = "chol($0) * (tril(solve(chol($0), (tril($d0) + tril($d0)' - diag(diagonal($d0))) * inv(chol($0))'))"
      + " - 0.5 .* diag(diagonal(solve(chol($0), (tril($d0) + tril($d0)' - diag(diagonal($d0))) * inv(chol($0))'))))";

  /** d lambda_i = v_i' dS v_i, with dS = (dA + dA') / 2 as eigh reads A. */
  static final String EIGVALSH = "diagonal(eigvecsh($0)' * (0.5 .* ($d0 + $d0')) * eigvecsh($0))";

  /**
   * dV = V (F .* (V' dS V)), F[i, j] = 1 / (lambda_j - lambda_i) off the diagonal and 0 on it (and at a tie,
   * where no derivative exists); the sign convention (largest entry positive) is locally constant, so it
   * adds nothing.
   */
  static final String EIGVECSH = "eigvecsh($0) * (where(outer(1 + 0 .* eigvalsh($0), eigvalsh($0))"
      + " == outer(eigvalsh($0), 1 + 0 .* eigvalsh($0)), 0,"
      + " 1 ./ (outer(1 + 0 .* eigvalsh($0), eigvalsh($0)) - outer(eigvalsh($0), 1 + 0 .* eigvalsh($0))))"
      + " .* (eigvecsh($0)' * (0.5 .* ($d0 + $d0')) * eigvecsh($0)))";

  /**
   * sigma^2 are the eigenvalues of A' A (ascending, where svdvals descends), so d sigma = d(sigma^2) / (2 sigma)
   * with d(sigma^2) from {@link #EIGVALSH} applied to A' A.
   */
  static final String SVDVALS = "flip(diagonal(eigvecsh($0' * $0)' * ($d0' * $0 + $0' * $d0) * eigvecsh($0' * $0)))"
      + " ./ (2 .* svdvals($0))";

  /**
   * The top-right block of expm([[A, dA], [0, A]]) (Mathias 1996; Higham, Functions of Matrices, 3.2): the
   * Fréchet derivative of expm at A in the direction dA, to the accuracy of expm itself. {@code $r0} is
   * where A's rows end in the spec's index base.
   */
  static final String EXPM = "expm(concat(concat_cols($0, $d0), concat_cols(0 .* $0, $0)))[:$r0, $r0:]";

  /**
   * The reduced QR's, R with a positive diagonal (JAX's qr_jvp_rule): with X = dA R^-1, C = Q' X and the
   * skew-symmetric W = tril(C, -1) - tril(C, -1)', dQ = Q (W - C) + X and dR = (C - W) R. Holds for a tall A.
   */
  static final String QR_Q = "qr_q($0) * ((tril(qr_q($0)' * ($d0 * inv(qr_r($0))), -1) - tril(qr_q($0)' * ($d0 * inv(qr_r($0))), -1)')"
      + " - qr_q($0)' * ($d0 * inv(qr_r($0)))) + $d0 * inv(qr_r($0))";

  /** See {@link #QR_Q}. */
  static final String QR_R = "(qr_q($0)' * ($d0 * inv(qr_r($0))) - (tril(qr_q($0)' * ($d0 * inv(qr_r($0))), -1)"
      + " - tril(qr_q($0)' * ($d0 * inv(qr_r($0))), -1)')) * qr_r($0)";

  /**
   * sort moves each entry's tangent with it: the tangent at sorted position p is dv at the entry of v equal to
   * sorted(v)[p] (the mean over tied entries, as max's), read through the 0/1 matrix M[p, k] = (sorted_p == v_k)
   * and put back in v's orientation. {@code $len0}: v's length; {@code $shape0}: its rows and columns.
   */
  static final String SORT = "reshape((where(outer(sort($0), 1 + 0 .* $0) == outer(1 + 0 .* $0, $0), 1, 0) * reshape($d0, $len0, 1))"
      + " ./ (where(outer(sort($0), 1 + 0 .* $0) == outer(1 + 0 .* $0, $0), 1, 0) * (1 + 0 .* reshape($0, $len0, 1))), $shape0)";
}
