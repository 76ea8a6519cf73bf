package io.gradspec.expr.kernel;

import io.gradspec.program.NdArray;
import io.gradspec.program.Offer;
import io.gradspec.program.ProgramException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

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
    Ahead early = ahead;
    ahead = null;
    int arg = announcedArg(wrt, moving, ks);
    if (arg < 0) return;
    List<double[]> got = early != null && early.arg == arg && Arrays.equals(early.ks, ks) && Arrays.equals(early.values, values)
        ? early.take() : fetch(wrt, arg, ks, values, arguments());
    if (got == null) return;
    for (int p = 0; p < ks.length; p++) fetched.put(new Point(ks[p], Double.doubleToRawLongBits(values[p])), got.get(p));
    fetchedArg = arg;
  }

  /**
   * Starts fetching the points that {@link #announce} will be given next, on a thread of its own, so that
   * the program computes them while the sweep compares the columns in hand (one process, one request at a
   * time: the client keeps the order). The arguments are copied at the base point first, since the sweep
   * goes on moving `wrt`'s buffer.
   */
  void prefetch(Node wrt, Set<Node> moving, int[] ks, double[] values) {
    ahead = null;
    int arg = announcedArg(wrt, moving, ks);
    if (arg < 0) return;
    List<NdArray> args = new ArrayList<>(deps.length);
    for (int i = 0; i < deps.length; i++) {
      double[] at = i == arg ? wrt.base : deps[i].m.data;
      args.add(new NdArray(site.argShapes()[i], Arrays.copyOf(at, deps[i].size())));
    }
    FutureTask<List<double[]>> task = new FutureTask<>(() -> fetch(wrt, arg, ks, values, args));
    Thread t = new Thread(task, "gradspec-prefetch-" + site.fn());
    t.setDaemon(true);
    t.start();
    ahead = new Ahead(arg, ks, values, task);
  }

  /** A fetch started ahead of its announcement. */
  private record Ahead(int arg, int[] ks, double[] values, FutureTask<List<double[]>> task) {
    List<double[]> take() throws ProgramException {
      try {
        return task.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProgramException(ProgramException.Kind.INTERRUPTED, "interrupted while waiting for the program");
      } catch (ExecutionException e) {
        if (e.getCause() instanceof ProgramException pe) throw pe;
        if (e.getCause() instanceof RuntimeException re) throw re;
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  private Ahead ahead;

  /** The argument that {@code wrt} is when it is one argument of this call and nothing else it reads moves; else -1. */
  private int announcedArg(Node wrt, Set<Node> moving, int[] ks) {
    int arg = -1;
    for (int i = 0; i < deps.length; i++) {
      if (deps[i] == wrt) {
        if (arg >= 0) return -1; // f(x, x): a point moves two arguments
        arg = i;
      } else if (moving.contains(deps[i])) {
        return -1;
      }
    }
    if (arg < 0 || (long) ks.length * size() > MAX_FETCHED_NUMBERS) return -1;
    return arg;
  }

  /** f at the points, by {@code perturb} or {@code batch}; null when the program offers neither. */
  private List<double[]> fetch(Node wrt, int arg, int[] ks, double[] values, List<NdArray> base) throws ProgramException {
    ProgramLink link = site.link();
    String fn = site.fn();
    Offer o = link.client().offers().get(fn);
    if (o.has("perturb")) {
      double[] delta = new double[ks.length];
      for (int p = 0; p < ks.length; p++) delta[p] = values[p] - wrt.base[ks[p]];
      return link.client().perturb(fn, base, arg, ks, delta, site.returns());
    }
    if (!o.has("batch")) return null;
    List<List<NdArray>> points = new ArrayList<>(ks.length);
    for (int p = 0; p < ks.length; p++) {
      List<NdArray> args = new ArrayList<>(base);
      double[] moved = Arrays.copyOf(wrt.base, wrt.size());
      moved[ks[p]] = values[p];
      args.set(arg, new NdArray(site.argShapes()[arg], moved));
      points.add(args);
    }
    return link.client().evalMany(fn, points, site.returns());
  }

  List<NdArray> arguments() { return site.arguments(deps); }

  /** A fault of the program as an evaluation error at the call, with the program's words. */
  EvalException failure(ProgramException e) {
    return site.failure(e, "in `" + site.text() + "`");
  }
}
