package io.gradspec.spec.load;

import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.ClaimDecl;
import io.gradspec.spec.Definition;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.DidYouMean;
import io.gradspec.spec.Expect;
import io.gradspec.spec.ExprText;
import io.gradspec.spec.Init;
import io.gradspec.spec.InputDecl;
import io.gradspec.spec.Layout;
import io.gradspec.spec.Located;
import io.gradspec.spec.Method;
import io.gradspec.spec.SourceFile;
import io.gradspec.spec.Span;
import io.gradspec.spec.Spec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps one document's {@link YamlNode} tree to a {@link Spec}, reporting every unknown key, missing key
 * and bad value it finds (it does not stop at the first). The shape and expression checks that need
 * more than one value at a time are later stages' work.
 */
public final class SpecBuilder {
  public static final List<String> SPEC_KEYS =
      List.of("name", "description", "tags", "index-base", "dims", "inputs", "define", "claims", "check");
  static final List<String> INPUT_KEYS = List.of("shape", "init", "value");
  public static final List<String> CLAIM_KEYS = List.of("of", "wrt", "claim", "layout", "expect", "rtol", "atol", "note");
  public static final List<String> CHECK_KEYS = List.of("trials", "seed", "method", "step", "rtol", "atol");

  private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern PRODUCT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\s*\\*\\s*[A-Za-z_][A-Za-z0-9_]*)+");

  private final SourceFile file;
  private final int document;
  private final List<Diagnostic> problems;
  private String specName;

  SpecBuilder(SourceFile file, int document, List<Diagnostic> problems) {
    this.file = file;
    this.document = document;
    this.problems = problems;
  }

  /** The spec's name, once {@link #build} has read it (null if it could not be read). */
  String name() { return specName; }

  /** The span of a document: its first key, or the root node's start. */
  static Span documentSpan(YamlNode root) {
    if (root instanceof YamlNode.Mapping && !((YamlNode.Mapping) root).entries().isEmpty()) {
      return ((YamlNode.Mapping) root).entries().get(0).key().span();
    }
    return new Span(root.span().file(), root.span().offset(), 0);
  }

  /** Builds the spec, or returns null when anything was wrong (the problems say what). */
  Spec build(YamlNode root) {
    int before = problems.size();
    Span docSpan = documentSpan(root);
    if (!(root instanceof YamlNode.Mapping)) {
      problems.add(Diagnostic.error("not-a-spec", root.span(),
              "expected a mapping with keys name, inputs, claims, ..., found " + root.describe())
          .withLabel("a spec is a YAML map")
          .withNote("the keys of a spec are " + String.join(", ", SPEC_KEYS)));
      return null;
    }
    YamlNode.Mapping m = (YamlNode.Mapping) root;

    Located<String> name = null;
    YamlNode.Entry nameEntry = m.get("name");
    if (nameEntry != null) {
      YamlNode.Scalar s = scalarText(nameEntry.value(), "`name`", "a name for the spec, e.g. `name: y = W x`");
      if (s != null) {
        String v = s.value().strip();
        if (v.isEmpty()) {
          problems.add(Diagnostic.error("bad-value", s.span(), "`name` is empty")
              .withLabel("expected a name").withHelp("give the spec a name that is unique in the run"));
        } else {
          name = Located.of(v, s.span());
          specName = v;
        }
      }
    }
    checkKeys(m, SPEC_KEYS, specName == null ? "in this spec" : "in spec `" + specName + "`", "a spec");
    requireKey(m, "name", docSpan, "add `name: <a name unique in the run>`");
    requireKey(m, "inputs", docSpan, "add the variables to perturb, e.g. `inputs: {x: [D]}`");
    requireKey(m, "claims", docSpan, "add a list of claims, e.g. `claims: [{wrt: x, claim: W}]`");

    String description = null;
    YamlNode.Entry e = m.get("description");
    if (e != null && !isNull(e.value())) {
      YamlNode.Scalar s = scalarText(e.value(), "`description`", "free text");
      if (s != null) description = s.value();
    }
    List<String> tags = tags(m.get("tags"));
    int indexBase = indexBase(m.get("index-base"));
    List<Map<String, Integer>> dims = new ArrayList<>();
    Map<String, Span> dimsSpans = new LinkedHashMap<>();
    dims(m.get("dims"), dims, dimsSpans);
    List<InputDecl> inputs = inputs(m.get("inputs"));
    List<Definition> defines = defines(m.get("define"));
    List<ClaimDecl> claims = claims(m.get("claims"));
    CheckSettings check = check(m.get("check"));

    if (problems.size() > before || name == null) return null;
    return new Spec(file, document, name, description, tags, indexBase, dims, dimsSpans, inputs, defines,
        claims, check, docSpan);
  }

  // ---- keys -------------------------------------------------------------------------------------

  /** Reports each key of {@code m} not in {@code valid}, with a did-you-mean and the list of valid keys. */
  private void checkKeys(YamlNode.Mapping m, List<String> valid, String where, String ofWhat) {
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
      problems.add(d.withNote("the keys of " + ofWhat + " are " + String.join(", ", valid)));
    }
  }

  private void requireKey(YamlNode.Mapping m, String key, Span at, String help) {
    if (m.get(key) != null || misspelled(m, key, SPEC_KEYS)) return;
    String where = specName == null ? "spec" : "spec `" + specName + "`";
    problems.add(Diagnostic.error("missing-key", at, "missing key `" + key + "` in " + where)
        .withLabel("this spec has no `" + key + "`")
        .withHelp(help));
  }

  private void requireKey(YamlNode.Mapping m, String key, List<String> valid, String what, String help) {
    if (m.get(key) != null || misspelled(m, key, valid)) return;
    problems.add(Diagnostic.error("missing-key", new Span(file, m.span().offset(), Math.min(1, m.span().length())),
            "missing key `" + key + "` in " + what)
        .withLabel(what + " has no `" + key + "`")
        .withHelp(help));
  }

  /**
   * True when an unknown key of {@code m} is a misspelling of {@code key}: its unknown-key error already
   * says "did you mean `key`?", so a second error for the missing key would only repeat the cause.
   */
  private static boolean misspelled(YamlNode.Mapping m, String key, List<String> valid) {
    for (YamlNode.Entry e : m.entries()) {
      String k = e.key().value();
      if (!valid.contains(k) && DidYouMean.suggest(k, valid).filter(key::equals).isPresent()) return true;
    }
    return false;
  }

  // ---- scalars ----------------------------------------------------------------------------------

  private static boolean isNull(YamlNode n) {
    return n instanceof YamlNode.Scalar && ((YamlNode.Scalar) n).isNull();
  }

  private static boolean isAlias(YamlNode n) {
    return n instanceof YamlNode.Scalar && ((YamlNode.Scalar) n).style() == YamlNode.Style.ALIAS;
  }

  /** A bad-value error at {@code n}: "`what` must be X, found Y". Aliases were reported already. */
  private void badValue(YamlNode n, String what, String expected, String help) {
    if (isAlias(n)) return;
    Diagnostic d = Diagnostic.error("bad-value", n.span(), what + " must be " + expected + ", found " + found(n))
        .withLabel("expected " + expected);
    if (help != null) d = d.withHelp(help);
    problems.add(d);
  }

  private static String found(YamlNode n) {
    if (n instanceof YamlNode.Scalar) {
      YamlNode.Scalar s = (YamlNode.Scalar) n;
      if (s.isNull()) return "nothing";
      return "`" + shorten(s.value()) + "`";
    }
    return n.describe();
  }

  private static String shorten(String s) {
    String one = s.replace('\n', ' ');
    return one.length() > 40 ? one.substring(0, 37) + "..." : one;
  }

  /** A scalar whose text is used as a string (numbers and booleans too); null and error if not a scalar. */
  private YamlNode.Scalar scalarText(YamlNode n, String what, String expected) {
    if (n instanceof YamlNode.Scalar && !((YamlNode.Scalar) n).isNull()) {
      return isAlias(n) ? null : (YamlNode.Scalar) n;
    }
    badValue(n, what, expected, null);
    return null;
  }

  /** A word from a fixed set, with did-you-mean; null (and an error) when it is not one of them. */
  private String word(YamlNode n, String what, List<String> words, String otherwise) {
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
    problems.add(d);
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

  private Double nonNegative(YamlNode n, String what) {
    if (n instanceof YamlNode.Scalar && ((YamlNode.Scalar) n).isNumber()) {
      double v = ((YamlNode.Scalar) n).asDouble();
      if (v >= 0 && Double.isFinite(v)) return v;
    }
    badValue(n, what, "a non-negative number", null);
    return null;
  }

  private Double positive(YamlNode n, String what) {
    if (n instanceof YamlNode.Scalar && ((YamlNode.Scalar) n).isNumber()) {
      double v = ((YamlNode.Scalar) n).asDouble();
      if (v > 0 && Double.isFinite(v)) return v;
    }
    badValue(n, what, "a positive number", null);
    return null;
  }

  /** A positive int, or null; reports nothing (callers choose the code). */
  private static Integer positiveInt(YamlNode n) {
    if (!(n instanceof YamlNode.Scalar)) return null;
    Long v = ((YamlNode.Scalar) n).asLong();
    return v != null && v >= 1 && v <= Integer.MAX_VALUE ? Integer.valueOf(v.intValue()) : null;
  }

  private boolean identifier(YamlNode.Scalar key, String what) {
    if (IDENT.matcher(key.value()).matches()) return true;
    if (key.style() == YamlNode.Style.ALIAS) return false;
    problems.add(Diagnostic.error("bad-name", key.span(), what + " `" + shorten(key.value()) + "` is not a name")
        .withLabel("not a name")
        .withNote("a name starts with a letter or `_` and has only letters, digits and `_`"));
    return false;
  }

  // ---- sections ---------------------------------------------------------------------------------

  private List<String> tags(YamlNode.Entry e) {
    List<String> tags = new ArrayList<>();
    if (e == null || isNull(e.value())) return tags;
    if (!(e.value() instanceof YamlNode.Seq)) {
      String help = e.value() instanceof YamlNode.Scalar
          ? "write a list: `tags: [" + ((YamlNode.Scalar) e.value()).value() + "]`" : null;
      badValue(e.value(), "`tags`", "a list of strings", help);
      return tags;
    }
    for (YamlNode item : ((YamlNode.Seq) e.value()).items()) {
      YamlNode.Scalar s = scalarText(item, "a tag", "a string");
      if (s != null) tags.add(s.value());
    }
    return tags;
  }

  private int indexBase(YamlNode.Entry e) {
    if (e == null) return 0;
    if (e.value() instanceof YamlNode.Scalar) {
      Long v = ((YamlNode.Scalar) e.value()).asLong();
      if (v != null && (v == 0 || v == 1)) return v.intValue();
    }
    badValue(e.value(), "`index-base`", "`0` or `1`",
        "`0` (the default) counts from 0 as NumPy does; `1` counts from 1 as MATLAB and the seed tutorial do");
    return 0;
  }

  private void dims(YamlNode.Entry e, List<Map<String, Integer>> out, Map<String, Span> spans) {
    if (e == null || isNull(e.value())) {
      out.add(Map.of());
      return;
    }
    YamlNode v = e.value();
    if (v instanceof YamlNode.Mapping) {
      out.add(dimsMap((YamlNode.Mapping) v, spans));
    } else if (v instanceof YamlNode.Seq && !((YamlNode.Seq) v).items().isEmpty()) {
      for (YamlNode item : ((YamlNode.Seq) v).items()) {
        if (item instanceof YamlNode.Mapping) out.add(dimsMap((YamlNode.Mapping) item, spans));
        else if (!isAlias(item)) problems.add(badDims(item, "each entry of `dims` must be a map `SYMBOL: size`, found "
            + found(item), "expected a map like `{N: 3}`"));
      }
    } else if (!isAlias(v)) {
      problems.add(badDims(v, v instanceof YamlNode.Seq ? "`dims` is an empty list"
              : "`dims` must be a map `SYMBOL: size` or a list of such maps, found " + found(v),
          "expected a map like `{C: 3, D: 7}`"));
    }
    if (out.isEmpty()) out.add(Map.of());
  }

  private Diagnostic badDims(YamlNode at, String message, String label) {
    return Diagnostic.error("bad-dims", at.span(), message).withLabel(label);
  }

  private Map<String, Integer> dimsMap(YamlNode.Mapping m, Map<String, Span> spans) {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    for (YamlNode.Entry e : m.entries()) {
      String sym = e.key().value();
      if (!IDENT.matcher(sym).matches()) {
        if (e.key().style() != YamlNode.Style.ALIAS) {
          problems.add(badDims(e.key(), "dimension symbol `" + shorten(sym) + "` is not a name", "not a name")
              .withNote("a symbol starts with a letter or `_` and has only letters, digits and `_`"));
        }
        continue;
      }
      Integer size = positiveInt(e.value());
      if (size == null) {
        if (!isAlias(e.value())) {
          problems.add(badDims(e.value(), "dimension `" + sym + "` must be a positive integer, found "
              + found(e.value()), "not a positive integer")
              .withHelp("a dimension counts elements: write a whole number of at least 1, e.g. `" + sym + ": 3`"));
        }
        continue;
      }
      sizes.put(sym, size);
      spans.putIfAbsent(sym, e.key().span());
    }
    return sizes;
  }

  private List<InputDecl> inputs(YamlNode.Entry e) {
    List<InputDecl> inputs = new ArrayList<>();
    if (e == null) return inputs;
    if (!(e.value() instanceof YamlNode.Mapping)) {
      badValue(e.value(), "`inputs`", "a map of input names to shapes", "e.g. `inputs: {W: [C, D], x: [D]}`");
      return inputs;
    }
    for (YamlNode.Entry in : ((YamlNode.Mapping) e.value()).entries()) {
      boolean ok = identifier(in.key(), "input");
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
      checkKeys(m, INPUT_KEYS, "in " + what, "an input");
      requireKey(m, "shape", INPUT_KEYS, what, "add `shape:`, e.g. `{shape: [D], init: normal}`");
      YamlNode.Entry shapeE = m.get("shape");
      List<Located<String>> shape = shapeE == null ? null : shape(shapeE.value());
      Init init = Init.NORMAL;
      YamlNode.Entry initE = m.get("init");
      if (initE != null) {
        List<String> words = new ArrayList<>();
        for (Init i : Init.values()) words.add(i.word());
        String w = word(initE.value(), "`init`", words,
            "leave `init` out for standard normal draws; e.g. `init: spd` draws a symmetric positive definite matrix");
        if (w != null) init = Init.valueOf(w.toUpperCase(Locale.ROOT));
      }
      Object value = null;
      Span valueSpan = null;
      YamlNode.Entry valueE = m.get("value");
      if (valueE != null) {
        value = literal(valueE.value());
        valueSpan = valueE.value().span();
      }
      if (shape == null) return null;
      return new InputDecl(name, shape, shapeE.value().span(), init, value, valueSpan);
    }
    List<Located<String>> shape = shape(v);
    return shape == null ? null : new InputDecl(name, shape, v.span(), Init.NORMAL, null, null);
  }

  /** The axes of a shape, or null (after an error). */
  private List<Located<String>> shape(YamlNode n) {
    if (!(n instanceof YamlNode.Seq)) {
      if (isAlias(n)) return null;
      Diagnostic d = Diagnostic.error("bad-shape", n.span(), "a shape must be a list of axes, found " + found(n))
          .withLabel("expected a list like `[C, D]`");
      if (n instanceof YamlNode.Scalar && !((YamlNode.Scalar) n).isNull()) {
        d = d.withHelp("write `[" + ((YamlNode.Scalar) n).value() + "]`");
      } else {
        d = d.withHelp("write `[]` for a scalar");
      }
      problems.add(d);
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
        if (s.kind() == YamlNode.Kind.INT && Long.valueOf(1).equals(s.asLong())) return "1";
        problems.add(Diagnostic.error("bad-shape", s.span(), "literal axes are `1` only; use a dimension symbol")
            .withLabel("a literal axis `" + v + "`")
            .withHelp("add a symbol to `dims`, e.g. `dims: {N: " + v + "}`, and write `N` here"));
        return null;
      }
      if (s.kind() == YamlNode.Kind.STRING) {
        if (v.equals("1") || IDENT.matcher(v).matches()) return v;
        if (PRODUCT.matcher(v).matches()) return v.replaceAll("\\s+", "");
      }
    }
    problems.add(Diagnostic.error("bad-shape", item.span(), "axis " + found(item)
            + " is not a dimension symbol, `1`, or a product like `C*D`")
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
            if (!(row instanceof YamlNode.Seq)) badValue(row, "each row of `value`", "a list of numbers", null);
            ok = false;
          } else {
            rows.add(r);
          }
        }
        return ok ? List.copyOf(rows) : null;
      }
      return numbers((YamlNode.Seq) n);
    }
    badValue(n, "`value`", "a number, a list of numbers, or a list of rows", null);
    return null;
  }

  private List<Double> numbers(YamlNode.Seq seq) {
    List<Double> out = new ArrayList<>();
    boolean ok = true;
    for (YamlNode x : seq.items()) {
      if (x instanceof YamlNode.Scalar && ((YamlNode.Scalar) x).isNumber()) {
        out.add(((YamlNode.Scalar) x).asDouble());
      } else {
        badValue(x, "an element of `value`", "a number", null);
        ok = false;
      }
    }
    return ok ? List.copyOf(out) : null;
  }

  private List<Definition> defines(YamlNode.Entry e) {
    List<Definition> defs = new ArrayList<>();
    if (e == null || isNull(e.value())) return defs;
    if (!(e.value() instanceof YamlNode.Mapping)) {
      badValue(e.value(), "`define`", "a map of names to expressions", "e.g. `define: {y: W * x}`");
      return defs;
    }
    for (YamlNode.Entry d : ((YamlNode.Mapping) e.value()).entries()) {
      boolean ok = identifier(d.key(), "definition");
      YamlNode.Scalar s = expression(d.value(), "definition `" + d.key().value() + "`");
      if (ok && s != null) defs.add(new Definition(Located.of(d.key().value(), d.key().span()), s.text()));
    }
    return defs;
  }

  /** A scalar holding an expression (numbers allowed: their text is the expression). */
  private YamlNode.Scalar expression(YamlNode n, String what) {
    if (n instanceof YamlNode.Scalar && !((YamlNode.Scalar) n).isNull()
        && !((YamlNode.Scalar) n).value().isBlank()) {
      return isAlias(n) ? null : (YamlNode.Scalar) n;
    }
    badValue(n, what, "an expression", n instanceof YamlNode.Scalar ? null
        : "write the expression as a string; quote it if it starts with `[`");
    return null;
  }

  private List<ClaimDecl> claims(YamlNode.Entry e) {
    List<ClaimDecl> claims = new ArrayList<>();
    if (e == null) return claims;
    if (!(e.value() instanceof YamlNode.Seq)) {
      badValue(e.value(), "`claims`", "a list of claims", "start each claim with `- `, e.g. `- {wrt: x, claim: W}`");
      return claims;
    }
    List<YamlNode> items = ((YamlNode.Seq) e.value()).items();
    if (items.isEmpty()) {
      problems.add(Diagnostic.error("bad-value", e.value().span(), "`claims` is empty")
          .withLabel("expected at least one claim").withHelp("add a claim, e.g. `- {wrt: x, claim: W}`"));
    }
    for (int i = 0; i < items.size(); i++) {
      ClaimDecl c = claim(i, items.get(i));
      if (c != null) claims.add(c);
    }
    return claims;
  }

  private ClaimDecl claim(int index, YamlNode n) {
    if (!(n instanceof YamlNode.Mapping)) {
      badValue(n, "a claim", "a map with `wrt` and `claim`", "e.g. `- {wrt: x, claim: W}`");
      return null;
    }
    YamlNode.Mapping m = (YamlNode.Mapping) n;
    int before = problems.size();
    checkKeys(m, CLAIM_KEYS, specName == null ? "in a claim" : "in a claim of spec `" + specName + "`",
        "a claim");
    requireKey(m, "wrt", CLAIM_KEYS, "the claim", "add `wrt:` naming the input (or definition) to differentiate by");
    requireKey(m, "claim", CLAIM_KEYS, "the claim", "add `claim:` with the claimed derivative");
    Located<String> of = name(m.get("of"), "`of`");
    Located<String> wrt = name(m.get("wrt"), "`wrt`");
    ExprText claim = null;
    YamlNode.Entry c = m.get("claim");
    if (c != null) {
      YamlNode.Scalar s = expression(c.value(), "`claim`");
      if (s != null) claim = s.text();
    }
    Layout layout = Layout.NUMERATOR;
    YamlNode.Entry l = m.get("layout");
    if (l != null) {
      String w = word(l.value(), "`layout`", List.of("numerator", "denominator"),
          "`numerator` (the default) puts the indices of `of` first, `denominator` those of `wrt`");
      if (w != null) layout = Layout.valueOf(w.toUpperCase(Locale.ROOT));
    }
    Expect expect = Expect.PASS;
    YamlNode.Entry x = m.get("expect");
    if (x != null) {
      String w = word(x.value(), "`expect`", List.of("pass", "fail"),
          "write `expect: fail` for a claim known to be wrong; leave `expect` out otherwise");
      if (w != null) expect = Expect.valueOf(w.toUpperCase(Locale.ROOT));
    }
    YamlNode.Entry r = m.get("rtol");
    Double rtol = r == null ? null : nonNegative(r.value(), "`rtol`");
    YamlNode.Entry a = m.get("atol");
    Double atol = a == null ? null : nonNegative(a.value(), "`atol`");
    String note = null;
    YamlNode.Entry nt = m.get("note");
    if (nt != null && !isNull(nt.value())) {
      YamlNode.Scalar s = scalarText(nt.value(), "`note`", "free text");
      if (s != null) note = s.value();
    }
    if (problems.size() > before || wrt == null || claim == null) return null;
    return new ClaimDecl(index, of, wrt, claim, layout, expect, rtol, atol, note, m.span());
  }

  private Located<String> name(YamlNode.Entry e, String what) {
    if (e == null) return null;
    YamlNode v = e.value();
    if (v instanceof YamlNode.Scalar && IDENT.matcher(((YamlNode.Scalar) v).value()).matches()
        && ((YamlNode.Scalar) v).kind() != YamlNode.Kind.NULL && ((YamlNode.Scalar) v).kind() != YamlNode.Kind.BOOL) {
      return Located.of(((YamlNode.Scalar) v).value(), v.span());
    }
    badValue(v, what, "the name of an input or definition", null);
    return null;
  }

  private CheckSettings check(YamlNode.Entry e) {
    if (e == null || isNull(e.value())) return CheckSettings.EMPTY;
    if (!(e.value() instanceof YamlNode.Mapping)) {
      badValue(e.value(), "`check`", "a map of settings", "e.g. `check: {trials: 5, rtol: 1e-6}`");
      return CheckSettings.EMPTY;
    }
    YamlNode.Mapping m = (YamlNode.Mapping) e.value();
    checkKeys(m, CHECK_KEYS, "in `check`", "`check`");
    Integer trials = null;
    YamlNode.Entry t = m.get("trials");
    if (t != null) {
      trials = positiveInt(t.value());
      if (trials == null) badValue(t.value(), "`trials`", "a positive integer", null);
    }
    Long seed = null;
    YamlNode.Entry s = m.get("seed");
    if (s != null) {
      seed = s.value() instanceof YamlNode.Scalar ? ((YamlNode.Scalar) s.value()).asLong() : null;
      if (seed == null) badValue(s.value(), "`seed`", "an integer", null);
    }
    Method method = null;
    YamlNode.Entry me = m.get("method");
    if (me != null) {
      String w = word(me.value(), "`method`", List.of("central", "richardson"),
          "`central` (the default) uses central differences; `richardson` adds extrapolation and an error estimate");
      if (w != null) method = Method.valueOf(w.toUpperCase(Locale.ROOT));
    }
    YamlNode.Entry st = m.get("step");
    Double step = st == null ? null : positive(st.value(), "`step`");
    if (step != null && step < CheckSettings.MIN_STEP) {
      badValue(st.value(), "`step`", "a number of at least 2.2e-16", CheckSettings.STEP_HELP);
      step = null;
    }
    YamlNode.Entry r = m.get("rtol");
    Double rtol = r == null ? null : nonNegative(r.value(), "`rtol`");
    YamlNode.Entry a = m.get("atol");
    Double atol = a == null ? null : nonNegative(a.value(), "`atol`");
    return new CheckSettings(trials, seed, method, step, rtol, atol);
  }
}
