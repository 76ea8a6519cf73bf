package io.gradspec.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gradspec.harden.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Specs with a {@code program} (contract §7) run end to end through the command line, against real child
 * processes: the shipped examples, the refusal without {@code --allow-programs}, every fault of the
 * protocol as a spec error with the others still checked, and no process left after the run or a Ctrl-C.
 */
class ProgramSpecsTest {
  @TempDir Path dir;

  private static final Path FAULTY = Path.of("src/test/resources/programs/faulty.py");

  /** The spec of f(x) = x * x served by `faulty.py MODE`, with the correct claim from the program's vjp. */
  private void faultSpec(String mode, String name, double timeout) throws Exception {
    Files.copy(FAULTY, dir.resolve("faulty.py"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Cli.write(dir, "specs/" + name + ".yaml", "name: " + name + "\ndims: {D: 3}\nprogram: {run: [python3, ../faulty.py, "
        + mode + "], timeout: " + timeout + "}\nfunctions:\n  f: {args: [[D]], returns: [D]}\ninputs: {x: [D]}\n"
        + "define: {y: f(x)}\nclaims:\n  - {of: y, wrt: x, claim: program}\n  - {of: y, wrt: x, claim: \"2 * diag(x)\"}\n");
  }

  private static Map<String, JsonNode> specsByName(String json) {
    JsonNode root = new ObjectMapper().readTree(json);
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode s : root.get("specs")) out.put(s.get("name").asString(), s);
    return out;
  }

  @Test
  void theNumpyExampleChecksTheShippedBackwardAndItsMistake() {
    Cli r = Cli.run("check", "adapters/examples/numpy", "--allow-programs", "--format", "json");
    assertEquals(0, r.exitCode(), r.all());
    Map<String, JsonNode> specs = specsByName(r.stdout());
    assertEquals("passed", specs.get("layer norm, NumPy backward").get("status").asString());
    JsonNode mistake = specs.get("layer norm, the mean's term left out of dX").get("claims").get(0);
    assertEquals("xfailed", mistake.get("status").asString());
    assertTrue(mistake.get("mismatches").asLong() > 0);
  }

  /**
   * Method complex-step through a real NumPy program (complex=True): the correct backward passes at rtol 1e-9,
   * the one without the epsilon fails with its offenders, and central differences cannot see that one.
   */
  @Test
  void theComplexStepEvaluatesTheProgramOnComplexArguments() {
    String spec = "adapters/examples/numpy/layernorm-complex-step.yaml";
    Cli r = Cli.run("check", spec, "--allow-programs", "--format", "json");
    assertEquals(0, r.exitCode(), r.all());
    Map<String, JsonNode> specs = specsByName(r.stdout());
    JsonNode right = specs.get("layer norm, NumPy backward, checked by the complex step").get("claims").get(0);
    assertEquals("passed", right.get("status").asString());
    assertEquals("complex-step", right.get("method").asString());
    assertTrue(right.get("max_rel_error").asDouble() < 1e-9, right.toString());
    JsonNode noEps = specs.get("layer norm, the epsilon left out of the NumPy backward").get("claims").get(0);
    assertEquals("xfailed", noEps.get("status").asString());
    assertTrue(noEps.get("mismatches").asLong() > 0 && noEps.get("max_rel_error").asDouble() < 1e-5, noEps.toString());
    Cli central = Cli.run("check", spec, "--allow-programs", "--method", "central");
    assertEquals(1, central.exitCode(), central.all());
    assertTrue(central.stdout().contains("1 xpassed"), central.stdout());
  }

  /**
   * Fast mode projects a vjp program's claim directly (ProgramProjections): the right backward passes in fast
   * mode without the claim being assembled (the program sends a fraction of what the full check takes from it),
   * and the wrong one, which a pair rejects, is assembled and checked as before, with its offenders.
   */
  @Test
  void fastModeProjectsAVjpProgramsClaimDirectly() throws Exception {
    Path program = Path.of("adapters/examples/numpy/layernorm.py").toAbsolutePath();
    long[] sent = new long[2];
    for (int mode = 0; mode < 2; mode++) {
      Path stats = dir.resolve("stats" + mode + ".jsonl");
      Cli.write(dir, "ln" + mode + ".yaml", Files.readString(Path.of("adapters/examples/numpy/layernorm.yaml"))
          .split("\n---\n")[0].replace("dims: {N: 4, D: 6}", "dims: {N: 8, D: 16}")
          .replace("run: [python3, layernorm.py]", "run: [env, GRADSPEC_PROGRAM_STATS=" + stats + ", python3, " + program + "]"));
      Cli c = Cli.run("check", dir.resolve("ln" + mode + ".yaml").toString(), "--allow-programs", "--mode",
          mode == 0 ? "full" : "fast", "--trials", "1");
      assertEquals(0, c.exitCode(), c.all());
      for (String line : Files.readAllLines(stats)) sent[mode] += new ObjectMapper().readTree(line).get("bytes_out").asLong();
    }
    // assembling the three claims alone would take 3 x 128 cotangents' gradients of 128 + 16 + 16 numbers, at
    // least 8 bytes each (base64 doubles): more than the whole fast check took
    long assembly = 3L * 128 * (128 + 16 + 16) * 8;
    assertTrue(sent[1] < assembly && sent[1] * 3 < sent[0], "fast mode took " + sent[1] + " bytes from the program,"
        + " full mode " + sent[0] + ", assembling the claims " + assembly + " at least");
    Cli r = Cli.run("check", "adapters/examples/numpy/layernorm.yaml", "--allow-programs", "--mode", "fast",
        "--format", "json");
    assertEquals(0, r.exitCode(), r.all());
    Map<String, JsonNode> specs = specsByName(r.stdout());
    for (JsonNode c : specs.get("layer norm, NumPy backward").get("claims")) {
      assertEquals("passed", c.get("status").asString());
      assertEquals("fast", c.get("mode").asString(), c.toString());
    }
    JsonNode mistake = specs.get("layer norm, the mean's term left out of dX").get("claims").get(0);
    assertEquals("xfailed", mistake.get("status").asString());
    assertTrue(mistake.get("offenders").size() > 0, mistake.toString());
  }

  @Test
  void aProgramWithoutComplexArgumentsIsAnErrorUnderTheComplexStep() throws Exception {
    assumeTrue(onPath("gcc") && onPath("make"), "needs gcc and make (.ci/run installs them)");
    Cli r = Cli.run("check", "adapters/examples/c", "--allow-programs", "--method", "complex-step");
    assertEquals(2, r.exitCode(), r.all());
    assertTrue(r.stdout().contains("error[eval]: the program does not offer complex arguments for `layer`, which method"
        + " complex-step needs"), r.stdout());
    assertTrue(r.stdout().contains("tanh_layer.yaml:7:3"), r.stdout());
  }

  @Test
  void aFloat32ProgramIsCheckedInSinglePrecision() {
    Cli r = Cli.run("check", "adapters/examples/float32", "--allow-programs");
    assertEquals(0, r.exitCode(), r.all());
    assertTrue(r.stdout().contains("PASS  adapters/examples/float32/softmax_ce.yaml  softmax cross-entropy in float32  (1 claim)"),
        r.stdout());
    assertTrue(r.stdout().contains("XFAIL  d L / d z (the program's vjp, float32)"), r.stdout());
    // the Taylor test in single precision: the correct backward's remainder shrinks like t^2, the wrong one's like t
    Cli v = Cli.run("check", "adapters/examples/float32", "--allow-programs", "--verbose");
    assertTrue(v.stdout().contains("shrinks like t^2.0"), v.stdout());
    assertTrue(v.stdout().replaceAll("\\s+", " ").contains("- t C d| shrinks like t^1.0"), v.stdout());
  }

  @Test
  void thePytorchExampleReportsTheTransposedWeightGradientWithItsHint() throws Exception {
    assumeTrue(torchAvailable(), "needs Debian's python3-torch at /usr/bin/python3 (.ci/run installs it)");
    Cli r = Cli.run("check", "adapters/examples/torch", "--allow-programs", "--verbose");
    assertEquals(0, r.exitCode(), r.all());
    assertTrue(r.stdout().contains("claimed d y / d W (the program's vjp) disagrees with central differences in 72 of 192"),
        r.stdout());
    assertTrue(r.stdout().contains("the claim matches the numeric derivative under 2 axis orders"), r.stdout());
    assertTrue(r.stdout().contains("--claim 2 --index 1,1,1,0 --allow-programs"), r.stdout());
  }

  @Test
  void theCExampleSpeaksTheSameProtocol() throws Exception {
    assumeTrue(onPath("gcc") && onPath("make"), "needs gcc and make (.ci/run installs them)");
    Cli r = Cli.run("check", "adapters/examples/c", "--allow-programs");
    assertEquals(0, r.exitCode(), r.all());
    assertTrue(r.stdout().contains("PASS  adapters/examples/c/tanh_layer.yaml  tanh layer in C  (4 claims)"), r.stdout());
  }

  @Test
  void withoutTheFlagASpecWithAProgramIsRefusedAndNothingStarts() throws Exception {
    Files.createDirectories(dir.resolve("specs"));
    Cli.write(dir, "specs/starts.yaml", "name: starts\nprogram: {run: [touch, started]}\nfunctions:\n"
        + "  f: {args: [[]], returns: []}\ninputs: {x: []}\ndefine: {y: f(x)}\nclaims: [{wrt: x, claim: program}]\n");
    Cli r = Cli.run("check", dir.resolve("specs").toString());
    assertEquals(2, r.exitCode(), r.all());
    assertTrue(r.stdout().contains("error[programs-not-allowed]: this spec runs a program, and programs run only with "
        + "`--allow-programs`"), r.stdout());
    assertTrue(r.stdout().contains("starts.yaml:2:1"), r.stdout());
    assertTrue(r.stdout().contains("would run `touch started`"), r.stdout());
    assertFalse(Files.exists(dir.resolve("specs/started")), "the program must not have run");
  }

  @Test
  void everyFaultIsThatSpecsErrorAndTheOthersStillRun() throws Exception {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("error", "ValueError: x must be positive");
    expected.put("not-json", "computing f ... done");
    expected.put("wrong-id", "id");
    expected.put("missing-field", "value");
    expected.put("wrong-shape", "[7]");
    expected.put("crash", "ZeroDivisionError");
    expected.put("exit", "giving up");
    expected.put("hang", "1 s");
    expected.put("flood", "noise");
    for (String mode : expected.keySet()) faultSpec(mode, "fault-" + mode, mode.equals("hang") ? 1 : 20);
    faultSpec("good", "good", 20);
    long t0 = System.nanoTime();
    Cli r = Cli.run("check", dir.resolve("specs").toString(), "--allow-programs", "--format", "json");
    assertEquals(2, r.exitCode(), r.all());
    Map<String, JsonNode> specs = specsByName(r.stdout());
    assertEquals("passed", specs.get("good").get("status").asString(), r.stdout());
    for (var e : expected.entrySet()) {
      JsonNode s = specs.get("fault-" + e.getKey());
      assertEquals("error", s.get("status").asString(), e.getKey() + ": " + s);
      String message = s.get("error").get("message").asString();
      assertTrue(message.contains(e.getValue()), e.getKey() + ": " + message);
      assertFalse(message.contains("Exception"), e.getKey() + ": " + message);
    }
    assertTrue((System.nanoTime() - t0) / 1e9 < 120, "faults must not hang the run");
    assertEquals(0, ProgramClient.running(), "every program ended with the run");
  }

  @Test
  void aProgramThatIgnoresByeIsKilledWithItsChildren() throws Exception {
    faultSpec("ignore-bye", "ignores-bye", 20);
    Cli r = Cli.run("check", dir.resolve("specs").toString(), "--allow-programs");
    assertEquals(0, r.exitCode(), r.all());
    assertEquals(0, ProgramClient.running());
    Thread.sleep(500);
    assertEquals(List.of(), processesUnder(dir), "no process of the run may outlive it");
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void ctrlCLeavesNoProcessBehind() throws Exception {
    faultSpec("hang", "hangs", 600);
    Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.gradspec.cli.Main", "check", dir.resolve("specs").toString(),
        "--allow-programs"))
        .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long until = System.nanoTime() + 30_000_000_000L;
    while (processesUnder(dir).isEmpty() && System.nanoTime() < until) Thread.sleep(100);
    assertFalse(processesUnder(dir).isEmpty(), "the program should be running");
    assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(130, p.exitValue());
    Thread.sleep(500);
    assertEquals(List.of(), processesUnder(dir), "no process of the run may outlive it");
  }

  /** The command lines of live processes that name a file under {@code root} (ours all do: ../faulty.py). */
  static List<String> processesUnder(Path root) throws Exception {
    String marker = "faulty.py";
    List<String> out = new java.util.ArrayList<>();
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(q -> q.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
          String cwd = Files.readSymbolicLink(p.resolve("cwd")).toString();
          if ((cmd.contains(marker) || cmd.contains("time.sleep(600)")) && cwd.startsWith(root.toString())) out.add(cmd);
        } catch (Exception gone) {
          // the process ended while we looked, or is not ours to read
        }
      }
    }
    return out;
  }

  static boolean torchAvailable() throws Exception {
    if (!Files.isExecutable(Path.of("/usr/bin/python3"))) return false;
    Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import torch").redirectErrorStream(true).start();
    return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  static boolean onPath(String tool) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).redirectErrorStream(true).start();
    return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
  }
}
