package io.gradspec.junit;

import io.gradspec.api.ClaimReport;
import io.gradspec.api.Gradspec;
import io.gradspec.api.Options;
import io.gradspec.api.Report;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Specs as JUnit 5 tests: one container per spec, one test per claim, named
 * "spec name: claim 1: d y / d x", failing with that claim's text report (an inconclusive claim is aborted,
 * which JUnit reports as skipped, with the reason; a spec that cannot be checked fails with its diagnostic).
 * A folder of specs becomes a test class in one line:
 *
 * <pre>{@code
 * class DerivativeTest {
 *   @TestFactory Stream<DynamicNode> derivatives() { return GradspecTests.specs("src/test/gradspec"); }
 * }
 * }</pre>
 *
 * The check runs once, when the factory is called; each test then reports its claim. Part of the stable API.
 */
public final class GradspecTests {
  private GradspecTests() {}

  /** The specs under {@code paths}, checked with the defaults. */
  public static Stream<DynamicNode> specs(String... paths) { return specs(Gradspec.options(), paths); }

  /** The specs under {@code paths}, checked with {@code options}. */
  public static Stream<DynamicNode> specs(Options options, String... paths) { return of(options.check(paths)); }

  /** The tests of a report already made (e.g. by {@code Options.checkYaml}). */
  public static Stream<DynamicNode> of(Report report) {
    Map<String, List<DynamicNode>> bySpec = new LinkedHashMap<>();
    for (ClaimReport e : report.errors()) {
      bySpec.computeIfAbsent(e.spec(), k -> new ArrayList<>()).add(DynamicTest.dynamicTest(e.spec() + ": spec", () -> {
        throw new AssertionFailedError("the spec " + e.file() + " could not be checked\n" + e.text());
      }));
    }
    for (ClaimReport c : report.claims()) {
      bySpec.computeIfAbsent(c.spec(), k -> new ArrayList<>())
          .add(DynamicTest.dynamicTest(c.spec() + ": " + c.name(), () -> verdict(c)));
    }
    List<DynamicNode> out = new ArrayList<>();
    for (var e : bySpec.entrySet()) out.add(DynamicContainer.dynamicContainer(e.getKey(), e.getValue()));
    return out.stream();
  }

  private static void verdict(ClaimReport c) {
    if (c.ok()) return;
    String where = c.file() + ", " + c.name() + ": " + c.status() + "\n";
    if (c.inconclusive()) throw new TestAbortedException(where + c.text());
    throw new AssertionFailedError(where + c.text());
  }
}
