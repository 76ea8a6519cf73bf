package io.gradspec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.Golden;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input in {@code golden/diagnostics/}: each case file holds one bad spec and, after
 * {@code ---}, a valid neighbour named {@value #NEIGHBOUR}. The run must exit 2 with a rendered
 * diagnostic (position, caret, help or note) and no stack trace, the neighbour must still pass, and
 * the text report must equal {@code <case>.txt} (regenerate with -Dgradspec.updateGolden=true).
 */
class DiagnosticsGoldenTest {
  static final Path DIR = Path.of("src/test/resources/golden/diagnostics");
  static final String NEIGHBOUR = "neighbour still runs";

  static Stream<String> cases() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
          .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList();
      return names.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInputIsExit2WithAPositionedMessage(String name) {
    // A relative path keeps the displayed path (and so the golden file) the same on every machine.
    String path = DIR.resolve(name + ".yaml").toString().replace('\\', '/');
    StringWriter out = new StringWriter(), err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "check", "--no-color", path);
    String stdout = out.toString(), all = stdout + err;

    assertEquals(2, code, all);
    assertFalse(all.contains("Exception"), "no exception names: " + all);
    assertFalse(all.contains("\tat "), "no stack trace: " + all);
    assertTrue(Pattern.compile(Pattern.quote(name + ".yaml:") + "\\d+:\\d+").matcher(stdout).find(),
        "file:line:col in\n" + stdout);
    assertTrue(Pattern.compile("(?m)^\\s*\\d*\\s*\\|\\s*\\^+").matcher(stdout).find(), "a caret line in\n" + stdout);
    assertTrue(stdout.contains("= help:") || stdout.contains("= note:"), "a help or note in\n" + stdout);
    assertTrue(Pattern.compile("(?m)^PASS .*" + Pattern.quote(NEIGHBOUR)).matcher(stdout).find(),
        "the valid neighbour still runs and passes:\n" + stdout);
    Golden.assertMatches(DIR.resolve(name + ".txt"), stdout);
  }
}
