package io.gradspec.report.json;

import io.gradspec.report.Numbers;
import java.util.List;
import java.util.Map;

/**
 * A small pretty-printer for JSON trees made of {@link Map} (kept in insertion order), {@link List},
 * {@link String}, {@link Boolean}, {@link Integer}/{@link Long}, {@link Double} and null. Objects are
 * written one member per line with a 2-space indent; arrays of scalars stay on one line
 * ({@code "index": [0, 1, 2]}). Written by hand rather than with Jackson so that number rendering is
 * exactly {@link Numbers#json(double)} and the output is byte-stable.
 */
final class Json {
  private static final int FLAT_WIDTH = 60;

  private Json() {}

  static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, 0);
    return sb.append('\n').toString();
  }

  private static void write(StringBuilder sb, Object v, int depth) {
    if (v == null) sb.append("null");
    else if (v instanceof String s) string(sb, s);
    else if (v instanceof Boolean b) sb.append(b);
    else if (v instanceof Integer || v instanceof Long) sb.append(Numbers.json(((Number) v).longValue()));
    // -0.0 is written 0: the sign of a zero carries no information in a report, and JSON readers differ on it
    else if (v instanceof Double d) sb.append(Numbers.json(d == 0 ? 0.0 : d));
    else if (v instanceof Map<?, ?> m) object(sb, m, depth);
    else if (v instanceof List<?> l) array(sb, l, depth);
    else throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
  }

  private static void object(StringBuilder sb, Map<?, ?> m, int depth) {
    if (m.isEmpty()) { sb.append("{}"); return; }
    sb.append("{\n");
    int i = 0;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      indent(sb, depth + 1);
      string(sb, String.valueOf(e.getKey()));
      sb.append(": ");
      write(sb, e.getValue(), depth + 1);
      sb.append(++i < m.size() ? ",\n" : "\n");
    }
    indent(sb, depth);
    sb.append('}');
  }

  private static void array(StringBuilder sb, List<?> l, int depth) {
    if (l.isEmpty()) { sb.append("[]"); return; }
    // short lists of scalars ("index": [0, 1, 2]) stay on one line; anything longer gets a line per item
    boolean flat = l.stream().noneMatch(x -> x instanceof Map || x instanceof List);
    if (flat) {
      StringBuilder one = new StringBuilder();
      array(one, l, depth, true);
      if (one.length() <= FLAT_WIDTH) { sb.append(one); return; }
    }
    array(sb, l, depth, false);
  }

  private static void array(StringBuilder sb, List<?> l, int depth, boolean flat) {
    sb.append(flat ? "[" : "[\n");
    for (int i = 0; i < l.size(); i++) {
      if (!flat) indent(sb, depth + 1);
      write(sb, l.get(i), depth + 1);
      if (i + 1 < l.size()) sb.append(flat ? ", " : ",\n");
      else if (!flat) sb.append('\n');
    }
    if (!flat) indent(sb, depth);
    sb.append(']');
  }

  private static void indent(StringBuilder sb, int depth) {
    sb.append("  ".repeat(depth));
  }

  static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    sb.append('"');
  }
}
