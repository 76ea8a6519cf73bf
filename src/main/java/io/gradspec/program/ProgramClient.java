package io.gradspec.program;

import io.gradspec.program.ProgramException.Kind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The gradspec side of the program protocol (contract §7): one started program, spoken to in NDJSON
 * requests and replies. Every operation checks its reply (one JSON object, the request's id, the fields
 * the operation needs, arrays of the declared shapes) and turns any fault into a {@link ProgramException}
 * whose message says what happened, to which request, with the evidence: the program's own message, the
 * first 200 bytes of a bad line, or the exit status and the last lines of standard error.
 *
 * <p>A fault that leaves the conversation out of step (a timeout, a protocol error, an exit) stops the
 * program; the client is then {@link #dead()} and a caller that needs the program again starts a new
 * one. An {@code ok: false} reply does not: the program answered, and can go on answering. Methods are
 * synchronized, because specs of one file share the file's program and may run on several threads.
 */
public final class ProgramClient implements AutoCloseable {
  /** Protocol version sent in the hello. */
  static final int PROTOCOL = 1;
  /** Requests are cut so that a reply holds at most about this many numbers (a line of ~50 MB as JSON). */
  static final int MAX_REPLY_NUMBERS = 2_000_000;

  private final ProgramProcess process;
  private final List<String> argv;
  private final long timeoutNanos;
  private final String timeoutText;
  private final Map<String, Offer> offers;
  private final String programName;
  private final boolean base64;
  private long lastId;
  private long deadline = Long.MAX_VALUE;
  private boolean dead;
  private long requests;
  private long bytesOut;
  private long bytesIn;

  private ProgramClient(ProgramProcess process, List<String> argv, double timeoutSeconds, Map<String, Offer> offers,
                        String programName, boolean base64) {
    this.process = process;
    this.argv = List.copyOf(argv);
    this.timeoutNanos = (long) (timeoutSeconds * 1e9);
    this.timeoutText = seconds(timeoutSeconds);
    this.offers = offers;
    this.programName = programName;
    this.base64 = base64;
  }

  /**
   * Starts {@code argv} in {@code dir} and says hello with the declared functions' shapes under the first
   * dims map. {@code timeoutSeconds} bounds every request, the hello included.
   */
  public static ProgramClient start(List<String> argv, Path dir, double timeoutSeconds, Map<String, Signature> functions)
      throws ProgramException {
    return hello(ProgramProcess.start(argv, dir), argv, timeoutSeconds, functions);
  }

  /**
   * Starts {@code server} in this JVM under {@code name} (a spec's {@code program: {java: name}}) and says
   * hello as to any program: every request after that goes through the protocol as to a child process.
   */
  public static ProgramClient startInProcess(InProcessServer server, String name, double timeoutSeconds,
                                             Map<String, Signature> functions) throws ProgramException {
    return hello(ProgramProcess.inProcess(server, name), List.of("java:" + name), timeoutSeconds, functions);
  }

  private static ProgramClient hello(ProgramProcess p, List<String> argv, double timeoutSeconds,
                                     Map<String, Signature> functions) throws ProgramException {
    ProgramClient c = new ProgramClient(p, argv, timeoutSeconds, Map.of(), null, false);
    StringBuilder b = new StringBuilder("{\"gradspec\": ").append(PROTOCOL).append(", \"op\": \"hello\", \"functions\": {");
    int i = 0;
    for (var e : functions.entrySet()) {
      if (i++ > 0) b.append(", ");
      b.append(RequestWriter.quote(e.getKey())).append(": {\"args\": [");
      List<int[]> args = e.getValue().args();
      for (int a = 0; a < args.size(); a++) {
        if (a > 0) b.append(", ");
        RequestWriter.shape(b, args.get(a));
      }
      b.append("], \"returns\": ");
      RequestWriter.shape(b, e.getValue().returns());
      b.append('}');
    }
    b.append("}}");
    Reply r = c.exchange(b.toString(), 0, "hello", null);
    if (r.functions == null) throw c.protocol(0, "hello", null, "the reply lacks `functions`", r, null);
    for (String fn : functions.keySet()) {
      Offer o = r.functions.get(fn);
      if (o == null) {
        c.stop();
        throw new ProgramException(Kind.PROTOCOL, "protocol error: the hello reply of " + c.who()
            + " does not list the declared function `" + fn + "` (it lists " + String.join(", ", r.functions.keySet())
            + ")");
      }
      if (!o.has("eval")) {
        c.stop();
        throw new ProgramException(Kind.PROTOCOL, "protocol error: the hello reply of " + c.who() + " does not offer `eval` for `"
            + fn + "`; every function needs it");
      }
      if (!o.dtype().equals("float64") && !o.dtype().equals("float32")) {
        c.stop();
        throw new ProgramException(Kind.PROTOCOL, "protocol error: the hello reply of " + c.who() + " gives `" + fn
            + "` the dtype `" + o.dtype() + "`; it must be float64 or float32");
      }
    }
    ProgramClient ready = new ProgramClient(p, argv, timeoutSeconds, Map.copyOf(new LinkedHashMap<>(r.functions)),
        r.program, "base64".equals(r.arrays));
    ready.lastId = c.lastId;
    ready.requests = c.requests;
    ready.bytesIn = c.bytesIn;
    ready.bytesOut = c.bytesOut;
    return ready;
  }

  /** What the hello said of each function. */
  public Map<String, Offer> offers() { return offers; }

  /** The name the program gave itself in its hello, or its argv. */
  public String who() { return programName != null ? "the program `" + programName + "`" : "the program " + argv; }

  /** Waiting for any reply stops at this {@link System#nanoTime()} (the spec's --timeout), whatever the request timeout. */
  public synchronized void deadline(long nanoTime) { this.deadline = nanoTime; }

  public synchronized boolean dead() { return dead; }

  public synchronized long requests() { return requests; }

  public synchronized long bytesOut() { return bytesOut; }

  public synchronized long bytesIn() { return bytesIn; }

  public boolean base64() { return base64; }

  // ------------------------------------------------------------------ operations

  /** f(args). */
  public synchronized double[] eval(String fn, List<NdArray> args, int[] returns) throws ProgramException {
    return eval(fn, args, returns, false);
  }

  /**
   * f(args), with {@code complex} of complex arguments (contract §7, a function whose hello says {@code "complex":
   * true}): then the result's real and imaginary parts interleaved, and a real reply is a protocol error.
   */
  public synchronized double[] eval(String fn, List<NdArray> args, int[] returns, boolean complex) throws ProgramException {
    long id = ++lastId;
    StringBuilder b = head(id, "eval", fn).append(", \"args\": ");
    RequestWriter.arrays(b, args, base64);
    Reply r = exchange(b.append('}').toString(), id, "eval", fn);
    return checked(r.value, "value", returns, id, "eval", fn, r, complex);
  }

  /** f at each of several points: one {@code batch} request per chunk when offered, else one eval each. */
  public synchronized List<double[]> evalMany(String fn, List<List<NdArray>> points, int[] returns) throws ProgramException {
    List<double[]> out = new ArrayList<>(points.size());
    if (!offer(fn).has("batch")) {
      for (List<NdArray> args : points) out.add(eval(fn, args, returns));
      return out;
    }
    int chunk = chunk(returns);
    for (int from = 0; from < points.size(); from += chunk) {
      List<List<NdArray>> part = points.subList(from, Math.min(points.size(), from + chunk));
      long id = ++lastId;
      StringBuilder b = head(id, "eval", fn).append(", \"batch\": [");
      for (int i = 0; i < part.size(); i++) {
        if (i > 0) b.append(", ");
        RequestWriter.arrays(b, part.get(i), base64);
      }
      Reply r = exchange(b.append("]}").toString(), id, "eval", fn);
      out.addAll(checkedList(r.values, "values", part.size(), returns, id, "eval", fn, r));
    }
    return out;
  }

  /**
   * f at the base arguments with element {@code index[p]} (flat, row-major) of argument {@code arg}
   * changed by {@code delta[p]}, for each p: the {@code perturb} form of an eval, which sends the arguments
   * once instead of once per point. The caller checks {@link Offer#has} "perturb" first.
   */
  public synchronized List<double[]> perturb(String fn, List<NdArray> base, int arg, int[] index, double[] delta,
                                             int[] returns) throws ProgramException {
    List<double[]> out = new ArrayList<>(index.length);
    int chunk = chunk(returns);
    for (int from = 0; from < index.length; from += chunk) {
      int to = Math.min(index.length, from + chunk);
      long id = ++lastId;
      StringBuilder b = head(id, "eval", fn).append(", \"base\": ");
      RequestWriter.arrays(b, base, base64);
      b.append(", \"perturb\": {\"arg\": ").append(arg).append(", \"index\": [");
      for (int p = from; p < to; p++) b.append(p > from ? ", " : "").append(index[p]);
      b.append("], \"delta\": [");
      for (int p = from; p < to; p++) {
        if (p > from) b.append(", ");
        RequestWriter.number(b, delta[p]);
      }
      Reply r = exchange(b.append("]}}").toString(), id, "eval", fn);
      out.addAll(checkedList(r.values, "values", to - from, returns, id, "eval", fn, r));
    }
    return out;
  }

  /** For each cotangent (shaped like the result), the gradient with respect to every argument. */
  public synchronized List<List<double[]>> vjp(String fn, List<NdArray> args, List<NdArray> cotangents, List<int[]> argShapes)
      throws ProgramException {
    long id = ++lastId;
    StringBuilder b = head(id, "vjp", fn).append(", \"args\": ");
    RequestWriter.arrays(b, args, base64);
    b.append(", \"cotangents\": ");
    RequestWriter.arrays(b, cotangents, base64);
    Reply r = exchange(b.append('}').toString(), id, "vjp", fn);
    if (r.grads == null) throw protocol(id, "vjp", fn, "the reply lacks `grads`", r, null);
    if (r.grads.size() != cotangents.size()) {
      throw protocol(id, "vjp", fn, "`grads` has " + r.grads.size() + " entries for " + cotangents.size() + " cotangents", r, null);
    }
    List<List<double[]>> out = new ArrayList<>();
    for (int c = 0; c < r.grads.size(); c++) {
      List<NdArray> g = r.grads.get(c);
      if (g.size() != argShapes.size()) {
        throw protocol(id, "vjp", fn, "`grads[" + c + "]` has " + g.size() + " gradients, but `" + fn + "` takes "
            + argShapes.size() + " arguments", r, null);
      }
      List<double[]> per = new ArrayList<>();
      for (int a = 0; a < g.size(); a++) per.add(checked(g.get(a), "grads[" + c + "][" + a + "]", argShapes.get(a), id, "vjp", fn, r, false));
      out.add(per);
    }
    return out;
  }

  /** For each tangent of argument {@code wrt}, the directional derivative of the result. */
  public synchronized List<double[]> jvp(String fn, List<NdArray> args, int wrt, List<NdArray> tangents, int[] returns)
      throws ProgramException {
    long id = ++lastId;
    StringBuilder b = head(id, "jvp", fn).append(", \"args\": ");
    RequestWriter.arrays(b, args, base64);
    b.append(", \"wrt\": ").append(wrt).append(", \"tangents\": ");
    RequestWriter.arrays(b, tangents, base64);
    Reply r = exchange(b.append('}').toString(), id, "jvp", fn);
    return checkedList(r.values, "values", tangents.size(), returns, id, "jvp", fn, r);
  }

  /** The derivative of the result with respect to argument {@code wrt}, numerator layout, of shape {@code shape}. */
  public synchronized double[] jacobian(String fn, List<NdArray> args, int wrt, int[] shape) throws ProgramException {
    long id = ++lastId;
    StringBuilder b = head(id, "jacobian", fn).append(", \"args\": ");
    RequestWriter.arrays(b, args, base64);
    b.append(", \"wrt\": ").append(wrt);
    Reply r = exchange(b.append('}').toString(), id, "jacobian", fn);
    return checked(r.value, "value", shape, id, "jacobian", fn, r, false);
  }

  /** Says bye and ends the program (killing its group if it does not exit in 5 s). */
  @Override public synchronized void close() {
    dead = true;
    process.close();
  }

  /** Kills the program now (an interrupted run, --fail-fast). */
  public synchronized void kill() {
    dead = true;
    process.kill();
  }

  /** Kills every program any client started (Ctrl-C, --fail-fast, the end of the run). */
  public static void killAll() { ProgramProcess.killAll(); }

  /** How many started programs are running (for tests). */
  public static int running() { return ProgramProcess.liveCount(); }

  // ------------------------------------------------------------------ the conversation

  private Offer offer(String fn) throws ProgramException {
    Offer o = offers.get(fn);
    if (o == null) throw new ProgramException(Kind.PROTOCOL, "`" + fn + "` is not a function of " + who());
    return o;
  }

  private int chunk(int[] returns) {
    long per = Math.max(1, NdArray.count(returns));
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, MAX_REPLY_NUMBERS / per));
  }

  private StringBuilder head(long id, String op, String fn) {
    return new StringBuilder(256).append("{\"id\": ").append(id).append(", \"op\": \"").append(op).append("\", \"fn\": ")
        .append(RequestWriter.quote(fn));
  }

  /** Sends one request and reads its reply, checking the envelope (JSON object, id, ok). */
  private Reply exchange(String request, long id, String op, String fn) throws ProgramException {
    if (dead) {
      throw new ProgramException(Kind.EXITED, who() + " was stopped after an earlier fault, before request " + id
          + " (" + what(op, fn) + ")");
    }
    requests++;
    bytesOut += request.length() + 1;
    try {
      process.send(request);
    } catch (IOException e) {
      throw exited(id, op, fn);
    }
    byte[] line;
    try {
      long wait = Math.min(timeoutNanos, deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime());
      line = process.receive(Math.max(1, wait));
      if (line == null) {
        boolean spec = deadline != Long.MAX_VALUE && System.nanoTime() >= deadline;
        stop();
        if (spec) {
          throw new ProgramException(Kind.INTERRUPTED, "the spec's --timeout passed while " + who() + " was answering request "
              + id + " (" + what(op, fn) + "); the program was stopped");
        }
        throw new ProgramException(Kind.TIMEOUT, who() + " did not answer request " + id + " (" + what(op, fn) + ") within "
            + timeoutText + " (`program.timeout`); it was stopped. Its standard error ended with:\n" + process.stderrTail(10));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
      throw new ProgramException(Kind.INTERRUPTED, "interrupted while waiting for " + who() + " (request " + id + ")");
    } catch (ProgramProcess.EndOfOutput e) {
      throw exited(id, op, fn);
    } catch (ProgramProcess.LineTooLong e) {
      stop();
      throw new ProgramException(Kind.PROTOCOL, "protocol error in the reply to request " + id + " (" + what(op, fn)
          + "): the line is longer than " + (ProgramProcess.MAX_LINE >> 20) + " MiB; it began: " + e.head);
    }
    bytesIn += line.length + 1;
    Reply r;
    try {
      r = Reply.parse(line);
    } catch (Reply.Malformed m) {
      stop();
      throw new ProgramException(Kind.PROTOCOL, "protocol error in the reply to request " + id + " (" + what(op, fn)
          + "): " + m.getMessage() + "; the line began: " + head(line));
    }
    if (!op.equals("hello")) {
      if (r.id == null) throw protocol(id, op, fn, "the reply lacks `id`", null, line);
      if (r.id != id) throw protocol(id, op, fn, "the reply has `id` " + r.id + ", but the request's is " + id, null, line);
    }
    if (r.ok == null) throw protocol(id, op, fn, "the reply lacks `ok`", null, line);
    if (!r.ok) {
      String msg = r.error == null ? "(no message)" : r.error.strip();
      throw new ProgramException(Kind.PROGRAM_ERROR, who() + " reported an error for request " + id + " (" + what(op, fn)
          + "): " + msg);
    }
    lastLine = line;
    return r;
  }

  private byte[] lastLine;

  private ProgramException exited(long id, String op, String fn) {
    String how = process.exitDescription();
    stop();
    return new ProgramException(Kind.EXITED, who() + " ended during request " + id + " (" + what(op, fn) + "): " + how
        + ". The last lines of its standard error:\n" + process.stderrTail(10));
  }

  private ProgramException protocol(long id, String op, String fn, String what, Reply r, byte[] line) {
    stop();
    byte[] l = line != null ? line : lastLine;
    return new ProgramException(Kind.PROTOCOL, "protocol error in the reply to request " + id + " (" + what(op, fn) + "): "
        + what + (l == null ? "" : "; the line began: " + head(l)));
  }

  private void stop() {
    dead = true;
    process.kill();
  }

  /** The reply's array {@code field} of shape {@code expect}, complex (interleaved) or real as {@code complex} says. */
  private double[] checked(NdArray a, String field, int[] expect, long id, String op, String fn, Reply r, boolean complex)
      throws ProgramException {
    if (a == null) throw protocol(id, op, fn, "the reply lacks `" + field + "`", r, null);
    if (a.complex() != complex) {
      throw protocol(id, op, fn, "`" + field + "` is " + (complex ? "real, but complex arguments were sent (method complex-step)"
          : "complex, but a real array was expected"), r, null);
    }
    if (!sameSpace(a.shape(), expect)) {
      throw protocol(id, op, fn, "`" + field + "` has shape " + NdArray.shapeText(a.shape()) + ", but " + NdArray.shapeText(expect)
          + " was expected", r, null);
    }
    return a.data();
  }

  private List<double[]> checkedList(List<NdArray> list, String field, int count, int[] expect, long id, String op, String fn,
                                     Reply r) throws ProgramException {
    if (list == null) throw protocol(id, op, fn, "the reply lacks `" + field + "`", r, null);
    if (list.size() != count) {
      throw protocol(id, op, fn, "`" + field + "` has " + list.size() + " arrays, but " + count + " were asked for", r, null);
    }
    List<double[]> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) out.add(checked(list.get(i), field + "[" + i + "]", expect, id, op, fn, r, false));
    return out;
  }

  /** Shapes agree when their index spaces do: literal-1 axes aside, so [6] and [6, 1] are the same column. */
  static boolean sameSpace(int[] a, int[] b) {
    return java.util.Arrays.equals(java.util.Arrays.stream(a).filter(s -> s != 1).toArray(),
        java.util.Arrays.stream(b).filter(s -> s != 1).toArray());
  }

  private static String what(String op, String fn) { return fn == null ? op : "`" + op + "` of `" + fn + "`"; }

  /** The first 200 bytes of a line, as text. */
  private static String head(byte[] line) {
    String h = new String(line, 0, Math.min(200, line.length), java.nio.charset.StandardCharsets.UTF_8);
    if (line.length > 200) h += " ...";
    return h.isEmpty() ? "(an empty line)" : h;
  }

  private static String seconds(double s) {
    return s == Math.rint(s) ? (long) s + " s" : String.format(Locale.ROOT, "%.3g s", s);
  }
}
