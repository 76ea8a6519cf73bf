package io.gradspec.spec.load;

/** The help line of a YAML syntax error: what usually causes it, and the fix. */
final class YamlHelp {
  private YamlHelp() {}

  /** {@code key: [i, j] -> body}, unquoted, in a block map or a flow map (then the body ends at the next key). */
  private static final java.util.regex.Pattern UNQUOTED_FORMULA = java.util.regex.Pattern.compile(
      "^(\\s*(?:-\\s+)?(?:\\{\\s*)?(?:[^\"'#]*?[,{]\\s*)?)([A-Za-z_][\\w-]*)(\\s*:\\s+)(\\[[^\\]\\[]*\\]\\s*->.*)$");

  /** The next key of a flow map, where an unquoted formula in it ends. */
  private static final java.util.regex.Pattern NEXT_KEY = java.util.regex.Pattern.compile(",\\s*[A-Za-z_][\\w-]*\\s*:\\s");

  /**
   * The most likely first slip in a spec is an index formula left unquoted ({@code claim: [i] -> 2 * x[i]}):
   * YAML reads its {@code [i]} as a list and then stumbles on the rest, with a message about indentation or
   * brackets. When the error's line holds one, the help says so and gives the line quoted; else null.
   */
  static String quotedIndexFormula(String line) {
    java.util.regex.Matcher m = UNQUOTED_FORMULA.matcher(line);
    if (!m.matches()) return null;
    String value = m.group(4);
    String rest = "";
    if (m.group(1).contains("{")) {
      // in a flow map the formula ends at the next `, key:` or at the map's last `}`
      java.util.regex.Matcher next = NEXT_KEY.matcher(value);
      int end = next.find() ? next.start() : value.lastIndexOf('}') >= 0 ? value.lastIndexOf('}') : value.length();
      rest = value.substring(end);
      value = value.substring(0, end);
    }
    // a comment after the formula stays a comment
    int comment = rest.isEmpty() ? value.indexOf(" #") : -1;
    if (comment >= 0) {
      String body = value.substring(0, comment).stripTrailing();
      rest = value.substring(body.length());
      value = body;
    }
    value = value.strip();
    String q = value.contains("\"") ? "'" + value.replace("'", "''") + "'" : "\"" + value + "\"";
    String fixed = (m.group(1) + m.group(2) + m.group(3)).stripLeading() + q + rest;
    return "an index formula must be quoted, or YAML reads its `" + value.substring(0, value.indexOf(']') + 1)
        + "` as a list; write the line as\n    " + fixed.strip();
  }

  /** What usually causes this kind of YAML error, and the fix. */
  static String of(String what) {
    if (what.contains("flow sequence")) {
      return "close each `[` with `]`, and quote any expression that holds `[`, `,` or `:`";
    }
    if (what.contains("flow mapping")) {
      return "close each `{` with `}`, and quote any expression that holds `,`, `:` or brackets";
    }
    if (what.contains("block")) {
      return "the keys of one map must start in the same column; check this line's indentation";
    }
    return "quote a value that holds `:`, `#`, `[` or `{`, e.g. `claim: \"[i] -> x[i]\"`";
  }
}
