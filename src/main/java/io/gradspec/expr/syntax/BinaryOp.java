package io.gradspec.expr.syntax;

/** Binary operators, with their source spelling. */
public enum BinaryOp {
  ADD("+"), SUB("-"), MUL("*"), DIV("/"), EMUL(".*"), EDIV("./"), POW("^"), EPOW(".^"),
  EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), AND("&&"), OR("||");

  private final String symbol;
  BinaryOp(String symbol) { this.symbol = symbol; }
  public String symbol() { return symbol; }

  public boolean isComparison() { return this == EQ || this == NE || this == LT || this == LE || this == GT || this == GE; }
  public boolean isLogical() { return this == AND || this == OR; }
  /** Elementwise with broadcasting: + - .* ./ .^ */
  public boolean isElementwise() { return this == ADD || this == SUB || this == EMUL || this == EDIV || this == EPOW; }
}
