package io.gradspec.api;

import java.util.Arrays;

/**
 * An array as a Java program function sees it: its shape and its elements in row-major order of the
 * shape's index space (a scalar has shape {@code []} and one element). Part of the stable API.
 *
 * @param shape the size of each axis
 * @param data  the elements, row-major ({@code data.length} is the product of {@code shape})
 */
public record Tensor(int[] shape, double[] data) {
  public Tensor {
    long size = 1;
    for (int s : shape) {
      if (s < 0) throw new IllegalArgumentException("negative size in shape " + Arrays.toString(shape));
      size *= s;
    }
    if (size != data.length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size + " elements, not "
          + data.length);
    }
  }

  /** A tensor of {@code shape} holding {@code data} (row-major). */
  public static Tensor of(int[] shape, double... data) { return new Tensor(shape.clone(), data); }

  /** A scalar. */
  public static Tensor scalar(double x) { return new Tensor(new int[0], new double[] {x}); }

  /** The number of axes. */
  public int rank() { return shape.length; }

  /** The size of axis {@code axis}. */
  public int size(int axis) { return shape[axis]; }

  /** The element at a 0-based index tuple. */
  public double get(int... index) {
    if (index.length != shape.length) {
      throw new IllegalArgumentException("index of rank " + index.length + " into shape " + Arrays.toString(shape));
    }
    int flat = 0;
    for (int a = 0; a < shape.length; a++) {
      if (index[a] < 0 || index[a] >= shape[a]) {
        throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " outside shape " + Arrays.toString(shape));
      }
      flat = flat * shape[a] + index[a];
    }
    return data[flat];
  }

  @Override public boolean equals(Object o) {
    return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
  }

  @Override public int hashCode() { return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data); }

  @Override public String toString() { return "Tensor" + Arrays.toString(shape) + Arrays.toString(data); }
}
