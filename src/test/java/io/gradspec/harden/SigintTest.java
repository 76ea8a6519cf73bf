package io.gradspec.harden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C: the summary of what finished goes to stderr, and the exit status is 130. */
class SigintTest {
  @TempDir Path dir;

  @Test
  @EnabledOnOs(OS.LINUX)
  void sigintPrintsTheSummarySoFarAndExits130() throws Exception {
    Cli.write(dir, "specs/a-quick.yaml", "name: quick\ninputs: {x: []}\ndefine: {y: x * x}\nclaims: [{wrt: x, claim: 2 * x}]\n");
    Path err = dir.resolve("err.txt");
    Process p = startSlowRun(err);
    // wait until the slow spec is surely running, then send SIGINT as a terminal's Ctrl-C would
    Thread.sleep(5_000);
    assertTrue(p.isAlive(), "the slow spec should still be running");
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
    assertEquals(0, kill.waitFor());
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(130, p.exitValue());
    String e = Files.readString(err, StandardCharsets.UTF_8);
    assertTrue(e.contains("gradspec: interrupted; the summary of the specs that finished:"), e);
    // on a loaded machine the quick spec may not have finished yet; either way the counts are of what finished
    assertTrue(e.matches("(?s).*(1 spec, 1 claim: 1 passed, 0 failed(; full mode)?|0 specs, 0 claims: 0 passed, 0 failed) +exit code 130.*"), e);
    assertTrue(!e.contains("\tat ") && !e.contains("Exception"), e);
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void sigtermSaysExitCode143AsTheProcessExits() throws Exception {
    Path err = dir.resolve("err-term.txt");
    Process p = startSlowRun(err);
    Thread.sleep(4_000);
    assertTrue(p.isAlive(), "the slow spec should still be running");
    assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor());
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(143, p.exitValue());
    String e = Files.readString(err, StandardCharsets.UTF_8);
    assertTrue(e.contains("gradspec: terminated (SIGTERM); the summary of the specs that finished:"), e);
    assertTrue(e.contains("exit code 143"), e);
  }

  /** `gradspec check specs` in its own JVM, with a spec slow enough to be running when a signal comes. */
  private Process startSlowRun(Path err) throws Exception {
    Cli.write(dir, "specs/b-slow.yaml", """
        name: slow
        dims: {N: 500}
        inputs: {A: [N, N]}
        define:
          y: sum(A * A * A)
        claims:
          - {wrt: A, claim: "3 * (A * A)'"}
        """);
    return new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.gradspec.cli.Main", "check", "specs"))
        .directory(dir.toFile()).redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }
}
