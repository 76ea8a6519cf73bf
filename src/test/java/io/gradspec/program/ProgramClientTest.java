package io.gradspec.program;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The protocol against real child processes: the Python adapter serving f(x) = x .* x, and a program
 * that misbehaves in each way the contract names. Every fault gives a message with the request, the
 * evidence and what happened to the program, and no process is left running.
 */
@EnabledOnOs(OS.LINUX)
class ProgramClientTest {
  static final Path PROGRAMS = Path.of("src/test/resources/programs").toAbsolutePath();
  static final Map<String, Signature> SQ = Map.of("sq", new Signature(List.of(new int[] {3}), new int[] {3}));
  static final Map<String, Signature> F = Map.of("f", new Signature(List.of(new int[] {3}), new int[] {3}));
  static final List<NdArray> X = List.of(new NdArray(new int[] {3}, new double[] {1, -2, 0.5}));

  @AfterEach void nothingIsLeftRunning() throws InterruptedException {
    for (int i = 0; i < 50 && ProgramClient.running() > 0; i++) Thread.sleep(100);
    assertEquals(0, ProgramClient.running(), "a started program is still running");
  }

  static ProgramClient adapter() throws ProgramException {
    return ProgramClient.start(List.of("python3", "square.py"), PROGRAMS, 30, SQ);
  }

  static ProgramClient faulty(String mode, double timeout) throws ProgramException {
    return ProgramClient.start(List.of("python3", "faulty.py", mode), PROGRAMS, timeout, F);
  }

  @Test void theAdapterAnswersEveryOperation() throws Exception {
    try (ProgramClient c = adapter()) {
      Offer o = c.offers().get("sq");
      assertEquals(List.of("eval", "batch", "perturb", "vjp", "jvp", "jacobian"), o.ops());
      assertEquals("float64", o.dtype());
      assertTrue(c.base64(), "NumPy is there, so the adapter asks for base64 arrays");
      assertArrayEquals(new double[] {1, 4, 0.25}, c.eval("sq", X, new int[] {3}));
      List<double[]> b = c.evalMany("sq", List.of(X, X), new int[] {3});
      assertEquals(2, b.size());
      List<double[]> p = c.perturb("sq", X, 0, new int[] {0, 2}, new double[] {1, -0.5}, new int[] {3});
      assertArrayEquals(new double[] {4, 4, 0.25}, p.get(0));
      assertArrayEquals(new double[] {1, 4, 0}, p.get(1));
      var g = c.vjp("sq", X, List.of(new NdArray(new int[] {3}, new double[] {1, 0, 0}),
          new NdArray(new int[] {3}, new double[] {0, 1, 1})), List.of(new int[] {3}));
      assertArrayEquals(new double[] {2, 0, 0}, g.get(0).get(0), 0.0);
      assertArrayEquals(new double[] {0, -4, 1}, g.get(1).get(0), 0.0);
      var j = c.jvp("sq", X, 0, List.of(new NdArray(new int[] {3}, new double[] {1, 1, 1})), new int[] {3});
      assertArrayEquals(new double[] {2, -4, 1}, j.get(0));
      double[] jac = c.jacobian("sq", X, 0, new int[] {3, 3});
      assertArrayEquals(new double[] {2, 0, 0, 0, -4, 0, 0, 0, 1}, jac);
      assertTrue(c.requests() >= 7 && c.bytesOut() > 0 && c.bytesIn() > 0);
    }
  }

  @Test void nonFiniteNumbersAndSignedZerosCrossIntact() throws Exception {
    try (ProgramClient c = adapter()) {
      double[] v = c.eval("sq", List.of(new NdArray(new int[] {3}, new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.0})),
          new int[] {3});
      assertTrue(Double.isNaN(v[0]));
      assertEquals(Double.POSITIVE_INFINITY, v[1]);
      assertEquals(0.0, v[2]);
    }
  }

  @Test void anErrorReplyIsTheProgramsOwnMessageAndTheProgramGoesOn() throws Exception {
    try (ProgramClient c = faulty("error", 30)) {
      ProgramException e = assertThrows(ProgramException.class, () -> c.eval("f", X, new int[] {3}));
      assertEquals(ProgramException.Kind.PROGRAM_ERROR, e.kind());
      assertEquals("the program `faulty.py error` reported an error for request 1 (`eval` of `f`): ValueError: x must be "
          + "positive", e.getMessage());
      assertFalse(c.dead());
      assertThrows(ProgramException.class, () -> c.eval("f", X, new int[] {3}));
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "not-json      | protocol error in the reply to request 1 (`eval` of `f`): it is not valid JSON",
      "wrong-id      | protocol error in the reply to request 1 (`eval` of `f`): the reply has `id` 2, but the request's is 1",
      "missing-field | protocol error in the reply to request 1 (`eval` of `f`): the reply lacks `value`",
      "wrong-shape   | protocol error in the reply to request 1 (`eval` of `f`): `value` has shape [7], but [3] was expected",
  })
  void aBrokenReplyIsAProtocolErrorNamingRequestFieldAndLine(String mode, String message) throws Exception {
    try (ProgramClient c = faulty(mode, 30)) {
      ProgramException e = assertThrows(ProgramException.class, () -> c.eval("f", X, new int[] {3}));
      assertEquals(ProgramException.Kind.PROTOCOL, e.kind());
      assertTrue(e.getMessage().startsWith(message), e.getMessage());
      assertTrue(e.getMessage().contains("; the line began: "), e.getMessage());
      assertTrue(c.dead(), "a program out of step is stopped");
    }
  }

  @Test void aCrashGivesTheSignalAndTheLastLinesOfStandardError() throws Exception {
    try (ProgramClient c = faulty("crash", 30)) {
      ProgramException e = assertThrows(ProgramException.class, () -> c.eval("f", X, new int[] {3}));
      assertEquals(ProgramException.Kind.EXITED, e.kind());
      assertTrue(e.getMessage().contains("ended during request 1 (`eval` of `f`): it was killed by signal 11"), e.getMessage());
      assertTrue(e.getMessage().contains("ZeroDivisionError: division by zero"), e.getMessage());
    }
  }

  @Test void anExitMidRunGivesItsStatus() throws Exception {
    try (ProgramClient c = faulty("late-exit", 30)) {
      c.eval("f", X, new int[] {3});
      c.eval("f", X, new int[] {3});
      ProgramException e = assertThrows(ProgramException.class, () -> c.eval("f", X, new int[] {3}));
      assertTrue(e.getMessage().contains("ended during request 3 (`eval` of `f`): it exited with status 3"), e.getMessage());
    }
  }

  @Test void aHangPastTheTimeoutIsStoppedInTime() throws Exception {
    try (ProgramClient c = faulty("hang", 1.5)) {
      long t0 = System.nanoTime();
      ProgramException e = assertThrows(ProgramException.class, () -> c.eval("f", X, new int[] {3}));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(ProgramException.Kind.TIMEOUT, e.kind());
      assertTrue(e.getMessage().startsWith("the program `faulty.py hang` did not answer request 1 (`eval` of `f`) within 1.50 s"),
          e.getMessage());
      assertTrue(ms < 10_000, "took " + ms + " ms");
    }
  }

  @Test void aFloodOnStandardErrorNeitherBlocksNorFillsMemory() throws Exception {
    try (ProgramClient c = faulty("flood", 2)) {
      ProgramException e = assertThrows(ProgramException.class, () -> c.eval("f", X, new int[] {3}));
      assertEquals(ProgramException.Kind.TIMEOUT, e.kind());
      assertTrue(e.getMessage().contains("noise noise"), e.getMessage());
      assertTrue(e.getMessage().length() < 20_000, "the message keeps only the tail: " + e.getMessage().length());
    }
  }

  @Test void aHelloWithoutTheDeclaredFunctionIsRefused() {
    ProgramException e = assertThrows(ProgramException.class, () -> faulty("bad-hello", 30));
    assertTrue(e.getMessage().contains("does not list the declared function `f` (it lists g)"), e.getMessage());
  }

  @Test void aProgramThatCannotStartSaysWhy() {
    ProgramException e = assertThrows(ProgramException.class,
        () -> ProgramClient.start(List.of("no-such-program-gradspec"), PROGRAMS, 5, F));
    assertEquals(ProgramException.Kind.EXITED, e.kind());
    assertTrue(e.getMessage().startsWith("cannot start the program [no-such-program-gradspec] in "), e.getMessage());
    assertTrue(e.getMessage().endsWith("no such file or directory (`no-such-program-gradspec` is not on PATH)"), e.getMessage());
  }

  @Test void aProgramIgnoringByeIsKilledWithItsWholeGroup() throws Exception {
    ProgramClient c = faulty("ignore-bye", 30);
    c.eval("f", X, new int[] {3});
    long t0 = System.nanoTime();
    c.close();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms >= 4_000 && ms < 15_000, "closed after " + ms + " ms (grace 5 s)");
    assertNoProcessRunning("time.sleep(600)");
  }

  @Test void childrenOfAProgramEndWithIt() throws Exception {
    try (ProgramClient c = faulty("spawn", 30)) {
      c.eval("f", X, new int[] {3});
    }
    assertNoProcessRunning("time.sleep(600)");
  }

  /** No process of this machine has {@code marker} in its command line (ps, not our bookkeeping). */
  static void assertNoProcessRunning(String marker) throws Exception {
    for (int i = 0; i < 50; i++) {
      Process ps = new ProcessBuilder("ps", "-eo", "args").start();
      String out = new String(ps.getInputStream().readAllBytes());
      ps.waitFor(5, TimeUnit.SECONDS);
      if (out.lines().noneMatch(l -> l.contains(marker) && !l.contains("ps -eo"))) return;
      Thread.sleep(100);
    }
    throw new AssertionError("a process with `" + marker + "` outlived its program");
  }

  @Test void theProgramsOfTheseTestsExist() {
    assertTrue(Files.exists(PROGRAMS.resolve("faulty.py")) && Files.exists(PROGRAMS.resolve("square.py")));
  }
}
