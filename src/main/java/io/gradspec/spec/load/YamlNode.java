package io.gradspec.spec.load;

import io.gradspec.spec.ExprText;
import io.gradspec.spec.Span;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A YAML value with its position: the located tree that {@link SpecLoader} builds from Jackson's token
 * stream before it maps the tree to a {@link Spec}. Scalars keep their decoded text, their style and an
 * {@link ExprText} that maps every decoded char back to the file.
 */
public sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Seq, YamlNode.Mapping {

  Span span();

  /** A short word for messages: "a map", "a list", "a string", ... */
  String describe();

  /** How a scalar was written. {@code ALIAS} marks a {@code *name} that was already reported. */
  enum Style { PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED, LITERAL, FOLDED, ALIAS }

  /** A scalar's type under the YAML 1.2 core schema (quoted scalars are always strings). */
  enum Kind { NULL, BOOL, INT, FLOAT, STRING }

  /** A scalar. {@code value} is the decoded text; {@code text} maps it to file offsets. */
  record Scalar(String value, Style style, Kind kind, Span span, ExprText text) implements YamlNode {
    public boolean isNull() { return kind == Kind.NULL; }
    public boolean isNumber() { return kind == Kind.INT || kind == Kind.FLOAT; }

    /** The value as a double; only meaningful when {@link #isNumber()}. */
    public double asDouble() {
      String v = value.replace("_", "");
      switch (v) {
        case ".inf": case ".Inf": case ".INF": case "+.inf": case "+.Inf": case "+.INF":
          return Double.POSITIVE_INFINITY;
        case "-.inf": case "-.Inf": case "-.INF":
          return Double.NEGATIVE_INFINITY;
        case ".nan": case ".NaN": case ".NAN":
          return Double.NaN;
        default:
          break;
      }
      if (kind == Kind.INT) {
        java.math.BigInteger b = ScalarKinds.bigInteger(v);
        return b == null ? Double.NaN : b.doubleValue();
      }
      return Double.parseDouble(v);
    }

    /** The value as an exact integer, or null if it is not an INT or does not fit a long. */
    public Long asLong() {
      if (kind != Kind.INT) return null;
      java.math.BigInteger b = ScalarKinds.bigInteger(value);
      return b != null && b.bitLength() < 64 ? b.longValue() : null;
    }

    @Override public String describe() {
      switch (kind) {
        case NULL: return "nothing";
        case BOOL: return "a boolean";
        case INT: case FLOAT: return "a number";
        default: return "a string";
      }
    }
  }

  /** A sequence, block or flow. */
  record Seq(List<YamlNode> items, Span span) implements YamlNode {
    public Seq { items = List.copyOf(items); }
    @Override public String describe() { return "a list"; }
  }

  /** A mapping, in source order; keys are scalars (duplicates were reported and dropped). */
  record Mapping(List<Entry> entries, Span span) implements YamlNode {
    public Mapping { entries = List.copyOf(entries); }
    @Override public String describe() { return "a map"; }

    /** The entry for a key, or null. */
    public Entry get(String key) {
      for (Entry e : entries) if (e.key().value().equals(key)) return e;
      return null;
    }
  }

  /** One key: value pair of a mapping. */
  record Entry(Scalar key, YamlNode value) {}

  /** YAML 1.2 core-schema resolution of plain scalars. */
  final class ScalarKinds {
    private static final Pattern NULL = Pattern.compile("null|Null|NULL|~|");
    private static final Pattern BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
    private static final Pattern INT = Pattern.compile("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+");
    private static final Pattern FLOAT = Pattern.compile(
        "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    private ScalarKinds() {}

    /** The core-schema kind of a plain scalar's text. */
    public static Kind resolve(String plain) {
      if (NULL.matcher(plain).matches()) return Kind.NULL;
      if (BOOL.matcher(plain).matches()) return Kind.BOOL;
      if (INT.matcher(plain).matches()) return Kind.INT;
      if (FLOAT.matcher(plain).matches()) return Kind.FLOAT;
      return Kind.STRING;
    }

    static java.math.BigInteger bigInteger(String v) {
      try {
        String s = v.toLowerCase(Locale.ROOT);
        if (s.startsWith("0x")) return new java.math.BigInteger(s.substring(2), 16);
        if (s.startsWith("0o")) return new java.math.BigInteger(s.substring(2), 8);
        return new java.math.BigInteger(s.startsWith("+") ? s.substring(1) : s);
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }
}
