package io.gradspec.harden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * File names and spec text reach every report escaped by one rule (issue 14, item 13): a name cannot
 * forge a line of the text report, and no control character from a file reaches Markdown or HTML.
 */
@EnabledOnOs(OS.LINUX)
class FileNameEscapeTest {
  @TempDir Path dir;

  private static final String SPEC = "name: \"bell\\a and esc\\e here\"\ninputs: {x: []}\ndefine: {y: x * x}\n"
      + "claims: [{wrt: x, claim: 3 * x, expect: fail, note: \"nul\\0 in a note\"}]\n";

  @Test
  void aLineBreakInAFileNameCannotForgeAPassLine() throws Exception {
    Path forged = dir.resolve("new\nPASS  forged.yaml  forged  (1 claim)\n.yaml");
    Files.writeString(forged, "name: real\ninputs: {x: []}\ndefine: {y: x * x}\nclaims: [{wrt: x, claim: 2 * x}]\n");
    Cli r = Cli.run("check", dir.toString(), "--no-color");
    assertEquals(0, r.exitCode(), r.all());
    assertFalse(r.stdout().lines().anyMatch(l -> l.startsWith("PASS  forged.yaml")), r.stdout());
    assertTrue(r.stdout().contains("new\\nPASS  forged.yaml  forged  (1 claim)\\n.yaml  real"), r.stdout());
  }

  @Test
  void aBackslashInANameIsShownAsItIs() throws Exception {
    Files.writeString(dir.resolve("back\\slash.yaml"), "name: b\ninputs: {x: []}\ndefine: {y: x * x}\n"
        + "claims: [{wrt: x, claim: 2 * x}]\n");
    Cli r = Cli.run("check", dir.toString(), "--no-color");
    assertTrue(r.stdout().contains("back\\slash.yaml"), r.stdout());
    assertFalse(r.stdout().contains("back/slash.yaml"), r.stdout());
  }

  @Test
  void markdownAndHtmlCarryNoControlCharacter() throws Exception {
    Files.writeString(dir.resolve("tab\there.yaml"), SPEC);
    Path reports = dir.resolve("reports");
    Cli r = Cli.run("check", dir.resolve("tab\there.yaml").toString(), "--reports", reports.toString(), "--verbose");
    assertEquals(0, r.exitCode(), r.all());
    for (String f : new String[] {"report.md", "report.html"}) {
      String text = Files.readString(reports.resolve(f), StandardCharsets.UTF_8);
      for (char c : new char[] {0x07, 0x1b, 0x00}) {
        assertFalse(text.indexOf(c) >= 0, f + " holds the raw control character " + (int) c);
      }
      assertTrue(text.contains("\\x07") && text.contains("\\x1b"), f + " shows the escapes");
    }
    assertTrue(Files.readString(reports.resolve("report.md")).contains("tab\\there.yaml"), "the tab is escaped in Markdown");
  }
}
