package io.gradspec.spec.load;

import static io.gradspec.spec.load.ValueReader.isNull;

import io.gradspec.spec.ClaimDecl;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Expect;
import io.gradspec.spec.ExprText;
import io.gradspec.spec.Layout;
import io.gradspec.spec.Located;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code claims}: each claim's {@code of}, {@code wrt}, the claimed expression, layout, expectation,
 * tolerances and note. A claim with any problem is left out (the problems say why).
 */
final class ClaimsReader {
  private final ValueReader read;
  private final String specName;
  /** Whether the spec has a program, so that `claim: program` asks it (otherwise `program` is just a name). */
  private final boolean programs;

  ClaimsReader(ValueReader read, String specName, boolean programs) {
    this.read = read;
    this.specName = specName;
    this.programs = programs;
  }

  /** The claims of entry {@code e}, each with its 0-based position in the list. */
  List<ClaimDecl> claims(YamlNode.Entry e) {
    List<ClaimDecl> claims = new ArrayList<>();
    if (e == null) return claims;
    if (!(e.value() instanceof YamlNode.Seq)) {
      read.badValue(e.value(), "`claims`", "a list of claims", "start each claim with `- `, e.g. `- {wrt: x, claim: W}`");
      return claims;
    }
    List<YamlNode> items = ((YamlNode.Seq) e.value()).items();
    if (items.isEmpty()) {
      read.report(Diagnostic.error("bad-value", e.value().span(), "`claims` is empty")
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
      read.badValue(n, "a claim", "a map with `wrt` and `claim`", "e.g. `- {wrt: x, claim: W}`");
      return null;
    }
    YamlNode.Mapping m = (YamlNode.Mapping) n;
    int before = read.count();
    read.checkKeys(m, SpecBuilder.CLAIM_KEYS, specName == null ? "in a claim" : "in a claim of spec `" + specName + "`",
        "a claim");
    read.requireKey(m, "wrt", SpecBuilder.CLAIM_KEYS, "the claim", "add `wrt:` naming the input (or definition) to differentiate by");
    read.requireKey(m, "claim", SpecBuilder.CLAIM_KEYS, "the claim", "add `claim:` with the claimed derivative");
    Located<String> of = name(m.get("of"), "`of`");
    Located<String> wrt = name(m.get("wrt"), "`wrt`");
    ExprText claim = null;
    YamlNode.Entry c = m.get("claim");
    if (c != null) {
      YamlNode.Scalar s = read.expression(c.value(), "`claim`");
      if (s != null) claim = s.text();
    }
    Layout layout = read.choice(m, "layout", Layout.class, List.of("numerator", "denominator", "vec"),
        Layout.NUMERATOR, "`numerator` (the default) puts the indices of `of` first, `denominator` those of `wrt`, `vec` "
            + "claims d vec(of) / d vec(wrt) as one matrix");
    Expect expect = read.choice(m, "expect", Expect.class, List.of("pass", "fail"), Expect.PASS,
        "write `expect: fail` for a claim known to be wrong; leave `expect` out otherwise");
    Double rtol = read.nonNegative(m, "rtol");
    Double atol = read.nonNegative(m, "atol");
    int order = 1;
    YamlNode.Entry o = m.get("order");
    if (o != null) {
      Long v = o.value() instanceof YamlNode.Scalar ? ((YamlNode.Scalar) o.value()).asLong() : null;
      if (v == null || (v != 1 && v != 2)) {
        read.badValue(o.value(), "`order`", "1 or 2", "`order: 2` claims the Hessian of a scalar `of`; leave `order` out for a first derivative");
      } else {
        order = v.intValue();
      }
    }
    String note = null;
    YamlNode.Entry nt = m.get("note");
    if (nt != null && !isNull(nt.value())) {
      YamlNode.Scalar s = read.scalarText(nt.value(), "`note`", "free text");
      if (s != null) note = s.value();
    }
    if (read.count() > before || wrt == null || claim == null) return null;
    boolean fromProgram = programs && claim.text().strip().equals(ClaimDecl.PROGRAM);
    return new ClaimDecl(index, of, wrt, claim, layout, expect, rtol, atol, note, m.span(), fromProgram, order);
  }

  private Located<String> name(YamlNode.Entry e, String what) {
    if (e == null) return null;
    YamlNode v = e.value();
    if (v instanceof YamlNode.Scalar && ValueReader.IDENT.matcher(((YamlNode.Scalar) v).value()).matches()
        && ((YamlNode.Scalar) v).kind() != YamlNode.Kind.NULL && ((YamlNode.Scalar) v).kind() != YamlNode.Kind.BOOL) {
      return Located.of(((YamlNode.Scalar) v).value(), v.span());
    }
    read.badValue(v, what, "the name of an input or definition", null);
    return null;
  }
}
