package io.gradspec.expr.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrinterTest {

  private static Expr num(double v) { return new Expr.Num(v, null, null); }

  private static Expr name(String n) { return new Expr.Name(n, null); }

  private static Expr bin(BinaryOp op, Expr l, Expr r) { return new Expr.Binary(op, l, r, null, null); }

  private static void assertRoundTrip(Expr e) {
    assertEquals(Printer.canonical(e), Printer.canonical(Parser.parse(Printer.print(e))), Printer.print(e));
  }

  @ParameterizedTest(name = "{0}  =>  {1}")
  @CsvSource(delimiterString = "=>", value = {
      "a - (b - c) => a - (b - c)",
      "(a - b) - c => a - b - c",
      "(a + b) * c => (a + b) * c",
      "a * (b / c) => a * (b / c)",
      "(a ^ b) ^ c => (a ^ b) ^ c",
      "a ^ (b ^ c) => a ^ b ^ c",
      "a .^ (b ^ c) => a .^ b ^ c",
      "-(x ^ 2) => -x ^ 2",
      "(-x) ^ 2 => (-x) ^ 2",
      "2 ^ (-1) => 2 ^ -1",
      "2 ^ (-x ^ 2) => 2 ^ -x ^ 2",
      "(2 ^ -x) * 3 => 2 ^ -x * 3",
      "(x') ^ 2 => x' ^ 2",
      "(x ^ 2)' => (x ^ 2)'",
      "(A')' => A''",
      "(-x)' => (-x)'",
      "-(x') => -x'",
      "-(-x) => - -x",
      "a - (-b) => a - -b",
      "(-a) * b => -a * b",
      "(a < b) < c => (a < b) < c",
      "a < (b < c) => a < (b < c)",
      "(a + b) < c => a + b < c",
      "(a && b) || c => a && b || c",
      "a && (b || c) => a && (b || c)",
      "(a || b) && c => (a || b) && c",
      "(a * b)[i, j] => (a * b)[i, j]",
      "(A')[i] => A'[i]",
      "(f(x))[i] => f(x)[i]",
      "((x))[(i + 1)] => x[i + 1]",
      "(2.*x) => 2 .* x",
      "1e-3 * .5 => 1e-3 * .5",
      "pi => pi",
      "sum(k: C*D, (x[k])) => sum(k: C*D, x[k])",
      "sum((k), b) => sum((k), b)",
      "sum(A) => sum(A)",
      "if((x > 0), log(x), 0) => if(x > 0, log(x), 0)",
      "[i: C, j] -> (x[i] * y[j]) => [i: C, j] -> x[i] * y[j]",
  })
  void minimalParentheses(String text, String printed) {
    Entry e = Parser.parse(text);
    assertEquals(printed, Printer.print(e));
    assertEquals(Printer.canonical(e), Printer.canonical(Parser.parse(printed)));
  }

  @Test
  void canonicalForms() {
    assertEquals("(-(x ^ 2))", Printer.canonical(Parser.parse("-x^2")));
    assertEquals("((a + (b * c)) - d)", Printer.canonical(Parser.parse("a + b * c - d")));
    assertEquals("((A')[i, j] * x[j])", Printer.canonical(Parser.parse("A'[i, j] * x[j]")));
    assertEquals("[i, j: D] -> sum(k, (A[i, k] * B[k, j]))",
        Printer.canonical(Parser.parse("[i, j: D] -> sum(k, A[i, k] * B[k, j])")));
  }

  @Test
  void aSumCallIsNotPrintedAsAnIndexSum() {
    Expr call = new Expr.Call("sum", null, List.of(name("k"), name("b")), null);
    assertEquals("sum((k), b)", Printer.print(call));
    Expr parsed = Parser.parse(Printer.print(call)).expr();
    assertEquals(Expr.Call.class, parsed.getClass());
    Expr sum = new Expr.Sum(new IndexVar("k", null, null, null), name("b"), null);
    assertEquals("sum(k, b)", Printer.print(sum));
    assertEquals(Expr.Sum.class, Parser.parse(Printer.print(sum)).expr().getClass());
    assertEquals(false, Printer.canonical(call).equals(Printer.canonical(sum)));
  }

  @Test
  void numbersBuiltByTools() {
    assertEquals("3", Printer.print(num(3)));
    assertEquals("0.1", Printer.print(num(0.1)));
    assertEquals("1.0e-5", Printer.print(num(1e-5)));
    assertEquals("1.0e20", Printer.print(num(1e20)));
    assertEquals("a * -0.5", Printer.print(bin(BinaryOp.MUL, name("a"), num(-0.5))));
    assertEquals("(-2) ^ 2", Printer.print(bin(BinaryOp.POW, new Expr.Num(-2, "-2", null), num(2))));
    assertEquals("2 ^ -2", Printer.print(bin(BinaryOp.POW, num(2), num(-2))));
    assertEquals("(-2)'", Printer.print(new Expr.Transpose(num(-2), null)));
    assertEquals("- -2", Printer.print(new Expr.Unary(num(-2), null)));
    assertEquals("x[0]", Printer.print(new Expr.Access(name("x"), List.of(num(0)), null)));
    // A negative literal and unary minus on its magnitude are the same tree, canonically.
    assertEquals(Printer.canonical(Parser.parse("-2")), Printer.canonical(num(-2)));
    for (double v : new double[] {3, 0.1, 1e-5, 1e20, -0.5, -2, Math.PI, 123456.789, -0.0, 4.9e-324}) {
      assertRoundTrip(num(v));
      assertRoundTrip(bin(BinaryOp.POW, num(v), num(v)));
      assertEquals(v, value(Parser.parse(Printer.print(num(v))).expr()), 0.0);
    }
    assertThrows(IllegalArgumentException.class, () -> Printer.print(num(Double.NaN)));
  }

  private static double value(Expr e) {
    return e instanceof Expr.Unary ? -value(((Expr.Unary) e).operand()) : ((Expr.Num) e).value();
  }
}
