package io.gradspec.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Control characters from a spec file reach the text report as visible escapes, never as raw bytes. */
class ControlCharsTest {
  @Test
  void escapesControlAndBidiCharactersButKeepsLayout() {
    assertEquals("a\\x1b[2Jb", ControlChars.escape("a\u001b[2Jb"));
    assertEquals("x\\x0dy\\x7f", ControlChars.escape("x\ry\u007f"));
    assertEquals("\\u202eevil", ControlChars.escape("\u202eevil"));
    assertEquals("line\n\tnext é ∂", ControlChars.escape("line\n\tnext é ∂"));
    String plain = "nothing to do";
    assertTrue(plain == ControlChars.escape(plain), "unchanged text is not copied");
  }

  @Test
  void caretsStayUnderTheTokenAfterAnEscape() {
    assertEquals(4 + 3, DiagnosticRenderer.displayWidth("\u001babc"));
  }
}
