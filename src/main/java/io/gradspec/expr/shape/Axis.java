package io.gradspec.expr.shape;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One axis of a symbolic shape: the literal {@code 1}, or a product of dimension symbols ({@code C},
 * {@code C*D}). Two axes are equal when they are the same product of symbols; their numeric values are
 * never consulted for that (contract §6 "symbolic means symbolic").
 */
public record Axis(List<String> symbols) {
  public static final Axis ONE = new Axis(List.of());

  public Axis {
    List<String> s = new ArrayList<>(symbols);
    Collections.sort(s);
    symbols = List.copyOf(s);
  }

  public static Axis of(String symbol) { return new Axis(List.of(symbol)); }

  public static Axis product(Axis a, Axis b) {
    List<String> s = new ArrayList<>(a.symbols);
    s.addAll(b.symbols);
    return new Axis(s);
  }

  /** Parses "C", "1", "C*D" (no spaces); returns null if malformed. */
  public static Axis parse(String text) {
    String t = text.replace(" ", "");
    if (t.equals("1")) return ONE;
    List<String> s = new ArrayList<>();
    for (String part : t.split("\\*", -1)) {
      if (!part.matches("[A-Za-z_][A-Za-z0-9_]*")) return null;
      s.add(part);
    }
    return new Axis(s);
  }

  public boolean isOne() { return symbols.isEmpty(); }

  /** Numeric size under a dims map; -1 if a symbol is missing. */
  public long size(Map<String, Integer> dims) {
    long n = 1;
    for (String s : symbols) {
      Integer v = dims.get(s);
      if (v == null) return -1;
      n *= v;
    }
    return n;
  }

  @Override public String toString() { return isOne() ? "1" : String.join("*", symbols); }
}
