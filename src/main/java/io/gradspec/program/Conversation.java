package io.gradspec.program;

import io.gradspec.program.ProgramException.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The conversation with one started program under the protocol's rules (contract §7): request ids, one
 * reply per request in order, the request timeout and the spec's deadline, the envelope of each reply
 * (one JSON object, the request's id, {@code ok}) and the shapes of its arrays, and every fault turned into
 * a {@link ProgramException} that says what happened to which request, with the evidence. A fault that
 * leaves the conversation out of step stops the program. Used under {@link ProgramClient}'s lock.
 */
final class Conversation {
  private final ProgramProcess process;
  private final List<String> argv;
  private final long timeoutNanos;
  private final String timeoutText;
  private String programName;
  private long lastId;
  long deadline = Long.MAX_VALUE;
  boolean dead;
  long requests;
  long bytesOut;
  long bytesIn;

  Conversation(ProgramProcess process, List<String> argv, double timeoutSeconds) {
    this.process = process;
    this.argv = List.copyOf(argv);
    this.timeoutNanos = (long) (timeoutSeconds * 1e9);
    this.timeoutText = seconds(timeoutSeconds);
  }

  /** After the hello: the name the program gave itself. */
  void named(String name) { this.programName = name; }

  /** The name the program gave itself in its hello, or its argv. */
  String who() { return programName != null ? "the program `" + programName + "`" : "the program " + argv; }

  long nextId() { return ++lastId; }

  /** Says bye and ends the program (killing its group if it does not exit in 5 s). */
  void close() {
    dead = true;
    process.close();
  }

  /** Kills the program now. */
  void kill() {
    dead = true;
    process.kill();
  }

  /**
   * After request {@code failed}'s fault: an {@code ok: false} reply leaves the program able to answer, so
   * the replies to the requests still in flight ({@code from..to}) are read and dropped to keep the
   * conversation in step; any other fault has already stopped the program.
   */
  void drain(long from, long to, ProgramException failed) {
    if (failed.kind() != Kind.PROGRAM_ERROR) return;
    for (long id = from; id <= to; id++) {
      try {
        receive(id, "a pipelined request", null);
      } catch (ProgramException e) {
        if (e.kind() != Kind.PROGRAM_ERROR) return;
      }
    }
  }

  interface Request { String text(long id, int c) throws ProgramException; }

  interface Answer { void accept(long id, int c, Reply r) throws ProgramException; }

  /**
   * Requests 0..count-1, pipelined: the next request is on its way while a reply is read and checked, so
   * that the program computes one while gradspec reads the one before (replies come in order, §7).
   */
  void pipeline(int count, String op, String fn, Request request, Answer answer) throws ProgramException {
    long first = lastId + 1;
    int sent = 0;
    for (int c = 0; c < count; c++) {
      while (sent < count && sent <= c + 1) {
        long id = ++lastId;
        send(request.text(id, sent), id, op, fn);
        sent++;
      }
      long id = first + c;
      Reply r;
      try {
        r = receive(id, op, fn);
      } catch (ProgramException e) {
        drain(id + 1, first + sent - 1, e);
        throw e;
      }
      answer.accept(id, c, r);
    }
  }

  Reply exchange(String request, long id, String op, String fn) throws ProgramException {
    send(request, id, op, fn);
    return receive(id, op, fn);
  }

  private void send(String request, long id, String op, String fn) throws ProgramException {
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
  }

  /** Reads the reply to request {@code id}, checking the envelope (JSON object, id, ok). */
  private Reply receive(long id, String op, String fn) throws ProgramException {
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

  ProgramException protocol(long id, String op, String fn, String what, Reply r, byte[] line) {
    stop();
    byte[] l = line != null ? line : lastLine;
    return new ProgramException(Kind.PROTOCOL, "protocol error in the reply to request " + id + " (" + what(op, fn) + "): "
        + what + (l == null ? "" : "; the line began: " + head(l)));
  }

  void stop() {
    dead = true;
    process.kill();
  }

  /** The reply's array {@code field} of shape {@code expect}, complex (interleaved) or real as {@code complex} says. */
  double[] checked(NdArray a, String field, int[] expect, long id, String op, String fn, Reply r, boolean complex)
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

  List<double[]> checkedList(List<NdArray> list, String field, int count, int[] expect, long id, String op, String fn,
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
