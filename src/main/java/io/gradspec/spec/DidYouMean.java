package io.gradspec.spec;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean ...?" suggestions: the candidate nearest to a misspelt word by edit distance
 * (insertions, deletions, substitutions and swaps of two neighbours, ignoring case), if it is close
 * enough to be a plausible typo. Ties go to the earlier candidate, so callers control preference.
 */
public final class DidYouMean {
  private DidYouMean() {}

  /** The nearest candidate to {@code word}, or empty when none is close. */
  public static Optional<String> suggest(String word, Collection<String> candidates) {
    if (word == null || candidates == null) return Optional.empty();
    String w = word.toLowerCase(Locale.ROOT);
    String best = null;
    int bestScore = Integer.MAX_VALUE;
    for (String c : candidates) {
      if (c == null || c.equals(word)) continue;
      int d = distance(w, c.toLowerCase(Locale.ROOT));
      if (d > maxDistance(word.length())) continue;
      // A difference in case alone counts as half an edit: closer than any real typo.
      int score = d == 0 ? 1 : 2 * d;
      if (score < bestScore) {
        bestScore = score;
        best = c;
      }
    }
    return Optional.ofNullable(best);
  }

  /** How many edits still look like a typo of a word of this length. */
  static int maxDistance(int length) {
    if (length <= 3) return 1;
    if (length <= 6) return 2;
    return 3;
  }

  /** Optimal string alignment distance (Damerau-Levenshtein without repeated edits of a substring). */
  public static int distance(String a, String b) {
    int n = a.length();
    int m = b.length();
    int[][] d = new int[n + 1][m + 1];
    for (int i = 0; i <= n; i++) d[i][0] = i;
    for (int j = 0; j <= m; j++) d[0][j] = j;
    for (int i = 1; i <= n; i++) {
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[n][m];
  }
}
