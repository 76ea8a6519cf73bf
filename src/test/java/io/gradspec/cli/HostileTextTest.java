package io.gradspec.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.cli.EndToEndTest.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spec file cannot write terminal control sequences through gradspec's text report. */
class HostileTextTest {
  @TempDir Path dir;

  @Test
  void aHostileSpecCannotWriteEscapesToTheTerminal() throws IOException {
    // YAML double-quoted strings turn \e into ESC and \r into CR; the definition has an unknown name after an ESC
    Files.writeString(dir.resolve("evil.yaml"), """
        name: "clear \\e[2J screen"
        dims: {n: 3}
        inputs: {x: [n]}
        define:
          y: "x + \\e[31m + nope"
        claims:
          - {of: y, wrt: x, claim: "eye(n)", note: "over\\rwrite"}
        """);
    Files.writeString(dir.resolve("fails.yaml"), """
        name: "hidden \\e[8m text"
        dims: {n: 3}
        inputs: {x: [n]}
        define:
          y: 2 * x
        claims:
          - {wrt: x, claim: "eye(n)", expect: fail, note: "over\\rwrite \\u202e"}
        """);
    CliRun run = CliRun.of("check", dir.toString(), "--verbose");
    String out = run.stdout() + run.stderr();
    assertFalse(out.contains("\u001b"), out);
    assertFalse(out.contains("\r"), out);
    assertFalse(out.contains("\u202e"), out);
    assertTrue(out.contains("hidden \\x1b[8m text"), out);
    assertTrue(out.contains("over\\x0dwrite \\u202e"), out);
    assertTrue(out.contains("clear \\x1b[2J screen"), out);
    assertTrue(out.contains("unexpected character `\\x1b`"), out);
  }

  /** A raw ESC byte in the file: the excerpt shows it escaped and the caret still stands under the error. */
  @Test
  void rawControlBytesInTheSourceLineAreEscapedAndTheCaretAligned() throws IOException {
    Files.writeString(dir.resolve("raw.yaml"), "name: raw\ndims: {n: 3}\ninputs: {x: [n]}\ndefine:\n"
        + "  y: x + \u001b + nope\nclaims:\n  - {of: y, wrt: x, claim: \"eye(n)\"}\n");
    CliRun run = CliRun.of("check", dir.toString());
    String out = run.stdout() + run.stderr();
    assertFalse(out.contains("\u001b"), out);
    String[] lines = out.split("\n");
    for (int i = 0; i + 1 < lines.length; i++) {
      int at = lines[i].indexOf("\\x1b");
      if (at >= 0 && lines[i].contains(" | ")) {
        assertTrue(lines[i + 1].indexOf('^') == at, lines[i] + "\n" + lines[i + 1]);
        return;
      }
    }
    throw new AssertionError("no excerpt of the ESC:\n" + out);
  }
}
