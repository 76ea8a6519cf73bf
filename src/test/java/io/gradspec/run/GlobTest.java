package io.gradspec.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** --filter globs: the meaning of the old regex translation, without its backtracking (issue 14, item 10). */
class GlobTest {
  @Test void starsQuestionMarksAndLiterals() {
    assertTrue(Selection.globMatches("*seed*", "seed 1: y = W x"));
    assertTrue(Selection.globMatches("seed ?:*", "seed 1: y = W x"));
    assertFalse(Selection.globMatches("seed ?:*", "seed 12: y"));
    assertTrue(Selection.globMatches("a*b*c", "abc"));
    assertFalse(Selection.globMatches("a*b*c", "acb"));
    assertTrue(Selection.globMatches("*", ""));
    assertFalse(Selection.globMatches("", "x"));
    assertTrue(Selection.globMatches("x.y", "x.y"));
    assertFalse(Selection.globMatches("x.y", "xzy"), "a dot is literal");
  }

  @Test void agreesWithTheRegexOnRandomNamesAndGlobs() {
    SplittableRandom r = new SplittableRandom(14);
    String alphabet = "ab*?";
    for (int t = 0; t < 20000; t++) {
      String glob = random(r, alphabet, 6), text = random(r, "ab", 8);
      assertEquals(regex(glob).matcher(text).matches(), Selection.globMatches(glob, text), glob + " on " + text);
    }
  }

  @Test void aHugeHostileNameIsMatchedInLinearTime() {
    String name = "seed".repeat(2) + "x".repeat(400_000);
    long t0 = System.nanoTime();
    assertFalse(Selection.globMatches("*seed*5*", name));
    assertTrue(Selection.globMatches("*seed*x", name));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    // the regex took more than 30 s here; the bound is loose on purpose (a shared machine)
    assertTrue(ms < 5_000, "took " + ms + " ms");
  }

  private static String random(SplittableRandom r, String alphabet, int max) {
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(max + 1);
    for (int i = 0; i < n; i++) b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    return b.toString();
  }

  /** The translation the matcher replaced. */
  private static Pattern regex(String glob) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }
}
