package io.gradspec.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.SourceFile;
import io.gradspec.spec.Span;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosticRendererTest {
  private final DiagnosticRenderer renderer = DiagnosticRenderer.plain();

  private static SourceFile file(String text) {
    return new SourceFile(Path.of("s.yaml"), "specs/s.yaml", text);
  }

  private static Span at(SourceFile f, String needle, int length) {
    return new Span(f, f.text().indexOf(needle), length);
  }

  @Test
  void caretColumnsCountCodePointsNotChars() {
    // "∂" is one char, but "𝑥" (U+1D465) is two chars and one code point: the caret must not move
    SourceFile f = file("name: f\n# ∂𝑥 here\ndefine: {y: sin(q)}\n# ∂𝑥\ny: 𝑥 + q\n");
    Diagnostic d = Diagnostic.error("unknown-name", at(f, "q\n", 1), "unknown name `q` in define")
        .withLabel("not an input");
    assertEquals("""
        error[unknown-name]: unknown name `q` in define
          --> specs/s.yaml:5:8
           |
         5 | y: 𝑥 + q
           |        ^ not an input
        """, renderer.render(d));
  }

  @Test
  void unicodeBeforeTheSpanOnTheSameLine() {
    SourceFile f = file("claim: \"∂y/∂x = W'\"  # ∂ × W\n");
    Diagnostic d = Diagnostic.error("syntax", at(f, "W'", 2), "unexpected `W'`");
    String out = renderer.render(d);
    assertTrue(out.contains("  --> specs/s.yaml:1:17\n"), out);
    assertTrue(out.contains(" 1 | claim: \"∂y/∂x = W'\"  # ∂ × W\n   |                 ^^\n"), out);
  }

  @Test
  void tabsAreDrawnAsFourSpacesAndTheCaretsFollow() {
    SourceFile f = file("a:\n\tclaim:\tW\tx\n");
    Diagnostic d = Diagnostic.error("yaml", at(f, "W\tx", 3), "tab in YAML").withLabel("here");
    assertEquals("""
        error[yaml]: tab in YAML
          --> specs/s.yaml:2:9
           |
         2 |     claim:    W    x
           |               ^^^^^^ here
        """, renderer.render(d));
  }

  @Test
  void diagnosticWithoutASpanIsHeadlineAndFooters() {
    Diagnostic d = Diagnostic.error("unknown-name", null, "unknown name `b` in claim")
        .withHelp("names are case-sensitive; did you mean the input `B` (shape [N, N])?");
    assertEquals("""
        error[unknown-name]: unknown name `b` in claim
           = help: names are case-sensitive; did you mean the input `B` (shape [N, N])?
        """, renderer.render(d));
    assertEquals("error: no spec found\n", renderer.render(Diagnostic.error(null, null, "no spec found")));
  }

  @Test
  void aSpanOverSeveralLinesIsUnderlinedToTheEndOfItsFirstLine() {
    SourceFile f = file("define:\n  y: |\n    W *\n    x\n");
    int start = f.text().indexOf("W *");
    Diagnostic d = Diagnostic.error("shape", new Span(f, start, f.text().length() - start - 1), "bad");
    assertTrue(renderer.render(d).contains(" 3 |     W *\n   |     ^^^\n"), renderer.render(d));
  }

  @Test
  void anEmptySpanAtTheEndOfALineGetsOneCaret() {
    SourceFile f = file("claim: \"[i, j] ->\"\n");
    Diagnostic d = Diagnostic.error("syntax", new Span(f, f.text().indexOf("\"\n"), 0), "expected an expression")
        .withLabel("expected an expression, found the end of the text");
    assertTrue(renderer.render(d).contains("   |                  ^ expected an expression"), renderer.render(d));
  }

  @Test
  void theGutterGrowsWithTheLineNumber() {
    SourceFile f = file("x\n".repeat(99) + "name: q\n");
    Diagnostic d = Diagnostic.error("e", at(f, "q", 1), "m").withNote("n");
    assertEquals("""
        error[e]: m
           --> specs/s.yaml:100:7
            |
        100 | name: q
            |       ^
            |
            = note: n
        """, renderer.render(d));
  }

  @Test
  void longFootersWrapAt100ColumnsAndMultiLineNotesAlign() {
    Diagnostic d = Diagnostic.error("e", null, "m")
        .withNote("the keys of a spec are name, description, tags, index-base, dims, inputs, define, claims, check")
        .withHelp("the claim matches under two axis orders, because it is\nsymmetric in j and k:\n"
            + "  (Y col, Y row, z)   the derivative of `Y'`");
    assertEquals("""
        error[e]: m
           = note: the keys of a spec are name, description, tags, index-base, dims, inputs, define, claims,
                   check
           = help: the claim matches under two axis orders, because it is
                   symmetric in j and k:
                     (Y col, Y row, z)   the derivative of `Y'`
        """, renderer.render(d));
    for (String line : renderer.render(d).split("\n")) assertTrue(line.length() <= DiagnosticRenderer.WRAP, line);
  }

  @Test
  void colourOnlyWhenAsked() {
    Diagnostic d = Diagnostic.error("e", null, "m");
    assertTrue(!renderer.render(d).contains("\u001b"));
    assertTrue(new DiagnosticRenderer(true).render(d).contains("\u001b[1;31merror[e]\u001b[0m"));
  }

  @Test
  void footersGivenExplicitlyReplaceNotesAndHelp() {
    Diagnostic d = Diagnostic.error("claim-failed", null, "m").withNote("dropped");
    String out = renderer.render("warning", d, List.of(DiagnosticRenderer.Footer.verbatim("table:\n   a   b")));
    assertEquals("warning[claim-failed]: m\n   = table:\n        a   b\n", out);
  }
}
