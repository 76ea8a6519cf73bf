package io.gradspec.spec.load;

import static io.gradspec.spec.load.ValueReader.isNull;

import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.ClaimDecl;
import io.gradspec.spec.Definition;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.FunctionDecl;
import io.gradspec.spec.InputDecl;
import io.gradspec.spec.Located;
import io.gradspec.spec.ProgramDecl;
import io.gradspec.spec.SourceFile;
import io.gradspec.spec.Span;
import io.gradspec.spec.Spec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps one document's {@link YamlNode} tree to a {@link Spec}, reporting every unknown key, missing key
 * and bad value it finds (it does not stop at the first). The spec's own keys are read here, each section
 * by its reader ({@link DimsReader}, {@link InputsReader}, {@link DefineReader}, {@link ClaimsReader},
 * {@link CheckReader}), all through the shared {@link ValueReader}. The shape and expression checks that
 * need more than one value at a time are later stages' work.
 */
public final class SpecBuilder {
  /** The keys of a spec and of each of its maps, in the order messages list them (and did-you-mean's candidates). */
  public static final List<String> SPEC_KEYS =
      List.of("name", "description", "tags", "index-base", "dims", "program", "functions", "inputs", "define",
          "claims", "check");
  static final List<String> INPUT_KEYS = List.of("shape", "init", "value", "type", "range", "perturb");
  public static final List<String> CLAIM_KEYS = List.of("of", "wrt", "claim", "layout", "expect", "rtol", "atol", "note", "order");
  public static final List<String> CHECK_KEYS = List.of("trials", "seed", "method", "step", "rtol", "atol");

  private final SourceFile file;
  private final int document;
  private final ValueReader read;
  private String specName;

  SpecBuilder(SourceFile file, int document, List<Diagnostic> problems) {
    this.file = file;
    this.document = document;
    this.read = new ValueReader(file, problems);
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
    int before = read.count();
    Span docSpan = documentSpan(root);
    if (!(root instanceof YamlNode.Mapping)) {
      read.report(Diagnostic.error("not-a-spec", root.span(),
              "expected a mapping with keys name, inputs, claims, ..., found " + root.describe())
          .withLabel("a spec is a YAML map")
          .withNote("the keys of a spec are " + String.join(", ", SPEC_KEYS)));
      return null;
    }
    YamlNode.Mapping m = (YamlNode.Mapping) root;

    Located<String> name = null;
    YamlNode.Entry nameEntry = m.get("name");
    if (nameEntry != null) {
      YamlNode.Scalar s = read.scalarText(nameEntry.value(), "`name`", "a name for the spec, e.g. `name: y = W x`");
      if (s != null) {
        String v = s.value().strip();
        if (v.isEmpty()) {
          read.report(Diagnostic.error("bad-value", s.span(), "`name` is empty")
              .withLabel("expected a name").withHelp("give the spec a name that is unique in the run"));
        } else {
          name = Located.of(v, s.span());
          specName = v;
        }
      }
    }
    read.checkKeys(m, SPEC_KEYS, specName == null ? "in this spec" : "in spec `" + specName + "`", "a spec");
    requireKey(m, "name", docSpan, "add `name: <a name unique in the run>`");
    requireKey(m, "inputs", docSpan, "add the variables to perturb, e.g. `inputs: {x: [D]}`");
    requireKey(m, "claims", docSpan, "add a list of claims, e.g. `claims: [{wrt: x, claim: W}]`");

    String description = null;
    YamlNode.Entry e = m.get("description");
    if (e != null && !isNull(e.value())) {
      YamlNode.Scalar s = read.scalarText(e.value(), "`description`", "free text");
      if (s != null) description = s.value();
    }
    List<String> tags = tags(m.get("tags"));
    int indexBase = indexBase(m.get("index-base"));
    List<Map<String, Integer>> dims = new ArrayList<>();
    Map<String, Span> dimsSpans = new LinkedHashMap<>();
    new DimsReader(read).dims(m.get("dims"), dims, dimsSpans);
    List<InputDecl> inputs = new InputsReader(read).inputs(m.get("inputs"));
    List<Definition> defines = new DefineReader(read).defines(m.get("define"));
    ProgramReader programs = new ProgramReader(read);
    ProgramDecl program = programs.program(m.get("program"));
    List<FunctionDecl> functions = programs.functions(m.get("functions"));
    pairedKeys(m);
    List<ClaimDecl> claims = new ClaimsReader(read, specName, m.get("program") != null).claims(m.get("claims"));
    CheckSettings check = new CheckReader(read).check(m.get("check"));

    if (read.count() > before || name == null) return null;
    return new Spec(file, document, name, description, tags, indexBase, dims, dimsSpans, inputs, defines,
        claims, check, docSpan, program, functions);
  }

  /** `functions` needs `program` (someone must compute them), and `program` needs `functions` (or it has nothing to do). */
  private void pairedKeys(YamlNode.Mapping m) {
    YamlNode.Entry p = m.get("program");
    YamlNode.Entry f = m.get("functions");
    if (f != null && p == null) {
      read.report(Diagnostic.error("missing-key", f.key().span(), "`functions` without `program`")
          .withLabel("these functions have no program to compute them")
          .withHelp("add `program: {run: [python3, your_program.py]}`, the program that computes them"));
    } else if (p != null && f == null) {
      read.report(Diagnostic.error("missing-key", p.key().span(), "`program` without `functions`")
          .withLabel("the program computes nothing the spec uses")
          .withHelp("declare what it computes, e.g. `functions: {f: {args: [[N]], returns: [N]}}`"));
    }
  }

  /** A missing key of the spec itself, reported at the document (unless an unknown key is its misspelling). */
  private void requireKey(YamlNode.Mapping m, String key, Span at, String help) {
    if (m.get(key) != null || ValueReader.misspelled(m, key, SPEC_KEYS)) return;
    String where = specName == null ? "spec" : "spec `" + specName + "`";
    read.report(Diagnostic.error("missing-key", at, "missing key `" + key + "` in " + where)
        .withLabel("this spec has no `" + key + "`")
        .withHelp(help));
  }
  private List<String> tags(YamlNode.Entry e) {
    List<String> tags = new ArrayList<>();
    if (e == null || isNull(e.value())) return tags;
    if (!(e.value() instanceof YamlNode.Seq)) {
      String help = e.value() instanceof YamlNode.Scalar
          ? "write a list: `tags: [" + ((YamlNode.Scalar) e.value()).value() + "]`" : null;
      read.badValue(e.value(), "`tags`", "a list of strings", help);
      return tags;
    }
    for (YamlNode item : ((YamlNode.Seq) e.value()).items()) {
      YamlNode.Scalar s = read.scalarText(item, "a tag", "a string");
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
    read.badValue(e.value(), "`index-base`", "`0` or `1`",
        "`0` (the default) counts from 0 as NumPy does; `1` counts from 1 as MATLAB and the seed tutorial do");
    return 0;
  }
}
