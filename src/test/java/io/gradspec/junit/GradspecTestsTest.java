package io.gradspec.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.api.Gradspec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Specs as JUnit 5 dynamic tests: the one-line use, and what each test does. */
class GradspecTestsTest {
  /** The README's one line: the seed specs as a test class (every claim of theirs passes). */
  @TestFactory
  Stream<DynamicNode> seedSpecs() {
    return GradspecTests.specs("specs/seed");
  }

  static List<DynamicTest> tests(Stream<DynamicNode> nodes) {
    List<DynamicTest> out = new ArrayList<>();
    nodes.forEach(n -> collect(n, out));
    return out;
  }

  private static void collect(DynamicNode n, List<DynamicTest> out) {
    if (n instanceof DynamicTest t) out.add(t);
    if (n instanceof DynamicContainer c) c.getChildren().forEach(k -> collect(k, out));
  }

  @Test
  void eachClaimIsATestNamedForItThatFailsWithItsReport() throws Throwable {
    String yaml = """
        name: y = W x
        dims: {C: 3, D: 4}
        inputs:
          W: [C, D]
          x: [D]
        define:
          y: W * x
        claims:
          - {wrt: x, claim: W}
          - {wrt: x, claim: W'}
          - {wrt: x, claim: 2 * W, expect: fail}
        """;
    List<DynamicNode> specs = GradspecTests.of(Gradspec.checkYaml("linear.yaml", yaml)).toList();
    assertEquals(1, specs.size());
    assertEquals("y = W x", specs.get(0).getDisplayName());
    List<DynamicTest> tests = tests(specs.stream());
    assertEquals(List.of("y = W x: claim 1: d y / d x", "y = W x: claim 2: d y / d x", "y = W x: claim 3: d y / d x"),
        tests.stream().map(DynamicTest::getDisplayName).toList());
    tests.get(0).getExecutable().execute();
    AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> tests.get(1).getExecutable().execute());
    assertTrue(e.getMessage().startsWith("linear.yaml, claim 2: d y / d x: failed\n"), e.getMessage());
    assertTrue(e.getMessage().contains("error[claim-failed]"), e.getMessage());
    tests.get(2).getExecutable().execute(); // xfailed: as the spec expects
  }

  @Test
  void anInconclusiveClaimIsAbortedAndABrokenSpecFails() {
    String cancel = """
        name: cancellation
        dims: {N: 2}
        inputs:
          x: {shape: [N], value: [185.5, 3.25]}
        define:
          y: (x + 1e16) - 1e16
        claims:
          - {wrt: x, claim: eye(N)}
        """;
    List<DynamicTest> t = tests(GradspecTests.of(Gradspec.checkYaml("c.yaml", cancel)));
    assertThrows(TestAbortedException.class, () -> t.get(0).getExecutable().execute());
    List<DynamicTest> broken = tests(GradspecTests.of(Gradspec.checkYaml("b.yaml", "name: b\nclaims: 3\n")));
    assertEquals(1, broken.size());
    assertEquals("b: spec", broken.get(0).getDisplayName());
    AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> broken.get(0).getExecutable().execute());
    assertTrue(e.getMessage().contains("could not be checked"), e.getMessage());
  }
}
