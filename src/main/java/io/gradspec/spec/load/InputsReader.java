package io.gradspec.spec.load;

import static io.gradspec.spec.load.ValueReader.found;
import static io.gradspec.spec.load.ValueReader.isAlias;

import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Init;
import io.gradspec.spec.InputDecl;
import io.gradspec.spec.InputType;
import io.gradspec.spec.IntRange;
import io.gradspec.spec.Located;
import io.gradspec.spec.Perturb;
import io.gradspec.spec.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads {@code inputs}: each input's shape (a list of axes: symbols, {@code 1}, or products like
 * {@code C*D}), how it is drawn ({@code init}) and a fixed {@code value} if it has one.
 */
final class InputsReader {
  private static final Pattern ARITHMETIC = Pattern.compile("[A-Za-z0-9_+*()\\-\\s]+");
  private static final Pattern PRODUCT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\s*\\*\\s*[A-Za-z_][A-Za-z0-9_]*)+");

  private static final List<String> INIT_WORDS = Arrays.stream(Init.values()).map(Init::word).toList();
  private static final List<String> PERTURB_WORDS = Arrays.stream(Perturb.values()).map(Perturb::word).toList();
  private static final List<String> TYPE_WORDS = Arrays.stream(InputType.values()).map(InputType::word).toList();
  private final ValueReader read;

  InputsReader(ValueReader read) {
    this.read = read;
  }

  /** The inputs of entry {@code e}, without those that have a problem. */
  List<InputDecl> inputs(YamlNode.Entry e) {
    List<InputDecl> inputs = new ArrayList<>();
    if (e == null) return inputs;
    if (!(e.value() instanceof YamlNode.Mapping)) {
      read.badValue(e.value(), "`inputs`", "a map of input names to shapes", "e.g. `inputs: {W: [C, D], x: [D]}`");
      return inputs;
    }
    for (YamlNode.Entry in : ((YamlNode.Mapping) e.value()).entries()) {
      boolean ok = read.identifier(in.key(), "input");
      InputDecl d = input(in);
      if (ok && d != null) inputs.add(d);
    }
    return inputs;
  }

  private InputDecl input(YamlNode.Entry in) {
    Located<String> name = Located.of(in.key().value(), in.key().span());
    YamlNode v = in.value();
    if (v instanceof YamlNode.Mapping) {
      YamlNode.Mapping m = (YamlNode.Mapping) v;
      String what = "input `" + name.value() + "`";
      read.checkKeys(m, SpecBuilder.INPUT_KEYS, "in " + what, "an input");
      read.requireKey(m, "shape", SpecBuilder.INPUT_KEYS, what, "add `shape:`, e.g. `{shape: [D], init: normal}`");
      YamlNode.Entry shapeE = m.get("shape");
      List<Located<String>> shape = shapeE == null ? null : shape(shapeE.value());
      Init init = read.choice(m, "init", Init.class, INIT_WORDS, Init.NORMAL,
          "leave `init` out for standard normal draws; e.g. `init: spd` draws a symmetric positive definite matrix");
      Object value = null;
      Span valueSpan = null;
      YamlNode.Entry valueE = m.get("value");
      if (valueE != null) {
        value = literal(valueE.value());
        valueSpan = valueE.value().span();
      }
      InputType type = read.choice(m, "type", InputType.class, TYPE_WORDS, InputType.REAL,
          "`type: int` (with a `range`) for labels and indices, `type: bool` for masks; leave it out for real numbers");
      IntRange range = range(m, what, type, value, valueSpan);
      if (type != InputType.REAL && m.get("init") != null) {
        read.report(Diagnostic.error("bad-value", m.get("init").key().span(), "`init` draws real numbers, but "
                + what + " is `type: " + type.word() + "`")
            .withLabel("not for a " + type.word() + " input")
            .withHelp(type == InputType.INT ? "an int input is drawn uniformly from its `range`; remove `init`"
                : "a bool input is drawn as 0 or 1 with equal odds; remove `init`"));
      }
      if (shape == null) return null;
      Perturb perturb = read.choice(m, "perturb", Perturb.class, PERTURB_WORDS, Perturb.INDEPENDENT,
          "`perturb: symmetric` keeps a square matrix symmetric (A[i, j] and A[j, i] move together); leave it out "
              + "to move one component at a time");
      if (perturb == Perturb.SYMMETRIC) {
        if (!symmetricFits(m, what, shape, type, value, valueSpan)) perturb = Perturb.INDEPENDENT;
        else if (m.get("init") == null) init = Init.SYMMETRIC;
      }
      return new InputDecl(name, shape, shapeE.value().span(), init, value, valueSpan, type, range, perturb);
    }
    List<Located<String>> shape = shape(v);
    return shape == null ? null : new InputDecl(name, shape, v.span(), Init.NORMAL, null, null);
  }

  /**
   * The {@code range} of an int input: a dimension symbol, or {@code [lo, hi]} with lo < hi (hi excluded);
   * required unless a literal {@code value} is given, refused on other types. Checks a literal value's
   * entries are whole numbers (0 or 1 for a bool). Null when there is none (or after an error).
   */
  /**
   * Whether an input declared {@code perturb: symmetric} can be kept symmetric: real, of a square shape
   * written with the same axis twice, drawn symmetric (`init` left out, `symmetric` or `spd`) or given as a
   * symmetric literal. Reports why not at the key that is in the way.
   */
  private boolean symmetricFits(YamlNode.Mapping m, String what, List<Located<String>> shape, InputType type,
                                Object value, Span valueSpan) {
    Span at = m.get("perturb").value().span();
    if (type != InputType.REAL) {
      read.report(Diagnostic.error("bad-value", at, "`perturb: symmetric` moves real numbers, but " + what
          + " is `type: " + type.word() + "`").withLabel("not for a " + type.word() + " input")
          .withHelp("remove `perturb`: a " + type.word() + " input is never perturbed"));
      return false;
    }
    if (shape == null || shape.size() != 2 || !shape.get(0).value().equals(shape.get(1).value())) {
      read.report(Diagnostic.error("bad-value", at, "`perturb: symmetric` keeps a square matrix symmetric, but "
          + what + " has shape [" + (shape == null ? "" : String.join(", ", shape.stream().map(Located::value).toList()))
          + "]").withLabel("needs a shape like [N, N]")
          .withHelp("declare the shape with the same axis twice, e.g. `shape: [N, N]`"));
      return false;
    }
    YamlNode.Entry initE = m.get("init");
    if (initE != null && value == null && initE.value() instanceof YamlNode.Scalar s
        && !s.value().equals("symmetric") && !s.value().equals("spd")) {
      read.report(Diagnostic.error("bad-value", initE.value().span(), "`perturb: symmetric` needs a symmetric "
          + what + ", but `init: " + s.value() + "` draws one that is not").withLabel("not symmetric")
          .withHelp("use `init: symmetric` or `init: spd`, or leave `init` out (then it is `symmetric`)"));
      return false;
    }
    if (value instanceof List<?> rows && !rows.isEmpty() && rows.get(0) instanceof List<?>) {
      for (int i = 0; i < rows.size(); i++) {
        for (int j = 0; j < i; j++) {
          Object a = ((List<?>) rows.get(i)).size() > j ? ((List<?>) rows.get(i)).get(j) : null;
          Object b = ((List<?>) rows.get(j)).size() > i ? ((List<?>) rows.get(j)).get(i) : null;
          if (a != null && !a.equals(b)) {
            read.report(Diagnostic.error("bad-value", valueSpan, "`perturb: symmetric` needs a symmetric " + what
                + ", but its `value` has row " + i + ", column " + j + " = " + a + " and row " + j + ", column " + i
                + " = " + b).withLabel("not symmetric")
                .withHelp("make the literal symmetric, or remove `perturb: symmetric`"));
            return false;
          }
        }
      }
    }
    return true;
  }

  private IntRange range(YamlNode.Mapping m, String what, InputType type, Object value, Span valueSpan) {
    YamlNode.Entry e = m.get("range");
    if (value != null && type != InputType.REAL) checkDiscrete(value, valueSpan, type);
    if (e == null) {
      if (type == InputType.INT && value == null && m.get("value") == null) {
        read.report(Diagnostic.error("missing-key", m.span(), what + " is `type: int` but has no `range`")
            .withLabel("no `range`")
            .withHelp("say what it is drawn from: `range: C` (the valid indices of an axis of length C) or "
                + "`range: [0, 10]` (0 to 9, the end excluded as in Python's range)"));
      }
      return null;
    }
    boolean badType = type == InputType.REAL && m.get("type") != null
        && !(m.get("type").value() instanceof YamlNode.Scalar t && t.value().equals("real"));
    if (badType) return null; // already reported: say nothing of a range for a type no one meant
    if (type != InputType.INT) {
      read.report(Diagnostic.error("bad-value", e.key().span(), "`range` is for `type: int` inputs")
          .withLabel(type == InputType.BOOL ? "a bool input is 0 or 1" : "a real input is drawn by `init`")
          .withHelp(type == InputType.BOOL ? "remove `range`" : "add `type: int`, or remove `range`"));
      return null;
    }
    YamlNode v = e.value();
    if (v instanceof YamlNode.Scalar sc && sc.kind() == YamlNode.Kind.STRING && ValueReader.IDENT.matcher(sc.value().strip()).matches()) {
      return new IntRange(Located.of(sc.value().strip(), sc.span()), 0, 0, sc.span());
    }
    if (v instanceof YamlNode.Seq seq && seq.items().size() == 2) {
      Long lo = whole(seq.items().get(0)), hi = whole(seq.items().get(1));
      if (lo != null && hi != null && lo < hi) return new IntRange(null, lo, hi, v.span());
    }
    read.badValue(v, "`range`", "a dimension symbol or a pair `[lo, hi]` of integers with lo < hi",
        "e.g. `range: C` for class labels, or `range: [0, 10]` for 0 to 9 (the end is excluded)");
    return null;
  }

  private static Long whole(YamlNode n) {
    return n instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.INT ? s.asLong() : null;
  }

  /** Every entry of an int input's literal a whole number, of a bool's 0 or 1. */
  private void checkDiscrete(Object value, Span at, InputType type) {
    List<Double> flat = new ArrayList<>();
    if (value instanceof Double d) flat.add(d);
    else for (Object o : (List<?>) value) {
      if (o instanceof Double d) flat.add(d);
      else for (Object x : (List<?>) o) flat.add((Double) x);
    }
    for (double x : flat) {
      boolean ok = type == InputType.BOOL ? x == 0 || x == 1 : x == Math.rint(x) && Math.abs(x) < 1e15;
      if (!ok) {
        read.report(Diagnostic.error("bad-value", at, "a `type: " + type.word() + "` input holds "
                + (type == InputType.BOOL ? "0s and 1s" : "whole numbers") + ", but `value` has " + (x == Math.rint(x) && Math.abs(x) < 1e15 ? String.valueOf((long) x) : String.valueOf(x)))
            .withLabel("not " + (type == InputType.BOOL ? "0 or 1" : "a whole number"))
            .withHelp(type == InputType.BOOL ? "write masks as 0 and 1" : "write labels and indices as integers"));
        return;
      }
    }
  }

  /** The axes of a shape, or null (after an error). */
  List<Located<String>> shape(YamlNode n) {
    if (!(n instanceof YamlNode.Seq)) {
      if (isAlias(n)) return null;
      Diagnostic d = Diagnostic.error("bad-shape", n.span(), "a shape must be a list of axes, found " + found(n))
          .withLabel("expected a list like `[C, D]`");
      if (n instanceof YamlNode.Scalar && !((YamlNode.Scalar) n).isNull()) {
        d = d.withHelp("write `[" + ((YamlNode.Scalar) n).value() + "]`");
      } else {
        d = d.withHelp("write `[]` for a scalar");
      }
      read.report(d);
      return null;
    }
    List<Located<String>> axes = new ArrayList<>();
    boolean ok = true;
    for (YamlNode item : ((YamlNode.Seq) n).items()) {
      String axis = axis(item);
      if (axis == null) ok = false;
      else axes.add(Located.of(axis, item.span()));
    }
    return ok ? axes : null;
  }

  private String axis(YamlNode item) {
    if (isAlias(item)) return null;
    if (item instanceof YamlNode.Scalar) {
      YamlNode.Scalar s = (YamlNode.Scalar) item;
      String v = s.value().strip();
      if (s.kind() == YamlNode.Kind.INT || s.kind() == YamlNode.Kind.FLOAT) {
        // format 1.2: any positive whole size (format 1 allowed only `1`)
        Long n = s.kind() == YamlNode.Kind.INT ? s.asLong() : null;
        if (n != null && n >= 1 && n <= Integer.MAX_VALUE) return Long.toString(n);
        read.report(Diagnostic.error("bad-shape", s.span(), "a literal axis is a positive whole number, found `" + v + "`")
            .withLabel("a literal axis `" + v + "`")
            .withHelp("write a size like `3`, or add a symbol to `dims` and write it here"));
        return null;
      }
      if (s.kind() == YamlNode.Kind.STRING) {
        if (v.equals("1") || ValueReader.IDENT.matcher(v).matches()) return v;
        if (PRODUCT.matcher(v).matches()) return v.replaceAll("\\s+", "");
        // sums, differences, multiples (`M+P`, `N-1`, `2*N`): checked by the symbolic pass
        if (ARITHMETIC.matcher(v).matches()) return v.replaceAll("\\s+", "");
      }
    }
    read.report(Diagnostic.error("bad-shape", item.span(), "axis " + found(item)
            + " is not a dimension symbol, a size, or an expression like `C*D` or `M+P`")
        .withLabel("not an axis"));
    return null;
  }

  /** A literal value: Double, List of Double, or List of List of Double; null after an error. */
  private Object literal(YamlNode n) {
    if (n instanceof YamlNode.Scalar && ((YamlNode.Scalar) n).isNumber()) return ((YamlNode.Scalar) n).asDouble();
    if (n instanceof YamlNode.Seq) {
      List<YamlNode> items = ((YamlNode.Seq) n).items();
      if (!items.isEmpty() && items.get(0) instanceof YamlNode.Seq) {
        List<List<Double>> rows = new ArrayList<>();
        boolean ok = true;
        for (YamlNode row : items) {
          List<Double> r = row instanceof YamlNode.Seq ? numbers((YamlNode.Seq) row) : null;
          if (r == null) {
            if (!(row instanceof YamlNode.Seq)) read.badValue(row, "each row of `value`", "a list of numbers", null);
            ok = false;
          } else {
            rows.add(r);
          }
        }
        return ok ? List.copyOf(rows) : null;
      }
      return numbers((YamlNode.Seq) n);
    }
    read.badValue(n, "`value`", "a number, a list of numbers, or a list of rows", null);
    return null;
  }

  private List<Double> numbers(YamlNode.Seq seq) {
    List<Double> out = new ArrayList<>();
    boolean ok = true;
    for (YamlNode x : seq.items()) {
      if (x instanceof YamlNode.Scalar && ((YamlNode.Scalar) x).isNumber()) {
        out.add(((YamlNode.Scalar) x).asDouble());
      } else {
        read.badValue(x, "an element of `value`", "a number", null);
        ok = false;
      }
    }
    return ok ? List.copyOf(out) : null;
  }
}
