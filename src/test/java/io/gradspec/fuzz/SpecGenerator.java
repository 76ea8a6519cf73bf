package io.gradspec.fuzz;

import io.gradspec.expr.builtin.Builtin;
import io.gradspec.expr.builtin.Builtins;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random specs for fuzzing: {@link #wellFormed} writes a spec whose expressions are built by shape
 * (so many of them load and run), using every operator and function and index formulas; {@link #mutated}
 * then breaks it the way files get broken: byte flips, truncation, swapped, deleted and duplicated lines,
 * wrong types, huge numbers, odd Unicode, tabs and CRLF. The same seed always gives the same text.
 */
public final class SpecGenerator {
  /** The elementwise functions, from the function table: a function added there is drawn here too. */
  private static final String[] ELEMENTWISE = Builtins.elementwise().stream().map(Builtin::name).toArray(String[]::new);
  private static final String[] ODD = {"∂", "×", "\u00a0", "\u200b", "\u202e", "\ufeff", "𝑥", "é", "\u0000", "\u001b[31m",
      "\t", "\r", "\u2028", "İ", "ı", "ß", "\ud800"};
  private static final String[] WRONG = {"[1, 2]", "{a: 1}", "yes", "null", "~", "''", "-1", "0", "1e999", "-0",
      "99999999999999999999999", "2147483648", ".nan", "-.inf", "!!binary aGk=", "&a x", "*a", "\"\\u0000\"", "|\n  x"};
  private static final String[] KEYS = {"name", "dims", "inputs", "define", "claims", "check", "wrt", "of", "claim",
      "layout", "expect", "rtol", "atol", "trials", "seed", "method", "step", "index-base", "shape", "init", "value"};

  private static final String[] EDGE_STEPS = {"1e-300", "1e-17", "2.3e-16", "1e-12", "0.5", "1", "1e10", "-1", "0"};
  private static final String[] EDGE_VALUES = {"1e308", "-1e308", "1e-300", "5e-324", "1e16", "1e20", "0", "-0.0", "1e-8"};
  private final Random r;
  private final List<String> dims = new ArrayList<>();
  /** input name -> [rows, cols] as axis words ("1" for a literal axis). */
  private final Map<String, String[]> inputs = new LinkedHashMap<>();
  private final Map<String, String[]> values = new LinkedHashMap<>();

  private SpecGenerator(long seed) { this.r = new Random(seed); }

  /** A random spec that is valid YAML with plausible keys; its expressions may or may not type-check. */
  public static String wellFormed(long seed) { return new SpecGenerator(seed).spec(); }

  /** {@link #wellFormed} with 0 to 3 mutations; about one case in five is left intact. */
  public static String mutated(long seed) {
    SpecGenerator g = new SpecGenerator(seed);
    String s = g.spec();
    int n = g.r.nextInt(5) == 0 ? 0 : 1 + g.r.nextInt(3);
    for (int i = 0; i < n; i++) s = g.mutate(s);
    return s;
  }

  private String spec() {
    int nd = 1 + r.nextInt(3);
    for (int i = 0; i < nd; i++) dims.add(String.valueOf("NMKPQ".charAt(i)));
    StringBuilder b = new StringBuilder();
    b.append("name: fuzz ").append(r.nextInt(1000)).append('\n');
    if (r.nextInt(4) == 0) b.append("index-base: ").append(r.nextInt(2)).append('\n');
    b.append("dims: ");
    if (r.nextInt(5) == 0) b.append('[').append(dimsMap()).append(", ").append(dimsMap()).append("]\n");
    else b.append(dimsMap()).append('\n');
    b.append("inputs:\n");
    int ni = 1 + r.nextInt(3);
    String[] init = {"normal", "uniform", "positive", "symmetric", "spd", "orthogonal"};
    for (int i = 0; i < ni; i++) {
      String name = "xyzWAB".charAt(i + (r.nextBoolean() ? 0 : 3)) + "";
      String[] shape = shape();
      if (shape[0].equals(shape[1]) && !shape[0].equals("1") && r.nextBoolean()) {
        b.append("  ").append(name).append(": {shape: ").append(shapeText(shape)).append(", init: ")
            .append(init[r.nextInt(init.length)]).append("}\n");
      } else if (shape[0].equals("1") && shape[1].equals("1") && r.nextInt(3) == 0) {
        b.append("  ").append(name).append(": {shape: [], value: ").append(r.nextBoolean() ? "0.5" : "-2").append("}\n");
      } else {
        b.append("  ").append(name).append(": ").append(shapeText(shape)).append('\n');
      }
      inputs.put(name, shape);
      values.put(name, shape);
    }
    b.append("define:\n");
    int nf = 1 + r.nextInt(3);
    String last = null;
    for (int i = 0; i < nf; i++) {
      String name = "fgh".charAt(i) + "";
      boolean lastOne = i == nf - 1;
      String[] shape = !lastOne && r.nextInt(3) == 0 ? shape() : new String[] {"1", "1"};
      String e = r.nextInt(6) == 0 && !(shape[0].equals("1") && shape[1].equals("1"))
          ? "\"" + formula(shape) + "\"" : quote(expr(shape, 3));
      if (lastOne && r.nextInt(8) != 0) {
        // depend on every earlier value, so that most claims have something to check
        StringBuilder all = new StringBuilder(e.substring(0, e.length() - 1));
        for (String v : values.keySet()) all.append(" + sum(").append(v).append(")");
        e = all.append('"').toString();
      }
      b.append("  ").append(name).append(": ").append(e).append('\n');
      values.put(name, shape);
      last = name;
    }
    b.append("claims:\n");
    int nc = 1 + r.nextInt(3);
    List<String> wrts = new ArrayList<>(values.keySet());
    for (int i = 0; i < nc; i++) {
      String wrt = wrts.get(r.nextInt(wrts.size()));
      b.append("  - wrt: ").append(wrt).append('\n');
      if (r.nextBoolean()) b.append("    of: ").append(last).append('\n');
      String[] ws = values.get(wrt);
      int rank = (ws[0].equals("1") ? 0 : 1) + (ws[1].equals("1") ? 0 : 1);
      List<String> ix = List.of("i", "j", "k").subList(0, r.nextInt(5) == 0 ? 3 : Math.max(1, rank));
      String claim = r.nextInt(3) == 0 ? "\"[" + String.join(", ", ix) + "] -> " + scalar(2, ix) + "\""
          : quote(expr(new String[] {values.get(last)[0], ws[0].equals("1") ? ws[1] : ws[0]}, 2));
      b.append("    claim: ").append(claim).append('\n');
      if (r.nextInt(4) == 0) b.append("    layout: ").append(r.nextBoolean() ? "numerator" : "denominator").append('\n');
      if (r.nextInt(6) == 0) b.append("    expect: fail\n");
    }
    if (r.nextInt(3) == 0) {
      b.append("check: {trials: ").append(1 + r.nextInt(2)).append(", seed: ").append(r.nextInt(100))
          .append(r.nextBoolean() ? ", method: richardson" : "").append("}\n");
    }
    return b.toString();
  }

  private String dimsMap() {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < dims.size(); i++) b.append(i == 0 ? "" : ", ").append(dims.get(i)).append(": ").append(1 + r.nextInt(4));
    return b.append('}').toString();
  }

  private String axis() { return r.nextInt(5) == 0 ? "1" : dim(); }

  private String dim() { return dims.get(r.nextInt(dims.size())); }

  private String[] shape() {
    switch (r.nextInt(4)) {
      case 0: return new String[] {"1", "1"};
      case 1: return new String[] {axis(), "1"};
      default: return new String[] {axis(), axis()};
    }
  }

  private static String shapeText(String[] s) {
    if (s[0].equals("1") && s[1].equals("1")) return "[]";
    if (s[1].equals("1")) return "[" + s[0] + "]";
    return "[" + s[0] + ", " + s[1] + "]";
  }

  private String quote(String e) { return "\"" + e + "\""; }

  private String num() {
    String[] n = {"0", "1", "2", "0.5", "1e-3", "pi", "3", "-1", "1.5e2"};
    return n[r.nextInt(n.length)];
  }

  private String pick(String[] shape) {
    List<String> fit = new ArrayList<>();
    for (var e : values.entrySet()) if (e.getValue()[0].equals(shape[0]) && e.getValue()[1].equals(shape[1])) fit.add(e.getKey());
    return fit.isEmpty() ? null : fit.get(r.nextInt(fit.size()));
  }

  /** An expression of roughly the given shape (rows, cols); right most of the time, by construction. */
  private String expr(String[] s, int depth) {
    boolean scalar = s[0].equals("1") && s[1].equals("1");
    if (scalar) return scalar(depth, List.of());
    String leaf = pick(s);
    if (depth <= 0 || r.nextInt(4) == 0) {
      if (leaf != null) return leaf;
      return r.nextBoolean() ? "ones(" + s[0] + ", " + s[1] + ")" : "zeros(" + s[0] + ", " + s[1] + ")";
    }
    int d = depth - 1;
    switch (r.nextInt(14)) {
      case 0: return expr(s, d) + " + " + expr(s, d);
      case 1: return expr(s, d) + " - " + expr(s, d);
      case 2: return expr(s, d) + " .* " + expr(s, d);
      case 3: return expr(s, d) + " ./ (" + expr(s, d) + " .^ 2 + 1)";
      case 4: return scalar(d, List.of()) + " * " + expr(s, d);
      case 5: return "(" + expr(s, d) + ") / 2";
      case 6: { String k = axis(); return "(" + expr(new String[] {s[0], k}, d) + ") * (" + expr(new String[] {k, s[1]}, d) + ")"; }
      case 7: return "(" + expr(new String[] {s[1], s[0]}, d) + ")'";
      case 8: return ELEMENTWISE[r.nextInt(ELEMENTWISE.length)] + "(" + expr(s, d) + ")";
      case 9: return "pow(" + expr(s, d) + ", 2)";
      case 10: return s[0].equals(s[1]) ? (r.nextBoolean() ? "inv(" + expr(s, d) + " + " + s[0] + " * eye(" + s[0] + "))" : "eye(" + s[0] + ")")
          : "transpose(" + expr(new String[] {s[1], s[0]}, d) + ")";
      case 11: return s[1].equals("1") ? (r.nextBoolean() ? "softmax(" + expr(s, d) + ")" : "rowsum(" + expr(new String[] {s[0], axis()}, d) + ")")
          : "softmax_rows(" + expr(s, d) + ")";
      case 12: return s[0].equals(s[1]) ? (r.nextBoolean() ? "diag(" + expr(new String[] {s[0], "1"}, d) + ")" : "kron(1, " + expr(s, d) + ")")
          : "outer(" + expr(new String[] {s[0], "1"}, d) + ", " + expr(new String[] {s[1], "1"}, d) + ")";
      default: return s[1].equals("1") ? "diagonal(" + expr(new String[] {s[0], s[0]}, d) + ")"
          : s[0].equals("1") ? "colsum(" + expr(new String[] {axis(), s[1]}, d) + ")" : "-" + expr(s, d);
    }
  }

  /** A scalar expression; {@code idx} are index variables in scope (index formulas). */
  private String scalar(int depth, List<String> idx) {
    if (depth <= 0 || r.nextInt(5) == 0) {
      switch (r.nextInt(4)) {
        case 0: return num();
        case 1: return dims.get(r.nextInt(dims.size()));
        case 2: if (!idx.isEmpty()) return access(idx);
        // fall through
        default: { String v = pick(new String[] {"1", "1"}); return v != null ? v : "sum(" + anyValue() + ")"; }
      }
    }
    int d = depth - 1;
    switch (r.nextInt(18)) {
      case 0: return scalar(d, idx) + " + " + scalar(d, idx);
      case 1: return scalar(d, idx) + " * " + scalar(d, idx);
      case 2: return "-" + scalar(d, idx) + " ^ 2";
      case 3: return ELEMENTWISE[r.nextInt(ELEMENTWISE.length)] + "(" + scalar(d, idx) + ")";
      case 4: return "sum(" + anyValue() + ")";
      case 5: { String a = dim(); return (r.nextBoolean() ? "trace(" : r.nextBoolean() ? "det(" : "logdet(") + expr(new String[] {a, a}, d) + ")"; }
      case 6: return (r.nextBoolean() ? "norm(" : "mean(") + anyValue() + ")";
      case 7: { String a = dim(); return "dot(" + expr(new String[] {a, "1"}, d) + ", " + expr(new String[] {a, "1"}, d) + ")"; }
      case 8: return "logsumexp(" + expr(new String[] {dim(), "1"}, d) + ")";
      case 9: return "if(" + scalar(d, idx) + " > " + scalar(d, idx) + ", " + scalar(d, idx) + ", " + scalar(d, idx) + ")";
      case 10: return "delta(" + scalar(d, idx) + ", " + scalar(d, idx) + ")";
      case 11: return "(" + scalar(d, idx) + " <= 1 && " + scalar(d, idx) + " != 0 || " + scalar(d, idx) + " == 2)";
      case 12: return "pow(" + scalar(d, idx) + ", " + num() + ")";
      case 13: return scalar(d, idx) + " / (1 + " + scalar(d, idx) + " .^ 2)";
      case 14: { String k = "k" + depth; List<String> in = new ArrayList<>(idx); in.add(k);
        return "sum(" + k + ": " + dim() + ", " + scalar(d, in) + ")"; }
      case 15: return idx.isEmpty() ? scalar(d, idx) : access(idx);
      case 16: return "(" + expr(new String[] {"1", axis()}, d) + " * " + expr(new String[] {axis(), "1"}, d) + ")";
      default: return scalar(d, idx) + " - " + scalar(d, idx);
    }
  }

  private String anyValue() {
    List<String> names = new ArrayList<>(values.keySet());
    return names.get(r.nextInt(names.size()));
  }

  /** Element access with index variables or constants, e.g. {@code W[i, 0]} or {@code (x')[j]}. */
  private String access(List<String> idx) {
    List<String> names = new ArrayList<>(inputs.keySet());
    String v = names.get(r.nextInt(names.size()));
    String[] s = inputs.get(v);
    int rank = (s[0].equals("1") ? 0 : 1) + (s[1].equals("1") ? 0 : 1);
    if (rank == 0) return v;
    StringBuilder b = new StringBuilder(r.nextInt(6) == 0 ? "(" + v + ")[" : v + "[");
    for (int a = 0; a < rank; a++) b.append(a == 0 ? "" : ", ").append(r.nextInt(4) == 0 ? "0" : idx.get(r.nextInt(idx.size())));
    return b.append(']').toString();
  }

  /** An index formula for a definition: {@code [i: R, j: C] -> scalar in i, j}. */
  private String formula(String[] s) {
    List<String> idx = new ArrayList<>();
    StringBuilder b = new StringBuilder("[");
    String[] names = {"i", "j"};
    for (int a = 0; a < 2; a++) {
      if (s[a].equals("1")) continue;
      b.append(idx.isEmpty() ? "" : ", ").append(names[a]).append(": ").append(s[a]);
      idx.add(names[a]);
    }
    return b.append("] -> ").append(scalar(2, idx)).toString();
  }

  // ---- mutations

  private String mutate(String s) {
    switch (r.nextInt(17)) {
      // the adversarial run's classes (issue 14): steps and values at the edges, huge offsets, many
      // documents, long names full of glob characters
      case 12: return s + "check: {step: " + EDGE_STEPS[r.nextInt(EDGE_STEPS.length)] + "}\n";
      case 13: return replaceValue(s, r.nextBoolean() ? "{shape: [], value: " + EDGE_VALUES[r.nextInt(EDGE_VALUES.length)] + "}"
          : EDGE_VALUES[r.nextInt(EDGE_VALUES.length)]);
      case 14: { // a huge offset around a definition: (e + 1e16) - 1e16 is e in exact arithmetic only
        int q = s.indexOf("define:\n  ");
        if (q < 0) return s;
        int colon = s.indexOf(": \"", q + 9), end = colon < 0 ? -1 : s.indexOf("\"\n", colon + 3);
        if (colon < 0 || end < 0) return s;
        String off = r.nextBoolean() ? "1e16" : "1e20";
        return s.substring(0, colon + 3) + "(" + s.substring(colon + 3, end) + " + " + off + ") - " + off + s.substring(end);
      }
      case 15: { // many documents in one file
        int n = 2 + r.nextInt(r.nextInt(10) == 0 ? 500 : 50);
        StringBuilder b = new StringBuilder(s);
        for (int i = 1; i < n; i++) b.append(s.endsWith("\n") ? "" : "\n").append("---\n").append(s.replaceFirst("name: fuzz \\d+", "name: fuzz doc " + i));
        return b.toString();
      }
      case 16: { // a long name of glob characters (--filter must stay linear)
        String glob = "*?[]a*".repeat(1 + r.nextInt(r.nextInt(10) == 0 ? 20000 : 200));
        return s.replaceFirst("name: fuzz \\d+", "name: \"" + glob.replace("\"", "") + "\"");
      }
      case 0: { // flip bits in a few bytes
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length == 0) return s;
        for (int i = 0; i < 1 + r.nextInt(3); i++) b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        return new String(b, StandardCharsets.ISO_8859_1).equals(s) ? s : decodeLossless(b);
      }
      case 1: return s.substring(0, r.nextInt(s.length() + 1));
      case 2: { List<String> l = lines(s); if (l.size() > 1) l.remove(r.nextInt(l.size())); return String.join("\n", l); }
      case 3: { List<String> l = lines(s); int a = r.nextInt(l.size()), c = r.nextInt(l.size());
        String t = l.get(a); l.set(a, l.get(c)); l.set(c, t); return String.join("\n", l); }
      case 4: { List<String> l = lines(s); int a = r.nextInt(l.size()); l.add(a, l.get(a)); return String.join("\n", l); }
      case 5: return replaceValue(s, WRONG[r.nextInt(WRONG.length)]);
      case 6: return replaceValue(s, r.nextBoolean() ? "1e308" : "9".repeat(1 + r.nextInt(40)));
      case 7: return insert(s, ODD[r.nextInt(ODD.length)]);
      case 8: return s.replace("\n", "\r\n");
      case 9: return s.replaceFirst("  ", "\t");
      case 10: { // swap a key for another real key, or misspell it
        String k = KEYS[r.nextInt(KEYS.length)];
        return r.nextBoolean() ? s.replaceFirst("\\b" + KEYS[r.nextInt(KEYS.length)] + ":", k + ":")
            : s.replaceFirst("\\b" + k + ":", k.substring(1) + ":");
      }
      default: { // break an expression: drop or duplicate one character inside quotes
        int q = s.indexOf('"', r.nextInt(s.length() + 1));
        if (q < 0 || q + 2 >= s.length()) return s;
        int at = q + 1 + r.nextInt(Math.max(1, Math.min(20, s.length() - q - 2)));
        return r.nextBoolean() ? s.substring(0, at) + s.substring(at + 1) : s.substring(0, at) + s.charAt(at) + s.substring(at);
      }
    }
  }

  /** Flipped bytes often make invalid UTF-8: keep them as bytes, mapped to the file by the test. */
  private static String decodeLossless(byte[] b) { return new String(b, StandardCharsets.ISO_8859_1) + "\u0000BYTES"; }

  private static List<String> lines(String s) { return new ArrayList<>(List.of(s.split("\n", -1))); }

  private String replaceValue(String s, String v) {
    List<String> l = lines(s);
    int a = r.nextInt(l.size());
    String line = l.get(a);
    int colon = line.indexOf(": ");
    if (colon < 0) return s;
    l.set(a, line.substring(0, colon + 2) + v);
    return String.join("\n", l);
  }

  private String insert(String s, String odd) {
    int at = r.nextInt(s.length() + 1);
    return s.substring(0, at) + odd + s.substring(at);
  }

  /** The bytes of a case: mutated byte flips are kept as raw bytes, everything else is UTF-8. */
  public static byte[] bytes(String text) {
    if (text.endsWith("\u0000BYTES")) return text.substring(0, text.length() - 6).getBytes(StandardCharsets.ISO_8859_1);
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
