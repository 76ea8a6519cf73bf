package io.gradspec.expr.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Diagnostics;
import io.gradspec.spec.ExprText;
import io.gradspec.spec.SourceFile;
import io.gradspec.spec.Span;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParserTest {
  private static final String FORMULA_FORM = "an index formula has the form `[i, j, ...] -> expression`";
  private static final String SUM_FORM = "an index sum has the form `sum(k, expression)` or `sum(k: D, expression)`";

  private static String canonical(String text) { return Printer.canonical(Parser.parse(text)); }

  private static Expr expr(String text) { return Parser.parse(text).expr(); }

  /** Parses text that must fail, and returns its one diagnostic. */
  private static Diagnostic fail(String text) {
    SourceFile file = new SourceFile(Path.of("t.yaml"), "t.yaml", text);
    Diagnostics diagnostics = new Diagnostics();
    assertNull(Parser.parseEntry(ExprText.verbatim(text, file, 0), diagnostics), text);
    assertEquals(1, diagnostics.size(), () -> "one diagnostic per cause: " + diagnostics.all());
    Diagnostic d = diagnostics.all().get(0);
    assertEquals("syntax", d.code());
    return d;
  }

  // ---- precedence and associativity ----

  @ParameterizedTest(name = "{0}  =>  {1}")
  @CsvSource(delimiterString = "=>", value = {
      "-x^2 => (-(x ^ 2))",
      "-2^2 => (-(2 ^ 2))",
      "(-2)^2 => ((-2) ^ 2)",
      "2^-1 => (2 ^ (-1))",
      "2^-x^2 => (2 ^ (-(x ^ 2)))",
      "a^b^c => (a ^ (b ^ c))",
      "a.^b.^c => (a .^ (b .^ c))",
      "a^b.^c => (a ^ (b .^ c))",
      "(a^b)^c => ((a ^ b) ^ c)",
      "-2 => (-2)",
      "--x => (-(-x))",
      "+x => x",
      "2 * +x => (2 * x)",
      "-+-x => (-(-x))",
      "a - b - c => ((a - b) - c)",
      "a - (b - c) => (a - (b - c))",
      "a / b * c => ((a / b) * c)",
      "a .* b ./ c => ((a .* b) ./ c)",
      "a + b * c => (a + (b * c))",
      "a * b + c => ((a * b) + c)",
      "a * b ^ c => (a * (b ^ c))",
      "a ^ b * c => ((a ^ b) * c)",
      "a ^ -b * c => ((a ^ (-b)) * c)",
      "-a * b => ((-a) * b)",
      "a * -b => (a * (-b))",
      "a - -b => (a - (-b))",
      "2.*x => (2 .* x)",
      "2./x => (2 ./ x)",
      "2.^x => (2 .^ x)",
      "a + b < c * d => ((a + b) < (c * d))",
      "a == b => (a == b)",
      "a != b => (a != b)",
      "a <= b => (a <= b)",
      "a > -b => (a > (-b))",
      "a >= b => (a >= b)",
      "(a < b) < c => ((a < b) < c)",
      "a < b && c >= d || e == f => (((a < b) && (c >= d)) || (e == f))",
      "a || b && c => (a || (b && c))",
      "a && b && c => ((a && b) && c)",
      "a || b || c => ((a || b) || c)",
      "x' => (x')",
      "A'' => ((A')')",
      "x'^2 => ((x') ^ 2)",
      "a^b' => (a ^ (b'))",
      "-x' => (-(x'))",
      "A'[i, j] => (A')[i, j]",
      "x[j]' => (x[j]')",
      "(V * W)[i, j] => (V * W)[i, j]",
      "inv(X)[a, b] => inv(X)[a, b]",
      "x[i][j] => x[i][j]",
      "x[i + 1] => x[(i + 1)]",
      "pi => pi",
      "1e-3 * .5 => (1e-3 * .5)",
      "f() => f()",
      "pow(A, p) => pow(A, p)",
      "if(x[i] > 0, log(x[i]), 0) => if((x[i] > 0), log(x[i]), 0)",
      "sum(k, x[k]) => sum(k, x[k])",
      "sum(k: D, x[k] * 2) => sum(k: D, (x[k] * 2))",
      "sum(k: C * D, y) => sum(k: C*D, y)",
      "sum(k: 1, y) => sum(k: 1, y)",
      "sum(A) => sum(A)",
      "sum(x + 1, y) => sum((x + 1), y)",
      "sum((k), y) => sum((k), y)",
      "[i, j] -> W[i, j] => [i, j] -> W[i, j]",
      "[i: C, j: D] -> delta(i, j) * x[j] => [i: C, j: D] -> (delta(i, j) * x[j])",
      "[i: C*D] -> 2 => [i: C*D] -> 2",
      "[i, j, k] -> sum(l, A[i, l] * B[l, j]) * c[k] => [i, j, k] -> (sum(l, (A[i, l] * B[l, j])) * c[k])",
  })
  void precedence(String text, String expected) {
    assertEquals(expected, canonical(text));
  }

  @Test
  void nodeKinds() {
    Expr.Num pi = (Expr.Num) expr("pi");
    assertEquals(Math.PI, pi.value());
    assertEquals("pi", pi.text());
    assertEquals(0.001, ((Expr.Num) expr("1e-3")).value());
    assertEquals(0.5, ((Expr.Num) expr(".5")).value());
    assertInstanceOf(Expr.Call.class, expr("pi()"));
    assertInstanceOf(Expr.Call.class, expr("sum(A)"));
    assertInstanceOf(Expr.Call.class, expr("sum(x + 1, y)"));
    Expr.Sum s = (Expr.Sum) expr("sum(k: C * D, x[k])");
    assertEquals(new IndexVar("k", "C*D", s.index().span(), s.index().rangeSpan()), s.index());
    assertNull(((Expr.Sum) expr("sum(k, x[k])")).index().range());
    Expr.Binary b = (Expr.Binary) expr("a .^ b");
    assertEquals(BinaryOp.EPOW, b.op());
    Entry f = Parser.parse("[i: C, j] -> 1");
    assertTrue(f.isFormula());
    assertEquals("C", f.formula().indices().get(0).range());
    assertNull(f.formula().indices().get(1).range());
    assertNull(f.formula().indices().get(1).rangeSpan());
    assertTrue(!Parser.parse("x").isFormula());
  }

  @Test
  void whitespaceAndNewlinesAreFree() {
    assertEquals("[i, j] -> (W[i, j] * 2)", canonical("  [ i ,\n j ]\n  ->\tW [ i , j ]*2\n"));
  }

  // ---- spans ----

  @Test
  void spansCoverTheirWholeText() {
    String text = "  (V * W)[i, j] + -inv(X)' .* sum(k: C*D, y[k])";
    SourceFile file = new SourceFile(Path.of("t.yaml"), "t.yaml", text);
    Diagnostics diagnostics = new Diagnostics();
    Expr.Binary add = (Expr.Binary) Parser.parseEntry(ExprText.verbatim(text, file, 0), diagnostics).expr();
    assertEquals(0, diagnostics.size());
    assertEquals(text.strip(), add.span().text());
    assertEquals("+", add.opSpan().text());
    Expr.Access access = (Expr.Access) add.left();
    assertEquals("(V * W)[i, j]", access.span().text());
    assertEquals("V * W", access.target().span().text());
    assertEquals("*", ((Expr.Binary) access.target()).opSpan().text());
    assertEquals("j", access.indices().get(1).span().text());
    Expr.Binary emul = (Expr.Binary) add.right();
    assertEquals("-inv(X)' .* sum(k: C*D, y[k])", emul.span().text());
    assertEquals(".*", emul.opSpan().text());
    Expr.Unary neg = (Expr.Unary) emul.left();
    assertEquals("-inv(X)'", neg.span().text());
    Expr.Transpose t = (Expr.Transpose) neg.operand();
    assertEquals("inv(X)'", t.span().text());
    Expr.Call call = (Expr.Call) t.operand();
    assertEquals("inv(X)", call.span().text());
    assertEquals("inv", call.nameSpan().text());
    Expr.Sum sum = (Expr.Sum) emul.right();
    assertEquals("sum(k: C*D, y[k])", sum.span().text());
    assertEquals("k", sum.index().span().text());
    assertEquals("C*D", sum.index().rangeSpan().text());
    assertEquals("y[k]", sum.body().span().text());
    assertEquals(1, add.span().line());
    assertEquals(3, add.span().column());
  }

  @Test
  void formulaSpans() {
    Entry e = Parser.parse("[i: C, j: D] -> x[i] ^ 2");
    IndexFormula f = e.formula();
    assertEquals("[i: C, j: D] -> x[i] ^ 2", f.span().text());
    assertEquals(f.span(), e.span());
    assertEquals("j", f.indices().get(1).span().text());
    assertEquals("D", f.indices().get(1).rangeSpan().text());
    assertEquals("^", ((Expr.Binary) f.body()).opSpan().text());
  }

  /** A claim inside a double-quoted YAML scalar on line 11: columns are file columns. */
  @Test
  void tokensInsideAQuotedScalarGetFileColumns() {
    String prefix = "name: x\n".repeat(10) + "    claim: \"";
    String claim = "[i, j, k] -> x[j] * B[k, i]";
    SourceFile file = new SourceFile(Path.of("s.yaml"), "s.yaml", prefix + claim + "\"\n");
    Diagnostics diagnostics = new Diagnostics();
    Entry e = Parser.parseEntry(ExprText.verbatim(claim, file, prefix.length()), diagnostics);
    Expr.Binary body = (Expr.Binary) e.formula().body();
    Span b = ((Expr.Access) body.right()).target().span();
    assertEquals("B", b.text());
    assertEquals(11, b.line());
    assertEquals(33, b.column());
    assertEquals(11, e.span().line());
    assertEquals(13, e.span().column());
  }

  /** The style guide's example: the caret at 11:23 under `x`. */
  @Test
  void missingArrowInsideAQuotedScalar() {
    String prefix = "name: x\n".repeat(10) + "    claim: \"";
    String claim = "[i, j, k] x[j] * B[k, i]";
    SourceFile file = new SourceFile(Path.of("s.yaml"), "s.yaml", prefix + claim + "\"\n");
    Diagnostics diagnostics = new Diagnostics();
    assertNull(Parser.parseEntry(ExprText.verbatim(claim, file, prefix.length()), diagnostics));
    Diagnostic d = diagnostics.all().get(0);
    assertEquals("expected `->` after the index list `[i, j, k]`", d.message());
    assertEquals(11, d.line());
    assertEquals(23, d.column());
    assertEquals("x", d.span().text());
    assertEquals("expected `->`, found `x`", d.label());
    assertEquals(List.of(FORMULA_FORM), d.notes());
    assertEquals(List.of("insert `->`: \"[i, j, k] -> x[j] * B[k, i]\""), d.help());
  }

  /** An escape sequence: `\u0020` in the file is one space in the text; later columns follow the file. */
  @Test
  void escapedCharactersMapThroughTheOffsetTable() {
    String line = "e: \"x\\u0020+ $\"";
    SourceFile file = new SourceFile(Path.of("s.yaml"), "s.yaml", line);
    int[] offsets = {4, 5, 11, 12, 13, 14};
    Diagnostics diagnostics = new Diagnostics();
    assertNull(Parser.parseEntry(new ExprText("x + $", file, offsets), diagnostics));
    Diagnostic d = diagnostics.all().get(0);
    assertEquals("unexpected character `$`", d.message());
    assertEquals(14, d.column());
    assertEquals("$", d.span().text());
  }

  // ---- errors ----

  @Test
  void missingArrowAtTheEnd() {
    Diagnostic d = fail("[i, j]");
    assertEquals("expected `->` after the index list `[i, j]`", d.message());
    assertEquals(7, d.column());
    assertEquals("expected `->`, found the end of the text", d.label());
    assertEquals(List.of(), d.help());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      // text | message | column | label
      "x +        | expected an expression, found the end of the text | 4 | expected an expression after `+`",
      "\"\"      | expected an expression, found the end of the text | 1 | expected an expression",
      "x * )      | expected an expression, found `)`                 | 5 | expected an expression after `*`",
      "(a + b     | expected `)`, found the end of the text           | 7 | expected `)`",
      "(a]        | expected `)`, found `]`                           | 3 | expected `)`",
      "f(a, b     | expected `,` or `)`, found the end of the text    | 7 | expected `,` or `)`",
      "f(a]       | expected `,` or `)`, found `]`                    | 4 | expected `,` or `)`",
      "x[i        | expected `,` or `]`, found the end of the text    | 4 | expected `,` or `]`",
      "a + b)     | unmatched `)`                                     | 6 | no `(` to close",
      "a]         | unmatched `]`                                     | 2 | no `[` to close",
      "a $ b      | unexpected character `$`                          | 3 | not part of the expression language",
      "a < b < c  | comparison operators cannot be chained            | 7 | second comparison",
      "f(a, , b)  | expected an argument, found `,`                   | 6 | empty argument",
      "f(, b)     | expected an argument, found `,`                   | 3 | empty argument",
      "f(a,)      | expected an argument, found `)`                   | 5 | expected an argument after `,`",
      "x[i,]      | expected an index, found `]`                      | 5 | expected an index after `,`",
      "x[]        | element access needs at least one index           | 2 | empty index list",
      "2 x        | expected an operator or the end, found `x`        | 3 | expected an operator",
      "[] -> 1    | an index formula needs at least one index         | 1 | empty index list",
      "[1, 2]     | expected an index name, found `1`                 | 2 | expected an index name",
      "[i j] -> 1 | expected `,` or `]` in the index list, found `j`  | 4 | expected `,` or `]`",
      "[i: ] -> 1 | expected a dimension after `:`, found `]`         | 5 | expected a dimension",
      "[i: C*] -> 1 | expected a dimension after `*`, found `]`       | 7 | expected a dimension",
      "sum(k: , x) | expected a dimension after `:`, found `,`        | 8 | expected a dimension",
      "sum(k: D x) | expected `,` after the index of `sum`, found `x` | 10 | expected `,`",
      "sum(k, x, y) | expected `)` after the body of `sum`, found `,` | 9 | expected `)`",
      "sum(k, x    | expected `)` after the body of `sum`, found the end of the text | 9 | expected `)`",
      "x ** 2     | expected an expression, found `*`                 | 4 | expected an expression after `*`",
      "1e999      | number `1e999` is too large                       | 1 | larger than the largest double, about 1.8e308",
      "x -> y     | expected an operator or the end, found `->`       | 3 | expected an operator",
      "a + [i] -> x | expected an expression, found `[`               | 5 | expected an expression after `+`",
      "f(a b)     | expected `,` or `)`, found `b`                    | 5 | expected `,` or `)`",
      "(a b)      | expected an operator or `)`, found `b`            | 4 | expected an operator or `)`",
  })
  void errorMessagesAndColumns(String text, String message, int column, String label) {
    Diagnostic d = fail(text);
    assertEquals(message, d.message());
    assertEquals(column, d.column());
    assertEquals(1, d.line());
    assertEquals(label, d.label());
  }

  @Test
  void errorNotesAndHelp() {
    assertEquals(List.of("to close the `(` at line 1, column 1"), fail("(a + b").notes());
    assertEquals(List.of("to close the `(` at line 1, column 3"), fail("2*(a]").notes());
    assertEquals(List.of("to close the `(` at line 1, column 2"), fail("f(a, b").notes());
    assertEquals(List.of("to close the `[` at line 1, column 2"), fail("x[i").notes());
    assertEquals(List.of("to close the `(` at line 2, column 4"), fail("f(a,\n  g(b").notes());
    assertEquals(List.of("to close the `[` at line 1, column 1"), fail("[i\n, j").notes());
    assertEquals(List.of("to close the `(` at line 1, column 4"), fail("sum(k, x").notes());
    assertEquals(List.of(SUM_FORM), fail("sum(k, x, y)").notes());
    assertEquals(List.of(SUM_FORM), fail("sum(k: D x)").notes());
    assertEquals(List.of("remove the extra `,`"), fail("f(a, , b)").help());
    assertEquals(List.of("remove the trailing `,`"), fail("f(a,)").help());
    assertEquals(List.of("did you mean `*`?"), fail("2 x").help());
    assertEquals(List.of("did you mean `*`?"), fail("2 (x)").help());
    assertEquals(List.of("did you mean `*`?"), fail("(a b)").help());
    assertEquals(List.of(), fail("a ,b").help());
    assertEquals(List.of("write `a < b && b < c`"), fail("a < b < c").help());
    assertEquals(List.of("write `x[i] + 1 <= 2 * y && 2 * y == z'`"), fail(" x[i] + 1 <= 2 * y == z' ").help());
    assertEquals(List.of("join two comparisons with `&&`"), fail("a < b < $").help());
    assertEquals(List.of("to compare, write `==`; a definition's name goes in the YAML key"), fail("y = W * x").help());
    assertEquals(List.of("did you mean `&&`?"), fail("a & b").help());
    assertEquals(List.of("did you mean `||`?"), fail("a | b").help());
    assertEquals(List.of("there is no `!`; did you mean `!=`?"), fail("!a").help());
    assertEquals(List.of("a number never ends in `.`: write `2` or `2.0`"), fail("2. * x").help());
    assertEquals(List.of("did you mean `*`?"), fail("a \u00d7 b").help());
    assertEquals(List.of("for a power write `^`, as in `x ^ 2`"), fail("x ** 2").help());
    assertEquals(List.of(FORMULA_FORM), fail("x -> y").notes());
    assertEquals(List.of("an entry has at most one `->`"), fail("[i] -> x -> y").notes());
    assertEquals(List.of(FORMULA_FORM), fail("[i] x").notes());
    assertTrue(fail("[1, 2]").notes().get(0).contains("there are no matrix literals"));
    assertTrue(fail("a + [i] -> x").notes().get(0).contains("must be the whole entry"));
  }

  @Test
  void theFirstErrorInReadingOrderWins() {
    Diagnostic d = fail("f(*) + $");
    assertEquals("expected an expression, found `*`", d.message());
    assertEquals(3, d.column());
    assertEquals("unexpected character `$`", fail("$ + (").message());
    assertEquals("expected an expression, found `*`", fail("(* $").message());
  }

  @Test
  void anUnknownCodePointIsReportedWhole() {
    Diagnostic d = fail("a + \uD835\uDC65");
    assertEquals("unexpected character `\uD835\uDC65`", d.message());
    assertEquals(5, d.column());
    assertEquals(2, d.span().length());
  }

  // ---- limits ----

  @Test
  void nestingUpTo200IsFine() {
    String ok = "(".repeat(Parser.MAX_NESTING) + "x" + ")".repeat(Parser.MAX_NESTING);
    assertEquals("x", canonical(ok));
    assertEquals("expression nested too deeply", fail("(" + ok + ")").message());
  }

  @Test
  void pathologicalNestingIsASyntaxError() {
    assertEquals("expression nested too deeply", fail("(".repeat(9_000)).message());
    assertEquals("expression nested too deeply", fail("-".repeat(9_000) + "x").message());
    assertEquals("expression nested too deeply", fail("f(".repeat(3_000)).message());
    assertEquals("expression nested too deeply", fail("x[".repeat(3_000)).message());
    assertEquals("expression nested too deeply", fail("2^".repeat(3_000) + "2").message());
    assertEquals("expression nested too deeply", fail("x" + "'".repeat(5_000)).message());
    assertEquals("expression nested too deeply", fail("x" + "+x".repeat(4_000)).message());
    assertEquals("expression nested too deeply", fail("x" + "[1]".repeat(2_000)).message());
  }

  @Test
  void longButShallowChainsAreFine() {
    String chain = "x" + " + x".repeat(Parser.MAX_HEIGHT - 1);
    assertEquals(chain, Printer.print(Parser.parse(chain)));
  }

  @Test
  void tooLongIsASyntaxError() {
    String text = "x + ".repeat(2_500) + "x"; // 10001 chars
    Diagnostic d = fail(text);
    assertEquals("expression too long: 10001 characters, the limit is 10000", d.message());
    assertEquals(1, d.column());
    assertNotNull(Parser.parse("x".repeat(Parser.MAX_LENGTH)));
  }

  @Test
  void parseThrowsWithTheMessage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parser.parse("a +"));
    assertEquals("expected an expression, found the end of the text", e.getMessage());
  }

  /** The worst accepted nesting also parses on a small thread stack (a `--jobs` worker, say). */
  @Test
  void maximalNestingFitsASmallStack() throws InterruptedException {
    String deep = "(-".repeat(Parser.MAX_NESTING / 2) + "x" + ")".repeat(Parser.MAX_NESTING / 2);
    Throwable[] failure = new Throwable[1];
    Thread t = new Thread(null, () -> {
      try {
        Printer.print(Parser.parse(deep));
        Printer.canonical(Parser.parse("x" + "+x".repeat(Parser.MAX_HEIGHT - 1)));
      } catch (Throwable e) {
        failure[0] = e;
      }
    }, "small-stack", 512 * 1024);
    t.start();
    t.join();
    assertNull(failure[0]);
  }
}
