package io.gradspec.result;

import io.gradspec.spec.Layout;
import io.gradspec.spec.Method;
import io.gradspec.spec.Span;
import java.util.List;
import java.util.Map;

/**
 * One component of one claim, worked through as scalars, in the spirit of the seed tutorial: the claimed
 * formula with its indices substituted and its value; the perturbed input component, h, f(x + h) and
 * f(x - h) of the `of` component; the numeric value; each term of the error bound; and the verdict. Made
 * by {@code check.Explainer} with the checker's own preparation and comparison, so the numbers and the
 * verdict are the ones {@code check} found.
 *
 * @param claimNumber  1-based position of the claim in the spec
 * @param index        the component's index tuple, in the spec's index base, over the derivative's space
 * @param ofElement    the `of` component, e.g. {@code Y[0, 1]} (just the name for a scalar)
 * @param wrtElement   the perturbed input component, e.g. {@code z[2]}
 * @param substituted  an index formula's body with its indices replaced by numbers, or null
 * @param valued       the same with every element read replaced by its value, or null when it adds nothing
 * @param shapeProblem why the claim has no value at this index (wrong shape), or null
 * @param h            half the step actually taken, (x+ - x-) / 2 (for Richardson: the finer step)
 * @param why          what made an inconclusive component inconclusive, or null
 * @param refinement   what re-estimating the component at smaller steps found (check.Confirmation):
 *                     {estimate, error} where it agreed only at smaller steps or its failure was
 *                     confirmed, {left, right, nearest} at a kink where the claim is a subgradient, or
 *                     empty when it agreed at the default step
 * @param mirrorElement under `perturb: symmetric`, the component that moves with {@code wrtElement}
 *                     ({@code A[1, 0]} for {@code A[0, 1]}), or null
 * @param vecIndex     for a claim in vec layout, the component's row and column in the claim's matrix (in the
 *                     index base; one number when `of` or `wrt` is a scalar), else null
 */
public record Explanation(String file, String specName, int claimNumber, String of, String wrt, Layout layout,
                          String claimText, Span claimSpan, Map<String, Integer> dims, int dimsIndex, int dimsCount,
                          int trial, int trials, long seed, Method method, List<String> indexSymbols,
                          List<Integer> indexSpace, List<String> indexNames, int[] index, String ofElement,
                          String wrtElement, String substituted, String valued, String shapeProblem,
                          double claimed, double x, double h, double xPlus, double xMinus, double f,
                          double fPlus, double fMinus, double numeric, double atol, double rtol, double fdError,
                          double absError, double tolerance, Verdict verdict, InconclusiveReason why,
                          double[] refinement, String mirrorElement, int[] vecIndex) {

  /** Whether the component agrees. */
  public enum Verdict { AGREES, DISAGREES, INCONCLUSIVE }

  /** rtol * max(|claimed|, |numeric|): the relative term of the bound. */
  public double rtolTerm() { return rtol * Math.max(Math.abs(claimed), Math.abs(numeric)); }
}
