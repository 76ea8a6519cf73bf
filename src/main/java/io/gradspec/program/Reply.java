package io.gradspec.program;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * One reply line, read with a streaming parser into just the fields the protocol defines (contract §7);
 * other fields are skipped. A line that is not one JSON object, or a field of the wrong type, is a
 * {@link Malformed} naming the field.
 */
final class Reply {
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(ProgramProcess.MAX_LINE)
          .maxDocumentLength(ProgramProcess.MAX_LINE).build())
      .build();

  Long id;
  Boolean ok;
  String error;
  NdArray value;
  List<NdArray> values;
  List<List<NdArray>> grads;
  String program;
  String arrays;
  Map<String, Offer> functions;

  /** A reply that does not have the form the protocol gives it. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;
    Malformed(String what) { super(what, null, false, false); }
  }

  static Reply parse(byte[] line) throws Malformed {
    Reply r = new Reply();
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) throw new Malformed("it is not a JSON object");
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "id" -> {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) throw new Malformed("`id` is not an integer");
            r.id = p.getLongValue();
          }
          case "ok" -> {
            if (!p.currentToken().isBoolean()) throw new Malformed("`ok` is not true or false");
            r.ok = p.currentToken() == JsonToken.VALUE_TRUE;
          }
          case "error" -> r.error = p.currentToken() == JsonToken.VALUE_STRING ? p.getString() : text(p);
          case "program" -> r.program = string(p, "program");
          case "arrays" -> r.arrays = string(p, "arrays");
          case "value" -> r.value = array(p, "value");
          case "values" -> r.values = arrays(p, "values");
          case "grads" -> {
            expect(p, JsonToken.START_ARRAY, "`grads` is not a list");
            r.grads = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
              r.grads.add(arraysHere(p, "grads[" + r.grads.size() + "]"));
            }
          }
          case "functions" -> r.functions = functions(p);
          default -> p.skipChildren();
        }
      }
      if (t != JsonToken.END_OBJECT) throw new Malformed("it is not one JSON object");
      if (p.nextToken() != null) throw new Malformed("there is more after the JSON object");
    } catch (JacksonException e) {
      String m = e.getOriginalMessage();
      throw new Malformed("it is not valid JSON (" + (m == null ? "unreadable" : m.lines().findFirst().orElse(m)) + ")");
    }
    return r;
  }

  private static String text(JsonParser p) {
    String s = p.getString();
    p.skipChildren();
    return s == null ? p.currentToken().toString() : s;
  }

  private static String string(JsonParser p, String field) throws Malformed {
    if (p.currentToken() != JsonToken.VALUE_STRING) throw new Malformed("`" + field + "` is not a string");
    return p.getString();
  }

  private static void expect(JsonParser p, JsonToken t, String what) throws Malformed {
    if (p.currentToken() != t) throw new Malformed(what);
  }

  private static List<NdArray> arrays(JsonParser p, String field) throws Malformed {
    expect(p, JsonToken.START_ARRAY, "`" + field + "` is not a list");
    return arraysHere(p, field);
  }

  private static List<NdArray> arraysHere(JsonParser p, String field) throws Malformed {
    expect(p, JsonToken.START_ARRAY, "`" + field + "` is not a list");
    List<NdArray> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) out.add(array(p, field + "[" + out.size() + "]"));
    return out;
  }

  /** An array object: {@code {"shape": [...], "data": [...]}} or with {@code dtype} and {@code base64}. */
  static NdArray array(JsonParser p, String field) throws Malformed {
    expect(p, JsonToken.START_OBJECT, "`" + field + "` is not an array object {\"shape\": [...], \"data\": [...]}");
    int[] shape = null;
    double[] data = null;
    byte[] b64 = null;
    String dtype = null;
    boolean complexData = false;
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "shape" -> shape = shape(p, field);
        case "dtype" -> dtype = string(p, field + ".dtype");
        case "base64" -> {
          if (p.currentToken() != JsonToken.VALUE_STRING) throw new Malformed("`" + field + ".base64` is not a string");
          // the canonical form (padded, no line breaks) decoded here, from the parser's buffer: a perturb reply
          // can hold a gigabyte of it; anything else by the parser itself
          b64 = canonicalBase64(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
          if (b64 == null) {
            try {
              b64 = p.getBinaryValue();
            } catch (JacksonException e) {
              throw new Malformed("`" + field + ".base64` is not base64");
            }
          }
        }
        case "data" -> {
          expect(p, JsonToken.START_ARRAY, "`" + field + ".data` is not a list");
          DoubleList d = new DoubleList();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == JsonToken.START_ARRAY) {
              // a complex element [re, im]
              complexData = true;
              p.nextToken();
              d.add(number(p, field));
              p.nextToken();
              d.add(number(p, field));
              if (p.nextToken() != JsonToken.END_ARRAY) throw new Malformed("`" + field + ".data` has a complex element that is not [re, im]");
            } else {
              d.add(number(p, field));
            }
          }
          data = d.toArray();
        }
        default -> p.skipChildren();
      }
    }
    if (shape == null) throw new Malformed("`" + field + "` lacks `shape`");
    boolean complex = complexData || "complex128".equals(dtype) || "complex64".equals(dtype);
    if (b64 != null) {
      data = decode(b64, dtype == null ? "float64" : dtype, field);
    }
    if (data == null) throw new Malformed("`" + field + "` lacks `data` (or `base64`)");
    long count = NdArray.count(shape) * (complex ? 2 : 1);
    if (data.length != count) {
      throw new Malformed("`" + field + "` has " + (complex ? data.length / 2 : data.length) + " elements, but its shape "
          + NdArray.shapeText(shape) + " holds " + NdArray.count(shape));
    }
    return new NdArray(shape, data, complex);
  }

  private static int[] shape(JsonParser p, String field) throws Malformed {
    expect(p, JsonToken.START_ARRAY, "`" + field + ".shape` is not a list of sizes");
    List<Integer> s = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0 || p.getLongValue() > Integer.MAX_VALUE) {
        throw new Malformed("`" + field + ".shape` is not a list of sizes");
      }
      s.add(p.getIntValue());
    }
    return s.stream().mapToInt(Integer::intValue).toArray();
  }

  private static double number(JsonParser p, String field) throws Malformed {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) return p.getDoubleValue();
    if (t == JsonToken.VALUE_STRING) {
      switch (p.getString()) {
        case "NaN": return Double.NaN;
        case "Infinity": return Double.POSITIVE_INFINITY;
        case "-Infinity": return Double.NEGATIVE_INFINITY;
        default: break;
      }
    }
    throw new Malformed("`" + field + ".data` holds something that is not a number (or \"NaN\", \"Infinity\", \"-Infinity\")");
  }

  private static double[] decode(byte[] bytes, String dtype, String field) throws Malformed {
    ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    switch (dtype) {
      case "float64", "complex128" -> {
        if (bytes.length % 8 != 0) throw new Malformed("`" + field + ".base64` is not a whole number of float64 values");
        double[] d = new double[bytes.length / 8];
        bb.asDoubleBuffer().get(d);
        return d;
      }
      case "float32", "complex64" -> {
        if (bytes.length % 4 != 0) throw new Malformed("`" + field + ".base64` is not a whole number of float32 values");
        float[] f = new float[bytes.length / 4];
        bb.asFloatBuffer().get(f);
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
      }
      default -> throw new Malformed("`" + field + ".dtype` is `" + dtype + "`, not float64, float32 or complex128");
    }
  }

  private static final byte[] SEXTET = new byte[128];

  static {
    java.util.Arrays.fill(SEXTET, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; i++) SEXTET[alphabet.charAt(i)] = (byte) i;
  }

  /** Standard base64 with padding and nothing else, decoded; null for any other text (left to the parser). */
  static byte[] canonicalBase64(char[] c, int off, int len) {
    if (len % 4 != 0) return null;
    int pad = len == 0 ? 0 : c[off + len - 1] != '=' ? 0 : c[off + len - 2] != '=' ? 1 : 2;
    byte[] out = new byte[len / 4 * 3 - pad];
    int o = 0;
    int end = off + len - (pad > 0 ? 4 : 0);
    for (int i = off; i < end; i += 4) {
      int a = sextet(c[i]), b = sextet(c[i + 1]), d = sextet(c[i + 2]), e = sextet(c[i + 3]);
      if ((a | b | d | e) < 0) return null;
      int v = a << 18 | b << 12 | d << 6 | e;
      out[o] = (byte) (v >> 16);
      out[o + 1] = (byte) (v >> 8);
      out[o + 2] = (byte) v;
      o += 3;
    }
    if (pad > 0) {
      int i = off + len - 4;
      int a = sextet(c[i]), b = sextet(c[i + 1]), d = pad == 1 ? sextet(c[i + 2]) : 0;
      if ((a | b | d) < 0) return null;
      int v = a << 18 | b << 12 | d << 6;
      out[o++] = (byte) (v >> 16);
      if (pad == 1) out[o] = (byte) (v >> 8);
    }
    return out;
  }

  private static int sextet(char ch) { return ch < 128 ? SEXTET[ch] : -1; }

  private static Map<String, Offer> functions(JsonParser p) throws Malformed {
    expect(p, JsonToken.START_OBJECT, "`functions` is not an object");
    Map<String, Offer> out = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String fn = p.currentName();
      p.nextToken();
      expect(p, JsonToken.START_OBJECT, "`functions." + fn + "` is not an object");
      List<String> ops = null;
      String dtype = "float64";
      boolean complex = false;
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String k = p.currentName();
        p.nextToken();
        switch (k) {
          case "ops" -> {
            expect(p, JsonToken.START_ARRAY, "`functions." + fn + ".ops` is not a list");
            ops = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) ops.add(string(p, "functions." + fn + ".ops"));
          }
          case "dtype" -> dtype = string(p, "functions." + fn + ".dtype");
          case "complex" -> {
            if (!p.currentToken().isBoolean()) throw new Malformed("`functions." + fn + ".complex` is not true or false");
            complex = p.currentToken() == JsonToken.VALUE_TRUE;
          }
          default -> p.skipChildren();
        }
      }
      if (ops == null) throw new Malformed("`functions." + fn + "` lacks `ops`");
      out.put(fn, new Offer(List.copyOf(ops), dtype, complex));
    }
    return out;
  }

  /** A growable list of doubles (no boxing: replies can hold millions). */
  static final class DoubleList {
    private double[] a = new double[16];
    private int n;
    void add(double v) {
      if (n == a.length) a = java.util.Arrays.copyOf(a, n * 2);
      a[n++] = v;
    }
    double[] toArray() { return java.util.Arrays.copyOf(a, n); }
  }
}
