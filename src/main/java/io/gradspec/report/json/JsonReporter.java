package io.gradspec.report.json;

import io.gradspec.report.HintWording;
import io.gradspec.report.ReasonWording;
import io.gradspec.report.Reporter;
import io.gradspec.result.ClaimResult;
import io.gradspec.result.ErrorInfo;
import io.gradspec.result.Offender;
import io.gradspec.result.Refinement;
import io.gradspec.result.RunResult;
import io.gradspec.result.ShapeMismatch;
import io.gradspec.result.SpecResult;
import io.gradspec.result.Summary;
import io.gradspec.result.TaylorTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract §4 JSON document, field for field and in the contract's order; the fields this
 * implementation adds come after the contract's in each object (spec: document, index_base, duration_ms;
 * claim: claim, note, rtol, atol, method, mode, trials, seed, index_symbols, shape, source, inconclusive_reason,
 * duration_ms; top level: duration_ms). {@code shape} is present only for a claim of the wrong shape
 * (contract §6), {@code source} only for {@code claim: program} (§7). Non-finite numbers are written as null.
 */
public final class JsonReporter implements Reporter {
  private final boolean durations;

  /** @param durations whether to write the {@code duration_ms} fields (golden tests leave them out) */
  public JsonReporter(boolean durations) { this.durations = durations; }

  /** The document as a string, ending with a line break. */
  @Override public String render(RunResult run) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("gradspec", run.version());
    doc.put("seed", run.seed());
    doc.put("exit_code", run.exitCode());
    doc.put("summary", summary(run.summary()));
    List<Object> specs = new ArrayList<>();
    for (SpecResult s : run.specs()) specs.add(spec(s));
    doc.put("specs", specs);
    if (durations) doc.put("duration_ms", run.durationMs());
    return Json.write(doc);
  }

  private static Map<String, Object> summary(Summary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("specs", s.specs());
    m.put("claims", s.claims());
    m.put("passed", s.passed());
    m.put("failed", s.failed());
    m.put("xfailed", s.xfailed());
    m.put("xpassed", s.xpassed());
    m.put("inconclusive", s.inconclusive());
    m.put("errors", s.errors());
    return m;
  }

  private Map<String, Object> spec(SpecResult s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", s.file());
    m.put("name", s.name());
    m.put("status", s.status().word());
    m.put("error", error(s.error()));
    List<Object> claims = new ArrayList<>();
    for (ClaimResult c : s.claims()) claims.add(claim(c));
    m.put("claims", claims);
    m.put("document", s.document());
    m.put("index_base", s.indexBase());
    if (durations) m.put("duration_ms", s.durationMs());
    // an addition: a spec's warnings (an inner product broadcast over a matrix), each as an error object
    List<Object> warnings = new ArrayList<>();
    for (io.gradspec.spec.Diagnostic d : s.diagnostics()) if (!d.isError()) warnings.add(error(ErrorInfo.of(d)));
    if (!warnings.isEmpty()) m.put("warnings", warnings);
    return m;
  }

  private Map<String, Object> claim(ClaimResult c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("of", c.of());
    m.put("wrt", c.wrt());
    m.put("layout", c.layout() == null ? null : c.layout().word());
    m.put("expect", c.expect() == null ? null : c.expect().word());
    // only a Hessian says its order, so that every first-order report keeps its bytes
    if (c.hessian()) m.put("order", 2);
    m.put("status", c.status().word());
    m.put("dims", c.dims() == null ? Map.of() : new LinkedHashMap<String, Object>(c.dims()));
    m.put("trial", c.trial());
    m.put("index_space", c.indexSpace() == null ? List.of() : List.copyOf(c.indexSpace()));
    m.put("components", c.components());
    m.put("mismatches", c.mismatches());
    m.put("max_abs_error", c.maxAbsError());
    m.put("max_rel_error", c.maxRelError());
    List<Object> offenders = new ArrayList<>();
    for (Offender o : c.offenders()) offenders.add(offender(o));
    m.put("offenders", offenders);
    m.put("hints", HintWording.lines(c));
    m.put("error", error(c.error()));
    // additions, after the contract's fields
    m.put("claim", c.claimText());
    if (c.claimSpan() != null && c.claimSpan().file() != null) {
      // where the claim is written, for editors and code-scanning annotations
      Map<String, Object> at = new LinkedHashMap<>();
      at.put("file", c.claimSpan().file().displayPath());
      at.put("line", c.claimSpan().line());
      at.put("column", c.claimSpan().column());
      m.put("location", at);
    }
    m.put("note", c.note());
    m.put("rtol", c.rtol());
    m.put("atol", c.atol());
    m.put("method", c.method());
    m.put("mode", c.mode());
    m.put("trials", c.trials());
    m.put("seed", c.seed());
    m.put("index_symbols", c.indexSymbols() == null ? List.of() : List.copyOf(c.indexSymbols()));
    if (c.shape() != null) m.put("shape", shape(c.shape()));
    if (c.source() != null) {
      // claim: program (contract §7): the operation that supplied the claim, and the program's precision
      Map<String, Object> src = new LinkedHashMap<>();
      src.put("operation", c.source().operation());
      src.put("dtype", c.source().dtype());
      m.put("source", src);
    }
    m.put("inconclusive_reason", ReasonWording.text(c.inconclusiveReason()));
    if (c.refinement() != null) m.put("refinement", refinement(c.refinement()));
    if (c.symmetric()) m.put("perturb", "symmetric");
    if (c.taylor() != null) m.put("taylor", taylor(c.taylor()));
    if (c.noise() != null) {
      // README, "Noisy programs": the program gave different values at the same point
      Map<String, Object> n = new LinkedHashMap<>();
      n.put("evaluations", c.noise().evaluations());
      n.put("max_deviation", c.noise().maxDeviation());
      n.put("relative", c.noise().relative());
      n.put("step", c.noise().step());
      m.put("noise", n);
    }
    if (durations) m.put("duration_ms", c.durationMs());
    return m;
  }

  /** What re-estimating disagreeing components at smaller steps found (README, "Confirming a failure"). */
  private static Map<String, Object> refinement(Refinement r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("columns", r.columns());
    m.put("confirmed", r.confirmed());
    m.put("refined", r.refined());
    m.put("unchecked", r.unchecked());
    m.put("evidence", estimates(r.evidence()));
    m.put("refined_example", estimates(r.example()));
    List<Map<String, Object>> kinks = new ArrayList<>();
    for (Refinement.Kink k : r.kinks()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("index", Arrays.stream(k.index()).boxed().toList());
      e.put("wrt_index", Arrays.stream(k.wrtIndex()).boxed().toList());
      e.put("x", k.x());
      e.put("claimed", k.claimed());
      e.put("left", k.left());
      e.put("right", k.right());
      e.put("accepted", k.accepted());
      kinks.add(e);
    }
    m.put("kinks", kinks);
    m.put("kink_count", r.kinkCount());
    return m;
  }

  /** The Taylor test (README, "The Taylor test"): steps largest first, remainders, floors, orders (null: round-off). */
  private static Map<String, Object> taylor(TaylorTest t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("claim_order", t.claimOrder());
    m.put("numeric_order", t.numericOrder());
    m.put("steps", Arrays.stream(t.steps()).boxed().toList());
    m.put("claim_remainders", Arrays.stream(t.claimRemainders()).boxed().toList());
    m.put("numeric_remainders", Arrays.stream(t.numericRemainders()).boxed().toList());
    m.put("claim_floors", Arrays.stream(t.claimFloors()).boxed().toList());
    m.put("numeric_floors", Arrays.stream(t.numericFloors()).boxed().toList());
    return m;
  }

  private static Map<String, Object> estimates(Refinement.Estimates e) {
    if (e == null) return null;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", Arrays.stream(e.index()).boxed().toList());
    m.put("wrt_index", Arrays.stream(e.wrtIndex()).boxed().toList());
    m.put("x", e.x());
    m.put("claimed", e.claimed());
    m.put("steps", Arrays.stream(e.steps()).boxed().toList());
    m.put("estimates", Arrays.stream(e.estimates()).boxed().toList());
    m.put("extrapolated", e.value());
    m.put("error", e.error());
    return m;
  }

  private static Map<String, Object> offender(Offender o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", Arrays.stream(o.index()).boxed().toList());
    m.put("claimed", o.claimed());
    m.put("numeric", o.numeric());
    m.put("abs_error", o.absError());
    m.put("tolerance", o.tolerance());
    if (o.vecIndex() != null) m.put("vec_index", Arrays.stream(o.vecIndex()).boxed().toList());
    return m;
  }

  private static Map<String, Object> shape(ShapeMismatch s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("claimed", List.copyOf(s.claimed()));
    m.put("expected", List.copyOf(s.expected()));
    return m;
  }

  private static Map<String, Object> error(ErrorInfo e) {
    if (e == null) return null;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("message", e.message());
    m.put("file", e.file());
    // 0 means "no position" in ErrorInfo; JSON says so with null rather than an invalid 1-based number
    m.put("line", e.line() > 0 ? e.line() : null);
    m.put("column", e.column() > 0 ? e.column() : null);
    // additions: what the text report says around the message ("did you mean ...?"), so every format says it
    if (e.diagnostic() != null) {
      m.put("code", e.diagnostic().code());
      m.put("notes", List.copyOf(e.diagnostic().notes()));
      m.put("help", List.copyOf(e.diagnostic().help()));
    }
    return m;
  }
}
