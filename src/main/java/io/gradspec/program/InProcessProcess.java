package io.gradspec.program;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An {@link InProcessServer} dressed as a {@link Process}: request lines written to its standard input go
 * into a queue (not a pipe: a {@code PipedInputStream} fails once the thread that last wrote to it has
 * ended, and requests come from whichever worker thread checks a spec), a daemon thread answers them and
 * writes the replies to a pipe that is its standard output, and an exception from the server is printed
 * to its standard error and ends it with status 1, as a crash would. So {@link ProgramProcess} and
 * {@link ProgramClient} treat it exactly like a child process, and there is nothing left to kill.
 */
final class InProcessProcess extends Process {
  private static final int PIPE = 1 << 20;
  private static final Object END = new Object();
  private final java.util.concurrent.LinkedBlockingQueue<Object> requests = new java.util.concurrent.LinkedBlockingQueue<>();
  private final OutputStream toServer = new LineSink();
  private final PipedInputStream fromServer = new PipedInputStream(PIPE);
  private final PipedInputStream errors = new PipedInputStream(PIPE);
  private final CountDownLatch ended = new CountDownLatch(1);
  private final Thread thread;
  private volatile int status = -1;

  InProcessProcess(InProcessServer server, String name) throws IOException {
    PipedOutputStream replies = new PipedOutputStream(fromServer);
    PrintStream err = new PrintStream(new PipedOutputStream(errors), true, StandardCharsets.UTF_8);
    thread = new Thread(() -> serve(server, replies, err), "gradspec-in-process-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  private void serve(InProcessServer server, OutputStream replies, PrintStream err) {
    int code = 0;
    try (replies; err) {
      while (true) {
        Object next = requests.take();
        if (next == END) break;
        String line = (String) next;
        String reply;
        try {
          reply = server.reply(line);
        } catch (Exception | LinkageError | StackOverflowError e) {
          err.println(e);
          code = 1;
          break;
        }
        if (reply == null) break;
        replies.write((reply + "\n").getBytes(StandardCharsets.UTF_8));
        replies.flush();
      }
    } catch (IOException e) {
      // gradspec closed the pipes (the run ended, or it gave up on the program): nothing to answer
    } catch (InterruptedException e) {
      // destroyed
    } finally {
      status = code;
      ended.countDown();
    }
  }

  @Override public OutputStream getOutputStream() { return toServer; }

  @Override public InputStream getInputStream() { return fromServer; }

  @Override public InputStream getErrorStream() { return errors; }

  @Override public int waitFor() throws InterruptedException {
    ended.await();
    return status;
  }

  @Override public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
    return ended.await(timeout, unit);
  }

  @Override public int exitValue() {
    if (ended.getCount() > 0) throw new IllegalThreadStateException("still running");
    return status;
  }

  @Override public boolean isAlive() { return ended.getCount() > 0; }

  @Override public void destroy() {
    requests.add(END);
    try {
      fromServer.close();
    } catch (IOException e) {
      // already closed
    }
    thread.interrupt();
  }

  @Override public Process destroyForcibly() {
    destroy();
    return this;
  }

  /** Not an operating-system process: no pid (0 names it in thread names), no children. */
  @Override public long pid() { return 0; }

  @Override public Stream<ProcessHandle> descendants() { return Stream.empty(); }

  @Override public Stream<ProcessHandle> children() { return Stream.empty(); }

  /** Standard input: bytes up to each line break become one queued request; closing it ends the server. */
  private final class LineSink extends OutputStream {
    private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

    @Override public synchronized void write(int b) {
      if (b == '\n') {
        requests.add(line.toString(StandardCharsets.UTF_8));
        line.reset();
      } else {
        line.write(b);
      }
    }

    @Override public synchronized void write(byte[] b, int off, int len) {
      for (int i = off; i < off + len; i++) write(b[i]);
    }

    @Override public void close() { requests.add(END); }
  }
}
