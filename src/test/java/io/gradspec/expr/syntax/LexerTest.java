package io.gradspec.expr.syntax;

import static io.gradspec.expr.syntax.TokenKind.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LexerTest {

  private static List<TokenKind> kinds(String text) {
    return Lexer.tokenize(text).stream().map(Token::kind).collect(Collectors.toList());
  }

  private static List<String> texts(String text) {
    return Lexer.tokenize(text).stream().map(Token::text).collect(Collectors.toList());
  }

  @Test
  void everyPunctuationAndOperator() {
    assertEquals(List.of(PLUS, MINUS, STAR, SLASH, DOT_STAR, DOT_SLASH, CARET, DOT_CARET, QUOTE, EQ_EQ, BANG_EQ,
            LT, LE, GT, GE, AND_AND, OR_OR, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, COLON, ARROW, EOF),
        kinds("+ - * / .* ./ ^ .^ ' == != < <= > >= && || ( ) [ ] , : ->"));
    assertEquals(List.of("<=", "<=", "=", ""), texts("<=<=="));
    assertEquals(List.of("<", "==", ""), texts("< =="));
  }

  @ParameterizedTest
  @CsvSource({"2", "0.5", "1e-3", ".5", "1E+4", "12.25e10", "007"})
  void numbers(String literal) {
    assertEquals(List.of(NUMBER, EOF), kinds(literal));
    assertEquals(literal, Lexer.tokenize(literal).get(0).text());
  }

  @Test
  void aNumberNeverEndsInADot() {
    assertEquals(List.of(NUMBER, DOT_STAR, IDENT, EOF), kinds("2.*x"));
    assertEquals(List.of(NUMBER, DOT_SLASH, IDENT, EOF), kinds("2./x"));
    assertEquals(List.of(NUMBER, DOT_CARET, IDENT, EOF), kinds("2.^x"));
    assertEquals(List.of("2", ".", "x", ""), texts("2.x"));
    assertEquals(List.of(NUMBER, ERROR, EOF), kinds("2."));
    assertEquals(List.of(NUMBER, NUMBER, EOF), kinds("1.5.2"));
  }

  @Test
  void anExponentNeedsDigits() {
    assertEquals(List.of("2", "e", ""), texts("2e"));
    assertEquals(List.of("2", "e", "-", "x", ""), texts("2e-x"));
    assertEquals(List.of("2e-3", "x", ""), texts("2e-3x"));
    assertEquals(List.of(NUMBER, IDENT, EOF), kinds("2x"));
  }

  @Test
  void identifiers() {
    assertEquals(List.of("x1_y", "_a", "B", "pi", ""), texts("x1_y _a B pi"));
    assertEquals(List.of(IDENT, IDENT, IDENT, IDENT, EOF), kinds("x1_y _a B pi"));
  }

  @Test
  void arrowAndMinus() {
    assertEquals(List.of(ARROW, EOF), kinds("->"));
    assertEquals(List.of(MINUS, GT, EOF), kinds("- >"));
    assertEquals(List.of(MINUS, MINUS, IDENT, EOF), kinds("--x"));
  }

  @Test
  void transposeChains() {
    assertEquals(List.of(IDENT, QUOTE, QUOTE, LBRACKET, IDENT, RBRACKET, EOF), kinds("A''[i]"));
  }

  @Test
  void unknownCharactersBecomeErrorTokens() {
    assertEquals(List.of(IDENT, ERROR, IDENT, EOF), kinds("a $ b"));
    assertEquals(List.of(ERROR, ERROR, ERROR, ERROR, ERROR, EOF), kinds("= & | ! ."));
    List<Token> t = Lexer.tokenize("a\uD835\uDC65b"); // a 𝑥 b: one code point, two chars
    assertEquals(List.of(IDENT, ERROR, IDENT, EOF), t.stream().map(Token::kind).collect(Collectors.toList()));
    assertEquals(1, t.get(1).start());
    assertEquals(3, t.get(1).end());
    assertEquals(List.of(ERROR, EOF), kinds("é"));
  }

  @Test
  void positionsAndWhitespace() {
    List<Token> t = Lexer.tokenize("  W *\n\tx'  ");
    assertEquals(new Token(IDENT, "W", 2, 3), t.get(0));
    assertEquals(new Token(STAR, "*", 4, 5), t.get(1));
    assertEquals(new Token(IDENT, "x", 7, 8), t.get(2));
    assertEquals(new Token(QUOTE, "'", 8, 9), t.get(3));
    assertEquals(new Token(EOF, "", 11, 11), t.get(4));
    assertEquals(List.of(EOF), kinds(""));
  }

  @Test
  void describe() {
    List<Token> t = Lexer.tokenize("x");
    assertEquals("`x`", t.get(0).describe());
    assertEquals("the end of the text", t.get(1).describe());
  }
}
