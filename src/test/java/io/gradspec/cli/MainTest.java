package io.gradspec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.report.output.ReportFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** Black-box tests of the command line through {@link Main#run}. */
class MainTest {
  record CliRun(int exitCode, String stdout, String stderr) {}

  static CliRun cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  @Test
  void helpListsEveryExitCode() {
    CliRun r = cli("--help");
    assertEquals(0, r.exitCode());
    assertTrue(r.stdout().contains("Usage: gradspec"), r.stdout());
    assertTrue(r.stdout().contains("check"), r.stdout());
    assertTrue(r.stdout().contains("validate"), r.stdout());
    for (String line : new String[] {"   0   every claim passed or xfailed", "   1   some claim failed or xpassed",
        "   2   usage error, or some spec invalid", "   3   nothing failed, but some claim is inconclusive",
        "   4   no spec found under the given paths", "  70   internal error"}) {
      assertTrue(r.stdout().contains(line), line + " missing in\n" + r.stdout());
    }
    assertEquals("", r.stderr());
  }

  @Test
  void checkHelpDocumentsTheOptions() {
    CliRun r = cli("check", "--help");
    assertEquals(0, r.exitCode());
    for (String opt : new String[] {"--format", "--output", "--seed", "--trials", "--rtol", "--atol", "--method",
        "--step", "--max-offenders", "--verbose", "--no-color", "Exit codes:"}) {
      assertTrue(r.stdout().contains(opt), opt + " missing in\n" + r.stdout());
    }
  }

  /**
   * The help of --format and --reports lists the formats by hand: a new {@link ReportFormat} constant must
   * be added there too (the rest, parsing, --reports and the error message, follows the enum).
   */
  @Test
  void checkHelpNamesEveryReportFormat() {
    String help = cli("check", "--help").stdout().replaceAll("\\s+", " ");
    String format = help.substring(help.indexOf("--format=FORMAT report format"), help.indexOf("-h, --help"));
    String reports = help.substring(help.indexOf("--reports[=DIR] also write"));
    for (ReportFormat f : ReportFormat.values()) {
      assertTrue(format.contains(" " + f.word()), f.word() + " missing in the help of --format: " + format);
      if (f.fileName() != null) assertTrue(reports.contains(f.fileName()), f.fileName() + " missing in the help of --reports: " + reports);
    }
  }

  @Test
  void version() {
    CliRun r = cli("--version");
    assertEquals(0, r.exitCode());
    assertEquals("gradspec 1.0.0\n", r.stdout().replace("\r\n", "\n"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "check --method fast | invalid value for option '--method': expected central, richardson or complex-step, found `fast`",
      "check --trials 0 | invalid value for option '--trials': expected an integer of at least 1, found `0`",
      "check --seed x | invalid value for option '--seed': expected an integer, found `x`",
      "check --rtol -1 | invalid value for option '--rtol': expected a number of at least 0, found `-1`",
      "check --step 0 | invalid value for option '--step': expected a number above 0, found `0`",
      "check --format yaml | invalid value for option '--format': expected text, json, junit, markdown, html, sarif or github, found `yaml`",
      "check --sed 3 | unknown option: '--sed' (did you mean `--seed`?)",
      "chek | unknown command `chek` (did you mean `check`?)",
      "help chek | unknown command `chek` (did you mean `check`?)",
      "check --shard 5/4 | invalid value for option '--shard': expected K/N with 1 <= K <= N, like 2/4, found `5/4`",
      "'' | missing command: check, validate, explain, init or schema"})
  void badUsageIsOneLineAndExit2(String args, String message) {
    CliRun r = cli(args.isEmpty() ? new String[0] : args.split(" "));
    assertEquals(ExitCode.INVALID, r.exitCode(), r.stderr());
    String[] lines = r.stderr().split("\n");
    assertEquals(2, lines.length, r.stderr());
    assertEquals("gradspec: " + message, lines[0]);
    assertTrue(lines[1].matches("Try 'gradspec( check)? --help' for more information\\."), lines[1]);
    assertEquals("", r.stdout());
  }

  @Command(name = "boom")
  static final class Boom implements Callable<Integer>, Verbosity {
    @Option(names = "--verbose") boolean verbose;
    @Override public boolean verbose() { return verbose; }
    @Override public Integer call() { throw new IllegalStateException("no dims"); }
  }

  private static CliRun boom(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new CommandLine(new Boom()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .setExecutionExceptionHandler(new InternalErrorHandler())
        .setExitCodeExceptionMapper(ExitCode::forThrowable).execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  @Test
  void anInternalErrorIsOneLineAndExit70() {
    CliRun r = boom();
    assertEquals(70, r.exitCode());
    assertEquals("gradspec: internal error: IllegalStateException: no dims (this is a bug in gradspec; "
        + "run with --verbose for the stack trace)\n", r.stderr());
  }

  @Test
  void verboseAddsTheStackTrace() {
    CliRun r = boom("--verbose");
    assertEquals(70, r.exitCode());
    assertTrue(r.stderr().contains("\tat io.gradspec.cli.MainTest$Boom.call"), r.stderr());
  }
}
