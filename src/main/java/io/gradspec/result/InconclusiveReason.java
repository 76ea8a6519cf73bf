package io.gradspec.result;

import java.util.Map;

/**
 * Why a component could not be judged, as data: the first such component of an inconclusive claim (or the
 * one {@code explain} worked through). {@code report.ReasonWording} puts it into words.
 *
 * @param verdict  how the component compared: one of the inconclusive {@link Tolerance.Verdict}s, or
 *                 SWAMPED when the round-off bound exceeded every value of its column
 * @param stepLost the step rounded to 0 at the perturbed input: x + h and x - h are the same number
 * @param of       the differentiated name
 * @param wrt      the input perturbed
 * @param index    the component's index tuple over the derivative's index space, in the spec's index base
 * @param wrtIndex the perturbed component of `wrt`, in the spec's index base (empty for a scalar)
 * @param wrtValue its value x
 * @param step     the relative step
 * @param claimed  the claimed value
 * @param numeric  the numeric value
 * @param fPlus    f(x + h) of the `of` component
 * @param fMinus   f(x - h)
 * @param fdError  the round-off bound of the numeric value
 * @param dims     the dims map
 * @param trial    the trial (0-based)
 * @param stated   a reason already in words (a stage that words its own), or null
 * @param evidence the numbers behind a reason found by re-estimating at smaller steps: for KINK the
 *                 one-sided derivatives {left, right}; for UNSETTLED pairs {h, estimate} largest step first;
 *                 for CANCELLATION {largest intermediate, its round-off bound on the numeric value}
 */
public record InconclusiveReason(Tolerance.Verdict verdict, boolean stepLost, String of, String wrt, int[] index,
                                 int[] wrtIndex, double wrtValue, double step, double claimed, double numeric,
                                 double fPlus, double fMinus, double fdError, Map<String, Integer> dims, int trial,
                                 String stated, double[] evidence) {
  /** A reason without evidence. */
  public InconclusiveReason(Tolerance.Verdict verdict, boolean stepLost, String of, String wrt, int[] index,
                            int[] wrtIndex, double wrtValue, double step, double claimed, double numeric,
                            double fPlus, double fMinus, double fdError, Map<String, Integer> dims, int trial,
                            String stated) {
    this(verdict, stepLost, of, wrt, index, wrtIndex, wrtValue, step, claimed, numeric, fPlus, fMinus, fdError, dims,
        trial, stated, new double[0]);
  }

  /** A reason given in words. */
  public static InconclusiveReason stated(String text) {
    return new InconclusiveReason(null, false, null, null, new int[0], new int[0], Double.NaN, Double.NaN, Double.NaN,
        Double.NaN, Double.NaN, Double.NaN, Double.NaN, Map.of(), 0, text);
  }
}
