package io.gradspec.expr.syntax;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns trees back into text. {@link #print} writes source that {@link Parser} reads back to the same tree,
 * with the fewest parentheses the precedence rules allow; {@link #canonical} writes every operation in
 * parentheses, for comparing trees in tests (spans are ignored by both).
 */
public final class Printer {
  // Precedence levels, loosest first, as in Parser.
  private static final int OR = 1, AND = 2, COMPARISON = 3, ADDITIVE = 4, MULTIPLICATIVE = 5, UNARY = 6,
      POWER = 7, POSTFIX = 8, ATOM = 9;

  private static final Pattern LITERAL = Pattern.compile("(\\d+(\\.\\d+)?|\\.\\d+)([eE][+-]?\\d+)?");

  private Printer() {}

  /** Source text that parses back to the same tree, with minimal parentheses. */
  public static String print(Entry e) {
    return e.isFormula() ? formula(e.formula(), b -> print(b, 0)) : print(e.expr());
  }

  /** Source text that parses back to the same tree, with minimal parentheses. */
  public static String print(Expr e) { return print(e, 0); }

  /** The text of {@code e} as the spec writes it, or printed, for a node made without a span. */
  public static String asWritten(Expr e) {
    String t = e.span().text();
    return t.isEmpty() ? print(e) : t;
  }

  /** Fully parenthesized form, for structural comparison: equal strings mean equal trees, spans aside. */
  public static String canonical(Entry e) {
    return e.isFormula() ? formula(e.formula(), Printer::canonical) : canonical(e.expr());
  }

  /** Fully parenthesized form, e.g. {@code (-(x ^ 2))}; spans are ignored. */
  public static String canonical(Expr e) { return e.accept(new Canonical()); }

  private static String formula(IndexFormula f, Function<Expr, String> body) {
    return f.indices().stream().map(Printer::indexVar).collect(Collectors.joining(", ", "[", "] -> "))
        + body.apply(f.body());
  }

  /** An index variable as a formula or a sum writes it: {@code k} or {@code k: D}. */
  public static String indexVar(IndexVar v) { return v.range() == null ? v.name() : v.name() + ": " + v.range(); }

  private static String print(Expr e, int minPrecedence) {
    String s = e.accept(new Minimal());
    return precedence(e) < minPrecedence ? "(" + s + ")" : s;
  }

  private static int precedence(Expr e) {
    if (e instanceof Expr.Num) return isNegative((Expr.Num) e) ? UNARY : ATOM;
    if (e instanceof Expr.Unary) return UNARY;
    if (e instanceof Expr.Binary) return precedence(((Expr.Binary) e).op());
    if (e instanceof Expr.Transpose || e instanceof Expr.Access) return POSTFIX;
    return ATOM; // Name, Call, Sum
  }

  private static int precedence(BinaryOp op) {
    switch (op) {
      case OR: return OR;
      case AND: return AND;
      case ADD: case SUB: return ADDITIVE;
      case MUL: case DIV: case EMUL: case EDIV: return MULTIPLICATIVE;
      case POW: case EPOW: return POWER;
      default: return COMPARISON;
    }
  }

  // A number is written by its text when that is a literal the lexer reads ("1e-3", "pi"); otherwise, or for a
  // negative value (built by a tool, never by the parser), by its value, as unary minus applied to a literal.

  private static boolean isNegative(Expr.Num n) {
    String t = n.text();
    if (t != null && isLiteral(t)) return false;
    if (t != null && t.startsWith("-") && isLiteral(t.substring(1))) return true;
    return Math.copySign(1.0, n.value()) < 0;
  }

  /** The unsigned literal of a number. */
  private static String magnitude(Expr.Num n) {
    String t = n.text();
    if (t != null && isLiteral(t)) return t;
    if (t != null && t.startsWith("-") && isLiteral(t.substring(1))) return t.substring(1);
    double v = Math.abs(n.value());
    if (!Double.isFinite(v)) throw new IllegalArgumentException("cannot print the number " + n.value());
    if (v == Math.rint(v) && v < 1e15) return String.format(Locale.ROOT, "%d", (long) v);
    return Double.toString(v).toLowerCase(Locale.ROOT); // shortest text that reads back to the same double
  }

  private static boolean isLiteral(String t) { return t.equals("pi") || LITERAL.matcher(t).matches(); }

  /** Writes "sum((k), b)" for a call of `sum` whose first argument is a bare name, so it does not read as an index sum. */
  private static String callArgs(Expr.Call c, Function<Expr, String> arg) {
    boolean guard = c.name().equals("sum") && c.args().size() >= 2 && c.args().get(0) instanceof Expr.Name;
    StringBuilder sb = new StringBuilder(c.name()).append('(');
    for (int i = 0; i < c.args().size(); i++) {
      if (i > 0) sb.append(", ");
      String a = arg.apply(c.args().get(i));
      sb.append(i == 0 && guard ? "(" + a + ")" : a);
    }
    return sb.append(')').toString();
  }

  private static String join(List<Expr> items, Function<Expr, String> item) {
    return items.stream().map(item).collect(Collectors.joining(", "));
  }

  private static final class Minimal implements Expr.Visitor<String> {
    public String visitNum(Expr.Num e) { return (isNegative(e) ? "-" : "") + magnitude(e); }

    public String visitName(Expr.Name e) { return e.name(); }

    public String visitUnary(Expr.Unary e) {
      String operand = print(e.operand(), UNARY);
      return operand.startsWith("-") ? "- " + operand : "-" + operand;
    }

    public String visitBinary(Expr.Binary e) {
      int p = precedence(e.op());
      int left, right;
      if (p == POWER) {          // right-associative; the exponent may carry a unary minus: 2 ^ -1
        left = POSTFIX;
        right = UNARY;
      } else if (p == COMPARISON) { // non-associative: parenthesize a comparison on either side
        left = p + 1;
        right = p + 1;
      } else {                   // left-associative
        left = p;
        right = p + 1;
      }
      return print(e.left(), left) + " " + e.op().symbol() + " " + print(e.right(), right);
    }

    public String visitTranspose(Expr.Transpose e) { return print(e.operand(), POSTFIX) + "'"; }

    public String visitAccess(Expr.Access e) {
      return print(e.target(), POSTFIX) + "[" + join(e.indices(), i -> print(i, 0)) + "]";
    }

    public String visitCall(Expr.Call e) { return callArgs(e, a -> print(a, 0)); }

    public String visitSum(Expr.Sum e) { return "sum(" + indexVar(e.index()) + ", " + print(e.body(), 0) + ")"; }

    public String visitRange(Expr.Range e) {
      return (e.from() == null ? "" : print(e.from(), 0)) + ":" + (e.to() == null ? "" : print(e.to(), 0));
    }
  }

  private static final class Canonical implements Expr.Visitor<String> {
    public String visitNum(Expr.Num e) { return isNegative(e) ? "(-" + magnitude(e) + ")" : magnitude(e); }

    public String visitName(Expr.Name e) { return e.name(); }

    public String visitUnary(Expr.Unary e) { return "(-" + e.operand().accept(this) + ")"; }

    public String visitBinary(Expr.Binary e) {
      return "(" + e.left().accept(this) + " " + e.op().symbol() + " " + e.right().accept(this) + ")";
    }

    public String visitTranspose(Expr.Transpose e) { return "(" + e.operand().accept(this) + "')"; }

    public String visitAccess(Expr.Access e) {
      return e.target().accept(this) + "[" + join(e.indices(), i -> i.accept(this)) + "]";
    }

    public String visitCall(Expr.Call e) { return callArgs(e, a -> a.accept(this)); }

    public String visitSum(Expr.Sum e) { return "sum(" + indexVar(e.index()) + ", " + e.body().accept(this) + ")"; }

    public String visitRange(Expr.Range e) {
      return (e.from() == null ? "" : e.from().accept(this)) + ":" + (e.to() == null ? "" : e.to().accept(this));
    }
  }
}
