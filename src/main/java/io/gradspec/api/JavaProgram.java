package io.gradspec.api;

import io.gradspec.program.InProcessServer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Java functions checked as program functions, in this JVM (README, "Use from Java"): register each under
 * the name a spec declares in {@code functions}, with its {@code eval} and optionally its own derivative
 * (a {@link Vjp}, {@link Jvp} or {@link Jacobian}), and give the program a name that specs refer to with
 * {@code program: {java: NAME}}. gradspec speaks the protocol of contract §7 to it exactly as to a child
 * process (its client, its timeouts, its protocol checks), so {@code claim: program} checks the Java
 * derivative the way it checks a NumPy or PyTorch backward. Part of the stable API.
 *
 * <pre>{@code
 * JavaProgram layers = JavaProgram.named("layers")
 *     .function("dense", args -> dense(args[0], args[1]))
 *     .vjp("dense", (cotangent, args) -> denseBackward(cotangent, args[0], args[1]));
 * Report r = Gradspec.options().program(layers).check("specs/dense.yaml");
 * }</pre>
 */
public final class JavaProgram {
  /** A function's value at its arguments. */
  @FunctionalInterface
  public interface Eval { Tensor apply(Tensor... args) throws Exception; }

  /** For one cotangent of the result: the gradient with respect to every argument (each row-major in its shape). */
  @FunctionalInterface
  public interface Vjp { double[][] apply(Tensor cotangent, Tensor... args) throws Exception; }

  /** For one tangent of argument {@code wrt}: the directional derivative of the result (row-major in its shape). */
  @FunctionalInterface
  public interface Jvp { double[] apply(int wrt, Tensor tangent, Tensor... args) throws Exception; }

  /** The derivative of the result with respect to argument {@code wrt}, numerator layout, row-major. */
  @FunctionalInterface
  public interface Jacobian { double[] apply(int wrt, Tensor... args) throws Exception; }

  private record Entry(Eval eval, Vjp vjp, Jvp jvp, Jacobian jacobian) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String name;
  private final Map<String, Entry> functions = new LinkedHashMap<>();

  private JavaProgram(String name) {
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("a Java program's name is what a spec writes after `java:`: letters, digits "
          + "and `_`, not `" + name + "`");
    }
    this.name = name;
  }

  /** An empty program that specs name with {@code program: {java: name}}. */
  public static JavaProgram named(String name) { return new JavaProgram(name); }

  /** The name specs refer to. */
  public String name() { return name; }

  /** Registers {@code fn} under the name a spec declares in {@code functions}. */
  public JavaProgram function(String fn, Eval eval) {
    Entry e = functions.get(fn);
    functions.put(fn, e == null ? new Entry(eval, null, null, null) : new Entry(eval, e.vjp, e.jvp, e.jacobian));
    return this;
  }

  /** Gives {@code fn} (registered before) its vector-Jacobian product: what {@code claim: program} checks. */
  public JavaProgram vjp(String fn, Vjp vjp) {
    Entry e = registered(fn);
    functions.put(fn, new Entry(e.eval, vjp, e.jvp, e.jacobian));
    return this;
  }

  /** Gives {@code fn} its Jacobian-vector product. */
  public JavaProgram jvp(String fn, Jvp jvp) {
    Entry e = registered(fn);
    functions.put(fn, new Entry(e.eval, e.vjp, jvp, e.jacobian));
    return this;
  }

  /** Gives {@code fn} its whole Jacobian. */
  public JavaProgram jacobian(String fn, Jacobian jacobian) {
    Entry e = registered(fn);
    functions.put(fn, new Entry(e.eval, e.vjp, e.jvp, jacobian));
    return this;
  }

  private Entry registered(String fn) {
    Entry e = functions.get(fn);
    if (e == null) throw new IllegalArgumentException("register `" + fn + "` with function(\"" + fn + "\", ...) first");
    return e;
  }

  /** The protocol server gradspec starts for a spec that names this program (a fresh copy of the table). */
  InProcessServer server() {
    Map<String, Entry> table = Map.copyOf(functions);
    return request -> reply(table, request);
  }

  // ---- the protocol (contract §7), server side -------------------------------------------------------

  private String reply(Map<String, Entry> table, String line) throws Exception {
    JsonNode r = JSON.readTree(line);
    String op = r.path("op").asString("");
    if (op.equals("bye")) return null;
    if (op.equals("hello")) return hello(table);
    long id = r.path("id").asLong();
    StringBuilder b = new StringBuilder("{\"id\": ").append(id).append(", ");
    String fn = r.path("fn").asString("");
    Entry e = table.get(fn);
    try {
      if (e == null) throw new IllegalArgumentException("no function `" + fn + "` in the Java program `" + name + "`");
      switch (op) {
        case "eval" -> {
          if (r.has("batch")) {
            b.append("\"ok\": true, \"values\": [");
            int i = 0;
            for (JsonNode point : r.get("batch")) {
              if (i++ > 0) b.append(", ");
              array(b, e.eval.apply(tensors(point)));
            }
            b.append(']');
          } else {
            b.append("\"ok\": true, \"value\": ");
            array(b, e.eval.apply(tensors(r.get("args"))));
          }
        }
        case "vjp" -> {
          Tensor[] args = tensors(r.get("args"));
          b.append("\"ok\": true, \"grads\": [");
          int i = 0;
          for (JsonNode c : r.get("cotangents")) {
            if (i++ > 0) b.append(", ");
            double[][] grads = e.vjp.apply(tensor(c), args);
            b.append('[');
            for (int a = 0; a < args.length; a++) {
              if (a > 0) b.append(", ");
              array(b, new Tensor(args[a].shape(), grads[a]));
            }
            b.append(']');
          }
          b.append(']');
        }
        case "jvp" -> {
          Tensor[] args = tensors(r.get("args"));
          int wrt = r.path("wrt").asInt();
          int[] shape = null;
          b.append("\"ok\": true, \"values\": [");
          int i = 0;
          for (JsonNode t : r.get("tangents")) {
            if (i++ > 0) b.append(", ");
            if (shape == null) shape = e.eval.apply(args).shape();
            array(b, new Tensor(shape, e.jvp.apply(wrt, tensor(t), args)));
          }
          b.append(']');
        }
        case "jacobian" -> {
          Tensor[] args = tensors(r.get("args"));
          int wrt = r.path("wrt").asInt();
          int[] out = e.eval.apply(args).shape(), in = args[wrt].shape();
          int[] shape = new int[out.length + in.length];
          System.arraycopy(out, 0, shape, 0, out.length);
          System.arraycopy(in, 0, shape, out.length, in.length);
          b.append("\"ok\": true, \"value\": ");
          array(b, new Tensor(shape, e.jacobian.apply(wrt, args)));
        }
        default -> throw new IllegalArgumentException("the Java program `" + name + "` does not offer `" + op + "`");
      }
    } catch (Exception | AssertionError ex) {
      // the function's own failure: that spec's error with the message, as a program's `ok: false`
      String msg = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
      return "{\"id\": " + id + ", \"ok\": false, \"error\": " + quote(msg) + "}";
    }
    return b.append('}').toString();
  }

  private String hello(Map<String, Entry> table) {
    StringBuilder b = new StringBuilder("{\"ok\": true, \"program\": ").append(quote("java:" + name))
        .append(", \"arrays\": \"base64\", \"functions\": {");
    int i = 0;
    for (var f : table.entrySet()) {
      if (i++ > 0) b.append(", ");
      List<String> ops = new ArrayList<>(List.of("\"eval\""));
      if (f.getValue().vjp != null) ops.add("\"vjp\"");
      if (f.getValue().jvp != null) ops.add("\"jvp\"");
      if (f.getValue().jacobian != null) ops.add("\"jacobian\"");
      b.append(quote(f.getKey())).append(": {\"ops\": [").append(String.join(", ", ops))
          .append("], \"dtype\": \"float64\"}");
    }
    return b.append("}}").toString();
  }

  private static Tensor[] tensors(JsonNode list) {
    if (list == null || !list.isArray()) throw new IllegalArgumentException("a request without its arrays");
    Tensor[] out = new Tensor[list.size()];
    for (int i = 0; i < out.length; i++) out[i] = tensor(list.get(i));
    return out;
  }

  /** {@code {"shape": [...], "data": [...]}} or {@code {"shape": [...], "dtype": "float64", "base64": "..."}}. */
  private static Tensor tensor(JsonNode a) {
    JsonNode s = a.get("shape");
    int[] shape = new int[s.size()];
    for (int i = 0; i < shape.length; i++) shape[i] = s.get(i).asInt();
    double[] data;
    if (a.has("base64")) {
      ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(a.get("base64").asString()))
          .order(ByteOrder.LITTLE_ENDIAN);
      data = new double[bytes.remaining() / 8];
      bytes.asDoubleBuffer().get(data);
    } else {
      JsonNode d = a.get("data");
      data = new double[d.size()];
      for (int i = 0; i < data.length; i++) {
        JsonNode x = d.get(i);
        data[i] = x.isString() ? Double.parseDouble(x.asString()) : x.asDouble();
      }
    }
    return new Tensor(shape, data);
  }

  /** An array as base64 of little-endian doubles. */
  private static void array(StringBuilder b, Tensor t) {
    b.append("{\"shape\": [");
    for (int i = 0; i < t.shape().length; i++) b.append(i == 0 ? "" : ", ").append(t.shape()[i]);
    ByteBuffer bytes = ByteBuffer.allocate(t.data().length * 8).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asDoubleBuffer().put(t.data());
    b.append("], \"dtype\": \"float64\", \"base64\": \"").append(Base64.getEncoder().encodeToString(bytes.array()))
        .append("\"}");
  }

  private static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (RuntimeException e) {
      return "\"\"";
    }
  }
}
