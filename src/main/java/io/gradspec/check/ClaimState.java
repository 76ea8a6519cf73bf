package io.gradspec.check;

import io.gradspec.expr.sema.DerivativeSpace;
import io.gradspec.expr.sema.TypedSpec.ClaimInfo;
import io.gradspec.expr.shape.Axis;
import io.gradspec.result.ClaimResult;
import io.gradspec.result.ErrorGrid;
import io.gradspec.result.Hint;
import io.gradspec.result.InconclusiveReason;
import io.gradspec.result.Offender;
import io.gradspec.result.ShapeMismatch;
import io.gradspec.result.Status;
import io.gradspec.result.Tolerance;
import io.gradspec.spec.ClaimDecl;
import io.gradspec.spec.Expect;
import io.gradspec.spec.Method;
import io.gradspec.spec.Spec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One claim's verdict, accumulated across dims maps and trials: the first failure ends it (and is the one
 * reported, contract §6); otherwise the largest errors seen, and the first inconclusive component.
 */
final class ClaimState {
  final ClaimInfo info;
  final Tolerance tol;
  boolean done;
  private boolean failed;

  /** Whether the claim has failed in some (dims, trial). */
  boolean failed() { return failed; }
  private Map<String, Integer> dims;
  private int trial;
  private long components;
  private long mismatches;
  private double maxAbs;
  private double maxRel;
  private List<Offender> offenders = List.of();
  List<Hint> hints = List.of();
  ShapeMismatch shape;
  ErrorGrid grid;
  /** For `claim: program`: the operation and precision that supplied it (null for a claim the spec writes). */
  io.gradspec.result.ClaimSource source;
  private InconclusiveReason inconclusive;
  private io.gradspec.result.Refinement refinement;
  /** `wrt` is declared `perturb: symmetric`. */
  boolean symmetric;
  /** The largest noise measured in a program that is not deterministic, or null ({@link NoiseEstimate}). */
  io.gradspec.result.ProgramNoise noise;
  /** The Taylor test at the reported point, or null ({@link TaylorCheck}). */
  io.gradspec.result.TaylorTest taylor;
  private long inconclusiveCount;
  /** The mode of the last comparison (the failing one, once failed), and whether any ran fast. */
  private Mode mode = Mode.FULL;
  private boolean anyFast;
  /** Time spent comparing this claim (with its hints and their re-checks), over every dims map and trial. */
  private long nanos;

  ClaimState(ClaimInfo info, Tolerance tol) {
    this.info = info;
    this.tol = tol;
  }

  void ran(Mode m) {
    mode = m;
    anyFast |= m == Mode.FAST;
  }

  void took(long elapsedNanos) { nanos += elapsedNanos; }

  /** The claim failed at this point; it is not checked again. */
  void fail(Map<String, Integer> at, int atTrial, long comps, long mism, double abs, double rel, List<Offender> off) {
    done = true;
    failed = true;
    dims = at;
    trial = atTrial;
    components = comps;
    mismatches = mism;
    maxAbs = abs;
    maxRel = rel;
    offenders = off;
  }

  /** Adds what confirming this point's disagreements found (a failure's replaces what passing points found). */
  void refined(io.gradspec.result.Refinement r, boolean failedHere) {
    refinement = failedHere ? r : io.gradspec.result.Refinement.merge(refinement, r);
  }

  /** The claim agreed at this point, up to {@code inconclusiveComponents} it could not judge (the first named by {@code reason}). */
  void agreed(double abs, double rel, long inconclusiveComponents, InconclusiveReason reason) {
    maxAbs = Math.max(maxAbs, abs);
    maxRel = Math.max(maxRel, rel);
    if (inconclusiveComponents > 0 && inconclusive == null) {
      inconclusive = reason;
      inconclusiveCount = inconclusiveComponents;
    }
  }

  ClaimResult result(Spec spec, int trials, long seed, Method method) {
    ClaimDecl d = info.decl();
    Status status;
    if (failed) status = d.expect() == Expect.FAIL ? Status.XFAILED : Status.FAILED;
    else if (inconclusive != null) status = Status.INCONCLUSIVE;
    else status = d.expect() == Expect.FAIL ? Status.XPASSED : Status.PASSED;
    Map<String, Integer> shownDims = failed ? dims : inconclusive != null ? inconclusive.dims() : spec.dims().get(0);
    int shownTrial = failed ? trial : inconclusive != null ? inconclusive.trial() : 0;
    int[] sizes = DerivativeSpace.sizes(info.expected(), shownDims);
    List<Integer> space = new ArrayList<>();
    long comps = 1;
    for (int v : sizes) {
      space.add(v);
      comps *= v;
    }
    List<String> symbols = new ArrayList<>();
    for (Axis a : info.expected()) symbols.add(a.toString());
    return new ClaimResult(d.index(), info.of(), info.wrt(), d.layout(), d.expect(), status,
        new LinkedHashMap<>(shownDims), shownTrial, trials, seed, space, symbols, info.axisNames(), info.indexNames(),
        failed ? components : comps, failed ? mismatches : (inconclusive != null ? inconclusiveCount : 0),
        maxAbs, maxRel, offenders, hints, null, shape, d.claim().whole(), d.claim().text(), d.note(),
        tol.rtol(), tol.atol(), method.word(), inconclusive, nanos / 1_000_000,
        (failed ? mode == Mode.FAST : anyFast) ? Mode.FAST.word() : Mode.FULL.word(), grid,
        Math.max(0, spec.dims().indexOf(shownDims)), source, refinement, symmetric, taylor, noise, d.order());
  }
}
