package io.gradspec.program;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Writes the JSON of requests: arrays as {@code {"shape": [...], "data": [...]}} with numbers that read
 * back as exactly the same doubles (non-finite ones as the contract's strings), or as base64 of
 * little-endian float64 when the program's hello asked for it.
 */
final class RequestWriter {
  private RequestWriter() {}


  static void arrays(StringBuilder b, List<NdArray> list, boolean base64) {
    b.append('[');
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) b.append(", ");
      array(b, list.get(i), base64);
    }
    b.append(']');
  }

  static void array(StringBuilder b, NdArray a, boolean base64) {
    b.append("{\"shape\": ");
    shape(b, a.shape());
    double[] d = a.data();
    // a buffer may be longer than its shape (a pooled array): send exactly the shape's elements
    int n = (int) Math.min(d.length, a.count() * (a.complex() ? 2 : 1));
    if (base64) {
      ByteBuffer bb = ByteBuffer.allocate(n * 8).order(ByteOrder.LITTLE_ENDIAN);
      bb.asDoubleBuffer().put(d, 0, n);
      b.append(", \"dtype\": \"").append(a.complex() ? "complex128" : "float64").append("\", \"base64\": \"")
          .append(new String(Base64.getEncoder().encode(bb.array()), StandardCharsets.ISO_8859_1)).append("\"}");
      return;
    }
    if (a.complex()) b.append(", \"dtype\": \"complex128\"");
    b.append(", \"data\": [");
    if (a.complex()) {
      for (int i = 0; i < n; i += 2) {
        if (i > 0) b.append(", ");
        b.append('[');
        number(b, d[i]);
        b.append(", ");
        number(b, d[i + 1]);
        b.append(']');
      }
    } else {
      for (int i = 0; i < n; i++) {
        if (i > 0) b.append(", ");
        number(b, d[i]);
      }
    }
    b.append("]}");
  }

  static void shape(StringBuilder b, int[] shape) {
    b.append('[');
    for (int i = 0; i < shape.length; i++) b.append(i > 0 ? ", " : "").append(shape[i]);
    b.append(']');
  }

  /** A JSON number that reads back as exactly the same double; non-finite values as the contract's strings. */
  static void number(StringBuilder b, double v) {
    if (Double.isNaN(v)) b.append("\"NaN\"");
    else if (v == Double.POSITIVE_INFINITY) b.append("\"Infinity\"");
    else if (v == Double.NEGATIVE_INFINITY) b.append("\"-Infinity\"");
    else if (v == Math.rint(v) && Math.abs(v) < 1e15 && (v != 0 || Double.doubleToRawLongBits(v) == 0)) b.append((long) v);
    else b.append(Double.toString(v));
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20) b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }
}
