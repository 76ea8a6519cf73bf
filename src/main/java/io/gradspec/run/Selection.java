package io.gradspec.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

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
    if (!filters.isEmpty() && filters.stream().noneMatch(g -> glob(g).matcher(name).matches())) return false;
    return tags.isEmpty() || specTags.stream().anyMatch(tags::contains);
  }

  /** Whether a document that did not load (name may be null, tags unknown) is reported. */
  public boolean keepsBroken(String name) {
    return name == null || filters.isEmpty() || filters.stream().anyMatch(g -> glob(g).matcher(name).matches());
  }

  /** A glob as a regex: {@code *} any text, {@code ?} one character, everything else literal. */
  static Pattern glob(String glob) {
    StringBuilder re = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' || c == '?') {
        if (literal.length() > 0) { re.append(Pattern.quote(literal.toString())); literal.setLength(0); }
        re.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) re.append(Pattern.quote(literal.toString()));
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }
}
