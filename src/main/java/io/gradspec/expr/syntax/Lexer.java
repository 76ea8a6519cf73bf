package io.gradspec.expr.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into tokens. It never fails: a character that starts no token becomes an
 * {@link TokenKind#ERROR} token, which the parser reports only if it gets that far, so the first problem
 * in reading order is the one reported. The list always ends with an {@link TokenKind#EOF} token.
 */
public final class Lexer {
  private final String text;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;

  private Lexer(String text) { this.text = text; }

  public static List<Token> tokenize(String text) {
    Lexer lexer = new Lexer(text);
    lexer.run();
    return List.copyOf(lexer.tokens);
  }

  private void run() {
    while (true) {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
      if (pos >= text.length()) break;
      char c = text.charAt(pos);
      if (isDigit(c) || (c == '.' && isDigit(at(pos + 1)))) {
        number();
      } else if (isIdentStart(c)) {
        int start = pos;
        while (pos < text.length() && isIdentPart(text.charAt(pos))) pos++;
        add(TokenKind.IDENT, start);
      } else {
        punctuation(c);
      }
    }
    tokens.add(new Token(TokenKind.EOF, "", text.length(), text.length()));
  }

  /** {@code 2}, {@code 0.5}, {@code .5}, {@code 1e-3}; never ending in {@code .}, so {@code 2.*x} is {@code 2 .* x}. */
  private void number() {
    int start = pos;
    while (isDigit(at(pos))) pos++;
    if (at(pos) == '.' && isDigit(at(pos + 1))) {
      pos++;
      while (isDigit(at(pos))) pos++;
    }
    char e = at(pos);
    if (e == 'e' || e == 'E') {
      int digits = pos + 1;
      if (at(digits) == '+' || at(digits) == '-') digits++;
      if (isDigit(at(digits))) {
        pos = digits;
        while (isDigit(at(pos))) pos++;
      }
    }
    add(TokenKind.NUMBER, start);
  }

  private void punctuation(char c) {
    int start = pos;
    char next = at(pos + 1);
    TokenKind kind;
    int length = 1;
    switch (c) {
      case '+': kind = TokenKind.PLUS; break;
      case '-': if (next == '>') { kind = TokenKind.ARROW; length = 2; } else kind = TokenKind.MINUS; break;
      case '*': kind = TokenKind.STAR; break;
      case '/': kind = TokenKind.SLASH; break;
      case '^': kind = TokenKind.CARET; break;
      case '\'': kind = TokenKind.QUOTE; break;
      case '(': kind = TokenKind.LPAREN; break;
      case ')': kind = TokenKind.RPAREN; break;
      case '[': kind = TokenKind.LBRACKET; break;
      case ']': kind = TokenKind.RBRACKET; break;
      case ',': kind = TokenKind.COMMA; break;
      case ':': kind = TokenKind.COLON; break;
      case '.':
        kind = next == '*' ? TokenKind.DOT_STAR : next == '/' ? TokenKind.DOT_SLASH
            : next == '^' ? TokenKind.DOT_CARET : TokenKind.ERROR;
        if (kind != TokenKind.ERROR) length = 2;
        break;
      case '<': if (next == '=') { kind = TokenKind.LE; length = 2; } else kind = TokenKind.LT; break;
      case '>': if (next == '=') { kind = TokenKind.GE; length = 2; } else kind = TokenKind.GT; break;
      case '=': kind = next == '=' ? TokenKind.EQ_EQ : TokenKind.ERROR; if (next == '=') length = 2; break;
      case '!': kind = next == '=' ? TokenKind.BANG_EQ : TokenKind.ERROR; if (next == '=') length = 2; break;
      case '&': kind = next == '&' ? TokenKind.AND_AND : TokenKind.ERROR; if (next == '&') length = 2; break;
      case '|': kind = next == '|' ? TokenKind.OR_OR : TokenKind.ERROR; if (next == '|') length = 2; break;
      default:
        kind = TokenKind.ERROR;
        length = Character.charCount(text.codePointAt(pos)); // a whole code point, never half a surrogate pair
    }
    pos += length;
    add(kind, start);
  }

  private void add(TokenKind kind, int start) {
    tokens.add(new Token(kind, text.substring(start, pos), start, pos));
  }

  private char at(int i) { return i < text.length() ? text.charAt(i) : '\0'; }

  private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

  private static boolean isIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

  private static boolean isIdentPart(char c) { return isIdentStart(c) || isDigit(c); }
}
