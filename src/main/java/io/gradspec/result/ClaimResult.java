package io.gradspec.result;

import io.gradspec.spec.Expect;
import io.gradspec.spec.Layout;
import io.gradspec.spec.Span;
import java.util.List;
import java.util.Map;

/**
 * The verdict on one claim, with everything a report prints. For a failed claim the fields describe the
 * first (dims, trial) in which it failed; for a passing claim, its largest errors over all of them.
 *
 * @param index        0-based position of the claim in the spec's {@code claims} list
 * @param indexSpace   numeric sizes of the derivative's index space
 * @param indexSymbols symbolic axes of the index space, e.g. ["C", "D"]
 * @param axisNames    domain names of each axis for hints, e.g. ["y", "x"] or ["Y row", "Y col", "z"]
 * @param indexNames   names for the index header, e.g. ["i", "j", "k"]
 * @param trials       how many trials ran per dims map
 * @param seed         the run seed used to draw the inputs
 * @param mode         "full" or "fast": how the claim was compared (for a failed claim, in the reported
 *                     trial; for a passing one, "fast" when any trial was)
 * @param hints        what the failure's pattern suggests, as data ({@code report.HintWording} words them)
 * @param inconclusiveReason the first component that could not be judged, or null
 * @param durationMs   time spent comparing this claim (its hints and their re-checks included), over every
 *                     dims map and trial
 * @param grid         the error pattern of a failed claim, for pictures (downsampled into blocks above
 *                     {@link ErrorGrid#MAX_CELLS} components); for a claim of the wrong shape whose transpose
 *                     fits, the pattern of the claim transposed; null when the claim did not fail, failed for
 *                     a shape whose transpose does not fit, or was not compared whole in one pass (fast
 *                     mode's localised columns; column blocks of a comparison without confirmation)
 * @param dimsIndex    0-based position of {@code dims} in the spec's list of dims maps (for {@code explain})
 * @param refinement   what re-estimating disagreeing components at smaller steps found (for a failed claim,
 *                     at the reported point; otherwise over every point), or null when nothing disagreed
 * @param symmetric    `wrt` is declared `perturb: symmetric`: the claim was checked under the convention of a
 *                     symmetric matrix (A[i, j] and A[j, i] moved together)
 * @param taylor       the Taylor test at the reported point (every failed claim; a passing one's with
 *                     --verbose), or null
 * @param noise        how noisy the program was, when it was not deterministic (README, "Noisy programs"), or null
 */
public record ClaimResult(int index, String of, String wrt, Layout layout, Expect expect, Status status,
                          Map<String, Integer> dims, int trial, int trials, long seed,
                          List<Integer> indexSpace, List<String> indexSymbols, List<String> axisNames,
                          List<String> indexNames,
                          long components, long mismatches, double maxAbsError, double maxRelError,
                          List<Offender> offenders, List<Hint> hints, ErrorInfo error, ShapeMismatch shape,
                          Span claimSpan, String claimText, String note, double rtol, double atol,
                          String method, InconclusiveReason inconclusiveReason, long durationMs, String mode,
                          ErrorGrid grid, int dimsIndex, ClaimSource source, Refinement refinement,
                          boolean symmetric, TaylorTest taylor, ProgramNoise noise, int order) {
  public ClaimResult {
    offenders = List.copyOf(offenders);
    hints = List.copyOf(hints);
  }

  /** Whether it claims a Hessian ({@code order: 2}). */
  public boolean hessian() { return order == 2; }

  /** A result for the first dims map ({@code dimsIndex} 0). */
  public ClaimResult(int index, String of, String wrt, Layout layout, Expect expect, Status status,
                     Map<String, Integer> dims, int trial, int trials, long seed,
                     List<Integer> indexSpace, List<String> indexSymbols, List<String> axisNames,
                     List<String> indexNames,
                     long components, long mismatches, double maxAbsError, double maxRelError,
                     List<Offender> offenders, List<Hint> hints, ErrorInfo error, ShapeMismatch shape,
                     Span claimSpan, String claimText, String note, double rtol, double atol,
                     String method, InconclusiveReason inconclusiveReason, long durationMs, String mode, ErrorGrid grid) {
    this(index, of, wrt, layout, expect, status, dims, trial, trials, seed, indexSpace, indexSymbols, axisNames,
        indexNames, components, mismatches, maxAbsError, maxRelError, offenders, hints, error, shape, claimSpan,
        claimText, note, rtol, atol, method, inconclusiveReason, durationMs, mode, grid, 0, null, null, false, null, null, 1);
  }
}
