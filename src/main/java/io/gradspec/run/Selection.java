package io.gradspec.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which specs a run checks. {@code filters} are globs on spec names ({@code *} any text, {@code ?} one
 * character, the rest literal, matched against the whole name): a spec runs when any matches. {@code tags}:
 * a spec runs when it has any of them. Both given: both must hold. {@code shard} picks every N-th file.
 * A document that did not load is kept unless its name is known and does not match a filter, so a broken
 * file is never skipped silently by {@code --tag}.
 */
public record Selection(List<String> filters, List<String> tags, Shard shard) {
  public static final Selection ALL = new Selection(List.of(), List.of(), null);

  public Selection {
    filters = List.copyOf(filters);
    tags = List.copyOf(tags);
  }

  /**
   * {@code --shard K/N}: of the files found (sorted by displayed path, as the finder returns them), shard K
   * (1-based) takes those at 0-based positions p with {@code p % N == K - 1}. Round-robin over the sorted
   * list keeps the shards within one file of each other; every file lands in exactly one shard, as long as
   * all shards see the same checkout.
   */
  public record Shard(int k, int n) {
    public Shard {
      if (n < 1 || k < 1 || k > n) throw new IllegalArgumentException("a shard is K/N with 1 <= K <= N");
    }

    /** The files of this shard, in their order. */
    public List<Path> of(List<Path> sortedFiles) {
      List<Path> out = new ArrayList<>();
      for (int p = 0; p < sortedFiles.size(); p++) if (p % n == k - 1) out.add(sortedFiles.get(p));
      return out;
    }

    @Override public String toString() { return k + "/" + n; }
  }

  public boolean selectsEverything() { return filters.isEmpty() && tags.isEmpty() && shard == null; }

  /** Whether a spec with this name and these tags runs. */
  public boolean selects(String name, List<String> specTags) {
    if (!filters.isEmpty() && filters.stream().noneMatch(g -> globMatches(g, name))) return false;
    return tags.isEmpty() || specTags.stream().anyMatch(tags::contains);
  }

  /** Whether a document that did not load (name may be null, tags unknown) is reported. */
  public boolean keepsBroken(String name) {
    return name == null || filters.isEmpty() || filters.stream().anyMatch(g -> globMatches(g, name));
  }

  /**
   * Whether {@code glob} ({@code *} any text, {@code ?} one character, everything else literal) matches all
   * of {@code text}. Without regular expressions, which backtrack: a name comes from an untrusted spec file
   * and may be megabytes long. The parts between stars are matched leftmost-first (which is enough for
   * globs: a part placed further right never leaves more room), so the work is at most the length of the
   * text times the length of the glob.
   */
  static boolean globMatches(String glob, String text) {
    String[] parts = glob.split("\\*", -1);
    if (parts.length == 1) return text.length() == glob.length() && at(text, 0, glob);
    String first = parts[0], last = parts[parts.length - 1];
    if (text.length() < first.length() + last.length()) return false;
    if (!at(text, 0, first) || !at(text, text.length() - last.length(), last)) return false;
    int from = first.length(), end = text.length() - last.length();
    for (int p = 1; p < parts.length - 1; p++) {
      String part = parts[p];
      int found = -1;
      for (int i = from; i + part.length() <= end; i++) {
        if (at(text, i, part)) { found = i; break; }
      }
      if (found < 0) return false;
      from = found + part.length();
    }
    return true;
  }

  /** Whether {@code part} (with {@code ?} for any character) matches {@code text} at {@code i}. */
  private static boolean at(String text, int i, String part) {
    if (i < 0 || i + part.length() > text.length()) return false;
    for (int k = 0; k < part.length(); k++) {
      char c = part.charAt(k);
      if (c != '?' && c != text.charAt(i + k)) return false;
    }
    return true;
  }
}
