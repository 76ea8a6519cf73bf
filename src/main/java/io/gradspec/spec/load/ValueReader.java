package io.gradspec.spec.load;

import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.DidYouMean;
import io.gradspec.spec.SourceFile;
import io.gradspec.spec.Span;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The readers every section of a spec shares: keys (unknown ones with a did-you-mean, missing ones),
 * scalars, words from a fixed set, numbers, names and expressions. Each reports what is wrong as a
 * diagnostic on the document's list and returns null, so a section reads on and finds every problem.
 */
final class ValueReader {
  static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final SourceFile file;
  private final List<Diagnostic> problems;

  ValueReader(SourceFile file, List<Diagnostic> problems) {
    this.file = file;
    this.problems = problems;
  }

  /** Adds a problem to the document's list. */
  void report(Diagnostic d) { problems.add(d); }

  /** How many problems the document has so far (a section compares before and after). */
  int count() { return problems.size(); }

  /** Reports each key of {@code m} not in {@code valid}, with a did-you-mean and the list of valid keys. */
  void checkKeys(YamlNode.Mapping m, List<String> valid, String where, String ofWhat) {
    for (YamlNode.Entry e : m.entries()) {
      String k = e.key().value();
      if (valid.contains(k) || e.key().style() == YamlNode.Style.ALIAS) continue;
      Diagnostic d = Diagnostic.error("unknown-key", e.key().span(), "unknown key `" + k + "` " + where)
          .withLabel("not a key of " + ofWhat);
      d = DidYouMean.suggest(k, valid).map(s -> "did you mean `" + s + "`?").map(d::withHelp).orElse(d);
      if (d.help().isEmpty() && (k.contains(")") || k.contains("]"))) {
        // `{wrt: x, claim: ones(1, C)}`: YAML ends the value at the `,`, and `C)` becomes a key.
        d = d.withHelp("this looks like the rest of an expression cut at a `,`: inside `{...}` a `,` ends the value,"
            + " so quote the whole expression");
      }
      report(d.withNote("the keys of " + ofWhat + " are " + String.join(", ", valid)));
    }
  }

  void requireKey(YamlNode.Mapping m, String key, List<String> valid, String what, String help) {
    if (m.get(key) != null || misspelled(m, key, valid)) return;
    report(Diagnostic.error("missing-key", new Span(file, m.span().offset(), Math.min(1, m.span().length())),
            "missing key `" + key + "` in " + what)
        .withLabel(what + " has no `" + key + "`")
        .withHelp(help));
  }

  /**
   * True when an unknown key of {@code m} is a misspelling of {@code key}: its unknown-key error already
   * says "did you mean `key`?", so a second error for the missing key would only repeat the cause.
   */
  static boolean misspelled(YamlNode.Mapping m, String key, List<String> valid) {
    for (YamlNode.Entry e : m.entries()) {
      String k = e.key().value();
      if (!valid.contains(k) && DidYouMean.suggest(k, valid).filter(key::equals).isPresent()) return true;
    }
    return false;
  }

  static boolean isNull(YamlNode n) {
    return n instanceof YamlNode.Scalar && ((YamlNode.Scalar) n).isNull();
  }

  static boolean isAlias(YamlNode n) {
    return n instanceof YamlNode.Scalar && ((YamlNode.Scalar) n).style() == YamlNode.Style.ALIAS;
  }

  /** A bad-value error at {@code n}: "`what` must be X, found Y". Aliases were reported already. */
  void badValue(YamlNode n, String what, String expected, String help) {
    if (isAlias(n)) return;
    Diagnostic d = Diagnostic.error("bad-value", n.span(), what + " must be " + expected + ", found " + found(n))
        .withLabel("expected " + expected);
    if (help != null) d = d.withHelp(help);
    report(d);
  }

  static String found(YamlNode n) {
    if (n instanceof YamlNode.Scalar) {
      YamlNode.Scalar s = (YamlNode.Scalar) n;
      if (s.isNull()) return "nothing";
      return "`" + shorten(s.value()) + "`";
    }
    return n.describe();
  }

  static String shorten(String s) {
    String one = s.replace('\n', ' ');
    return one.length() > 40 ? one.substring(0, 37) + "..." : one;
  }

  /** A scalar whose text is used as a string (numbers and booleans too); null and error if not a scalar. */
  YamlNode.Scalar scalarText(YamlNode n, String what, String expected) {
    if (n instanceof YamlNode.Scalar && !((YamlNode.Scalar) n).isNull()) {
      return isAlias(n) ? null : (YamlNode.Scalar) n;
    }
    badValue(n, what, expected, null);
    return null;
  }

  /** A word from a fixed set, with did-you-mean; null (and an error) when it is not one of them. */
  String word(YamlNode n, String what, List<String> words, String otherwise) {
    if (isAlias(n)) return null;
    if (n instanceof YamlNode.Scalar && words.contains(((YamlNode.Scalar) n).value())) {
      return ((YamlNode.Scalar) n).value();
    }
    String list = join(words);
    Diagnostic d = Diagnostic.error("bad-value", n.span(), what + " must be " + list + ", found " + found(n))
        .withLabel("not one of " + list);
    if (n instanceof YamlNode.Scalar) {
      d = DidYouMean.suggest(((YamlNode.Scalar) n).value(), words)
          .map(s -> "did you mean `" + s + "`?").map(d::withHelp).orElse(d.withHelp(otherwise));
    } else {
      d = d.withHelp(otherwise);
    }
    report(d);
    return null;
  }

  private static String join(List<String> words) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < words.size(); i++) {
      if (i > 0) b.append(i == words.size() - 1 ? (words.size() == 2 ? " or " : ", or ") : ", ");
      b.append('`').append(words.get(i)).append('`');
    }
    return b.toString();
  }

  Double nonNegative(YamlNode n, String what) {
    if (n instanceof YamlNode.Scalar && ((YamlNode.Scalar) n).isNumber()) {
      double v = ((YamlNode.Scalar) n).asDouble();
      if (v >= 0 && Double.isFinite(v)) return v;
    }
    badValue(n, what, "a non-negative number", null);
    return null;
  }

  /** The non-negative number under {@code key} of {@code m} (a tolerance): null when absent, or after an error. */
  Double nonNegative(YamlNode.Mapping m, String key) {
    YamlNode.Entry e = m.get(key);
    return e == null ? null : nonNegative(e.value(), "`" + key + "`");
  }

  /**
   * The constant of {@code type} named by the word under {@code key} of {@code m}, one of {@code words}
   * (the constants' names in lower case, {@code _} written {@code -}): {@code absent} when there is no such key, and also after an error.
   */
  <E extends Enum<E>> E choice(YamlNode.Mapping m, String key, Class<E> type, List<String> words, E absent,
                               String otherwise) {
    YamlNode.Entry e = m.get(key);
    if (e == null) return absent;
    String w = word(e.value(), "`" + key + "`", words, otherwise);
    return w == null ? absent : Enum.valueOf(type, w.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  Double positive(YamlNode n, String what) {
    if (n instanceof YamlNode.Scalar && ((YamlNode.Scalar) n).isNumber()) {
      double v = ((YamlNode.Scalar) n).asDouble();
      if (v > 0 && Double.isFinite(v)) return v;
    }
    badValue(n, what, "a positive number", null);
    return null;
  }

  /** A positive int, or null; reports nothing (callers choose the code). */
  static Integer positiveInt(YamlNode n) {
    if (!(n instanceof YamlNode.Scalar)) return null;
    Long v = ((YamlNode.Scalar) n).asLong();
    return v != null && v >= 1 && v <= Integer.MAX_VALUE ? Integer.valueOf(v.intValue()) : null;
  }

  boolean identifier(YamlNode.Scalar key, String what) {
    if (IDENT.matcher(key.value()).matches()) return true;
    if (key.style() == YamlNode.Style.ALIAS) return false;
    report(Diagnostic.error("bad-name", key.span(), what + " `" + shorten(key.value()) + "` is not a name")
        .withLabel("not a name")
        .withNote("a name starts with a letter or `_` and has only letters, digits and `_`"));
    return false;
  }

  /** A scalar holding an expression (numbers allowed: their text is the expression). */
  YamlNode.Scalar expression(YamlNode n, String what) {
    if (n instanceof YamlNode.Scalar && !((YamlNode.Scalar) n).isNull()
        && !((YamlNode.Scalar) n).value().isBlank()) {
      return isAlias(n) ? null : (YamlNode.Scalar) n;
    }
    badValue(n, what, "an expression", n instanceof YamlNode.Scalar ? null
        : "write the expression as a string; quote it if it starts with `[`");
    return null;
  }
}
