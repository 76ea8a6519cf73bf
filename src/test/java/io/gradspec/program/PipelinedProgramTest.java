package io.gradspec.program;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.harden.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The transport's pipelining against a real child process: a sweep long enough to be fetched in several
 * announcements (the next one fetched while the columns in hand are compared), vjp requests in flight
 * together, the claims of one call sharing one assembly, and an `ok: false` in the middle of a pipeline
 * leaving the conversation in step.
 */
@EnabledOnOs(OS.LINUX)
class PipelinedProgramTest {
  @TempDir Path dir;

  private static final int N = 1500; // 2^22 / (2 N) = 1398 columns per announcement: two of them

  private void spec(String name, String wrong) throws Exception {
    Cli.write(dir, name + "/spec.yaml", "name: " + name + "\ndims: {N: " + N + "}\nprogram: {run: [python3, "
        + ProgramClientTest.PROGRAMS.resolve("pipelined.py")
        + wrong + "]}\nfunctions:\n  f: {args: [[N], [N]], returns: [N]}\ninputs: {x: [N], w: [N]}\n"
        + "define: {y: \"f(x, w)\"}\nclaims:\n  - {of: y, wrt: x, claim: program}\n  - {of: y, wrt: w, claim: program}\n");
  }

  private static JsonNode claims(Cli r) {
    return new ObjectMapper().readTree(r.stdout()).get("specs").get(0).get("claims");
  }

  @Test
  void aSweepOfTwoAnnouncementsPassesAndBothClaimsShareOneAssembly() throws Exception {
    spec("right", "");
    Cli r = Cli.run("check", dir.resolve("right/spec.yaml").toString(), "--allow-programs", "--mode", "full", "--trials", "1",
        "--format", "json");
    assertEquals(0, r.exitCode(), r.all());
    for (JsonNode c : claims(r)) assertEquals("passed", c.get("status").asString(), c.toString());
    // the claim wrt x asked for the N one-hot cotangents; the claim wrt w read its gradients from that reply
    List<String> calls = Files.readAllLines(dir.resolve("right/vjp-cotangents.txt"));
    assertEquals(N, calls.size());
  }

  @Test
  void anErrorInTheSecondAnnouncementIsFoundAtItsIndex() throws Exception {
    spec("wrong", ", '1450'");
    Cli r = Cli.run("check", dir.resolve("wrong/spec.yaml").toString(), "--allow-programs", "--mode", "full", "--trials", "1",
        "--format", "json");
    assertEquals(1, r.exitCode(), r.all());
    JsonNode x = claims(r).get(0);
    assertEquals("failed", x.get("status").asString(), x.toString());
    assertEquals(1, x.get("mismatches").asLong(), x.toString());
    assertEquals("[1450,1450]", x.get("offenders").get(0).get("index").toString());
    assertEquals("passed", claims(r).get(1).get("status").asString());
  }

  @Test
  void okFalseInMidPipelineKeepsTheConversationInStep() throws Exception {
    Map<String, Signature> sig = Map.of("g", new Signature(List.of(new int[] {10}), new int[] {10}),
        "f", new Signature(List.of(new int[] {10}, new int[] {10}), new int[] {10}), "h", new Signature(List.of(new int[] {10}), new int[] {10}));
    List<NdArray> x = List.of(new NdArray(new int[] {10}, new double[10]));
    int points = 1024;
    int[] index = new int[points];
    double[] delta = new double[points];
    for (int p = 0; p < points; p++) {
      index[p] = p % 10;
      delta[p] = 1e-3;
    }
    delta[300] = 1000; // index 0 moved out of range, in the second request
    int[] cuts = ProgramClient.perturbCuts(points, ProgramClient.perturbChunk(points, new int[] {10}, 10));
    assertTrue(cuts.length > 4 && cuts[1] <= 300 && cuts[2] > 300, java.util.Arrays.toString(cuts));
    try (ProgramClient c = ProgramClient.start(List.of("python3", "pipelined.py"), ProgramClientTest.PROGRAMS, 30, sig)) {
      ProgramException e = assertThrows(ProgramException.class, () -> c.perturb("g", x, 0, index, delta, new int[] {10}));
      assertEquals(ProgramException.Kind.PROGRAM_ERROR, e.kind());
      assertTrue(e.getMessage().contains("x[0] is out of range"), e.getMessage());
      long id = c.requests();
      // the reply to the request in flight behind the failed one was read and dropped: the next is this one's
      double[] v = c.eval("g", List.of(new NdArray(new int[] {10}, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})), new int[] {10});
      assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, v, 0.0);
      assertEquals(id + 1, c.requests());
      delta[300] = 1e-3;
      List<double[]> all = c.perturb("g", x, 0, index, delta, new int[] {10});
      assertEquals(points, all.size());
      assertEquals(1e-3, all.get(1023)[3], 0.0);
    }
  }

  @Test
  void aFunctionThatWritesIntoItsArgumentIsAnErrorNotWrongValues() throws Exception {
    Map<String, Signature> sig = Map.of("h", new Signature(List.of(new int[] {3}), new int[] {3}));
    List<NdArray> x = List.of(new NdArray(new int[] {3}, new double[] {1, 2, 3}));
    try (ProgramClient c = ProgramClient.start(List.of("python3", "pipelined.py"), ProgramClientTest.PROGRAMS, 30, sig)) {
      ProgramException e = assertThrows(ProgramException.class,
          () -> c.perturb("h", x, 0, new int[] {1, 2}, new double[] {1e-3, 1e-3}, new int[] {3}));
      assertTrue(e.getMessage().contains("changed one of its arguments in place"), e.getMessage());
    }
  }

  @Test
  void cutsCoverEveryPointOnceWithASmallLastRequest() {
    int[] cuts = ProgramClient.perturbCuts(16384, 4096);
    assertArrayEquals(new int[] {0, 4096, 8192, 12288, 15872, 16384}, cuts);
    assertArrayEquals(new int[] {0, 10}, ProgramClient.perturbCuts(10, 64));
    assertArrayEquals(new int[] {0, 64, 100}, ProgramClient.perturbCuts(100, 64));
  }
}
