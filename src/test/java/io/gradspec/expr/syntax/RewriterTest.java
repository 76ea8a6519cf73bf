package io.gradspec.expr.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rewriting visitor: a copy by default, and a subclass changes only the nodes it overrides. */
class RewriterTest {
  @ParameterizedTest
  @ValueSource(strings = {"x' * A * x", "-(y - softmax(z))", "[i, j] -> delta(i, j) * sum(k, W[i, k] ^ 2)",
      "if(x > 0, x, -x) .* (A + A')[1, 2]"})
  void theDefaultRewriterCopiesTheTree(String text) {
    Entry e = Parser.parse(text);
    assertEquals(Printer.canonical(e), Printer.canonical(new Rewriter().rewrite(e)));
  }

  @Test void aSubclassRewritesOnlyWhatItOverrides() {
    Rewriter rename = new Rewriter() {
      @Override public Expr visitName(Expr.Name n) { return n.name().equals("A") ? new Expr.Name("B", n.span()) : n; }
    };
    assertEquals("[i, j] -> B[i, j] * sum(k, B[k, j]) + x'", Printer.print(rename.rewrite(Parser.parse(
        "[i, j] -> A[i, j] * sum(k, A[k, j]) + x'"))));
  }
}
