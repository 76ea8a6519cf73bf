package io.gradspec.check;

import io.gradspec.check.hint.HintFinder;
import io.gradspec.expr.eval.ClaimPlan;
import io.gradspec.expr.eval.Compiler;
import io.gradspec.expr.eval.Program;
import io.gradspec.expr.kernel.EvalException;
import io.gradspec.expr.kernel.Perturbation;
import io.gradspec.expr.sema.ShapeChecker;
import io.gradspec.expr.sema.TypedSpec.ClaimInfo;
import io.gradspec.expr.sema.TypedSpec;
import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.shape.Shape;
import io.gradspec.math.IndexSpace;
import io.gradspec.numeric.InputSampler;
import io.gradspec.result.ClaimResult;
import io.gradspec.result.ErrorGrid;
import io.gradspec.result.ErrorInfo;
import io.gradspec.result.Offender;
import io.gradspec.result.ShapeMismatch;
import io.gradspec.result.SpecResult;
import io.gradspec.result.Status;
import io.gradspec.result.Tolerance;
import io.gradspec.run.RunOptions;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.ClaimDecl;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Diagnostics;
import io.gradspec.spec.Expect;
import io.gradspec.spec.Method;
import io.gradspec.spec.Spec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks one spec: symbolic pass, one compile per dims map, then for every dims map and trial a fresh
 * random point, and for every claim a column-by-column comparison with central differences. The first
 * (dims, trial) in which a claim fails is the one reported (contract §6).
 */
public final class Checker {
  /** Full claimed/numeric arrays are kept for hints only up to this many components. */
  static final int HINT_LIMIT = 1 << 20;

  private Checker() {}

  /** Loads nothing; checks (or, with {@code options.validateOnly()}, only compiles) a loaded spec. */
  public static SpecResult check(Spec spec, RunOptions options) {
    return check(spec, options, true);
  }

  /** {@code hints} false: no hints (used when re-checking a suggested correction). */
  private static SpecResult check(Spec spec, RunOptions options, boolean hints) {
    List<Program> programs = new ArrayList<>();
    try {
      return check(spec, options, hints, programs);
    } finally {
      // the result holds copies of whatever it reports: the next spec may reuse these buffers
      for (Program p : programs) p.release();
    }
  }

  /** Compiles into {@code programs} (released by the caller). */
  private static SpecResult check(Spec spec, RunOptions options, boolean hints, List<Program> programs) {
    long start = System.nanoTime();
    Diagnostics diags = new Diagnostics();
    String file = spec.file().displayPath();
    String name = spec.name().value();
    Deadline deadline = Deadline.after(options.limits().timeout());
    TypedSpec typed = ShapeChecker.check(spec, diags, options.limits().maxExprLength());
    if (typed != null) {
      for (Map<String, Integer> dims : spec.dims()) {
        Program p = Compiler.compile(typed, dims, diags, options.limits().maxElements());
        if (p == null) break;
        programs.add(p);
      }
    }
    if (diags.hasErrors()) return errorResult(spec, diags, start);
    if (options.validateOnly()) {
      return new SpecResult(file, spec.document(), name, Status.PASSED, null, diags.sorted(), List.of(),
          spec.indexBase(), ms(start));
    }
    CheckSettings settings = settings(spec, options);
    Diagnostic overBudget = Budget.check(typed, spec.dims(), settings, options.limits().maxEvaluations());
    if (overBudget != null) {
      diags.add(overBudget);
      return errorResult(spec, diags, start);
    }
    int trials = settings.trials();
    long seed = settings.seed();
    List<ClaimState> states = new ArrayList<>();
    for (ClaimInfo ci : typed.claims) states.add(new ClaimState(ci, tolerance(ci.decl(), spec.check(), options.explicit())));
    try {
      for (Program p : programs) {
        for (int trial = 0; trial < trials; trial++) {
          deadline.check();
          InputSampler.draw(p, seed, name, trial, options.jobs() > 1);
          p.evaluate();
          p.prepareClaims();
          for (int c = 0; c < states.size(); c++) {
            ClaimState st = states.get(c);
            if (st.done) continue;
            runOne(st, p, p.claims().get(c), trial, settings, options, hints ? spec : null, deadline);
          }
        }
      }
    } catch (Deadline.Expired e) {
      diags.add(e.diagnostic(spec));
      return errorResult(spec, diags, start);
    } catch (EvalException e) {
      Diagnostic d = Diagnostic.error("eval", e.span(), e.getMessage());
      if (e.label() != null) d = d.withLabel(e.label());
      if (e.note() != null) d = d.withNote(e.note());
      if (e.help() != null) d = d.withHelp(e.help());
      diags.add(d);
      return errorResult(spec, diags, start);
    }
    List<ClaimResult> results = new ArrayList<>();
    for (ClaimState st : states) results.add(st.result(spec, trials, seed, settings.method(), spec.indexBase()));
    Status status = specStatus(results);
    return new SpecResult(file, spec.document(), name, status, null, diags.sorted(), results, spec.indexBase(), ms(start));
  }

  private static SpecResult errorResult(Spec spec, Diagnostics diags, long start) {
    List<Diagnostic> all = diags.sorted();
    Diagnostic first = all.stream().filter(Diagnostic::isError).findFirst().orElse(all.get(0));
    return new SpecResult(spec.file().displayPath(), spec.document(), spec.name().value(), Status.ERROR,
        ErrorInfo.of(first), all, List.of(), spec.indexBase(), ms(start));
  }

  static Status specStatus(List<ClaimResult> claims) {
    boolean failed = false, inconclusive = false, error = false;
    for (ClaimResult c : claims) {
      if (c.status() == Status.ERROR) error = true;
      if (c.status().isFailure()) failed = true;
      if (c.status() == Status.INCONCLUSIVE) inconclusive = true;
    }
    return error ? Status.ERROR : failed ? Status.FAILED : inconclusive ? Status.INCONCLUSIVE : Status.PASSED;
  }

  /** A spec's check settings: the defaults (with the run seed), then the spec's own, then explicit CLI flags. */
  static CheckSettings settings(Spec spec, RunOptions options) {
    return new CheckSettings(CheckSettings.DEFAULT_TRIALS, options.seed(), Method.CENTRAL, CheckSettings.DEFAULT_STEP,
        CheckSettings.DEFAULT_RTOL, CheckSettings.DEFAULT_ATOL)
        .overriddenBy(spec.check()).overriddenBy(options.explicit());
  }

  /** The claim's tolerances: explicit CLI flag, then the claim's own, then the spec's, then defaults. */
  static Tolerance tolerance(ClaimDecl c, CheckSettings spec, CheckSettings cli) {
    double rtol = CheckSettings.DEFAULT_RTOL, atol = CheckSettings.DEFAULT_ATOL;
    if (spec != null && spec.rtol() != null) rtol = spec.rtol();
    if (spec != null && spec.atol() != null) atol = spec.atol();
    if (c.rtol() != null) rtol = c.rtol();
    if (c.atol() != null) atol = c.atol();
    if (cli.rtol() != null) rtol = cli.rtol();
    if (cli.atol() != null) atol = cli.atol();
    return new Tolerance(rtol, atol);
  }

  private static long ms(long start) { return (System.nanoTime() - start) / 1_000_000; }

  /** Checks one claim at the current point. {@code hintSpec} non-null: explain a failure with hints. */
  private static void runOne(ClaimState st, Program p, ClaimPlan plan, int trial, CheckSettings s, RunOptions options,
                             Spec hintSpec, Deadline deadline) {
    int maxOffenders = options.maxOffenders();
    ClaimInfo ci = st.info;
    int[] ofSizes = sizes(ci.ofSpace(), p.dims);
    int[] wrtSizes = sizes(ci.wrtSpace(), p.dims);
    if (!ci.indexProblems().isEmpty()) {
      st.fail(p.dims, trial, plan.components, plan.components, 0, 0, List.of());
      st.hints = ci.indexProblems();
      return;
    }
    Perturbation pert = p.perturbation(ci.of(), ci.wrt());
    if (!ci.shapeFits()) {
      // a claim of the wrong shape fails at once; say whether its transpose fits, and would match
      Shape cs = ci.claimShape();
      List<Axis> space = cs.indexSpace();
      boolean tFits = space.size() == 2 && List.of(space.get(1), space.get(0)).equals(ci.expected());
      boolean tMatches = false;
      if (tFits) {
        ColumnComparison t = ColumnComparison.run(plan, pert, s.step(), st.tol, 0, s.method() == Method.RICHARDSON, false, true, ofSizes, wrtSizes, ci.of(), ci.wrt(), deadline);
        tMatches = t.mismatches == 0 && t.inconclusive == 0;
      }
      st.shape = new ShapeMismatch(numeric(space, p.dims), numeric(ci.expected(), p.dims),
          Shape.spaceString(space), Shape.spaceString(ci.expected()), tFits, tMatches);
      st.fail(p.dims, trial, plan.components, plan.components, 0, 0, List.of());
      st.hints = hintSpec == null ? List.of() : HintFinder.forShape(ci, st.shape);
      return;
    }
    boolean keep = plan.components <= HINT_LIMIT;
    boolean rich = s.method() == Method.RICHARDSON;
    ColumnComparison r;
    int n = pert.size();
    Mode mode = options.mode().resolve(n);
    long compared = -1;
    if (options.mode() == Mode.AUTO && mode == Mode.FAST && plan.isFormula() && plan.support() != null) {
      // a sparse formula claim: the full check compares only its support and what each perturbation
      // changes, so it stays cheap far beyond AUTO_FULL_LIMIT (and is exact, where fast mode must read the
      // whole claim on every projection)
      compared = ColumnComparison.comparedComponents(plan, pert, ofSizes);
      if (compared <= FastCheck.AUTO_FULL_COMPARED) mode = Mode.FULL;
    }
    if (mode == Mode.FULL) {
      int blocks = Math.min(options.jobs(), n / MIN_BLOCK_COLUMNS);
      if (blocks >= 2 && compared < 0) compared = ColumnComparison.comparedComponents(plan, pert, ofSizes);
      if (blocks < 2 || compared < MIN_PARALLEL_COMPONENTS) {
        r = ColumnComparison.run(plan, pert, s.step(), st.tol, maxOffenders, rich, keep, false, ofSizes, wrtSizes,
            ci.of(), ci.wrt(), deadline);
      } else {
        r = blocks(p, plan, pert, blocks, s.step(), st.tol, maxOffenders, rich, keep, ofSizes, wrtSizes, deadline);
      }
      st.ran(Mode.FULL);
    } else {
      deadline.check();
      long seed = InputSampler.seed(s.seed(), p.typed.spec.name().value(), p.dims, trial, "fast-mode claim " + ci.decl().index());
      FastCheck.Outcome o = FastCheck.compare(plan, pert, s.step(), st.tol, maxOffenders, rich, keep,
          ofSizes, wrtSizes, ci.of(), ci.wrt(), seed, deadline, options.jobs());
      r = o.comparison();
      st.ran(o.mode());
    }
    int[] expSizes = sizes(ci.expected(), p.dims);
    List<Offender> offenders = new ArrayList<>();
    int base = p.typed.spec.indexBase();
    for (int i = 0; i < r.worstFlat.size(); i++) {
      double[] v = r.worstValues.get(i);
      offenders.add(new Offender(tuple(r.worstFlat.get(i)[0], expSizes, base), v[0], v[1], v[2], v[3]));
    }
    st.components = plan.components;
    if (r.mismatches > 0) {
      st.fail(p.dims, trial, plan.components, r.mismatches, r.maxAbs, r.maxRel, offenders);
      if (keep && r.fullClaimed != null) {
        st.grid = ErrorGrid.of(expSizes, r.fullClaimed, r.fullNumeric, r.fullFdError, st.tol);
        if (hintSpec != null) {
          Map<String, double[]> probes = transposedProbes(p, plan, expSizes);
          st.hints = HintFinder.find(ci, expSizes, r.fullClaimed, r.fullNumeric, r.fullFdError, st.tol, base, probes,
              fix -> recheck(hintSpec, ci.decl(), fix, options));
        }
      }
      return;
    }
    st.maxAbs = Math.max(st.maxAbs, r.maxAbs);
    st.maxRel = Math.max(st.maxRel, r.maxRel);
    if (r.inconclusive > 0 && st.inconclusiveReason == null) {
      int[] idx = tuple(r.inconclusiveFlat, expSizes, base);
      String where = " (dims " + p.dims.toString().replace("=", ": ") + ", trial " + trial + ")";
      if (r.inconclusiveStepLost) {
        int m = pert.outputSize();
        int k = (int) (ci.decl().layout() != io.gradspec.spec.Layout.DENOMINATOR ? r.inconclusiveFlat % n : r.inconclusiveFlat / m);
        st.inconclusiveReason = "the step rounds to 0 at " + ci.wrt() + (wrtSizes.length == 0 ? "" : java.util.Arrays.toString(tuple(k, wrtSizes, base)))
            + " = " + pert.get(k) + ": x + h and x - h are the same number at step " + s.step()
            + ", so nothing was perturbed (d " + ci.of() + " / d " + ci.wrt() + " index " + java.util.Arrays.toString(idx)
            + where.substring(2);
      } else {
        st.inconclusiveReason = r.inconclusiveReason.replaceFirst("component \\d+$", "index " + java.util.Arrays.toString(idx))
            + where;
      }
      st.inconclusiveDims = p.dims;
      st.inconclusiveTrial = trial;
      st.inconclusiveCount = r.inconclusive;
    }
  }

  /** Column blocks are worth a thread only from this many columns and components. */
  static final int MIN_BLOCK_COLUMNS = 256;
  static final long MIN_PARALLEL_COMPONENTS = 1 << 15;

  /**
   * The same comparison split into column blocks on the fork-join pool. Each extra block works on its own
   * copy of the program (compiled again, inputs copied, evaluated at the same base point), so its
   * numbers are exactly those of a single pass; {@link ColumnComparison#merge} then restores single-pass
   * order. Reports are therefore identical whatever the number of threads.
   */
  private static ColumnComparison blocks(Program p, ClaimPlan plan, Perturbation pert, int blocks, double step,
                                         Tolerance tol, int maxOffenders, boolean rich, boolean keep,
                                         int[] ofSizes, int[] wrtSizes, Deadline deadline) {
    int n = pert.size(), m = pert.outputSize();
    double[][] full = keep ? ColumnComparison.fullArrays(m, n) : null;
    int claimIndex = p.claims().indexOf(plan);
    List<Program> copies = java.util.Collections.synchronizedList(new ArrayList<>());
    try {
      return blocks(p, plan, pert, blocks, step, tol, maxOffenders, rich, full, ofSizes, wrtSizes, deadline, claimIndex,
          copies);
    } finally {
      synchronized (copies) { for (Program c : copies) c.release(); }
    }
  }

  private static ColumnComparison blocks(Program p, ClaimPlan plan, Perturbation pert, int blocks, double step,
                                         Tolerance tol, int maxOffenders, boolean rich, double[][] full,
                                         int[] ofSizes, int[] wrtSizes, Deadline deadline, int claimIndex,
                                         List<Program> copies) {
    ClaimInfo ci = plan.info;
    int n = pert.size();
    List<java.util.concurrent.Callable<ColumnComparison>> work = new ArrayList<>();
    for (int b = 0; b < blocks; b++) {
      int from = (int) ((long) n * b / blocks), to = (int) ((long) n * (b + 1) / blocks);
      boolean first = b == 0;
      work.add(() -> {
        ClaimPlan pl = plan;
        Perturbation pt = pert;
        if (!first) {
          Program copy = Compiler.compile(p.typed, p.dims, new Diagnostics(), Long.MAX_VALUE);
          copies.add(copy);
          for (var e : p.inputs().entrySet()) {
            double[] src = e.getValue().data();
            System.arraycopy(src, 0, copy.inputs().get(e.getKey()).data(), 0, src.length);
          }
          copy.evaluate();
          copy.prepareClaims();
          pl = copy.claims().get(claimIndex);
          pt = copy.perturbation(ci.of(), ci.wrt());
        }
        return ColumnComparison.run(pl, pt, step, tol, maxOffenders, rich, full, false, ofSizes, wrtSizes,
            ci.of(), ci.wrt(), from, to, deadline);
      });
    }
    List<ColumnComparison> parts;
    try (Workers workers = new Workers(blocks)) {
      parts = workers.all(work);
    }
    return ColumnComparison.merge(parts, maxOffenders);
  }

  /**
   * For the missing-symmetric-part hint: the claim's values with each square input matrix M (that `of`
   * depends on, other than `wrt`) replaced by M'. Leaves the program at its base point.
   */
  private static Map<String, double[]> transposedProbes(Program p, ClaimPlan plan, int[] expSizes) {
    Map<String, double[]> out = new LinkedHashMap<>();
    ClaimInfo ci = plan.info;
    for (var e : p.typed.inputs.entrySet()) {
      String m = e.getKey();
      Shape sh = e.getValue().shape();
      if (m.equals(ci.wrt()) || sh.rank() != 2 || !sh.rows().equals(sh.cols()) || !p.typed.dependsOn(ci.of(), m)) continue;
      var node = p.inputs().get(m);
      double[] saved = node.data().clone();
      org.ejml.dense.row.CommonOps_DDRM.transpose(node.m);
      p.evaluate();
      p.prepareClaims();
      out.put(m, claimValues(plan, expSizes));
      System.arraycopy(saved, 0, node.data(), 0, saved.length);
      p.evaluate();
      p.prepareClaims();
    }
    return out;
  }

  /** Every value of a claim, row-major over the derivative's index space. */
  private static double[] claimValues(ClaimPlan plan, int[] sizes) {
    if (!plan.isFormula()) return plan.value().data().clone();
    int n = 1;
    for (int v : sizes) n *= v;
    double[] out = new double[n];
    int[] t = new int[sizes.length];
    for (int f = 0; f < n; f++) {
      IndexSpace.unflatten(f, sizes, t);
      out[f] = plan.at(t);
    }
    return out;
  }

  /** Runs the spec with only this claim, corrected; true when it then passes everywhere. */
  private static boolean recheck(Spec spec, ClaimDecl d, HintFinder.Fix fix, RunOptions options) {
    io.gradspec.spec.ExprText text = d.claim();
    if (fix.claimText() != null) {
      var file = new io.gradspec.spec.SourceFile(spec.file().path(), spec.file().displayPath(), fix.claimText());
      text = io.gradspec.spec.ExprText.verbatim(fix.claimText(), file, 0);
    }
    ClaimDecl nd = new ClaimDecl(0, d.of(), d.wrt(), text, fix.layout() == null ? d.layout() : fix.layout(),
        Expect.PASS, d.rtol(), d.atol(), d.note(), d.span());
    Spec one = new Spec(spec.file(), spec.document(), spec.name(), spec.description(), spec.tags(), spec.indexBase(),
        spec.dims(), spec.dimsSpans(), spec.inputs(), spec.defines(), List.of(nd), spec.check(), spec.span());
    SpecResult r = check(one, options, false);
    return r.status() == Status.PASSED;
  }

  static int[] sizes(List<Axis> space, Map<String, Integer> dims) {
    int[] s = new int[space.size()];
    for (int i = 0; i < s.length; i++) s[i] = (int) space.get(i).size(dims);
    return s;
  }

  private static List<Integer> numeric(List<Axis> space, Map<String, Integer> dims) {
    List<Integer> out = new ArrayList<>();
    for (Axis a : space) out.add((int) a.size(dims));
    return out;
  }

  static int[] tuple(long flat, int[] sizes, int base) {
    int[] t = new int[sizes.length];
    IndexSpace.unflatten(flat, sizes, t);
    for (int i = 0; i < t.length; i++) t[i] += base;
    return t;
  }

  /** Accumulates one claim's verdict across dims maps and trials. */
  private static final class ClaimState {
    final ClaimInfo info;
    final Tolerance tol;
    boolean done;
    boolean failed;
    Map<String, Integer> dims;
    int trial;
    long components;
    long mismatches;
    double maxAbs;
    double maxRel;
    List<Offender> offenders = List.of();
    List<String> hints = List.of();
    ShapeMismatch shape;
    ErrorGrid grid;
    String inconclusiveReason;
    /** The mode of the last comparison (the failing one, once failed), and whether any ran fast. */
    Mode mode = Mode.FULL;
    boolean anyFast;
    Map<String, Integer> inconclusiveDims;
    int inconclusiveTrial;
    long inconclusiveCount;

    ClaimState(ClaimInfo info, Tolerance tol) { this.info = info; this.tol = tol; }

    void ran(Mode m) {
      mode = m;
      anyFast |= m == Mode.FAST;
    }

    void fail(Map<String, Integer> dims, int trial, long comps, long mism, double maxAbs, double maxRel, List<Offender> off) {
      this.done = true;
      this.failed = true;
      this.dims = dims;
      this.trial = trial;
      this.components = comps;
      this.mismatches = mism;
      this.maxAbs = maxAbs;
      this.maxRel = maxRel;
      this.offenders = off;
    }

    ClaimResult result(Spec spec, int trials, long seed, Method method, int base) {
      ClaimDecl d = info.decl();
      Status status;
      if (failed) status = d.expect() == Expect.FAIL ? Status.XFAILED : Status.FAILED;
      else if (inconclusiveReason != null) status = Status.INCONCLUSIVE;
      else status = d.expect() == Expect.FAIL ? Status.XPASSED : Status.PASSED;
      Map<String, Integer> shownDims = failed ? dims : inconclusiveReason != null ? inconclusiveDims : spec.dims().get(0);
      int shownTrial = failed ? trial : inconclusiveReason != null ? inconclusiveTrial : 0;
      List<Integer> space = numeric(info.expected(), shownDims);
      long comps = 1;
      for (int v : space) comps *= v;
      List<String> symbols = new ArrayList<>();
      for (Axis a : info.expected()) symbols.add(a.toString());
      return new ClaimResult(d.index(), info.of(), info.wrt(), d.layout(), d.expect(), status,
          new LinkedHashMap<>(shownDims), shownTrial, trials, seed, space, symbols, info.axisNames(), info.indexNames(),
          failed ? components : comps, failed ? mismatches : (inconclusiveReason != null ? inconclusiveCount : 0),
          maxAbs, maxRel, offenders, hints, null, shape, d.claim().whole(), d.claim().text(), d.note(),
          tol.rtol(), tol.atol(), method.word(), inconclusiveReason, 0,
          (failed ? mode == Mode.FAST : anyFast) ? Mode.FAST.word() : Mode.FULL.word(), grid,
          Math.max(0, spec.dims().indexOf(shownDims)));
    }
  }
}
