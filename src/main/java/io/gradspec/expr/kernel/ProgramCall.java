package io.gradspec.expr.kernel;

import io.gradspec.program.NdArray;
import io.gradspec.program.Offer;
import io.gradspec.program.ProgramException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A call of a program function: its value is the program's {@code eval} of the arguments' values. A
 * perturbation that reaches an argument recomputes it through the program; one that reaches nothing of
 * it costs nothing. When the points of a column sweep are announced ({@link #announce}) and the perturbed
 * input is an argument itself, they are fetched in one {@code perturb} (or {@code batch}) request and
 * served from that, instead of one request per point.
 */
public final class ProgramCall extends Node {
  /** What one announcement may hold, in numbers of the result (about 128 MiB). */
  static final long MAX_FETCHED_NUMBERS = 1L << 24;

  private final ProgramSite site;

  /** Results fetched for announced points: the perturbed argument, then (flat index, value bits) -> f. */
  private int fetchedArg = -1;
  private final Map<Point, double[]> fetched = new HashMap<>();

  private record Point(int k, long bits) {}

  private ProgramCall(Arena arena, int rows, int cols, int[] space, ProgramSite site, Node... deps) {
    super(arena, rows, cols, space, deps);
    this.site = site;
  }

  /** A call node of shape {@code s} (its buffers from {@code at}); shapes are the protocol's, as declared. */
  public static ProgramCall make(Buffers at, io.gradspec.expr.shape.Shape s, ProgramSite site, Node... args) {
    return new ProgramCall(at.arena(), at.rows(s), at.cols(s), at.space(s), site, args);
  }

  public String function() { return site.fn(); }

  @Override public void compute() {
    double[] v;
    try {
      v = site.link().client().eval(site.fn(), arguments(), site.returns());
    } catch (ProgramException e) {
      throw failure(e);
    }
    System.arraycopy(v, 0, m.data, 0, size());
  }

  @Override void computeDirty() {
    if (!anyDepDirty()) return;
    double[] hit = fetchedAt();
    if (hit != null) System.arraycopy(hit, 0, m.data, 0, size());
    else compute();
    markAll();
  }

  /** The fetched value for the current point: only one entry of the announced argument moved, nothing else. */
  private double[] fetchedAt() {
    if (fetchedArg < 0 || fetched.isEmpty()) return null;
    for (int i = 0; i < deps.length; i++) if (i != fetchedArg && deps[i].isDirty()) return null;
    Node a = deps[fetchedArg];
    if (a.dirtyAll || a.dirtyCount != 1) return null;
    int k = a.dirtyIdx[0];
    return fetched.get(new Point(k, Double.doubleToRawLongBits(a.m.data[k])));
  }

  /**
   * The sweep will next evaluate at {@code wrt}'s entry {@code ks[p]} set to {@code values[p]}, each
   * alone: when {@code wrt} is one argument of this call and nothing else it reads moves with it
   * ({@code moving} are the nodes a perturbation of {@code wrt} recomputes), fetch those points now.
   */
  void announce(Node wrt, Set<Node> moving, int[] ks, double[] values) throws ProgramException {
    fetched.clear();
    fetchedArg = -1;
    int arg = -1;
    for (int i = 0; i < deps.length; i++) {
      if (deps[i] == wrt) {
        if (arg >= 0) return; // f(x, x): a point moves two arguments
        arg = i;
      } else if (moving.contains(deps[i])) {
        return;
      }
    }
    if (arg < 0 || (long) ks.length * size() > MAX_FETCHED_NUMBERS) return;
    ProgramLink link = site.link();
    String fn = site.fn();
    Offer o = link.client().offers().get(fn);
    List<double[]> got;
    if (o.has("perturb")) {
      double[] delta = new double[ks.length];
      for (int p = 0; p < ks.length; p++) delta[p] = values[p] - wrt.base[ks[p]];
      got = link.client().perturb(fn, arguments(), arg, ks, delta, site.returns());
    } else if (o.has("batch")) {
      List<List<NdArray>> points = new ArrayList<>(ks.length);
      for (int p = 0; p < ks.length; p++) {
        List<NdArray> args = arguments();
        double[] moved = wrt.m.data.clone();
        moved[ks[p]] = values[p];
        args.set(arg, new NdArray(site.argShapes()[arg], moved));
        points.add(args);
      }
      got = link.client().evalMany(fn, points, site.returns());
    } else {
      return;
    }
    for (int p = 0; p < ks.length; p++) fetched.put(new Point(ks[p], Double.doubleToRawLongBits(values[p])), got.get(p));
    fetchedArg = arg;
  }

  List<NdArray> arguments() { return site.arguments(deps); }

  /** A fault of the program as an evaluation error at the call, with the program's words. */
  EvalException failure(ProgramException e) {
    return site.failure(e, "in `" + site.text() + "`");
  }
}
