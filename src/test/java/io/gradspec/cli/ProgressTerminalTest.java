package io.gradspec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress line goes to standard error and is drawn only when standard error is a terminal: run in a
 * real pseudo-terminal (util-linux {@code script}), once with standard error redirected to a file (which must
 * get no carriage return, whatever standard output is) and once with standard output redirected (the
 * terminal must get the line).
 */
class ProgressTerminalTest {
  @TempDir Path dir;

  @Test void notDrawnWhenStandardErrorIsAFile() throws Exception {
    specs();
    String terminal = inTerminal("2> err.txt");
    String err = Files.readString(dir.resolve("err.txt"));
    assertFalse(err.contains("\r"), "a redirected standard error got the progress line: " + err);
    assertTrue(terminal.contains("PASS"), "standard output stayed on the terminal: " + terminal);
  }

  @Test void drawnWhenStandardErrorIsATerminal() throws Exception {
    specs();
    String terminal = inTerminal("> out.txt");
    assertTrue(terminal.contains("[checked "), "no progress line on the terminal: " + terminal);
    assertTrue(Files.readString(dir.resolve("out.txt")).contains("PASS"));
  }

  @Test void theLaunchersWordWins() {
    String before = System.getProperty(Terminal.STDERR_PROPERTY);
    try {
      System.setProperty(Terminal.STDERR_PROPERTY, "false");
      assertFalse(Terminal.stderrIsTerminal());
      System.setProperty(Terminal.STDERR_PROPERTY, "true");
      assertTrue(Terminal.stderrIsTerminal());
    } finally {
      if (before == null) System.clearProperty(Terminal.STDERR_PROPERTY);
      else System.setProperty(Terminal.STDERR_PROPERTY, before);
    }
  }

  private void specs() throws IOException {
    for (int i = 0; i < 3; i++) {
      Files.writeString(dir.resolve("s" + i + ".yaml"), """
          name: linear %d
          dims: {N: 3}
          inputs: {W: [N, N], x: [N]}
          define:
            y: W * x
          claims:
            - {wrt: x, claim: W}
          """.formatted(i));
    }
  }

  /** gradspec check in a pseudo-terminal with one stream redirected; what the terminal received. */
  private String inTerminal(String redirect) throws Exception {
    Path script = Path.of("/usr/bin/script");
    assumeTrue(Files.isExecutable(script), "util-linux script is needed for a pseudo-terminal");
    List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dgradspec.progress.delayMillis=0", "-cp", System.getProperty("java.class.path"),
        "io.gradspec.cli.Main", "check", ".");
    String command = java.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "))
        + " " + redirect;
    Process p = new ProcessBuilder(script.toString(), "-qec", command, "/dev/null").directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.PIPE).redirectErrorStream(true).start();
    String terminal = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), terminal);
    try (Stream<Path> files = Files.list(dir)) {
      assertTrue(files.count() >= 4);
    }
    return terminal;
  }
}
