package io.gradspec.expr.syntax;

/**
 * One token of an expression: its kind, its text and its char range {@code [start, end)} in the expression
 * text (not the file; map through {@link io.gradspec.spec.ExprText#span(int, int)}).
 */
public record Token(TokenKind kind, String text, int start, int end) {

  /** Whether this token can begin an operand, i.e. two operands were written side by side. */
  public boolean startsOperand() {
    return kind == TokenKind.NUMBER || kind == TokenKind.IDENT || kind == TokenKind.LPAREN;
  }

  /** How a message names this token: {@code `x`}, or "the end of the text". */
  public String describe() {
    return kind == TokenKind.EOF ? "the end of the text" : "`" + text + "`";
  }
}
