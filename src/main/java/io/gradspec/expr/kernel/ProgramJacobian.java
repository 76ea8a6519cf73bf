package io.gradspec.expr.kernel;

import io.gradspec.program.NdArray;
import io.gradspec.program.Offer;
import io.gradspec.program.ProgramClient;
import io.gradspec.program.ProgramException;
import java.util.ArrayList;
import java.util.List;

/**
 * The claimed derivative of {@code claim: program} (contract §7): the program's own derivative of one
 * call with respect to one of its arguments, assembled into the claim's layout from whichever operation
 * the program offers ({@link #operation}): {@code vjp} (one request carries many one-hot cotangents, a
 * row each), {@code jacobian} (one request), or {@code jvp} (many one-hot tangents, a column each).
 */
public final class ProgramJacobian extends Node {
  /** Numbers one request may carry, out and back together (the client cuts replies at about this too). */
  static final long MAX_REQUEST_NUMBERS = 2_000_000;

  private final ProgramSite site;
  private final int wrt;
  private final boolean numerator;

  private ProgramJacobian(Arena arena, int rows, int cols, int[] space, ProgramSite site, int wrt, boolean numerator,
                          Node... args) {
    super(arena, rows, cols, space, args);
    this.site = site;
    this.wrt = wrt;
    this.numerator = numerator;
  }

  /** The claim node of shape {@code s} for the derivative of the call at {@code site} wrt argument {@code wrt}. */
  public static ProgramJacobian make(Buffers at, io.gradspec.expr.shape.Shape s, ProgramSite site, int wrt,
                                     boolean numerator, Node... args) {
    return new ProgramJacobian(at.arena(), at.rows(s), at.cols(s), at.space(s), site, wrt, numerator, args);
  }

  /**
   * The operation that supplies the claim when the program offers several: {@code vjp} first (it is what
   * a backward pass is, and what ML code ships), then {@code jacobian}, then {@code jvp}; null when it
   * offers none of them.
   */
  public static String operation(Offer o) {
    if (o.has("vjp")) return "vjp";
    if (o.has("jacobian")) return "jacobian";
    if (o.has("jvp")) return "jvp";
    return null;
  }

  /** Whether {@link #compute} deferred the assembly ({@link #assemble} does it on first read). */
  private boolean stale;

  /**
   * Defers the assembly to the first read of the claim ({@link #assemble}, through the claim plan's value):
   * fast mode can first project the program's vjp directly ({@link #vjpRow}), and a claim those projections
   * pass never needs the m cotangents the whole claim takes.
   */
  @Override public void compute() { stale = true; }

  /** The claim assembled at the current point, if {@link #compute} deferred it. */
  public void assemble() {
    if (!stale) return;
    stale = false;
    fill();
  }

  /** Whether the program supplies this claim by vjp, which {@link #vjpRow} projects. */
  public boolean byVjp() {
    try {
      return "vjp".equals(operation(site.link().client().offers().get(site.fn())));
    } catch (ProgramException e) {
      return false;
    }
  }

  /**
   * {@code u' J} for each cotangent u over `of` (row-major, as the program's value): the program's vjp in one
   * request, each the gradient of `wrt` (row-major over its index space).
   */
  public List<double[]> vjpRows(List<double[]> cotangents) {
    try {
      List<NdArray> cot = new ArrayList<>(cotangents.size());
      for (double[] u : cotangents) cot.add(new NdArray(site.returns(), u));
      List<double[]> out = new ArrayList<>(cotangents.size());
      for (List<double[]> g : site.link().client().vjp(site.fn(), arguments(), cot, List.of(site.argShapes()))) {
        out.add(g.get(wrt));
      }
      return out;
    } catch (ProgramException e) {
      throw site.failure(e, "in the program's derivative of `" + site.text() + "`");
    }
  }

  private void fill() {
    try {
      ProgramClient client = site.link().client();
      String fn = site.fn();
      int[][] argShapes = site.argShapes();
      int[] returns = site.returns();
      Offer o = client.offers().get(fn);
      String op = operation(o);
      if (op == null) {
        throw new EvalException(site.span(), "`claim: program` needs the program's derivative of `" + fn
            + "`, but its hello offers only " + String.join(", ", o.ops()), "no vjp, jvp or jacobian")
            .withHelp("offer `vjp` (a backward pass), `jvp` or `jacobian` for `" + fn + "`, or write the claim in the spec");
      }
      List<NdArray> args = arguments();
      int rows = (int) NdArray.count(returns);
      int cols = (int) NdArray.count(argShapes[wrt]);
      double[] d = m.data;
      switch (op) {
        case "jacobian" -> {
          int[] shape = new int[returns.length + argShapes[wrt].length];
          System.arraycopy(returns, 0, shape, 0, returns.length);
          System.arraycopy(argShapes[wrt], 0, shape, returns.length, argShapes[wrt].length);
          double[] j = client.jacobian(fn, args, wrt, shape);
          for (int i = 0; i < rows; i++) for (int k = 0; k < cols; k++) put(d, i, k, rows, cols, j[i * cols + k]);
        }
        case "vjp" -> {
          ProgramGradients memo = site.link().gradients();
          double[] known = memo == null ? null : memo.find(fn, args, wrt);
          if (known != null) {
            for (int i = 0; i < rows; i++) for (int k = 0; k < cols; k++) put(d, i, k, rows, cols, known[i * cols + k]);
            return;
          }
          // the other arguments' gradients come back anyway: keep those that fit, for their own claims
          double[][] keep = new double[argShapes.length][];
          long room = ProgramGradients.MAX_KEPT;
          for (int a = 0; a < argShapes.length; a++) {
            long size = rows * NdArray.count(argShapes[a]);
            if (a != wrt && size <= room) {
              keep[a] = new double[(int) size];
              room -= size;
            }
          }
          long per = rows;
          for (int[] a : argShapes) per += NdArray.count(a);
          int chunk = (int) Math.max(1, Math.min(rows, MAX_REQUEST_NUMBERS / per));
          // the one-hot cotangents of each request, made when it is sent (m of them are m^2 numbers)
          List<List<NdArray>> requests = new java.util.AbstractList<>() {
            @Override public List<NdArray> get(int c) {
              List<NdArray> cot = new ArrayList<>();
              for (int i = c * chunk; i < Math.min(rows, (c + 1) * chunk); i++) cot.add(oneHot(returns, rows, i));
              return cot;
            }

            @Override public int size() { return (rows + chunk - 1) / chunk; }
          };
          client.vjp(fn, args, requests, List.of(argShapes), (c, g) -> {
            int from = c * chunk;
            for (int i = from; i < from + g.size(); i++) {
              double[] row = g.get(i - from).get(wrt);
              for (int k = 0; k < cols; k++) put(d, i, k, rows, cols, row[k]);
              for (int a = 0; a < keep.length; a++) {
                if (keep[a] == null) continue;
                int len = keep[a].length / rows;
                System.arraycopy(g.get(i - from).get(a), 0, keep[a], i * len, len);
              }
            }
          });
          if (memo != null) memo.keep(fn, args, keep);
        }
        default -> {
          int chunk = (int) Math.max(1, Math.min(cols, MAX_REQUEST_NUMBERS / ((long) rows + cols)));
          for (int from = 0; from < cols; from += chunk) {
            int to = Math.min(cols, from + chunk);
            List<NdArray> tan = new ArrayList<>(to - from);
            for (int k = from; k < to; k++) tan.add(oneHot(argShapes[wrt], cols, k));
            List<double[]> v = client.jvp(fn, args, wrt, tan, returns);
            for (int k = from; k < to; k++) {
              double[] col = v.get(k - from);
              for (int i = 0; i < rows; i++) put(d, i, k, rows, cols, col[i]);
            }
          }
        }
      }
    } catch (ProgramException e) {
      throw site.failure(e, "in the program's derivative of `" + site.text() + "`");
    }
  }

  /** Entry (i, k) of d of / d wrt, in the claim's layout. */
  private void put(double[] d, int i, int k, int rows, int cols, double v) {
    d[numerator ? i * cols + k : k * rows + i] = v;
  }

  private static NdArray oneHot(int[] shape, int n, int at) {
    double[] e = new double[n];
    e[at] = 1;
    return new NdArray(shape, e);
  }

  private List<NdArray> arguments() { return site.arguments(deps); }
}
