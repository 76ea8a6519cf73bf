package io.gradspec.harden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every resource limit: refused with exit 2, a message naming the limit and its option, quickly (the bound
 * here is loose for a shared CI machine; the README gives measured times), and lifted by the option.
 */
class LimitsTest {
  /** Generous for a loaded 2-core machine; a refusal that did the work would take far longer. */
  static final long FAST_MS = 2_000;

  @TempDir static Path dir;

  static final String SMALL = """
      name: small
      inputs: {x: []}
      define: {y: x * x}
      claims: [{wrt: x, claim: 2 * x}]
      """;

  @BeforeAll
  static void warmUp() {
    Cli.run("check", Cli.write(dir, "warm/small.yaml", SMALL).toString());
  }

  static Cli refused(String option, String... args) {
    Cli r = Cli.run(args);
    assertEquals(2, r.exitCode(), r.all());
    assertTrue(r.all().contains("`" + option + "`"), "the message names " + option + ":\n" + r.all());
    assertTrue(r.millis() < FAST_MS, "refused in " + r.millis() + " ms");
    assertTrue(!r.all().contains("\tat ") && !r.all().contains("Exception"), r.all());
    return r;
  }

  @Test
  void fileSizeIsCheckedBeforeReading() throws IOException {
    Path big = dir.resolve("size/big.yaml");
    Files.createDirectories(big.getParent());
    try (OutputStream o = Files.newOutputStream(big)) {
      o.write(SMALL.getBytes());
      o.write(("description: \"" + "a".repeat(5 << 20) + "\"\n").getBytes());
    }
    Cli r = refused("--max-file-size", "check", big.toString());
    assertTrue(r.all().contains("is too large: " + Files.size(big) + " bytes, the limit is 4194304 bytes"), r.all());
    assertTrue(r.all().contains("big.yaml:1:1"), r.all());
    assertEquals(0, Cli.run("check", "--max-file-size", "8000000", big.toString()).exitCode());
  }

  @Test
  void aFileOfUnknownSizeIsReadOnlyUpToTheLimit() {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.exists(zero), "no /dev/zero here: this test needs a file whose size the file system does not report");
    Cli r = refused("--max-file-size", "check", "--max-file-size", "1000", zero.toString());
    assertTrue(r.all().contains("more than 1000 bytes"), r.all());
  }

  @Test
  void yamlDepth() {
    Path p = Cli.write(dir, "depth/deep.yaml", SMALL + "tags: " + "[".repeat(100) + "]".repeat(100) + "\n");
    Cli r = refused("--max-yaml-depth", "check", p.toString());
    assertTrue(r.all().contains("YAML nested too deeply: more than 64 levels"), r.all());
    assertTrue(r.all().contains("deep.yaml:5:70"), r.all());
    Cli lifted = Cli.run("check", "--max-yaml-depth", "200", p.toString());
    assertEquals(2, lifted.exitCode());
    assertTrue(lifted.all().contains("a tag must be a string"), lifted.all());
    // far deeper than any stack could recurse: still one clean diagnostic
    Path deeper = Cli.write(dir, "depth/deeper.yaml", "name: x\ntags: " + "[".repeat(200_000) + "]".repeat(200_000));
    refused("--max-yaml-depth", "check", deeper.toString());
  }

  @Test
  void billionLaughsIsRefusedAtTheFirstAnchor() {
    StringBuilder b = new StringBuilder("name: lol\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char c = 'b'; c <= 'i'; c++) {
      b.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) b.append(i == 0 ? "" : ",").append('*').append((char) (c - 1));
      b.append("]\n");
    }
    Path p = Cli.write(dir, "alias/bomb.yaml", b.toString());
    Cli r = Cli.run("check", p.toString());
    assertEquals(2, r.exitCode(), r.all());
    assertTrue(r.all().contains("error[yaml-alias]: YAML anchor `&a` in a spec"), r.all());
    assertTrue(r.all().contains("bomb.yaml:2:4"), r.all());
    assertTrue(r.millis() < FAST_MS, r.millis() + " ms");
  }

  @Test
  void expressionLength() {
    String longClaim = "2 * x" + " + 0 * x".repeat(30);
    Path p = Cli.write(dir, "expr/long.yaml", SMALL.replace("claim: 2 * x", "claim: " + longClaim));
    assertEquals(0, Cli.run("check", p.toString()).exitCode());
    Cli r = refused("--max-expr-length", "check", "--max-expr-length", "100", p.toString());
    assertTrue(r.all().contains("expression too long: " + longClaim.length() + " characters, the limit is 100"), r.all());
    Cli v = refused("--max-expr-length", "validate", "--max-expr-length", "100", p.toString());
    assertTrue(v.all().contains("long.yaml:4:"), v.all());
  }

  @Test
  void aBillionElementsAreRefusedBeforeAnyIsAllocated() {
    Path p = Cli.write(dir, "elements/big.yaml", """
        name: a billion elements
        dims: {N: 31623}
        inputs: {A: [N, N]}
        define:
          y: sum(A)
        claims:
          - {wrt: A, claim: "ones(N, N)"}
        """);
    Cli r = refused("--max-elements", "check", p.toString());
    assertTrue(r.all().contains("input `A` would have more than 100000000 elements"), r.all());
    assertTrue(r.all().contains("big.yaml:3:10"), r.all());
    refused("--max-elements", "check", "--max-elements", "1e3", Cli.write(dir, "elements/mid.yaml",
        "name: mid\ndims: {N: 40}\ninputs: {A: [N, N]}\ndefine: {y: sum(A)}\nclaims: [{wrt: A, claim: \"ones(N, N)\"}]\n")
        .toString());
    // intermediate values count too: an outer product of two small vectors
    refused("--max-elements", "check", "--max-elements", "1000", Cli.write(dir, "elements/outer.yaml",
        "name: outer\ndims: {N: 40}\ninputs: {x: [N]}\ndefine: {y: sum(x * x')}\nclaims: [{wrt: x, claim: \"2 * sum(x) * ones(1, N)\"}]\n")
        .toString());
  }

  @Test
  void evaluationsAreCountedBeforeRunning() {
    Path p = Cli.write(dir, "evals/many.yaml", """
        name: many evaluations
        dims: [{N: 5000}, {N: 4000}]
        inputs: {x: [N]}
        define:
          y: sum(x)
        claims:
          - {wrt: x, claim: "ones(1, N)"}
        """);
    Cli r = refused("--max-evaluations", "check", "--max-evaluations", "10000", p.toString());
    // 2 per component, 3 trials, over both dims maps
    assertTrue(r.all().contains("needs " + (2 * 3 * 9000) + " perturbed evaluations, more than the limit of 10000"), r.all());
    assertTrue(r.all().contains("many.yaml:7:11"), r.all());
    refused("--max-evaluations", "check", "--max-evaluations", "100000", "--method", "richardson", p.toString());
    assertEquals(0, Cli.run("check", "--max-evaluations", "100000", p.toString()).exitCode());
  }

  @Test
  void aSpecOverTheTimeoutIsAnErrorAndTheOthersStillRun() {
    Path p = Cli.write(dir, "timeout/slow.yaml", """
        name: slow
        dims: {N: 400}
        inputs: {A: [N, N]}
        define:
          y: sum(A * A * A)
        claims:
          - {wrt: A, claim: "zeros(N, N)"}
        ---
        """ + SMALL);
    Cli r = Cli.run("check", "--timeout", "0.5", "--format", "json", p.toString());
    assertEquals(2, r.exitCode(), r.all());
    assertTrue(r.stdout().contains("\"message\": \"spec `slow` was stopped after the timeout of 0.500 s\""), r.stdout());
    assertTrue(r.stdout().contains("\"passed\": 1"), r.stdout());
    assertTrue(r.millis() < 0.5 * 1000 + FAST_MS, r.millis() + " ms");
    Cli text = Cli.run("check", "--timeout", "0.5", p.toString());
    assertTrue(text.all().contains("raise the limit with `--timeout`"), text.all());
  }

  @Test
  void badLimitValuesAreUsageErrors() {
    for (String[] args : new String[][] {{"--max-elements", "0"}, {"--max-elements", "1.5"}, {"--timeout", "-1"},
        {"--max-file-size", "lots"}, {"--max-yaml-depth", "-3"}, {"--max-evaluations", "1e400"}}) {
      Cli r = Cli.run("check", args[0], args[1], dir.toString());
      assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + r.all());
      assertTrue(r.stderr().contains(args[0]), r.all());
    }
  }
}
