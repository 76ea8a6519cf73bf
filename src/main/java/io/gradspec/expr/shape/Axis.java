package io.gradspec.expr.shape;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One axis of a symbolic shape: a polynomial in the dimension symbols with integer coefficients, kept in
 * one canonical form so that equal polynomials are equal axes: the literal {@code 1}, a symbol {@code C},
 * a product {@code C*D}, and (format 1.2) sums, differences, multiples and literal sizes such as
 * {@code M+P}, {@code N-1}, {@code 2*N}, {@code 3}. {@code (M+P)-P} is {@code M}. Two axes are equal when
 * they are the same polynomial; the symbols' values are never consulted for that (contract §6
 * "symbolic means symbolic").
 *
 * @param terms the monomials, each with a nonzero coefficient, in canonical order (no two with the same symbols)
 */
public record Axis(List<Term> terms) {
  /** {@code coefficient} times the product of {@code symbols} (sorted; empty for a constant). */
  public record Term(long coefficient, List<String> symbols) {
    public Term {
      List<String> s = new ArrayList<>(symbols);
      Collections.sort(s);
      symbols = List.copyOf(s);
    }
  }

  /** Monomials of higher degree first, then by their symbols; the constant last. */
  private static final Comparator<List<String>> ORDER = (a, b) -> {
    if (a.size() != b.size()) return Integer.compare(b.size(), a.size());
    for (int i = 0; i < a.size(); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) return c;
    }
    return 0;
  };

  public static final Axis ONE = literal(1);

  public Axis {
    TreeMap<List<String>, Long> m = new TreeMap<>(ORDER);
    for (Term t : terms) m.merge(t.symbols(), t.coefficient(), Long::sum);
    List<Term> out = new ArrayList<>();
    for (Map.Entry<List<String>, Long> e : m.entrySet()) if (e.getValue() != 0) out.add(new Term(e.getValue(), e.getKey()));
    terms = List.copyOf(out);
  }

  public static Axis of(String symbol) { return new Axis(List.of(new Term(1, List.of(symbol)))); }

  /** A literal size. */
  public static Axis literal(long n) { return new Axis(List.of(new Term(n, List.of()))); }

  public static Axis product(Axis a, Axis b) {
    List<Term> out = new ArrayList<>();
    for (Term x : a.terms) {
      for (Term y : b.terms) {
        List<String> s = new ArrayList<>(x.symbols());
        s.addAll(y.symbols());
        out.add(new Term(x.coefficient() * y.coefficient(), s));
      }
    }
    return new Axis(out);
  }

  public static Axis sum(Axis a, Axis b) {
    List<Term> out = new ArrayList<>(a.terms);
    out.addAll(b.terms);
    return new Axis(out);
  }

  public static Axis difference(Axis a, Axis b) {
    List<Term> out = new ArrayList<>(a.terms);
    for (Term t : b.terms) out.add(new Term(-t.coefficient(), t.symbols()));
    return new Axis(out);
  }

  /**
   * Parses an axis as written in a shape or a range: integers, symbols, {@code + - *} and parentheses
   * ("C", "1", "C*D", "M+P", "2*N", "N-1", "2*(N+1)"); null if malformed.
   */
  public static Axis parse(String text) {
    AxisParser p = new AxisParser(text);
    Axis a = p.expression();
    return a != null && p.atEnd() ? a : null;
  }

  /** The literal {@code 1}: dropped from the index space. */
  public boolean isOne() { return equals(ONE); }

  /** Whether it has no symbol: a literal size. */
  public boolean isLiteral() { return terms.isEmpty() || (terms.size() == 1 && terms.get(0).symbols().isEmpty()); }

  /** The literal's value (0 for the empty polynomial); only for {@link #isLiteral()} axes. */
  public long literalValue() { return terms.isEmpty() ? 0 : terms.get(0).coefficient(); }

  /** The symbols it uses, each once, in order. */
  public List<String> symbols() {
    List<String> out = new ArrayList<>();
    for (Term t : terms) for (String s : t.symbols()) if (!out.contains(s)) out.add(s);
    Collections.sort(out);
    return out;
  }

  /** Whether it is one symbol or a product of symbols, as format 1 allowed. */
  public boolean isMonomial() { return terms.size() == 1 && terms.get(0).coefficient() == 1; }

  /** Numeric size under a dims map; -1 if a symbol is missing (a polynomial may also come out below 1). */
  public long size(Map<String, Integer> dims) {
    long n = 0;
    for (Term t : terms) {
      long m = t.coefficient();
      for (String s : t.symbols()) {
        Integer v = dims.get(s);
        if (v == null) return -1;
        m *= v;
      }
      n += m;
    }
    return n;
  }

  @Override public String toString() {
    if (terms.isEmpty()) return "0";
    StringBuilder b = new StringBuilder();
    for (Term t : terms) {
      long c = t.coefficient();
      if (b.length() > 0) b.append(c < 0 ? "-" : "+");
      else if (c < 0) b.append('-');
      long a = Math.abs(c);
      if (t.symbols().isEmpty()) { b.append(a); continue; }
      if (a != 1) b.append(a).append('*');
      b.append(String.join("*", t.symbols()));
    }
    return b.toString();
  }
}
