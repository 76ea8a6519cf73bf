package io.gradspec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradspec.result.ClaimResult;
import io.gradspec.result.RunResult;
import io.gradspec.result.SpecResult;
import io.gradspec.result.Status;
import io.gradspec.run.RunOptions;
import io.gradspec.run.Suite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every spec shipped in specs/: seed and example claims pass, every mistake is xfailed (it really is
 * wrong), and nothing is invalid or inconclusive.
 */
class SpecsFolderTest {
  static Stream<Path> specFiles() throws IOException {
    try (Stream<Path> s = Files.walk(Path.of("specs"))) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specFiles")
  void everySpecFileChecksAsIntended(Path file) {
    RunResult r = Suite.run(List.of(file), RunOptions.defaults());
    for (SpecResult s : r.specs()) {
      assertEquals(Status.PASSED, s.status(),
          () -> s.name() + ": " + s.status() + " " + (s.error() == null ? "" : s.error().message()));
      for (ClaimResult c : s.claims()) {
        Status want = c.expect() == io.gradspec.spec.Expect.FAIL ? Status.XFAILED : Status.PASSED;
        assertEquals(want, c.status(), () -> s.name() + " d " + c.of() + " / d " + c.wrt() + ": " + c.claimText());
      }
    }
    assertEquals(0, r.exitCode());
  }

  @Test void theWholeFolderExitsZero() {
    RunResult r = Suite.run(List.of(Path.of("specs")), RunOptions.defaults());
    assertEquals(0, r.exitCode());
    assertEquals(r.summary().specs(), r.specs().size());
  }
}
