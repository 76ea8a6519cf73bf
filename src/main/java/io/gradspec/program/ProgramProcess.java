package io.gradspec.program;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One started program: its standard input for requests, its standard output read line by line on a
 * thread of its own, its standard error drained on another (so that a program flooding it never blocks,
 * and its last lines can be shown when something goes wrong).
 *
 * <p>No process outlives the run. The program is started from an argv list (never a shell), through
 * {@code setsid} where the system has it, so that it leads a process group of its own: closing or killing
 * it kills the whole group, children it started included. Every live program is also killed by a
 * shutdown hook, which Ctrl-C (SIGINT) and SIGTERM reach. A SIGKILL of gradspec itself cannot be caught;
 * a program then sees its input close, which the adapters take as the end.
 */
final class ProgramProcess {
  /** A reply line longer than this is a protocol error (and is not kept in memory). */
  static final int MAX_LINE = 256 << 20;
  /** How long a program has to exit after {@code bye} and a closed input before its group is killed. */
  static final long GRACE_MS = 5_000;
  private static final int STDERR_LINES = 40;
  private static final Object EOF = new Object();
  private static final Set<ProgramProcess> LIVE = ConcurrentHashMap.newKeySet();
  private static final Path SETSID = firstExisting(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ProgramProcess::killAll, "gradspec-programs"));
  }

  private final Process process;
  private final boolean groupLeader;
  private final OutputStream stdin;
  private final LinkedBlockingQueue<Object> lines = new LinkedBlockingQueue<>();
  private final Deque<String> stderrTail = new ArrayDeque<>();
  private long stderrBytes;
  private volatile boolean closed;

  private ProgramProcess(Process process, boolean groupLeader) {
    this.process = process;
    this.groupLeader = groupLeader;
    this.stdin = process.getOutputStream();
    Thread out = new Thread(() -> readLines(process.getInputStream()), "gradspec-program-out-" + process.pid());
    out.setDaemon(true);
    out.start();
    Thread err = new Thread(() -> drain(process.getErrorStream()), "gradspec-program-err-" + process.pid());
    err.setDaemon(true);
    err.start();
  }

  /** Starts {@code server} on a thread of this JVM, spoken to like a child process ({@link InProcessProcess}). */
  static ProgramProcess inProcess(InProcessServer server, String name) throws ProgramException {
    try {
      ProgramProcess pp = new ProgramProcess(new InProcessProcess(server, name), false);
      LIVE.add(pp);
      return pp;
    } catch (IOException e) {
      throw new ProgramException(ProgramException.Kind.EXITED, "cannot start the Java program `" + name + "`: " + e.getMessage());
    }
  }

  /** Starts {@code argv} in {@code dir}. */
  static ProgramProcess start(List<String> argv, Path dir) throws ProgramException {
    if (argv.isEmpty()) throw new ProgramException(ProgramException.Kind.EXITED, "cannot start a program with an empty `run` list");
    // setsid would start anyway and fail with exit status 127: say what is wrong before that
    String missing = unrunnable(argv.get(0), dir);
    if (missing != null) {
      throw new ProgramException(ProgramException.Kind.EXITED, "cannot start the program " + argv + " in " + dir + ": "
          + missing);
    }
    List<String> cmd = new ArrayList<>();
    boolean group = SETSID != null;
    if (group) cmd.add(SETSID.toString());
    cmd.addAll(argv);
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).start();
      ProgramProcess pp = new ProgramProcess(p, group);
      LIVE.add(pp);
      return pp;
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      // "Cannot run program "x" (in directory "d"): error=2, No such file or directory"
      int at = why.lastIndexOf(", ");
      String reason = why.contains("error=") && at > 0 ? why.substring(at + 2) : why;
      throw new ProgramException(ProgramException.Kind.EXITED, "cannot start the program " + argv + " in "
          + dir + ": " + reason.toLowerCase(java.util.Locale.ROOT));
    }
  }

  long pid() { return process.pid(); }

  /** Writes one request line. */
  void send(String line) throws IOException {
    byte[] b = (line + "\n").getBytes(StandardCharsets.UTF_8);
    stdin.write(b);
    stdin.flush();
  }

  /**
   * The next line of output (UTF-8 bytes, without the line break), waiting at most {@code nanos}: null
   * when none came in time. Throws
   * {@link EndOfOutput} when the program closed its output (it exited or crashed), and
   * {@link LineTooLong} for a line over {@link #MAX_LINE}.
   */
  byte[] receive(long nanos) throws InterruptedException, EndOfOutput, LineTooLong {
    Object o = nanos <= 0 ? lines.poll() : lines.poll(nanos, TimeUnit.NANOSECONDS);
    if (o == null) return null;
    if (o == EOF) {
      lines.add(EOF); // every later read sees the end too
      throw new EndOfOutput();
    }
    if (o instanceof LineTooLong t) throw t;
    return (byte[]) o;
  }

  static final class EndOfOutput extends Exception {
    private static final long serialVersionUID = 1L;
    EndOfOutput() { super(null, null, false, false); }
  }

  static final class LineTooLong extends Exception {
    private static final long serialVersionUID = 1L;
    final String head;
    LineTooLong(String head) { super(null, null, false, false); this.head = head; }
  }

  private void readLines(InputStream in) {
    byte[] buf = new byte[1 << 16];
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    boolean overflow = false;
    String head = null;
    try {
      int n;
      while ((n = in.read(buf)) > 0) {
        int from = 0;
        for (int i = 0; i < n; i++) {
          if (buf[i] != '\n') continue;
          if (!overflow) {
            line.write(buf, from, i - from);
            lines.add(line.toByteArray());
          } else {
            lines.add(new LineTooLong(head));
          }
          line.reset();
          overflow = false;
          from = i + 1;
        }
        if (!overflow) {
          line.write(buf, from, n - from);
          if (line.size() > MAX_LINE) {
            head = new String(line.toByteArray(), 0, 200, StandardCharsets.UTF_8);
            overflow = true;
            line = new ByteArrayOutputStream();
          }
        }
      }
      if (line.size() > 0 && !overflow) lines.add(line.toByteArray());
    } catch (IOException e) {
      // the pipe broke: the program is gone
    }
    lines.add(EOF);
  }

  private void drain(InputStream err) {
    byte[] buf = new byte[1 << 14];
    StringBuilder partial = new StringBuilder();
    try {
      int n;
      while ((n = err.read(buf)) > 0) {
        String s = new String(buf, 0, n, StandardCharsets.UTF_8);
        synchronized (stderrTail) {
          stderrBytes += n;
          int from = 0;
          for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != '\n') continue;
            partial.append(s, from, i);
            keep(partial.toString());
            partial.setLength(0);
            from = i + 1;
          }
          partial.append(s, from, s.length());
          // a flood without line breaks must not grow without bound: keep its end
          if (partial.length() > 4096) partial.delete(0, partial.length() - 4096);
        }
      }
    } catch (IOException e) {
      // closed
    }
    synchronized (stderrTail) {
      if (partial.length() > 0) keep(partial.toString());
    }
  }

  private void keep(String line) {
    stderrTail.addLast(line.length() > 500 ? line.substring(0, 500) + " ..." : line);
    while (stderrTail.size() > STDERR_LINES) stderrTail.removeFirst();
  }

  /** The last lines of standard error (at most {@code max}), or a note that there were none. */
  String stderrTail(int max) {
    synchronized (stderrTail) {
      if (stderrTail.isEmpty()) return "(its standard error was empty)";
      List<String> all = new ArrayList<>(stderrTail);
      List<String> last = all.subList(Math.max(0, all.size() - max), all.size());
      return (stderrBytes > 16384 ? "(last lines of " + stderrBytes + " bytes)\n" : "") + String.join("\n", last);
    }
  }

  /** Waits a little for an exit that is under way (a crash is seen as closed output just before the exit status). */
  String exitDescription() {
    try {
      if (!process.waitFor(2, TimeUnit.SECONDS)) return "it closed its output but is still running";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "it closed its output";
    }
    int s = process.exitValue();
    if (s > 128 && s < 160) return "it was killed by signal " + (s - 128) + " (exit status " + s + ")";
    return "it exited with status " + s;
  }

  boolean isAlive() { return process.isAlive(); }

  /**
   * Ends the program: {@code bye}, then its input closed; if it has not exited {@link #GRACE_MS} later, its
   * group is killed. The group is killed in any case once the program is gone, so that nothing it
   * started in the background survives it.
   */
  void close() {
    if (closed) return;
    closed = true;
    try {
      if (process.isAlive()) {
        try {
          send("{\"op\": \"bye\"}");
        } catch (IOException e) {
          // its input is already closed
        }
      }
      try {
        stdin.close();
      } catch (IOException e) {
        // nothing to do
      }
      boolean exited = process.waitFor(GRACE_MS, TimeUnit.MILLISECONDS);
      if (!exited) killGroup();
      else killGroup(); // leftovers of the group, if any
    } catch (InterruptedException e) {
      killGroup();
      Thread.currentThread().interrupt();
    } finally {
      LIVE.remove(this);
    }
  }

  /** Kills the program and its group now. */
  void kill() {
    closed = true;
    killGroup();
    LIVE.remove(this);
  }

  private void killGroup() {
    List<ProcessHandle> kids = process.descendants().toList();
    if (groupLeader) {
      try {
        Process k = new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        k.waitFor(5, TimeUnit.SECONDS);
      } catch (IOException e) {
        // no kill(1): the handles below still reach what is left
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (ProcessHandle h : kids) h.destroyForcibly();
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Kills every program still running (the shutdown hook; also for --fail-fast and interrupts). */
  static void killAll() {
    for (ProgramProcess p : List.copyOf(LIVE)) p.kill();
  }

  /** How many programs are running now (for tests). */
  static int liveCount() { return LIVE.size(); }

  /**
   * Why {@code command} cannot be run from {@code dir}, or null: a name with a slash is a path (relative to
   * the spec's folder), a bare name is looked up on PATH, as execvp does.
   */
  static String unrunnable(String command, Path dir) {
    if (command.contains("/")) {
      Path p = dir.resolve(command);
      if (!Files.exists(p)) return "no such file or directory";
      if (Files.isDirectory(p) || !Files.isExecutable(p)) return "it is not an executable file";
      return null;
    }
    String path = System.getenv("PATH");
    if (path == null) path = "/usr/local/bin:/usr/bin:/bin";
    for (String d : path.split(":")) {
      Path p = Path.of(d.isEmpty() ? "." : d).resolve(command);
      if (Files.isExecutable(p) && !Files.isDirectory(p)) return null;
    }
    return "no such file or directory (`" + command + "` is not on PATH)";
  }

  private static Path firstExisting(Path... paths) {
    for (Path p : paths) if (Files.isExecutable(p)) return p;
    return null;
  }
}
