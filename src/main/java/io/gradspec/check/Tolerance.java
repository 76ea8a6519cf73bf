package io.gradspec.check;

/**
 * The agreement rule of contract §3: a component agrees when
 * {@code |claimed - numeric| <= atol + rtol * max(|claimed|, |numeric|) + fdError}.
 */
public record Tolerance(double rtol, double atol) {
  public Tolerance {
    if (!(rtol >= 0) || !(atol >= 0)) throw new IllegalArgumentException("tolerances must be >= 0");
  }

  public double allowed(double claimed, double numeric, double fdError) {
    return atol + rtol * Math.max(Math.abs(claimed), Math.abs(numeric)) + fdError;
  }
}
