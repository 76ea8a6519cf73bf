package io.gradspec.harden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spec that exhausts the heap inside the documented limits is that spec's error; the neighbours' results
 * are all still reported (issue 14, item 7). A real JVM with a small heap, as bin/gradspec would run it.
 */
class OutOfMemoryTest {
  @TempDir Path dir;

  @Test void theOtherSpecsStillReport() throws Exception {
    Cli.write(dir, "specs/a-small.yaml", "name: small\ninputs: {x: []}\ndefine: {y: x * x}\nclaims: [{wrt: x, claim: 2 * x}]\n");
    // 4 values of 3000 x 3000 (72 MB each), each within --max-elements, in a 128 MB heap
    Cli.write(dir, "specs/b-huge.yaml", """
        name: huge
        dims: {N: 3000}
        inputs: {A: [N, N], B: [N, N]}
        define:
          C: A .* B
          D: C + A
        claims:
          - {wrt: A, claim: "[i, j, k, l] -> delta(i, k) * delta(j, l) * (B[i, j] + 1)", of: D}
        """);
    Cli.write(dir, "specs/c-small.yaml", "name: small too\ninputs: {x: []}\ndefine: {y: x * x * x}\nclaims: [{wrt: x, claim: 3 * x * x}]\n");
    Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
        "-cp", System.getProperty("java.class.path"), "io.gradspec.cli.Main", "check", "specs", "--format", "json", "--mode", "fast",
        // past the planned-memory bound, so that the heap really runs out
        "--max-memory", "100000000000"))
        .directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue(), out);
    assertTrue(out.contains("\"name\": \"small\"") && out.contains("\"name\": \"small too\""), out);
    assertTrue(out.contains("checking this spec ran out of memory"), out);
    assertTrue(out.contains("\"passed\": 2"), out);
  }

  @Test void aSpecThatPlansMoreThanTheHeapIsRefusedBeforeAnythingIsAllocated() throws Exception {
    Cli.write(dir, "specs/a-small.yaml", "name: small\ninputs: {x: []}\ndefine: {y: x * x}\nclaims: [{wrt: x, claim: 2 * x}]\n");
    // the case: nine values of exactly 1e8 elements, each within --max-elements
    StringBuilder nine = new StringBuilder("name: nine\ndims: {N: 10000}\ninputs:\n");
    for (int i = 1; i <= 9; i++) nine.append("  A").append(i).append(": [N, N]\n");
    nine.append("define:\n  S: A1 + A2 + A3 + A4 + A5 + A6 + A7 + A8 + A9\nclaims:\n  - {of: S, wrt: A1, claim: \"eye(N * N)\"}\n");
    Cli.write(dir, "specs/b-nine.yaml", nine.toString());
    Cli.write(dir, "specs/c-small.yaml", "name: small too\ninputs: {x: []}\ndefine: {y: x * x * x}\nclaims: [{wrt: x, claim: 3 * x * x}]\n");
    Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), "io.gradspec.cli.Main", "check", "specs"))
        .directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue(), out);
    assertTrue(out.contains("MiB that `--max-memory` allows"), out);
    assertTrue(out.contains("b-nine.yaml:4:3"), out);
    assertTrue(out.contains("2 passed"), out);
    assertTrue(!out.contains("ran out of memory"), out);
  }
}
