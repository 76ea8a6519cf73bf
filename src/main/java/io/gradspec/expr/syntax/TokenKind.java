package io.gradspec.expr.syntax;

/** The kinds of token of the expression language, with their spelling and, for operators, their {@link BinaryOp}. */
public enum TokenKind {
  NUMBER(null, null), IDENT(null, null),
  PLUS("+", BinaryOp.ADD), MINUS("-", BinaryOp.SUB), STAR("*", BinaryOp.MUL), SLASH("/", BinaryOp.DIV),
  DOT_STAR(".*", BinaryOp.EMUL), DOT_SLASH("./", BinaryOp.EDIV), CARET("^", BinaryOp.POW), DOT_CARET(".^", BinaryOp.EPOW),
  EQ_EQ("==", BinaryOp.EQ), BANG_EQ("!=", BinaryOp.NE), LT("<", BinaryOp.LT), LE("<=", BinaryOp.LE),
  GT(">", BinaryOp.GT), GE(">=", BinaryOp.GE), AND_AND("&&", BinaryOp.AND), OR_OR("||", BinaryOp.OR),
  QUOTE("'", null), LPAREN("(", null), RPAREN(")", null), LBRACKET("[", null), RBRACKET("]", null),
  COMMA(",", null), COLON(":", null), ARROW("->", null),
  /** A character that starts no token; the parser reports it when it reaches it. */
  ERROR(null, null),
  /** The end of the text; its token is empty. */
  EOF(null, null);

  private final String symbol;
  private final BinaryOp op;

  TokenKind(String symbol, BinaryOp op) {
    this.symbol = symbol;
    this.op = op;
  }

  /** The fixed spelling of a punctuation or operator token, else null. */
  public String symbol() { return symbol; }

  /** The binary operator this token stands for between two operands, else null. */
  public BinaryOp binaryOp() { return op; }

  public boolean isComparison() { return op != null && op.isComparison(); }
}
