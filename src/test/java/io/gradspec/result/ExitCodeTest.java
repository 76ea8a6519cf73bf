package io.gradspec.result;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exit-code policy: the contract's precedence, and the --help lists made from it. */
class ExitCodeTest {
  private static Summary summary(int specs, int failed, int xpassed, int inconclusive, int errors) {
    return new Summary(specs, 0, 0, failed, 0, xpassed, inconclusive, errors);
  }

  @Test void noSpecThenInvalidThenFailedThenInconclusive() {
    assertEquals(ExitCode.NO_SPECS, ExitCode.of(summary(0, 1, 1, 1, 1)));
    assertEquals(ExitCode.INVALID, ExitCode.of(summary(1, 1, 1, 1, 1)));
    assertEquals(ExitCode.FAILED, ExitCode.of(summary(1, 1, 0, 1, 0)));
    assertEquals(ExitCode.FAILED, ExitCode.of(summary(1, 0, 1, 1, 0)));
    assertEquals(ExitCode.INCONCLUSIVE, ExitCode.of(summary(1, 0, 0, 1, 0)));
    assertEquals(ExitCode.OK, ExitCode.of(summary(1, 0, 0, 0, 0)));
    assertEquals(ExitCode.of(summary(1, 0, 0, 1, 0)), summary(1, 0, 0, 1, 0).exitCode());
  }

  @Test void helpListsRightAlignTheCodesAndTakeACommandsOwnWords() {
    Map<String, String> list = ExitCode.helpList(Map.of(ExitCode.OK, "every spec is valid"), ExitCode.OK,
        ExitCode.INVALID, ExitCode.INTERNAL);
    assertEquals(List.of(" 0", " 2", "70"), List.copyOf(list.keySet()));
    assertEquals(List.of("every spec is valid", "usage error, or some spec invalid", "internal error: a bug in gradspec"),
        List.copyOf(list.values()));
  }
}
