package io.gradspec.spec.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.ExprText;
import io.gradspec.spec.Span;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every char of a decoded scalar maps back to its own line:column in the file. */
class ExprTextMappingTest {

  /** The claim of a spec whose claims list starts at line 5; {@code claimYaml} is the text after "claim:". */
  static ExprText claim(String claimYaml) {
    String yaml = "name: t\ninputs: {x: [], B: [], y: []}\ndefine: {z: x}\nclaims:\n  - wrt: x\n    claim:"
        + claimYaml + "\n";
    LoadedFile f = SpecLoader.loadString(yaml, "t.yaml");
    LoadedFile.DocumentResult d = f.documents().get(0);
    if (!d.valid()) {
      fail(d.diagnostics().stream().map(Diagnostic::message).collect(Collectors.joining("; ")));
    }
    return d.spec().claims().get(0).claim();
  }

  /** line:column of the first occurrence of {@code token} in the decoded text. */
  static String at(ExprText e, String token) {
    int i = e.text().indexOf(token);
    assertTrue(i >= 0, () -> "`" + token + "` not in `" + e.text() + "`");
    Span s = e.span(i, i + token.length());
    return s.line() + ":" + s.column();
  }

  /** Each decoded char that is not from an escape or a fold is the file char it maps to. */
  static void assertCharsMapToThemselves(ExprText e) {
    String src = e.file().text();
    for (int i = 0; i < e.text().length(); i++) {
      char c = e.text().charAt(i);
      int o = e.offsets()[i];
      if (c == ' ' || c == '\n' || src.charAt(o) == '\\' || c == '\'') continue;
      assertEquals(c, src.charAt(o), "char " + i + " of `" + e.text() + "`");
    }
  }

  @Test
  void theStyleGuideExample() {
    String yaml = "name: Y = x (B z)', outer product\ndims: {N: 3}\ninputs:\n"
        + "  x: {shape: [N], value: [1.5, 2.0, -0.7]}\n"
        + "  B: {shape: [N, N], value: [[1, 2, 0], [0, 1, -1], [3, 0, 1]]}\n"
        + "  z: {shape: [N], value: [0.3, -1.2, 2.0]}\n"
        + "define:\n  Y: x * (B * z)'\nclaims:\n  - wrt: z\n"
        + "    claim: \"[i, j, k] -> x[j] * B[k, i]\"\n";
    ExprText e = SpecLoader.loadString(yaml, "specs/outer-product.yaml").documents().get(0).spec().claims().get(0).claim();
    assertEquals("[i, j, k] -> x[j] * B[k, i]", e.text());
    assertEquals("11:13", at(e, "["));
    assertEquals("11:26", at(e, "x"));
    assertEquals("11:33", at(e, "B"));
    assertEquals("11:13", e.whole().line() + ":" + e.whole().column());
    assertEquals(27, e.whole().length());
  }

  @Test
  void plain() {
    ExprText e = claim(" x * B + y");
    assertEquals("x * B + y", e.text());
    assertEquals("6:12", at(e, "x"));
    assertEquals("6:20", at(e, "y"));
    assertCharsMapToThemselves(e);
  }

  @Test
  void doubleQuotedWithEscapes() {
    ExprText e = claim(" \"a\\\"b\\\\ \\u00e9 \\t y\"");
    assertEquals("a\"b\\ \u00e9 \t y", e.text());
    assertEquals("6:13", at(e, "a"));
    assertEquals("6:14", at(e, "\""), "an escape maps to its backslash");
    assertEquals("6:16", at(e, "b"));
    assertEquals("6:17", at(e, "\\"));
    assertEquals("6:20", at(e, "\u00e9"));
    assertEquals("6:27", at(e, "\t"));
    assertEquals("6:30", at(e, "y"));
    assertCharsMapToThemselves(e);
  }

  @Test
  void singleQuotedWithDoubledQuote() {
    ExprText e = claim(" 'x''s + B'");
    assertEquals("x's + B", e.text());
    assertEquals("6:13", at(e, "x"));
    assertEquals("6:14", at(e, "'"));
    assertEquals("6:16", at(e, "s"));
    assertEquals("6:20", at(e, "B"));
  }

  @Test
  void literalBlock() {
    ExprText e = claim(" |\n      [i] ->\n        x[i] * y\n");
    assertEquals("[i] ->\n  x[i] * y\n", e.text());
    assertEquals("7:7", at(e, "["));
    assertEquals("8:9", at(e, "x"));
    assertEquals("8:16", at(e, "y"));
    assertCharsMapToThemselves(e);
  }

  @Test
  void literalBlockStrip() {
    ExprText e = claim(" |-\n      x *\n      y\n\n");
    assertEquals("x *\ny", e.text());
    assertEquals("8:7", at(e, "y"));
  }

  @Test
  void foldedBlock() {
    ExprText e = claim(" >\n      x *\n      y\n\n      + B\n");
    assertEquals("x * y\n+ B\n", e.text());
    assertEquals("7:7", at(e, "x"));
    assertEquals("8:7", at(e, "y"));
    assertEquals("10:9", at(e, "B"));
    assertCharsMapToThemselves(e);
  }

  @Test
  void multiLinePlain() {
    ExprText e = claim(" x *\n      y\n");
    assertEquals("x * y", e.text());
    assertEquals("6:12", at(e, "x"));
    assertEquals("7:7", at(e, "y"));
  }

  @Test
  void multiLineDoubleQuoted() {
    ExprText e = claim(" \"x *\n      y \\\n      + B\"\n");
    assertEquals("x * y + B", e.text());
    assertEquals("7:7", at(e, "y"));
    assertEquals("8:7", at(e, "+"));
    assertEquals("8:9", at(e, "B"));
  }

  @Test
  void afterMultiByteCharsOnTheSameLine() {
    String yaml = "name: t\ninputs: {x: []}\nclaims:\n  - {note: \u2202y/\u2202x \uD835\uDC65, wrt: x, claim: \"2 * x\"}\n";
    ExprText e = SpecLoader.loadString(yaml, "t.yaml").documents().get(0).spec().claims().get(0).claim();
    // "  - {note: ∂y/∂x 𝑥, wrt: x, claim: " is 35 code points; the quote is column 36.
    assertEquals("4:37", at(e, "2"));
    assertEquals("4:41", at(e, "x"));
  }

  @Test
  void crlf() {
    String yaml = "name: t\r\ninputs: {x: []}\r\nclaims:\r\n  - wrt: x\r\n    claim: |\r\n      a *\r\n      x\r\n";
    ExprText e = SpecLoader.loadString(yaml, "t.yaml").documents().get(0).spec().claims().get(0).claim();
    assertEquals("a *\nx\n", e.text());
    assertEquals("7:7", at(e, "x"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      " |+\n      x\n\n",
      " >-\n      x\n        y\n      z\n",
      " >\n\n      x\n      y\n\n\n      z\n",
      " |2\n       x\n      y\n",
      " |  # a comment\n      x\n",
      " >+\n      a b\n       c\n      d\n\n",
      " 'a\n\n      b   \n      c'",
      " \"a\\\n\n      b\"",
      " x\n\n      y\n",
      " !!str x * y",
  })
  void blockAndFoldedVariants(String claimYaml) {
    ExprText e = claim(claimYaml);
    assertCharsMapToThemselves(e);
    assertTrue(e.text().contains("x") || e.text().contains("a"));
  }

  /** Random double-quoted strings with escapes, and plain words: every char maps to its source. */
  @RepeatedTest(50)
  void randomQuotedScalars(RepetitionInfo info) {
    Random r = new Random(1234L + info.getCurrentRepetition());
    String[] pieces = {"x", "B", "[i]", " * ", " + ", "\\\"", "\\\\", "\\n", "\\t", "\\u00e9", "\\x41",
        "\u2202", "\uD835\uDC65", "\\U0001D465", "'", "(", ")", "-> "};
    StringBuilder raw = new StringBuilder("x");
    int n = 1 + r.nextInt(12);
    for (int i = 0; i < n; i++) raw.append(pieces[r.nextInt(pieces.length)]);
    String prefix = " ".repeat(r.nextInt(3));
    ExprText e = claim(prefix + " \"" + raw + "\"");
    assertCharsMapToThemselves(e);
    assertEquals("6:" + (13 + prefix.length()), e.whole().line() + ":" + e.whole().column());
    String single = raw.toString().replace("\\", "").replace("'", "''");
    ExprText s = claim(" '" + single + "'");
    assertCharsMapToThemselves(s);
  }
}
