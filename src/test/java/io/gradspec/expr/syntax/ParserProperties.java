package io.gradspec.expr.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Diagnostics;
import io.gradspec.spec.ExprText;
import io.gradspec.spec.SourceFile;
import io.gradspec.spec.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded-random properties of the parser and printer: a failing seed reproduces exactly. */
class ParserProperties {
  private static final String[] LITERALS = {"0", "2", "0.5", "1e-3", ".5", "1E+4", "12.25", "007", "pi"};
  private static final String[] NAMES = {"x", "W", "A_1", "k", "sum", "inv", "C", "e", "_t"};
  private static final String[] FUNCTIONS = {"f", "exp", "sum", "if", "pow", "pi", "delta"};
  private static final String[] RANGES = {null, "C", "C*D", "1", "N*C*H"};
  private static final String[] TOKENS = {
      "+", "-", "*", "/", ".*", "./", ".^", "^", "'", "==", "!=", "<", "<=", ">", ">=", "&&", "||",
      "(", ")", "[", "]", ",", ":", "->", "x", "W", "sum", "pi", "f", "i", "2", "0.5", "1e-3", ".5", "2.",
      "$", "=", "&", "|", "!", ".", "\u00d7", "\uD835\uDC65", "#", "\"", " ", "\n", "\t", "e", "1e999"};

  static IntStream seeds() { return IntStream.range(0, 500); }

  // ---- generators ----

  private static Expr expr(Random r, int depth) {
    int kind = depth <= 0 ? r.nextInt(2) : r.nextInt(8);
    switch (kind) {
      case 0: return number(r);
      case 1: return new Expr.Name(pick(r, NAMES), null);
      case 2: return new Expr.Unary(expr(r, depth - 1), null);
      case 3: case 4: {
        BinaryOp op = BinaryOp.values()[r.nextInt(BinaryOp.values().length)];
        return new Expr.Binary(op, expr(r, depth - 1), expr(r, depth - 1), null, null);
      }
      case 5:
        return r.nextBoolean() ? new Expr.Transpose(expr(r, depth - 1), null)
            : new Expr.Access(expr(r, depth - 1), list(r, 1 + r.nextInt(3), depth - 1), null);
      case 6: return new Expr.Call(pick(r, FUNCTIONS), null, list(r, r.nextInt(4), depth - 1), null);
      default: return new Expr.Sum(indexVar(r), expr(r, depth - 1), null);
    }
  }

  private static Expr number(Random r) {
    switch (r.nextInt(3)) {
      case 0: {
        String t = pick(r, LITERALS);
        return new Expr.Num(t.equals("pi") ? Math.PI : Double.parseDouble(t), t, null);
      }
      case 1: return new Expr.Num(Math.round(r.nextGaussian() * 100) / 10.0, null, null); // may be negative
      default: return new Expr.Num(r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20), null, null);
    }
  }

  private static List<Expr> list(Random r, int n, int depth) {
    List<Expr> items = new ArrayList<>();
    for (int i = 0; i < n; i++) items.add(expr(r, depth));
    return items;
  }

  private static IndexVar indexVar(Random r) {
    return new IndexVar(pick(r, new String[] {"i", "j", "k", "l", "x"}), pick(r, RANGES), null, null);
  }

  private static Entry entry(Random r) {
    Expr body = expr(r, 1 + r.nextInt(5));
    if (r.nextInt(3) > 0) return Entry.of(body);
    List<IndexVar> indices = new ArrayList<>();
    for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) indices.add(indexVar(r));
    return Entry.of(new IndexFormula(indices, body, null));
  }

  private static String pick(Random r, String[] options) { return options[r.nextInt(options.length)]; }

  // ---- properties ----

  /** print -> parse gives the same tree, for random trees of every node kind. */
  @ParameterizedTest
  @MethodSource("seeds")
  void printThenParseRoundTrips(int seed) {
    Random r = new Random(seed);
    for (int n = 0; n < 5; n++) {
      Entry e = entry(r);
      String printed = Printer.print(e);
      Entry parsed;
      try {
        parsed = Parser.parse(printed);
      } catch (IllegalArgumentException ex) {
        fail("seed " + seed + ": printed `" + printed + "` does not parse: " + ex.getMessage());
        return;
      }
      assertEquals(Printer.canonical(e), Printer.canonical(parsed), "seed " + seed + ": " + printed);
      assertEquals(printed, Printer.print(parsed), "printing is stable, seed " + seed);
      spansParseToTheirNode(parsed, printed);
    }
  }

  /** The text under every node's span parses, on its own, to that node. */
  private static void spansParseToTheirNode(Entry e, String text) {
    assertEquals(text, e.span().text());
    List<Expr> nodes = new ArrayList<>();
    collect(e.isFormula() ? e.formula().body() : e.expr(), nodes);
    for (Expr node : nodes) {
      String under = node.span().text();
      assertEquals(Printer.canonical(node), Printer.canonical(Parser.parse(under)), "span `" + under + "` in " + text);
      if (node instanceof Expr.Binary) {
        assertEquals(((Expr.Binary) node).op().symbol(), ((Expr.Binary) node).opSpan().text());
      }
      if (node instanceof Expr.Call) assertEquals(((Expr.Call) node).name(), ((Expr.Call) node).nameSpan().text());
    }
  }

  private static void collect(Expr e, List<Expr> out) {
    out.add(e);
    if (e instanceof Expr.Unary) collect(((Expr.Unary) e).operand(), out);
    if (e instanceof Expr.Binary) {
      collect(((Expr.Binary) e).left(), out);
      collect(((Expr.Binary) e).right(), out);
    }
    if (e instanceof Expr.Transpose) collect(((Expr.Transpose) e).operand(), out);
    if (e instanceof Expr.Access) {
      collect(((Expr.Access) e).target(), out);
      ((Expr.Access) e).indices().forEach(i -> collect(i, out));
    }
    if (e instanceof Expr.Call) ((Expr.Call) e).args().forEach(a -> collect(a, out));
    if (e instanceof Expr.Sum) collect(((Expr.Sum) e).body(), out);
  }

  /** Random token soup never throws: it parses, or gives exactly one syntax diagnostic inside the text. */
  @ParameterizedTest
  @MethodSource("seeds")
  void randomTokensGiveDiagnosticsNotExceptions(int seed) {
    Random r = new Random(seed);
    for (int n = 0; n < 20; n++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0, len = r.nextInt(25); i < len; i++) {
        sb.append(pick(r, TOKENS));
        if (r.nextInt(3) == 0) sb.append(' ');
      }
      checkNeverThrows(sb.toString(), seed);
    }
  }

  /** Printed trees with one token deleted or duplicated: near-misses, the usual typo. */
  @ParameterizedTest
  @MethodSource("seeds")
  void damagedPrintedTreesGiveDiagnosticsNotExceptions(int seed) {
    Random r = new Random(seed);
    for (int n = 0; n < 5; n++) {
      String printed = Printer.print(entry(r));
      List<Token> tokens = Lexer.tokenize(printed);
      Token t = tokens.get(r.nextInt(tokens.size()));
      String damaged = r.nextBoolean()
          ? printed.substring(0, t.start()) + printed.substring(t.end())
          : printed.substring(0, t.end()) + " " + t.text() + printed.substring(t.end());
      checkNeverThrows(damaged, seed);
    }
  }

  private static void checkNeverThrows(String text, int seed) {
    SourceFile file = new SourceFile(Path.of("p.yaml"), "p.yaml", "claim: \"" + text + "\"");
    Diagnostics diagnostics = new Diagnostics();
    Entry e;
    try {
      e = Parser.parseEntry(ExprText.verbatim(text, file, 8), diagnostics);
    } catch (RuntimeException | StackOverflowError ex) {
      fail("seed " + seed + ": `" + text + "` threw " + ex);
      return;
    }
    if (e == null) {
      assertEquals(1, diagnostics.size(), "seed " + seed + ": " + text);
      Diagnostic d = diagnostics.all().get(0);
      assertEquals("syntax", d.code());
      assertNotNull(d.label(), d.message());
      Span s = d.span();
      assertTrue(s.offset() >= 8 && s.end() <= 8 + text.length() + 1, "span inside the scalar: " + d.message());
    } else {
      assertEquals(0, diagnostics.size());
      assertEquals(Printer.canonical(e), Printer.canonical(Parser.parse(Printer.print(e))), text);
    }
  }
}
