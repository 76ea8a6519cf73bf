package io.gradspec.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The entry point. {@link #run} is what tests call; only {@link #main} exits the JVM. */
public final class Main {
  private Main() {}

  public static void main(String... args) {
    warmUp(args);
    System.exit(run(utf8(System.out), utf8(System.err), args));
  }

  /**
   * For `check`, `validate` and `explain`: builds the table of built-in functions on a second thread while
   * this one parses options and reads specs. Its first use links about 160 lambdas (13-17 ms of a cold
   * start, bench/README section 5); a class is initialised once whichever thread gets there first.
   */
  private static void warmUp(String... args) {
    if (args.length == 0 || !(args[0].equals("check") || args[0].equals("validate") || args[0].equals("explain"))) return;
    Thread t = new Thread(() -> io.gradspec.expr.builtin.Builtins.isFunction("exp"), "gradspec-warm-up");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Runs gradspec with the given streams and returns the exit code (see {@link ExitCode}). Never throws:
   * a bug anywhere becomes one line on {@code err} and exit 70.
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    try {
      return GradspecCommand.commandLine(args)
          .setOut(out)
          .setErr(err)
          .setParameterExceptionHandler(new ShortErrorHandler())
          .setExecutionExceptionHandler(new InternalErrorHandler())
          .setExitCodeExceptionMapper(ExitCode::forThrowable)
          .execute(args);
    } catch (RuntimeException | Error e) {   // picocli itself, or an Error no handler saw
      err.println(ExitCode.internalErrorLine(e));
      if (java.util.Arrays.asList(args).contains("--verbose")) e.printStackTrace(err);
      return ExitCode.INTERNAL;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** Spec files are UTF-8, so reports are too, whatever the platform's default charset. */
  private static PrintWriter utf8(PrintStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }
}
