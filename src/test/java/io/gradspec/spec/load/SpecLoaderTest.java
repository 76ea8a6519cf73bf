package io.gradspec.spec.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.ClaimDecl;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Expect;
import io.gradspec.spec.ExprText;
import io.gradspec.spec.Init;
import io.gradspec.spec.InputDecl;
import io.gradspec.spec.Layout;
import io.gradspec.spec.Located;
import io.gradspec.spec.Method;
import io.gradspec.spec.Spec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecLoaderTest {

  static LoadedFile load(String yaml) {
    return SpecLoader.loadString(yaml, "specs/test.yaml");
  }

  /** The only document, which must be valid. */
  static Spec spec(String yaml) {
    LoadedFile f = load(yaml);
    assertEquals(1, f.documents().size(), "documents");
    LoadedFile.DocumentResult d = f.documents().get(0);
    if (!d.valid()) fail("expected a valid spec, got " + describe(d.diagnostics()));
    return d.spec();
  }

  /** The single diagnostic of the only document. */
  static Diagnostic onlyError(String yaml) {
    List<Diagnostic> ds = errors(yaml);
    assertEquals(1, ds.size(), () -> "expected one diagnostic, got " + describe(ds));
    return ds.get(0);
  }

  static List<Diagnostic> errors(String yaml) {
    LoadedFile f = load(yaml);
    assertEquals(1, f.documents().size(), "documents");
    LoadedFile.DocumentResult d = f.documents().get(0);
    assertFalse(d.valid(), "expected an invalid spec");
    assertNull(d.spec());
    return d.diagnostics();
  }

  static String describe(List<Diagnostic> ds) {
    return ds.stream().map(d -> d.code() + "@" + d.line() + ":" + d.column() + " " + d.message())
        .collect(Collectors.joining("; ", "[", "]"));
  }

  static void assertAt(Diagnostic d, String code, int line, int column) {
    assertEquals(code, d.code(), () -> "code of " + d.message());
    assertEquals(line + ":" + column, d.line() + ":" + d.column(), () -> "position of " + d.message());
  }

  private static final String MINIMAL = "name: minimal\ndims: {N: 2}\ninputs: {x: [N]}\ndefine: {y: 2 * x}\n"
      + "claims:\n  - {wrt: x, claim: 2 * eye(N)}\n";

  // ---- a good spec ----------------------------------------------------------------------------

  @Test
  void fullSpecWithEveryKey() {
    String yaml = String.join("\n",
        "# a full spec",
        "name: y = W x, column vectors",
        "description: Learned-Miller, section 1",
        "tags: [seed, linear]",
        "index-base: 1",
        "dims:",
        "  - {C: 3, D: 7}",
        "  - {C: 1, D: 2}",
        "inputs:",
        "  W: [C, D]",
        "  x: {shape: [D, 1], init: uniform}",
        "  K: {shape: [C*D, 1], value: [[1, 2.5], [-3, 1e-5]]}",
        "  s: {shape: [], init: positive, value: 2}",
        "  v: {shape: [C], value: [1, 2, 3]}",
        "define:",
        "  y: W * x",
        "  c: 2",
        "claims:",
        "  - wrt: x",
        "    claim: W",
        "  - of: y",
        "    wrt: W",
        "    claim: \"[i, j, k] -> delta(i, j) * x[k]\"",
        "    layout: denominator",
        "    expect: fail",
        "    rtol: 1e-6",
        "    atol: 0",
        "    note: a teaching example",
        "check: {trials: 5, seed: -42, method: richardson, step: 1e-4, rtol: 1e-7, atol: 1e-9}",
        "");
    Spec s = spec(yaml);
    assertEquals("y = W x, column vectors", s.name().value());
    assertEquals(2, s.name().span().line());
    assertEquals(7, s.name().span().column());
    assertEquals("Learned-Miller, section 1", s.description());
    assertEquals(List.of("seed", "linear"), s.tags());
    assertEquals(1, s.indexBase());
    assertEquals(List.of(Map.of("C", 3, "D", 7), Map.of("C", 1, "D", 2)), s.dims());
    assertEquals(List.of("C", "D"), List.copyOf(s.dims().get(0).keySet()), "dims keep their order");
    assertEquals(7, s.dimsSpans().get("C").line());
    assertEquals(6, s.dimsSpans().get("C").column());
    assertEquals(0, s.document());
    assertEquals(2, s.span().line());
    assertEquals(1, s.span().column());

    assertEquals(5, s.inputs().size());
    InputDecl w = s.inputs().get(0);
    assertEquals("W", w.name().value());
    assertEquals(List.of("C", "D"), w.shape().stream().map(Located::value).collect(Collectors.toList()));
    assertEquals(Init.NORMAL, w.init());
    assertNull(w.value());
    assertEquals("10:6", w.shapeSpan().line() + ":" + w.shapeSpan().column());
    assertEquals("[C, D]", w.shapeSpan().text());
    InputDecl x = s.inputs().get(1);
    assertEquals(List.of("D", "1"), x.shape().stream().map(Located::value).collect(Collectors.toList()));
    assertEquals(Init.UNIFORM, x.init());
    InputDecl k = s.inputs().get(2);
    assertEquals("C*D", k.shape().get(0).value());
    assertEquals(List.of(List.of(1.0, 2.5), List.of(-3.0, 1e-5)), k.value());
    assertEquals("12:31", k.valueSpan().line() + ":" + k.valueSpan().column());
    InputDecl sc = s.inputs().get(3);
    assertEquals(List.of(), sc.shape());
    assertEquals(Init.POSITIVE, sc.init());
    assertEquals(2.0, sc.value());
    assertEquals(List.of(1.0, 2.0, 3.0), s.inputs().get(4).value());

    assertEquals(2, s.defines().size());
    assertEquals("y", s.defines().get(0).name().value());
    assertEquals("W * x", s.defines().get(0).expr().text());
    assertEquals("2", s.defines().get(1).expr().text());

    assertEquals(2, s.claims().size());
    ClaimDecl c0 = s.claims().get(0);
    assertEquals(0, c0.index());
    assertNull(c0.of());
    assertEquals("x", c0.wrt().value());
    assertEquals("W", c0.claim().text());
    assertEquals(Layout.NUMERATOR, c0.layout());
    assertEquals(Expect.PASS, c0.expect());
    assertNull(c0.rtol());
    assertEquals(19, c0.span().line());
    assertEquals(5, c0.span().column());
    ClaimDecl c1 = s.claims().get(1);
    assertEquals(1, c1.index());
    assertEquals("y", c1.of().value());
    assertEquals(Layout.DENOMINATOR, c1.layout());
    assertEquals(Expect.FAIL, c1.expect());
    assertEquals(1e-6, c1.rtol());
    assertEquals(0.0, c1.atol());
    assertEquals("a teaching example", c1.note());
    assertEquals("[i, j, k] -> delta(i, j) * x[k]", c1.claim().text());

    assertEquals(new CheckSettings(5, -42L, Method.RICHARDSON, 1e-4, 1e-7, 1e-9), s.check());
  }

  @Test
  void defaultsWhenOptionalKeysAreAbsent() {
    Spec s = spec("name: n\ninputs: {x: []}\ndefine: {y: x^2}\nclaims: [{wrt: x, claim: 2*x}]\n");
    assertEquals(List.of(Map.of()), s.dims());
    assertEquals(Map.of(), s.dimsSpans());
    assertEquals(0, s.indexBase());
    assertEquals(List.of(), s.tags());
    assertNull(s.description());
    assertEquals(CheckSettings.EMPTY, s.check());
  }

  @Test
  void singleDimsMapIsAListOfOne() {
    Spec s = spec(MINIMAL);
    assertEquals(List.of(Map.of("N", 2)), s.dims());
  }

  @Test
  void yaml12CoreSchema() {
    Spec s = spec("name: yes\ntags: [yes, no, on, off]\ninputs: {x: []}\n"
        + "claims: [{wrt: x, claim: 1, rtol: 1e-5, atol: 1E3, note: 3}]\n");
    assertEquals("yes", s.name().value(), "`yes` is a string in YAML 1.2");
    assertEquals(List.of("yes", "no", "on", "off"), s.tags());
    assertEquals(1e-5, s.claims().get(0).rtol(), "`1e-5` is a number in YAML 1.2");
    assertEquals(1e3, s.claims().get(0).atol());
    assertEquals("1", s.claims().get(0).claim().text());
    assertEquals("3", s.claims().get(0).note());
  }

  @Test
  void numberAsClaimAndDefinition() {
    Spec s = spec("name: n\ninputs: {x: []}\ndefine:\n  c: 2\n  d: 1e-3\nclaims:\n  - {wrt: x, claim: 0}\n");
    assertEquals("2", s.defines().get(0).expr().text());
    assertEquals("1e-3", s.defines().get(1).expr().text());
    assertEquals(4, s.defines().get(0).expr().whole().line());
    assertEquals(6, s.defines().get(0).expr().whole().column());
    assertEquals("0", s.claims().get(0).claim().text());
  }

  // ---- documents ------------------------------------------------------------------------------

  @Test
  void multiDocumentWithOneBadDocument() {
    String yaml = MINIMAL + "---\n" + "name: broken\ninputs: {x: [N}\nclaims: []\n" + "---\n"
        + MINIMAL.replace("minimal", "third") + "...\n";
    LoadedFile f = load(yaml);
    assertEquals(3, f.documents().size());
    assertTrue(f.documents().get(0).valid());
    assertEquals("minimal", f.documents().get(0).name());
    assertEquals(0, f.documents().get(0).spec().document());
    LoadedFile.DocumentResult bad = f.documents().get(1);
    assertFalse(bad.valid());
    assertEquals(1, bad.document());
    assertAt(bad.diagnostics().get(0), "yaml", 9, 15);
    assertTrue(f.documents().get(2).valid());
    assertEquals("third", f.documents().get(2).name());
    assertEquals(2, f.documents().get(2).spec().document());
    assertEquals(12, f.documents().get(2).spec().span().line());
    assertEquals(12, f.documents().get(2).spec().name().span().line());
  }

  @Test
  void emptyDocumentsAreSkipped() {
    LoadedFile f = load("# only a comment\n---\n# another\n---\n" + MINIMAL + "--- # trailing\n");
    assertEquals(1, f.documents().size());
    assertEquals(0, f.documents().get(0).document());
    assertEquals(5, f.documents().get(0).spec().span().line());
    assertEquals(0, load("").documents().size());
    assertEquals(0, load("# nothing\n\n").documents().size());
  }

  @Test
  void directivesBeforeTheFirstDocument() {
    LoadedFile f = load("%YAML 1.2\n---\n" + MINIMAL);
    assertEquals(1, f.documents().size());
    assertTrue(f.documents().get(0).valid(), () -> describe(f.documents().get(0).diagnostics()));
    assertEquals(3, f.documents().get(0).spec().span().line());
  }

  @Test
  void rootThatIsNotAMap() {
    Diagnostic d = onlyError("- a\n- b\n");
    assertAt(d, "not-a-spec", 1, 1);
    assertTrue(d.message().startsWith("expected a mapping with keys name, inputs, claims"), d.message());
  }

  @Test
  void nameIsKnownEvenWhenTheSpecIsInvalid() {
    LoadedFile f = load("name: half done\ninputs: {x: [N]}\n");
    LoadedFile.DocumentResult d = f.documents().get(0);
    assertEquals("half done", d.name());
    assertNull(d.spec());
    assertFalse(d.valid());
  }

  // ---- YAML errors ----------------------------------------------------------------------------

  @Test
  void malformedYaml() {
    Diagnostic d = onlyError("name: x\ninputs:\n  a: [C\nclaims: 1\n");
    assertAt(d, "yaml", 4, 7);
    assertEquals("expected `,` or `]`, found `:`", d.message());
    assertFalse(d.message().contains("line"), "no location text in the message");
    assertTrue(d.notes().get(0).contains("while parsing a flow sequence that starts at line 3, column 6"),
        d.notes().toString());
  }

  @Test
  void tabIndentation() {
    Diagnostic d = onlyError("name: x\n\tinputs: 2\n");
    assertAt(d, "yaml", 2, 1);
    assertTrue(d.message().contains("TAB"), d.message());
  }

  @Test
  void unterminatedQuote() {
    Diagnostic d = onlyError("name: x\nclaims: \"abc\n");
    assertEquals("yaml", d.code());
    assertEquals(3, d.line());
  }

  @Test
  void duplicateKey() {
    List<Diagnostic> ds = errors(MINIMAL + "inputs: {y: [N]}\n");
    assertEquals(1, ds.size(), describe(ds));
    assertAt(ds.get(0), "duplicate-key", 7, 1);
    assertEquals("duplicate key `inputs`", ds.get(0).message());
    assertEquals("`inputs` is already set on line 3", ds.get(0).label());
  }

  @Test
  void duplicateKeyNested() {
    List<Diagnostic> ds = errors(MINIMAL.replace("{N: 2}", "{N: 2, M: 3, N: 4}"));
    assertEquals(1, ds.size(), describe(ds));
    assertAt(ds.get(0), "duplicate-key", 2, 20);
  }

  @Test
  void anchorAndAlias() {
    String yaml = "name: a\ndims: &d {N: 2}\ninputs:\n  x: &s [N]\n  y: *s\nclaims:\n  - {wrt: x, claim: 1}\n";
    List<Diagnostic> ds = errors(yaml);
    assertEquals(3, ds.size(), describe(ds));
    assertAt(ds.get(0), "yaml-alias", 2, 7);
    assertEquals("YAML anchor `&d` in a spec", ds.get(0).message());
    assertAt(ds.get(1), "yaml-alias", 4, 6);
    assertAt(ds.get(2), "yaml-alias", 5, 6);
    assertEquals("YAML alias `*s` in a spec", ds.get(2).message());
  }

  @Test
  void anchorOnAScalar() {
    List<Diagnostic> ds = errors(MINIMAL.replace("name: minimal", "name: &n minimal"));
    assertEquals(1, ds.size(), describe(ds));
    assertAt(ds.get(0), "yaml-alias", 1, 7);
  }

  // ---- keys -----------------------------------------------------------------------------------

  @Test
  void unknownSpecKeyWithDidYouMean() {
    String yaml = "name: Y = x (B z)', outer product\ndims: {N: 3}\ninputs: {x: [N]}\ndefine: {Y: x * x'}\n"
        + "cliams:\n  - {wrt: x, claim: W}\n";
    List<Diagnostic> ds = errors(yaml);
    // One cause, one error: the misspelt key's did-you-mean already says that `claims` is missing.
    assertEquals(1, ds.size(), describe(ds));
    Diagnostic u = ds.get(0);
    assertAt(u, "unknown-key", 5, 1);
    assertEquals("unknown key `cliams` in spec `Y = x (B z)', outer product`", u.message());
    assertEquals("not a key of a spec", u.label());
    assertEquals(List.of("did you mean `claims`?"), u.help());
    assertEquals(List.of("the keys of a spec are name, description, tags, index-base, dims, program, functions, "
        + "inputs, define, claims, check"), u.notes());
    assertEquals(6, u.span().length());
  }

  @Test
  void unknownKeyWithoutSuggestion() {
    Diagnostic d = onlyError(MINIMAL + "zzzzzzzz: 1\n");
    assertAt(d, "unknown-key", 7, 1);
    assertTrue(d.help().isEmpty());
  }

  @Test
  void unknownInputKey() {
    Diagnostic d = onlyError(MINIMAL.replace("{x: [N]}", "{x: {shape: [N], inti: normal}}"));
    assertAt(d, "unknown-key", 3, 26);
    assertEquals("unknown key `inti` in input `x`", d.message());
    assertEquals("not a key of an input", d.label());
    assertEquals(List.of("did you mean `init`?"), d.help());
    assertEquals(List.of("the keys of an input are shape, init, value, type, range, perturb"), d.notes());
  }

  @Test
  void unknownClaimKey() {
    Diagnostic d = onlyError(MINIMAL.replace("{wrt: x, claim:", "{wrt: x, layuot: numerator, claim:"));
    assertAt(d, "unknown-key", 6, 14);
    assertEquals("unknown key `layuot` in a claim of spec `minimal`", d.message());
    assertEquals(List.of("did you mean `layout`?"), d.help());
    assertEquals(List.of("the keys of a claim are of, wrt, claim, layout, expect, rtol, atol, note, order"), d.notes());
  }

  @Test
  void unknownCheckKey() {
    Diagnostic d = onlyError(MINIMAL + "check:\n  trails: 3\n");
    assertAt(d, "unknown-key", 8, 3);
    assertEquals("unknown key `trails` in `check`", d.message());
    assertEquals(List.of("did you mean `trials`?"), d.help());
    assertEquals(List.of("the keys of `check` are trials, seed, method, step, rtol, atol"), d.notes());
  }

  @Test
  void missingKeys() {
    List<Diagnostic> ds = errors("\n# comment\ndescription: nothing else\n");
    assertEquals(3, ds.size(), describe(ds));
    for (Diagnostic d : ds) assertAt(d, "missing-key", 3, 1);
    assertEquals("missing key `name` in spec", ds.get(0).message());
    assertEquals("missing key `inputs` in spec", ds.get(1).message());
    assertEquals("missing key `claims` in spec", ds.get(2).message());
    assertFalse(ds.get(2).help().isEmpty());
  }

  @Test
  void missingClaimKeys() {
    List<Diagnostic> ds = errors(MINIMAL.replace("{wrt: x, claim: 2 * eye(N)}", "{claim: 2 * eye(N)}"));
    assertEquals(1, ds.size(), describe(ds));
    assertAt(ds.get(0), "missing-key", 6, 5);
    assertEquals("missing key `wrt` in the claim", ds.get(0).message());
  }

  @Test
  void missingInputShape() {
    Diagnostic d = onlyError(MINIMAL.replace("{x: [N]}", "{x: {init: normal}}"));
    assertAt(d, "missing-key", 3, 13);
  }

  // ---- values ---------------------------------------------------------------------------------

  @Test
  void badDims() {
    assertAt(onlyError(MINIMAL.replace("{N: 2}", "{N: 0}")), "bad-dims", 2, 11);
    assertAt(onlyError(MINIMAL.replace("{N: 2}", "{N: -1}")), "bad-dims", 2, 11);
    assertAt(onlyError(MINIMAL.replace("{N: 2}", "{N: 2.5}")), "bad-dims", 2, 11);
    assertAt(onlyError(MINIMAL.replace("{N: 2}", "{N: \"x\"}")), "bad-dims", 2, 11);
    assertAt(onlyError(MINIMAL.replace("{N: 2}", "{N: \"2\"}")), "bad-dims", 2, 11);
    assertAt(onlyError(MINIMAL.replace("{N: 2}", "{N: 2, 2N: 3}")), "bad-dims", 2, 14);
    assertAt(onlyError(MINIMAL.replace("dims: {N: 2}", "dims: [{N: 2}, {N: 0}]")), "bad-dims", 2, 20);
    assertAt(onlyError(MINIMAL.replace("dims: {N: 2}", "dims: []")), "bad-dims", 2, 7);
    assertAt(onlyError(MINIMAL.replace("dims: {N: 2}", "dims: 3")), "bad-dims", 2, 7);
    Diagnostic d = onlyError(MINIMAL.replace("{N: 2}", "{N: 0}"));
    assertEquals("dimension `N` must be a positive integer, found `0`", d.message());
  }

  @Test
  void dimsSpansUseTheFirstOccurrence() {
    Spec s = spec(MINIMAL.replace("dims: {N: 2}", "dims:\n  - {N: 2}\n  - {M: 1, N: 3}"));
    assertEquals(List.of(Map.of("N", 2), Map.of("M", 1, "N", 3)), s.dims());
    assertEquals(3, s.dimsSpans().get("N").line());
    assertEquals(4, s.dimsSpans().get("M").line());
  }

  @Test
  void literalAxisOtherThanOne() {
    // format 1.2 (issue 13): a positive whole size is an axis; zero, negative and fractional sizes are not
    assertEquals("2", spec(MINIMAL.replace("{x: [N]}", "{x: [N, 2]}")).inputs().get(0).shape().get(1).value());
    Diagnostic d = onlyError(MINIMAL.replace("{x: [N]}", "{x: [N, 0]}"));
    assertAt(d, "bad-shape", 3, 17);
    assertEquals("a literal axis is a positive whole number, found `0`", d.message());
    assertAt(onlyError(MINIMAL.replace("{x: [N]}", "{x: [N, 2.5]}")), "bad-shape", 3, 17);
  }

  @Test
  void badAxesAndShapes() {
    assertAt(onlyError(MINIMAL.replace("{x: [N]}", "{x: [N/M]}")), "bad-shape", 3, 14);
    // format 1.2: sums and differences are axes (the symbolic pass checks their symbols)
    assertEquals("N+1", spec(MINIMAL.replace("{x: [N]}", "{x: [N + 1]}")).inputs().get(0).shape().get(0).value());
    assertAt(onlyError(MINIMAL.replace("{x: [N]}", "{x: N}")), "bad-shape", 3, 13);
    assertAt(onlyError(MINIMAL.replace("{x: [N]}", "{x: [[N]]}")), "bad-shape", 3, 14);
    Spec s = spec(MINIMAL.replace("{x: [N]}", "{x: [N * N, 1]}"));
    assertEquals("N*N", s.inputs().get(0).shape().get(0).value());
  }

  @Test
  void badInputName() {
    assertAt(onlyError(MINIMAL.replace("{x: [N]}", "{x: [N], 2y: [N]}")), "bad-name", 3, 18);
  }

  @Test
  void badInit() {
    Diagnostic d = onlyError(MINIMAL.replace("{x: [N]}", "{x: {shape: [N], init: unifrom}}"));
    assertAt(d, "bad-value", 3, 32);
    assertEquals(List.of("did you mean `uniform`?"), d.help());
    assertTrue(d.message().contains("`normal`, `uniform`, `positive`, `symmetric`, `spd`, or `orthogonal`"),
        d.message());
  }

  @Test
  void badLiteralValue() {
    assertAt(onlyError(MINIMAL.replace("{x: [N]}", "{x: {shape: [N], value: [1, a]}}")), "bad-value", 3, 37);
    assertAt(onlyError(MINIMAL.replace("{x: [N]}", "{x: {shape: [N], value: abc}}")), "bad-value", 3, 33);
  }

  @Test
  void badClaimValues() {
    Diagnostic layout = onlyError(MINIMAL.replace("{wrt: x,", "{wrt: x, layout: rows,"));
    assertAt(layout, "bad-value", 6, 22);
    assertEquals("`layout` must be `numerator`, `denominator`, or `vec`, found `rows`", layout.message());
    Diagnostic expect = onlyError(MINIMAL.replace("{wrt: x,", "{wrt: x, expect: fial,"));
    assertAt(expect, "bad-value", 6, 22);
    assertEquals(List.of("did you mean `fail`?"), expect.help());
    assertAt(onlyError(MINIMAL.replace("{wrt: x,", "{wrt: x, rtol: -1,")), "bad-value", 6, 20);
    assertAt(onlyError(MINIMAL.replace("{wrt: x,", "{wrt: x, atol: abc,")), "bad-value", 6, 20);
    assertAt(onlyError(MINIMAL.replace("{wrt: x,", "{wrt: \"x y\",")), "bad-value", 6, 11);
    assertAt(onlyError(MINIMAL.replace("{wrt: x,", "{wrt: x, of: [y],")), "bad-value", 6, 18);
    assertAt(onlyError(MINIMAL.replace("claim: 2 * eye(N)", "claim: ")), "bad-value", 6, 20);
    assertAt(onlyError(MINIMAL.replace("  - {wrt: x, claim: 2 * eye(N)}", "  - just text")), "bad-value", 6, 5);
  }

  @Test
  void badTopLevelValues() {
    assertAt(onlyError(MINIMAL + "index-base: 2\n"), "bad-value", 7, 13);
    assertAt(onlyError(MINIMAL + "tags: seed\n"), "bad-value", 7, 7);
    assertAt(onlyError(MINIMAL.replace("claims:\n  - {wrt: x, claim: 2 * eye(N)}", "claims: []")), "bad-value", 5, 9);
    assertAt(onlyError(MINIMAL.replace("name: minimal", "name: \"\"")), "bad-value", 1, 7);
    assertAt(onlyError(MINIMAL.replace("define: {y: 2 * x}", "define: {y: [1]}")), "bad-value", 4, 13);
  }

  @Test
  void badCheckValues() {
    Diagnostic m = onlyError(MINIMAL + "check: {method: fast}\n");
    assertAt(m, "bad-value", 7, 17);
    assertEquals("`method` must be `central`, `richardson`, or `complex-step`, found `fast`", m.message());
    assertAt(onlyError(MINIMAL + "check: {trials: 0}\n"), "bad-value", 7, 17);
    assertAt(onlyError(MINIMAL + "check: {trials: 2.5}\n"), "bad-value", 7, 17);
    assertAt(onlyError(MINIMAL + "check: {seed: x}\n"), "bad-value", 7, 15);
    assertAt(onlyError(MINIMAL + "check: {step: 0}\n"), "bad-value", 7, 15);
    assertAt(onlyError(MINIMAL + "check: {rtol: -1e-5}\n"), "bad-value", 7, 15);
    assertEquals(Method.CENTRAL, spec(MINIMAL + "check: {method: central}\n").check().method());
  }

  @Test
  void everyErrorIsReported() {
    List<Diagnostic> ds = errors(MINIMAL + "check: {method: fast, trials: 0}\ncliams: 1\n");
    assertEquals(3, ds.size(), describe(ds));
  }

  // ---- files ----------------------------------------------------------------------------------

  @Test
  void loadsAFileWithBomAndCrlf(@TempDir Path dir) throws Exception {
    Path p = dir.resolve("a.yaml");
    String crlf = MINIMAL.replace("\n", "\r\n").replace("2 * x", "\"2 * \\\"x\"");
    byte[] body = crlf.getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[body.length + 3];
    bytes[0] = (byte) 0xEF;
    bytes[1] = (byte) 0xBB;
    bytes[2] = (byte) 0xBF;
    System.arraycopy(body, 0, bytes, 3, body.length);
    Files.write(p, bytes);
    LoadedFile f = SpecLoader.load(p, "specs/a.yaml");
    assertEquals("specs/a.yaml", f.file().displayPath());
    Spec s = f.documents().get(0).spec();
    assertNotNull(s, () -> describe(f.documents().get(0).diagnostics()));
    assertEquals(1, s.name().span().line());
    assertEquals(7, s.name().span().column());
    ExprText y = s.defines().get(0).expr();
    assertEquals("2 * \"x", y.text());
    assertEquals("4:18", y.span(4, 5).line() + ":" + y.span(4, 5).column());
    assertEquals("4:20", y.span(5, 6).line() + ":" + y.span(5, 6).column());
    assertEquals(6, s.claims().get(0).span().line());
  }

  @Test
  void fileThatIsNotUtf8(@TempDir Path dir) throws Exception {
    Path p = dir.resolve("bad.yaml");
    Files.write(p, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
    LoadedFile f = SpecLoader.load(p, "bad.yaml");
    assertEquals(1, f.documents().size());
    List<Diagnostic> ds = f.documents().get(0).diagnostics();
    assertEquals(1, ds.size());
    assertAt(ds.get(0), "encoding", 1, 7);
  }

  @Test
  void fileThatCannotBeRead(@TempDir Path dir) {
    LoadedFile f = SpecLoader.load(dir.resolve("missing.yaml"), "missing.yaml");
    assertEquals(1, f.documents().size());
    assertEquals(1, f.documents().get(0).diagnostics().size());
    assertEquals("io", f.documents().get(0).diagnostics().get(0).code());
    assertFalse(f.documents().get(0).valid());
  }
}
