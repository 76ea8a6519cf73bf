package io.gradspec.program;

import java.util.Arrays;

/**
 * An array as the protocol carries it: its numeric shape (as the spec's {@code functions} declare it,
 * e.g. {@code [4, 6]}, {@code [6]}, {@code []}) and its elements in row-major order. Complex arrays hold
 * interleaved real and imaginary parts ({@code data.length == 2 * count}).
 */
public record NdArray(int[] shape, double[] data, boolean complex) {
  public NdArray {
    shape = shape.clone();
  }

  public NdArray(int[] shape, double[] data) { this(shape, data, false); }

  /** The number of elements the shape holds. */
  public static long count(int[] shape) {
    long n = 1;
    for (int s : shape) n *= s;
    return n;
  }

  public long count() { return count(shape); }

  @Override public boolean equals(Object o) {
    return o instanceof NdArray a && Arrays.equals(shape, a.shape) && Arrays.equals(data, a.data) && complex == a.complex;
  }

  @Override public int hashCode() { return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data); }

  @Override public String toString() { return Arrays.toString(shape) + (complex ? " complex" : ""); }

  /** "[4, 6]", as messages print shapes. */
  public static String shapeText(int[] shape) { return Arrays.toString(shape); }
}
