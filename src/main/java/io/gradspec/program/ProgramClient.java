package io.gradspec.program;

import io.gradspec.program.ProgramException.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gradspec side of the program protocol (contract §7): one started program, spoken to in NDJSON
 * requests and replies. Every operation checks its reply (one JSON object, the request's id, the fields
 * the operation needs, arrays of the declared shapes) and turns any fault into a {@link ProgramException}
 * whose message says what happened, to which request, with the evidence ({@link Conversation}): the program's own message, the
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

  private final Conversation conv;
  private final Map<String, Offer> offers;
  private final boolean base64;

  private ProgramClient(Conversation conv, Map<String, Offer> offers, boolean base64) {
    this.conv = conv;
    this.offers = offers;
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
    Conversation c = new Conversation(p, argv, timeoutSeconds);
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
    c.named(r.program);
    return new ProgramClient(c, Map.copyOf(new LinkedHashMap<>(r.functions)), "base64".equals(r.arrays));
  }

  /** What the hello said of each function. */
  public Map<String, Offer> offers() { return offers; }

  /** The name the program gave itself in its hello, or its argv. */
  public String who() { return conv.who(); }

  /** Waiting for any reply stops at this {@link System#nanoTime()} (the spec's --timeout), whatever the request timeout. */
  public synchronized void deadline(long nanoTime) { conv.deadline = nanoTime; }

  public synchronized boolean dead() { return conv.dead; }

  public synchronized long requests() { return conv.requests; }

  public synchronized long bytesOut() { return conv.bytesOut; }

  public synchronized long bytesIn() { return conv.bytesIn; }

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
    long id = conv.nextId();
    StringBuilder b = head(id, "eval", fn).append(", \"args\": ");
    RequestWriter.arrays(b, args, base64);
    Reply r = conv.exchange(b.append('}').toString(), id, "eval", fn);
    return conv.checked(r.value, "value", returns, id, "eval", fn, r, complex);
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
      long id = conv.nextId();
      StringBuilder b = head(id, "eval", fn).append(", \"batch\": [");
      for (int i = 0; i < part.size(); i++) {
        if (i > 0) b.append(", ");
        RequestWriter.arrays(b, part.get(i), base64);
      }
      Reply r = conv.exchange(b.append("]}").toString(), id, "eval", fn);
      out.addAll(conv.checkedList(r.values, "values", part.size(), returns, id, "eval", fn, r));
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
    StringBuilder args = new StringBuilder();
    RequestWriter.arrays(args, base, base64);
    long argNumbers = 0;
    for (NdArray a : base) argNumbers += a.count();
    int[] cut = perturbCuts(index.length, perturbChunk(index.length, returns, argNumbers));
    conv.pipeline(cut.length - 1, "eval", fn, (id, c) -> {
      StringBuilder b = head(id, "eval", fn).append(", \"base\": ").append(args);
      b.append(", \"perturb\": {\"arg\": ").append(arg).append(", \"index\": [");
      for (int p = cut[c]; p < cut[c + 1]; p++) b.append(p > cut[c] ? ", " : "").append(index[p]);
      b.append("], \"delta\": [");
      for (int p = cut[c]; p < cut[c + 1]; p++) {
        if (p > cut[c]) b.append(", ");
        RequestWriter.number(b, delta[p]);
      }
      return b.append("]}}").toString();
    }, (id, c, r) -> out.addAll(conv.checkedList(r.values, "values", cut[c + 1] - cut[c], returns, id, "eval", fn, r)));
    return out;
  }

  /**
   * Points per {@code perturb} request: about a quarter of the sweep, so that there is a next request to
   * pipeline, but at least 64 points and enough that the reply outweighs the arguments sent again with
   * each request four to one; at most what {@link #MAX_REPLY_NUMBERS} allows.
   */
  static int perturbChunk(int points, int[] returns, long argNumbers) {
    long per = Math.max(1, NdArray.count(returns));
    long most = Math.max(1, MAX_REPLY_NUMBERS / per);
    long least = Math.max(64, (4 * argNumbers + per - 1) / per);
    long quarter = (points + 3) / 4;
    return (int) Math.max(1, Math.min(most, Math.min(points, Math.max(least, quarter))));
  }

  /**
   * Where the requests of {@code points} begin and end: chunks of {@code chunk} points, the last one cut
   * in two when it is large, so that the last reply, which nothing overlaps, is quick to read.
   */
  static int[] perturbCuts(int points, int chunk) {
    List<Integer> cuts = new ArrayList<>();
    for (int from = 0; from < points; from += chunk) cuts.add(from);
    int last = cuts.get(cuts.size() - 1);
    int tail = Math.max(64, chunk / 8);
    if (cuts.size() > 1 && points - last > 2 * tail) cuts.add(points - tail);
    cuts.add(points);
    return cuts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** For each cotangent (shaped like the result), the gradient with respect to every argument. */
  public synchronized List<List<double[]>> vjp(String fn, List<NdArray> args, List<NdArray> cotangents, List<int[]> argShapes)
      throws ProgramException {
    List<List<double[]>> out = new ArrayList<>();
    vjp(fn, args, List.of(cotangents), argShapes, (c, grads) -> out.addAll(grads));
    return out;
  }

  /** Where the replies of {@link #vjp(String, List, List, List, GradientSink)} go, request by request. */
  public interface GradientSink {
    void accept(int request, List<List<double[]>> grads) throws ProgramException;
  }

  /**
   * One {@code vjp} request per list of cotangents in {@code requests}, pipelined as {@link #perturb} is:
   * the next request is on its way while a reply is read, and each reply goes to {@code sink} in order.
   */
  public synchronized void vjp(String fn, List<NdArray> args, List<List<NdArray>> requests, List<int[]> argShapes,
                               GradientSink sink) throws ProgramException {
    StringBuilder argText = new StringBuilder();
    RequestWriter.arrays(argText, args, base64);
    // requests.get may build its cotangents on demand: each is asked for once
    int[] counts = new int[requests.size()];
    conv.pipeline(requests.size(), "vjp", fn, (id, c) -> {
      List<NdArray> cotangents = requests.get(c);
      counts[c] = cotangents.size();
      StringBuilder b = head(id, "vjp", fn).append(", \"args\": ").append(argText).append(", \"cotangents\": ");
      RequestWriter.arrays(b, cotangents, base64);
      return b.append('}').toString();
    }, (id, c, r) -> sink.accept(c, gradients(r, id, fn, counts[c], argShapes)));
  }

  private List<List<double[]>> gradients(Reply r, long id, String fn, int cotangents, List<int[]> argShapes)
      throws ProgramException {
    if (r.grads == null) throw conv.protocol(id, "vjp", fn, "the reply lacks `grads`", r, null);
    if (r.grads.size() != cotangents) {
      throw conv.protocol(id, "vjp", fn, "`grads` has " + r.grads.size() + " entries for " + cotangents + " cotangents", r, null);
    }
    List<List<double[]>> out = new ArrayList<>();
    for (int c = 0; c < r.grads.size(); c++) {
      List<NdArray> g = r.grads.get(c);
      if (g.size() != argShapes.size()) {
        throw conv.protocol(id, "vjp", fn, "`grads[" + c + "]` has " + g.size() + " gradients, but `" + fn + "` takes "
            + argShapes.size() + " arguments", r, null);
      }
      List<double[]> per = new ArrayList<>();
      for (int a = 0; a < g.size(); a++) per.add(conv.checked(g.get(a), "grads[" + c + "][" + a + "]", argShapes.get(a), id, "vjp", fn, r, false));
      out.add(per);
    }
    return out;
  }

  /** For each tangent of argument {@code wrt}, the directional derivative of the result. */
  public synchronized List<double[]> jvp(String fn, List<NdArray> args, int wrt, List<NdArray> tangents, int[] returns)
      throws ProgramException {
    long id = conv.nextId();
    StringBuilder b = head(id, "jvp", fn).append(", \"args\": ");
    RequestWriter.arrays(b, args, base64);
    b.append(", \"wrt\": ").append(wrt).append(", \"tangents\": ");
    RequestWriter.arrays(b, tangents, base64);
    Reply r = conv.exchange(b.append('}').toString(), id, "jvp", fn);
    return conv.checkedList(r.values, "values", tangents.size(), returns, id, "jvp", fn, r);
  }

  /** The derivative of the result with respect to argument {@code wrt}, numerator layout, of shape {@code shape}. */
  public synchronized double[] jacobian(String fn, List<NdArray> args, int wrt, int[] shape) throws ProgramException {
    long id = conv.nextId();
    StringBuilder b = head(id, "jacobian", fn).append(", \"args\": ");
    RequestWriter.arrays(b, args, base64);
    b.append(", \"wrt\": ").append(wrt);
    Reply r = conv.exchange(b.append('}').toString(), id, "jacobian", fn);
    return conv.checked(r.value, "value", shape, id, "jacobian", fn, r, false);
  }

  /** Says bye and ends the program (killing its group if it does not exit in 5 s). */
  @Override public synchronized void close() { conv.close(); }

  /** Kills the program now (an interrupted run, --fail-fast). */
  public synchronized void kill() { conv.kill(); }

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
}
