package io.gradspec.check;

import io.gradspec.numeric.Precision;
import io.gradspec.check.hint.HintFinder;
import io.gradspec.check.hint.ShapeHints;
import io.gradspec.expr.eval.ClaimPlan;
import io.gradspec.expr.eval.MemoryPlan;
import io.gradspec.expr.eval.Program;
import io.gradspec.expr.kernel.EvalException;
import io.gradspec.expr.sema.TangentSpec;
import io.gradspec.expr.sema.TypedSpec.ClaimInfo;
import io.gradspec.expr.sema.TypedSpec;
import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.shape.Shape;
import io.gradspec.numeric.InputSampler;
import io.gradspec.result.ClaimResult;
import io.gradspec.result.ErrorGrid;
import io.gradspec.result.ErrorInfo;
import io.gradspec.result.Hint;
import io.gradspec.result.ProgramNoise;
import io.gradspec.result.ShapeMismatch;
import io.gradspec.result.SpecResult;
import io.gradspec.result.Status;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Diagnostics;
import io.gradspec.spec.Method;
import io.gradspec.spec.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks one spec: symbolic pass, one compile per dims map, then for every dims map and trial a fresh
 * random point, and for every claim a column-by-column comparison with central differences
 * ({@link ColumnComparison}, or {@link FastCheck} as {@link ModePolicy} decides). The first (dims, trial)
 * in which a claim fails is the one reported (contract §6); a failure is explained by hints.
 */
public final class Checker {
  private Checker() {}

  /** Loads nothing; checks (or, with {@code options.validateOnly()}, only compiles) a loaded spec. */
  public static SpecResult check(Spec spec, CheckOptions options) {
    return check(spec, options, true);
  }

  /** {@code hints} false: no hints (used when re-checking a suggested correction). */
  static SpecResult check(Spec spec, CheckOptions options, boolean hints) {
    return check(spec, options, hints, hints ? new SharedSweep.Memo() : null);
  }

  /** {@code memo}: the columns of the check whose suggested fix this re-checks (or the check's own), or null. */
  static SpecResult check(Spec spec, CheckOptions options, boolean hints, SharedSweep.Memo memo) {
    List<Program> programs = new ArrayList<>();
    List<ComplexForms> complexForms = new ArrayList<>();
    try {
      return check(spec, options, hints, programs, complexForms, memo);
    } finally {
      // the result holds copies of whatever it reports: the next spec may reuse these buffers
      for (ComplexForms f : complexForms) f.release();
      for (Program p : programs) p.release();
    }
  }

  /** Compiles into {@code programs} and {@code complexForms} (released by the caller). */
  private static SpecResult check(Spec spec, CheckOptions options, boolean hints, List<Program> programs,
                                  List<ComplexForms> complexForms, SharedSweep.Memo memo) {
    long start = System.nanoTime();
    Diagnostics diags = new Diagnostics();
    Deadline deadline = Deadline.after(options.limits().timeout());
    TypedSpec typed = Preparation.analyse(spec, options.limits(), diags);
    if (typed != null) {
      MemoryPlan memory = new MemoryPlan(options.limits().memoryBytes());
      for (Map<String, Integer> dims : spec.dims()) {
        Program p = Preparation.compile(typed, dims, options, diags, memory);
        if (p == null) break;
        programs.add(p);
      }
    }
    if (diags.hasErrors()) return errorResult(spec, diags, start);
    if (options.validateOnly()) return result(spec, Status.PASSED, diags, List.of(), start);
    Precision precision;
    try {
      precision = Preparation.precision(programs.get(0));
    } catch (EvalException e) {
      diags.add(Preparation.diagnostic(e));
      return errorResult(spec, diags, start);
    }
    CheckSettings settings = Settings.of(spec, options, precision);
    Diagnostic overBudget = Budget.check(typed, spec.dims(), settings, options.limits().maxEvaluations());
    if (overBudget == null) overBudget = Budget.terms(typed, spec.dims(), options.limits().maxTerms());
    if (overBudget != null) {
      diags.add(overBudget);
      return errorResult(spec, diags, start);
    }
    ComplexForms forms;
    try {
      forms = ComplexForms.of(typed, settings.method() == Method.COMPLEX_STEP);
    } catch (TangentSpec.NoComplexForm e) {
      diags.add(e.diagnostic);
      return errorResult(spec, diags, start);
    }
    if (forms != null) {
      complexForms.add(forms);
      MemoryPlan memory = new MemoryPlan(options.limits().memoryBytes());
      for (Program p : programs) if (!forms.compile(p, options, diags, memory)) return errorResult(spec, diags, start);
    }
    List<ClaimState> states = new ArrayList<>();
    for (ClaimInfo ci : typed.claims) {
      ClaimState st = new ClaimState(ci, Settings.tolerance(ci.decl(), spec, options, precision, settings.method()));
      if (ci.program() != null) st.source = Preparation.source(programs.get(0), ci, precision);
      st.symmetric = typed.perturbedSymmetrically(ci.wrt());
      states.add(st);
    }
    try {
      for (Program p : programs) {
        for (int trial = 0; trial < settings.trials(); trial++) {
          deadline.check();
          Preparation.draw(p, settings, trial, options.jobs() > 1);
          if (forms != null) forms.draw(p);
          SharedSweep shared = SharedSweep.of(states, settings, memo, p.dims, trial);
          for (int c = 0; c < states.size(); c++) {
            ClaimState st = states.get(c);
            if (st.done) continue;
            long t0 = System.nanoTime();
            ClaimCheck check = Preparation.claim(p, p.claims().get(c), settings, st.tol, options, deadline, forms);
            new Point(spec, p, trial, settings, options, hints, shared, memo).check(st, check);
            st.took(System.nanoTime() - t0);
          }
        }
      }
    } catch (Deadline.Expired e) {
      diags.add(e.diagnostic(spec));
      return errorResult(spec, diags, start);
    } catch (EvalException e) {
      diags.add(Preparation.diagnostic(e));
      return errorResult(spec, diags, start);
    }
    levels(states);
    List<ClaimResult> results = new ArrayList<>();
    for (ClaimState st : states) results.add(st.result(spec, settings.trials(), settings.seed(), settings.method()));
    return result(spec, specStatus(results), diags, results, start);
  }

  /**
   * A failed Hessian claim of a spec that also claims the gradient of the same `of` by the same `wrt` says
   * how that claim did, so the report tells which level is wrong.
   */
  private static void levels(List<ClaimState> states) {
    for (ClaimState h : states) {
      if (!h.info.decl().hessian() || !h.failed()) continue;
      ClaimState gradient = null;
      for (ClaimState g : states) {
        if (g.info.decl().hessian() || !g.info.of().equals(h.info.of()) || !g.info.wrt().equals(h.info.wrt())) continue;
        if (gradient == null || gradient.failed() && !g.failed()) gradient = g; // a passing one settles it
      }
      if (gradient == null) continue;
      String which = "the gradient claim (claim " + (gradient.info.decl().index() + 1) + ", d " + gradient.info.of()
          + " / d " + gradient.info.wrt() + ")";
      List<Hint> hints = new ArrayList<>(h.hints);
      hints.add(Hint.stated(gradient.failed() ? which + " fails too: fix the gradient first, the Hessian is its derivative"
          : which + " passes: the error is in the Hessian itself"));
      h.hints = hints;
    }
  }

  private static SpecResult result(Spec spec, Status status, Diagnostics diags, List<ClaimResult> claims, long start) {
    return new SpecResult(spec.file().displayPath(), spec.document(), spec.name().value(), status, null, diags.sorted(),
        claims, spec.indexBase(), ms(start));
  }

  private static SpecResult errorResult(Spec spec, Diagnostics diags, long start) {
    List<Diagnostic> all = diags.sorted();
    Diagnostic first = all.stream().filter(Diagnostic::isError).findFirst().orElse(all.get(0));
    return new SpecResult(spec.file().displayPath(), spec.document(), spec.name().value(), Status.ERROR,
        ErrorInfo.of(first), all, List.of(), spec.indexBase(), ms(start));
  }

  /** A spec's status from its claims': an error, else a failure, else an inconclusive claim, else passed. */
  static Status specStatus(List<ClaimResult> claims) {
    boolean failed = false, inconclusive = false, error = false;
    for (ClaimResult c : claims) {
      if (c.status() == Status.ERROR) error = true;
      if (c.status().isFailure()) failed = true;
      if (c.status() == Status.INCONCLUSIVE) inconclusive = true;
    }
    return error ? Status.ERROR : failed ? Status.FAILED : inconclusive ? Status.INCONCLUSIVE : Status.PASSED;
  }

  private static long ms(long start) { return (System.nanoTime() - start) / 1_000_000; }

  /** One (dims, trial) point of a spec, at which each claim still open is compared once. */
  private record Point(Spec spec, Program program, int trial, CheckSettings settings, CheckOptions options,
                       boolean hints, SharedSweep shared, SharedSweep.Memo memo) {
    /** Compares one claim here and adds the outcome to its state. */
    void check(ClaimState st, ClaimCheck check) {
      ClaimInfo ci = st.info;
      ClaimPlan plan = check.plan();
      Map<String, Integer> dims = program.dims;
      if (!ci.indexProblems().isEmpty()) {
        st.fail(dims, trial, plan.components, plan.components, 0, 0, List.of());
        st.hints = ci.indexProblems().stream().map(Hint::stated).toList();
        return;
      }
      if (!ci.shapeFits()) {
        wrongShape(st, check);
        return;
      }
      // a shared sweep: its first claim computes the columns (in column blocks on threads when it is dear:
      // f(x +- h e_k) is the same bits whatever was perturbed before, and each block's copy starts from the
      // base point's inputs) and keeps them, the others read them in one pass
      if (!program.typed.functions.isEmpty() && !ci.decl().hessian()) {
        // a program function may not be deterministic (GPU atomics): measure, and count its noise as round-off
        ProgramNoise noise = NoiseEstimate.measure(check);
        if (noise != null) {
          check = check.noisy(noise.relative());
          if (st.noise == null || noise.relative() > st.noise.relative()) st.noise = noise;
        }
      }
      ModePolicy.Choice choice = ModePolicy.choose(options.mode(), options.jobs(), check);
      if (choice.mode() != Mode.FULL && ci.program() != null) {
        // a vjp program's claim that its direct projections pass is never assembled (ProgramProjections)
        double[] est = ProgramProjections.agree(check, InputSampler.seed(settings.seed(), spec.name().value(), dims,
            trial, "direct projections of claim " + ci.decl().index()));
        if (est != null) {
          st.ran(Mode.FAST);
          st.agreed(est[0], est[1], 0, null);
          return;
        }
      }
      ColumnComparison r;
      if (choice.mode() == Mode.FULL) {
        r = choice.blocks() > 1 && !shared.computed(check) ? ColumnBlocks.run(program, check, choice.blocks(), shared)
            : ColumnComparison.run(check, shared);
        st.ran(Mode.FULL);
      } else {
        check.deadline().check();
        long seed = InputSampler.seed(settings.seed(), spec.name().value(), dims, trial,
            "fast-mode claim " + ci.decl().index());
        if (ci.decl().hessian()) {
          // a Hessian's projections; one that fails is checked in full, for exact offenders and hints
          r = new ColumnComparison(check, null);
          boolean agreed = HessianProjections.agree(check, seed, r);
          if (!agreed) r = ColumnComparison.run(check);
          st.ran(agreed ? Mode.FAST : Mode.FULL);
        } else {
          FastCheck.Outcome o = FastCheck.compare(check, seed, options.jobs());
          r = o.comparison();
          st.ran(o.mode());
        }
      }
      int base = spec.indexBase();
      st.refined(r.refinement(base), r.mismatches > 0);
      // (the Taylor test is of a first derivative: a Hessian has none)
      // (nor is it run when re-checking a suggested correction: only its verdict is wanted there)
      if (hints && !ci.decl().hessian() && (r.mismatches > 0 || options.taylorPassing() && st.taylor == null
          && dims.equals(spec.dims().get(0)) && trial == 0)) {
        st.taylor = TaylorCheck.run(check, InputSampler.seed(settings.seed(), spec.name().value(), dims, trial,
            "taylor test of claim " + ci.decl().index()));
      }
      if (r.mismatches > 0) {
        st.fail(dims, trial, plan.components, r.mismatches, r.maxAbs, r.maxRel, r.offenders(base));
        // a claim too large for full arrays has its grid's cells from the comparison itself (ColumnComparison.blocks)
        if (r.blocks != null) st.grid = r.blocks.grid();
        if (check.keepFull() && r.fullClaimed != null) {
          int[] sizes = check.space().whole().sizes();
          st.grid = ErrorGrid.of(sizes, r.fullClaimed, r.fullNumeric, r.fullFdError, st.tol);
          if (hints) {
            Map<String, double[]> probes = HintProbes.transposed(program, plan, check.space().whole());
            st.hints = HintFinder.find(ci, sizes, r.fullClaimed, r.fullNumeric, r.fullFdError, st.tol, base, probes,
                new FixRecheck(spec, ci.decl(), options, memo), st.symmetric);
            if (ci.decl().hessian()) st.hints = HessianSymmetry.withHint(st.hints, r.fullClaimed, check, st.tol, base);
          }
        }
        return;
      }
      st.agreed(r.maxAbs, r.maxRel, r.inconclusive,
          r.firstInconclusive == null ? null : check.reason(r.firstInconclusive, base, dims, trial));
    }

    /**
     * A claim of the wrong shape fails at once; whether its transpose fits, and would match, is a hint, and
     * the transposed comparison's error grid is the claim's picture (the HTML report's "the claim transposed").
     */
    private void wrongShape(ClaimState st, ClaimCheck check) {
      ClaimInfo ci = st.info;
      Map<String, Integer> dims = program.dims;
      List<Axis> space = ci.claimShape().indexSpace();
      List<Axis> expected = ci.claimExpected();
      boolean tFits = space.size() == 2 && List.of(space.get(1), space.get(0)).equals(expected);
      boolean tMatches = false;
      if (tFits) {
        ColumnComparison t = ColumnComparison.run(check.transposedClaim());
        tMatches = t.mismatches == 0 && t.inconclusive == 0;
        st.grid = t.blocks == null ? null : t.blocks.grid();
      }
      st.shape = new ShapeMismatch(sizes(space, dims), sizes(expected, dims), Shape.spaceString(space),
          Shape.spaceString(expected), tFits, tMatches);
      st.fail(dims, trial, check.plan().components, check.plan().components, 0, 0, List.of());
      st.hints = hints ? ShapeHints.of(ci, st.shape) : List.of();
    }

    private static List<Integer> sizes(List<Axis> space, Map<String, Integer> dims) {
      List<Integer> out = new ArrayList<>();
      for (Axis a : space) out.add((int) a.size(dims));
      return out;
    }
  }
}
