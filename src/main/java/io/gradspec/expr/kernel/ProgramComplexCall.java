package io.gradspec.expr.kernel;

import io.gradspec.program.NdArray;
import io.gradspec.program.Offer;
import io.gradspec.program.ProgramException;
import io.gradspec.spec.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * The complex form of a program function's call (`method: complex-step`): the tangent of {@code fn(a)} along
 * the arguments' tangents {@code t}, as the imaginary part of {@code fn(a + i h t) / h} that the program
 * computes on complex arguments (its hello says {@code "complex": true}). The first half of the
 * dependencies are the arguments, the second half their tangents. h is 1e-20 times the arguments' scale
 * over the tangents' (Martins et al.: far below any step that a term h^2 could reach in double precision,
 * far above the smallest normal number), so the program's own arithmetic is what is differentiated.
 */
public final class ProgramComplexCall extends Node {
  private static final double STEP = 1e-20;

  /** The call of the program's own function (its arguments' shapes, not the tangents'). */
  private final ProgramSite site;

  private ProgramComplexCall(Arena arena, int rows, int cols, int[] space, ProgramSite site, Node... deps) {
    super(arena, rows, cols, space, deps);
    this.site = site;
  }

  /** The node of shape {@code s}; {@code argsAndTangents}: the call's arguments, then as many tangents. */
  public static ProgramComplexCall make(Buffers at, io.gradspec.expr.shape.Shape s, ProgramSite site,
                                        Node... argsAndTangents) {
    return new ProgramComplexCall(at.arena(), at.rows(s), at.cols(s), at.space(s), site, argsAndTangents);
  }

  @Override public void compute() {
    int n = deps.length / 2;
    double scale = 1, tangent = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < deps[i].size(); j++) scale = Math.max(scale, Math.abs(deps[i].m.data[j]));
      for (int j = 0; j < deps[n + i].size(); j++) tangent = Math.max(tangent, Math.abs(deps[n + i].m.data[j]));
    }
    double[] out = m.data;
    if (!(tangent > 0) || !Double.isFinite(tangent)) {
      // no argument moves (the base point of the complex form): the tangent is 0, or not finite with them
      java.util.Arrays.fill(out, 0, size(), tangent == 0 ? 0.0 : Double.NaN);
      return;
    }
    double h = STEP * scale / tangent;
    List<NdArray> args = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double[] re = deps[i].m.data, im = deps[n + i].m.data;
      int len = deps[i].size();
      double[] z = new double[2 * len];
      for (int j = 0; j < len; j++) { z[2 * j] = re[j]; z[2 * j + 1] = h * im[j]; }
      args.add(new NdArray(site.argShapes()[i], z, true));
    }
    double[] v;
    String fn = site.fn();
    Span span = site.span();
    try {
      ProgramLink link = site.link();
      Offer o = link.client().offers().get(fn);
      if (o == null || !o.complex()) {
        throw new EvalException(span, "the program does not offer complex arguments for `" + fn + "`, which method"
            + " complex-step needs", "declared here")
            .withHelp("say `\"complex\": true` for `" + fn + "` in the program's hello (the Python adapter: `function(f,"
                + " complex=True)` for f written with NumPy operations), or check with `--method central`");
      }
      if (o.float32()) {
        throw new EvalException(span, "`" + fn + "` computes in float32: the complex step's tolerance is for double"
            + " precision", "declared here").withHelp("check a float32 program with `--method central`");
      }
      v = link.client().eval(fn, args, site.returns(), true);
    } catch (ProgramException e) {
      throw site.failure(e, "`" + site.text() + "` on complex arguments (method complex-step)");
    }
    for (int j = 0; j < size(); j++) out[j] = v[2 * j + 1] / h;
  }
}
