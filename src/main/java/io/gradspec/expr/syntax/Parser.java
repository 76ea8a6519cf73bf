package io.gradspec.expr.syntax;

import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Diagnostics;
import io.gradspec.spec.ExprText;
import io.gradspec.spec.SourceFile;
import io.gradspec.spec.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for {@code define} and {@code claim} entries (contract §2, §6). One method per
 * precedence level, loosest first:
 *
 * <pre>
 * entry      = "[" indexVar ("," indexVar)* "]" "->" expression | expression
 * indexVar   = IDENT (":" range)?          range = dim (("*" | "+" | "-") dim)*, dim = IDENT | NUMBER
 * expression = and ("||" and)*
 * and        = comparison ("&&" comparison)*
 * comparison = additive (cmpOp additive)?              -- non-associative
 * additive   = multiplicative (("+" | "-") multiplicative)*
 * multiplicative = unary (("*" | "/" | ".*" | "./") unary)*
 * unary      = ("-" | "+") unary | power
 * power      = postfix (("^" | ".^") unary)?           -- right-associative; `2^-1` is 2^(-1)
 * postfix    = primary ("'" | "[" expression ("," expression)* "]")*
 * primary    = NUMBER | "pi" | IDENT | IDENT "(" args ")" | "sum" "(" indexVar "," expression ")" | "(" expression ")"
 * </pre>
 *
 * The parser stops at the first error of an entry and reports exactly one diagnostic (code "syntax"), so a
 * mistake never cascades. Nesting is bounded, so no input can overflow the stack here or in the recursive
 * passes over the tree that come later.
 */
public final class Parser {
  /** Longest expression text accepted. */
  public static final int MAX_LENGTH = 10_000;
  /** Deepest nesting of parentheses, brackets, calls and prefix operators accepted. */
  public static final int MAX_NESTING = 200;
  /** Deepest tree accepted: bounds chains such as {@code a + b + c + ...} and {@code x'''...}, which nest without parentheses. */
  public static final int MAX_HEIGHT = 500;

  private static final String FORMULA_FORM = "an index formula has the form `[i, j, ...] -> expression`";
  private static final String SUM_FORM = "an index sum has the form `sum(k, expression)` or `sum(k: D, expression)`";
  private static final String RANGE_FORM = "a range is a dimension symbol, a size, or an expression such as `C*D`, `M+P` or `N-1`";

  private final ExprText source;
  private final String text;
  private final int maxLength;
  private List<Token> tokens = List.of();
  private int pos;
  private int nesting;
  private int height;

  private Parser(ExprText source, int maxLength) {
    this.source = source;
    this.text = source.text();
    this.maxLength = maxLength;
  }

  /**
   * Parses a define/claim entry: {@code [i, j] -> body}, {@code [i: C, j: D] -> body} or a plain expression.
   * Reports a problem to {@code diagnostics} (code "syntax", spans in the file) and returns null if the text
   * could not be parsed.
   */
  public static Entry parseEntry(ExprText text, Diagnostics diagnostics) {
    return parseEntry(text, diagnostics, MAX_LENGTH);
  }

  /** As {@link #parseEntry(ExprText, Diagnostics)}, refusing texts longer than {@code maxLength} characters. */
  public static Entry parseEntry(ExprText text, Diagnostics diagnostics, int maxLength) {
    try {
      return new Parser(text, maxLength).entry();
    } catch (SyntaxError e) {
      diagnostics.add(e.diagnostic);
      return null;
    }
  }

  /**
   * Parses an entry held in a file of its own, for tests and tools.
   *
   * @throws IllegalArgumentException with the diagnostic's message on a syntax error
   */
  public static Entry parse(String text) {
    SourceFile file = new SourceFile(Path.of("expression"), "<expression>", text);
    Diagnostics diagnostics = new Diagnostics();
    Entry entry = parseEntry(ExprText.verbatim(text, file, 0), diagnostics);
    if (entry == null) throw new IllegalArgumentException(diagnostics.all().get(0).message());
    return entry;
  }

  // ---- entries and index lists ----

  private Entry entry() {
    if (text.length() > maxLength) {
      throw new SyntaxError(Diagnostic.error("syntax", source.span(0, 1),
              "expression too long: " + text.length() + " characters, the limit is " + maxLength)
          .withLabel("this expression")
          .withHelp("split it into several `define` entries, or raise the limit with `--max-expr-length`"));
    }
    tokens = Lexer.tokenize(text);
    if (peek().kind() == TokenKind.LBRACKET) return Entry.of(formula());
    Expr e = expression();
    expectEnd(false);
    return Entry.of(e);
  }

  private IndexFormula formula() {
    Token open = advance();
    if (peek().kind() == TokenKind.RBRACKET) {
      throw new SyntaxError(Diagnostic.error("syntax", span(open.start(), peek().end()),
              "an index formula needs at least one index")
          .withLabel("empty index list")
          .withNote(FORMULA_FORM));
    }
    List<IndexVar> indices = new ArrayList<>();
    while (true) {
      indices.add(indexVar(FORMULA_FORM + "; there are no matrix literals"));
      Token t = peek();
      if (t.kind() == TokenKind.COMMA) {
        advance();
      } else if (t.kind() == TokenKind.RBRACKET) {
        break;
      } else {
        Diagnostic d = error(t, "expected `,` or `]` in the index list, found " + t.describe())
            .withLabel("expected `,` or `]`");
        throw new SyntaxError(t.kind() == TokenKind.EOF || t.kind() == TokenKind.RPAREN
            ? d.withNote(closeNote(open)) : d.withNote(FORMULA_FORM));
      }
    }
    Token close = advance();
    Token arrow = peek();
    if (arrow.kind() != TokenKind.ARROW) {
      String list = oneLine(text.substring(open.start(), close.end()));
      Diagnostic d = error(arrow, "expected `->` after the index list `" + list + "`")
          .withLabel("expected `->`, found " + arrow.describe())
          .withNote(FORMULA_FORM);
      if (arrow.kind() != TokenKind.EOF) {
        String fixed = oneLine(text.substring(open.start(), close.end()) + " -> " + text.substring(arrow.start()));
        d = d.withHelp("insert `->`: \"" + fixed + "\"");
      }
      throw new SyntaxError(d);
    }
    advance();
    Expr body = expression();
    expectEnd(true);
    return new IndexFormula(indices, body, span(open.start(), previousEnd()));
  }

  /** {@code k} or {@code k: C*D}; {@code note} says where it appears, for the error. */
  private IndexVar indexVar(String note) {
    Token name = peek();
    if (name.kind() != TokenKind.IDENT) {
      throw new SyntaxError(error(name, "expected an index name, found " + name.describe())
          .withLabel("expected an index name")
          .withNote(note));
    }
    advance();
    if (peek().kind() != TokenKind.COLON) return new IndexVar(name.text(), null, tokenSpan(name), null);
    advance();
    int start = peek().start();
    StringBuilder range = new StringBuilder(dimension(":"));
    // format 1.2: sums, differences and multiples as well (`N-1`, `M+P`, `2*N`), and literal sizes
    while (peek().kind() == TokenKind.STAR || peek().kind() == TokenKind.PLUS || peek().kind() == TokenKind.MINUS) {
      String op = advance().text();
      range.append(op).append(dimension(op));
    }
    return new IndexVar(name.text(), range.toString(), tokenSpan(name), span(start, previousEnd()));
  }

  private String dimension(String after) {
    Token t = peek();
    if (t.kind() != TokenKind.IDENT && t.kind() != TokenKind.NUMBER) {
      throw new SyntaxError(error(t, "expected a dimension after `" + after + "`, found " + t.describe())
          .withLabel("expected a dimension")
          .withNote(RANGE_FORM));
    }
    return advance().text();
  }

  /** After a complete entry or formula body only the end may follow. */
  private void expectEnd(boolean inFormula) {
    Token t = peek();
    if (t.kind() == TokenKind.EOF) return;
    if (t.kind() == TokenKind.RPAREN || t.kind() == TokenKind.RBRACKET) {
      String opener = t.kind() == TokenKind.RPAREN ? "(" : "[";
      throw new SyntaxError(error(t, "unmatched `" + t.text() + "`")
          .withLabel("no `" + opener + "` to close")
          .withHelp("remove it, or add the missing `" + opener + "`"));
    }
    Diagnostic d = error(t, "expected an operator or the end, found " + t.describe()).withLabel("expected an operator");
    if (t.startsOperand()) d = d.withHelp("did you mean `*`?");
    if (t.kind() == TokenKind.ARROW) d = d.withNote(inFormula ? "an entry has at most one `->`" : FORMULA_FORM);
    throw new SyntaxError(d);
  }

  // ---- binary levels, loosest first ----

  private Expr expression() {
    int start = peek().start();
    int chain = 0;
    Expr e = and();
    while (peek().kind() == TokenKind.OR_OR) {
      Token op = advance();
      chain += grow();
      e = binary(op, e, and(), start);
    }
    height -= chain;
    return e;
  }

  private Expr and() {
    int start = peek().start();
    int chain = 0;
    Expr e = comparison();
    while (peek().kind() == TokenKind.AND_AND) {
      Token op = advance();
      chain += grow();
      e = binary(op, e, comparison(), start);
    }
    height -= chain;
    return e;
  }

  private Expr comparison() {
    int start = peek().start();
    Expr left = additive();
    if (!peek().kind().isComparison()) return left;
    Token op = advance();
    int rightStart = peek().start();
    Expr right = additive();
    Expr e = binary(op, left, right, start);
    if (peek().kind().isComparison()) throw chainedComparison(start, op, rightStart);
    return e;
  }

  /** {@code a < b < c}: say so, with the {@code &&} rewrite when the third operand parses. */
  private SyntaxError chainedComparison(int leftStart, Token op, int rightStart) {
    int rightEnd = previousEnd();
    Token second = advance();
    Diagnostic d = error(second, "comparison operators cannot be chained")
        .withLabel("second comparison")
        .withNote("comparisons are non-associative: `a < b < c` has no meaning of its own");
    try {
      int thirdStart = peek().start();
      additive();
      String a = oneLine(text.substring(leftStart, op.start()).strip());
      String b = oneLine(text.substring(rightStart, rightEnd));
      String c = oneLine(text.substring(thirdStart, previousEnd()));
      return new SyntaxError(d.withHelp("write `" + a + " " + op.text() + " " + b + " && " + b + " "
          + second.text() + " " + c + "`"));
    } catch (SyntaxError unused) { // the third operand has a problem of its own; the chain is still the first
      return new SyntaxError(d.withHelp("join two comparisons with `&&`"));
    }
  }

  private Expr additive() {
    int start = peek().start();
    int chain = 0;
    Expr e = multiplicative();
    while (peek().kind() == TokenKind.PLUS || peek().kind() == TokenKind.MINUS) {
      Token op = advance();
      chain += grow();
      e = binary(op, e, multiplicative(), start);
    }
    height -= chain;
    return e;
  }

  private Expr multiplicative() {
    int start = peek().start();
    int chain = 0;
    Expr e = unary();
    while (true) {
      TokenKind k = peek().kind();
      if (k != TokenKind.STAR && k != TokenKind.SLASH && k != TokenKind.DOT_STAR && k != TokenKind.DOT_SLASH) break;
      Token op = advance();
      chain += grow();
      e = binary(op, e, unary(), start);
    }
    height -= chain;
    return e;
  }

  private Expr unary() {
    TokenKind k = peek().kind();
    if (k != TokenKind.MINUS && k != TokenKind.PLUS) return power();
    Token op = advance();
    nest(op);
    Expr operand = unary();
    unnest();
    // Unary plus changes nothing, so it leaves no node.
    return k == TokenKind.PLUS ? operand : new Expr.Unary(operand, span(op.start(), previousEnd()));
  }

  private Expr power() {
    int start = peek().start();
    Expr base = postfix();
    if (peek().kind() != TokenKind.CARET && peek().kind() != TokenKind.DOT_CARET) return base;
    Token op = advance();
    nest(op);
    Expr exponent = unary(); // right-associative through unary -> power, and allows `2^-1`
    unnest();
    return binary(op, base, exponent, start);
  }

  private Expr postfix() {
    int start = peek().start();
    int chain = 0;
    Expr e = primary();
    while (true) {
      Token t = peek();
      if (t.kind() == TokenKind.QUOTE) {
        advance();
        chain += grow();
        e = new Expr.Transpose(e, span(start, previousEnd()));
      } else if (t.kind() == TokenKind.LBRACKET) {
        Token open = advance();
        chain += grow();
        nest(open);
        List<Expr> indices = list(open, TokenKind.RBRACKET, "an index");
        unnest();
        if (indices.isEmpty()) {
          throw new SyntaxError(Diagnostic.error("syntax", span(open.start(), previousEnd()),
                  "element access needs at least one index")
              .withLabel("empty index list")
              .withHelp("write the indices inside the brackets, as in `x[j]` or `W[i, j]`"));
        }
        e = new Expr.Access(e, indices, span(start, previousEnd()));
      } else {
        break;
      }
    }
    height -= chain;
    return e;
  }

  /** An index of an element access: an expression, or a slice `from:to` with either end left out (format 1.2). */
  private Expr index() {
    int start = peek().start();
    Expr from = peek().kind() == TokenKind.COLON ? null : expression();
    if (peek().kind() != TokenKind.COLON) return from;
    advance();
    TokenKind k = peek().kind();
    Expr to = k == TokenKind.COMMA || k == TokenKind.RBRACKET ? null : expression();
    return new Expr.Range(from, to, span(start, previousEnd()));
  }

  private Expr primary() {
    Token t = peek();
    switch (t.kind()) {
      case NUMBER: {
        advance();
        double value = Double.parseDouble(t.text());
        if (Double.isInfinite(value)) {
          throw new SyntaxError(error(t, "number `" + t.text() + "` is too large")
              .withLabel("larger than the largest double, about 1.8e308"));
        }
        return new Expr.Num(value, t.text(), tokenSpan(t));
      }
      case IDENT:
        advance();
        if (peek().kind() == TokenKind.LPAREN) return call(t);
        if (t.text().equals("pi")) return new Expr.Num(Math.PI, "pi", tokenSpan(t));
        return new Expr.Name(t.text(), tokenSpan(t));
      case LPAREN: {
        Token open = advance();
        nest(open);
        Expr e = expression();
        Token close = peek();
        if (close.kind() != TokenKind.RPAREN) {
          String expected = close.kind() == TokenKind.EOF || close.kind() == TokenKind.RBRACKET
              ? "expected `)`" : "expected an operator or `)`";
          Diagnostic d = error(close, expected + ", found " + close.describe()).withLabel(expected);
          if (close.startsOperand()) d = d.withHelp("did you mean `*`?");
          else if (close.kind() == TokenKind.EOF) d = d.withHelp("add the missing `)`");
          throw new SyntaxError(d.withNote(closeNote(open)));
        }
        advance();
        unnest();
        return e;
      }
      default:
        throw expectedExpression(t);
    }
  }

  private SyntaxError expectedExpression(Token t) {
    Diagnostic d = error(t, "expected an expression, found " + t.describe());
    Token previous = pos > 0 ? tokens.get(pos - 1) : null;
    boolean afterOperator = previous != null && previous.kind().symbol() != null
        && previous.kind() != TokenKind.LPAREN && previous.kind() != TokenKind.LBRACKET
        && previous.kind() != TokenKind.COMMA && previous.kind() != TokenKind.RPAREN
        && previous.kind() != TokenKind.RBRACKET && previous.kind() != TokenKind.QUOTE;
    d = d.withLabel(afterOperator ? "expected an expression after `" + previous.text() + "`" : "expected an expression");
    if (t.kind() == TokenKind.LBRACKET) {
      d = d.withNote("an index formula `[i, j, ...] -> expression` must be the whole entry, and there are no matrix literals");
    } else if (t.kind() == TokenKind.STAR && previous != null && previous.kind() == TokenKind.STAR
        && previous.end() == t.start()) {
      d = d.withHelp("for a power write `^`, as in `x ^ 2`");
    } else if (afterOperator && t.kind() == TokenKind.EOF) {
      d = d.withHelp("complete the expression after `" + previous.text() + "`, or remove the `" + previous.text() + "`");
    } else if (afterOperator) {
      d = d.withHelp("two operators in a row: remove one, or write the operand between them");
    } else {
      d = d.withNote("an expression starts with a number, a name, a call such as `exp(x)`, `-` or `(`");
    }
    return new SyntaxError(d);
  }

  // ---- calls, sums and lists ----

  private Expr call(Token name) {
    Token open = advance();
    nest(open);
    grow();
    Expr e;
    if (name.text().equals("sum") && peek().kind() == TokenKind.IDENT
        && (peekAt(1) == TokenKind.COMMA || peekAt(1) == TokenKind.COLON)) {
      e = sum(name, open);
    } else {
      List<Expr> args = list(open, TokenKind.RPAREN, "an argument");
      e = new Expr.Call(name.text(), tokenSpan(name), args, span(name.start(), previousEnd()));
    }
    height--;
    unnest();
    return e;
  }

  private Expr sum(Token name, Token open) {
    IndexVar index = indexVar(SUM_FORM);
    Token comma = peek();
    if (comma.kind() != TokenKind.COMMA) {
      throw new SyntaxError(error(comma, "expected `,` after the index of `sum`, found " + comma.describe())
          .withLabel("expected `,`")
          .withNote(SUM_FORM));
    }
    advance();
    Expr body = expression();
    Token close = peek();
    if (close.kind() != TokenKind.RPAREN) {
      Diagnostic d = error(close, "expected `)` after the body of `sum`, found " + close.describe())
          .withLabel("expected `)`");
      if (close.startsOperand()) d = d.withHelp("did you mean `*`?");
      throw new SyntaxError(close.kind() == TokenKind.EOF || close.kind() == TokenKind.RBRACKET
          ? d.withNote(closeNote(open)) : d.withNote(SUM_FORM));
    }
    advance();
    return new Expr.Sum(index, body, span(name.start(), previousEnd()));
  }

  /** Comma-separated expressions up to {@code closer}, which is consumed; {@code what} is "an argument" or "an index". */
  private List<Expr> list(Token open, TokenKind closer, String what) {
    List<Expr> items = new ArrayList<>();
    if (peek().kind() == closer) {
      advance();
      return items;
    }
    String noun = what.substring(what.indexOf(' ') + 1);
    while (true) {
      Token t = peek();
      if (t.kind() == TokenKind.COMMA) {
        throw new SyntaxError(error(t, "expected " + what + ", found `,`")
            .withLabel("empty " + noun)
            .withHelp("remove the extra `,`"));
      }
      if (t.kind() == closer && !items.isEmpty()) {
        throw new SyntaxError(error(t, "expected " + what + ", found " + t.describe())
            .withLabel("expected " + what + " after `,`")
            .withHelp("remove the trailing `,`"));
      }
      items.add(closer == TokenKind.RBRACKET && what.equals("an index") ? index() : expression());
      Token next = peek();
      if (next.kind() == closer) {
        advance();
        return items;
      }
      if (next.kind() != TokenKind.COMMA) {
        String expected = "expected `,` or `" + closer.symbol() + "`";
        Diagnostic d = error(next, expected + ", found " + next.describe()).withLabel(expected);
        if (next.startsOperand()) d = d.withHelp("separate " + noun + "s with `,`, or join the operands with an operator such as `*`");
        else if (next.kind() == TokenKind.EOF) d = d.withHelp("add the missing `" + closer.symbol() + "`");
        throw new SyntaxError(next.kind() == TokenKind.EOF || next.kind() == TokenKind.RPAREN
            || next.kind() == TokenKind.RBRACKET ? d.withNote(closeNote(open)) : d);
      }
      advance();
    }
  }

  // ---- helpers ----

  private Expr binary(Token op, Expr left, Expr right, int start) {
    Span opSpan = tokenSpan(op);
    return new Expr.Binary(op.kind().binaryOp(), left, right, opSpan, span(start, previousEnd()));
  }

  /** The current token; an unreadable character is reported as soon as the parser reaches it. */
  private Token peek() {
    Token t = tokens.get(pos);
    if (t.kind() == TokenKind.ERROR) throw unexpectedCharacter(t);
    return t;
  }

  private TokenKind peekAt(int ahead) {
    return tokens.get(Math.min(pos + ahead, tokens.size() - 1)).kind();
  }

  private Token advance() {
    Token t = peek();
    if (t.kind() != TokenKind.EOF) pos++;
    return t;
  }

  private int previousEnd() { return pos > 0 ? tokens.get(pos - 1).end() : 0; }

  private void nest(Token at) {
    if (++nesting > MAX_NESTING) {
      throw new SyntaxError(error(at, "expression nested too deeply")
          .withLabel("more than " + MAX_NESTING + " levels deep")
          .withNote("gradspec reads at most " + MAX_NESTING + " nested parentheses, brackets, calls and prefix operators")
          .withHelp("split the expression into several `define` entries"));
    }
  }

  private void unnest() { nesting--; }

  /** One more node on the current path of the tree; returns 1 so chains can count what to give back. */
  private int grow() {
    if (++height > MAX_HEIGHT) {
      Token at = tokens.get(Math.max(0, pos - 1));
      throw new SyntaxError(error(at, "expression nested too deeply")
          .withLabel("more than " + MAX_HEIGHT + " operations deep")
          .withNote("gradspec reads at most " + MAX_HEIGHT + " operators chained without parentheses")
          .withHelp("split the expression into several `define` entries"));
    }
    return 1;
  }

  private SyntaxError unexpectedCharacter(Token t) {
    Diagnostic d = error(t, "unexpected character `" + t.text() + "`")
        .withLabel("not part of the expression language");
    String help;
    switch (t.text()) {
      case "=": help = "to compare, write `==`; a definition's name goes in the YAML key"; break;
      case "&": help = "did you mean `&&`?"; break;
      case "|": help = "did you mean `||`?"; break;
      case "!": help = "there is no `!`; did you mean `!=`?"; break;
      case ".":
        help = t.start() > 0 && text.charAt(t.start() - 1) >= '0' && text.charAt(t.start() - 1) <= '9'
            ? "a number never ends in `.`: write `2` or `2.0`" : null;
        break;
      case "\u00d7": case "\u00b7": case "\u22c5": help = "did you mean `*`?"; break;
      case "\u2212": case "\u2013": help = "did you mean `-`?"; break;
      case "\u2264": help = "did you mean `<=`?"; break;
      case "\u2265": help = "did you mean `>=`?"; break;
      case "\u2260": help = "did you mean `!=`?"; break;
      case "\u2019": case "\u2032": help = "for a transpose write `'`"; break;
      default: help = null;
    }
    return new SyntaxError(help == null ? d : d.withHelp(help));
  }

  private String closeNote(Token open) {
    Span s = tokenSpan(open);
    return "to close the `" + open.text() + "` at line " + s.line() + ", column " + s.column();
  }

  private Diagnostic error(Token at, String message) {
    return Diagnostic.error("syntax", tokenSpan(at), message);
  }

  private Span tokenSpan(Token t) { return source.span(t.start(), t.end()); }

  private Span span(int from, int to) { return source.span(from, to); }

  /** Text for a message: whitespace runs (a block scalar's newlines) become one space. */
  private static String oneLine(String s) { return s.strip().replaceAll("\\s+", " "); }

  /** Unwinds the parse at the first error; carries its one diagnostic. */
  private static final class SyntaxError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Diagnostic diagnostic;

    SyntaxError(Diagnostic diagnostic) {
      super(diagnostic.message(), null, false, false); // control flow only: no stack trace needed
      this.diagnostic = diagnostic;
    }
  }
}
