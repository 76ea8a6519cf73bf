package io.gradspec.check;

import io.gradspec.expr.eval.ClaimPlan;
import io.gradspec.expr.eval.Program;
import io.gradspec.expr.kernel.Node;
import io.gradspec.expr.sema.TypedSpec.ClaimInfo;
import io.gradspec.expr.shape.Shape;
import io.gradspec.math.IndexSpace;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * What the hints need from the program besides the comparison itself: for the missing-symmetric-part
 * hint, the claim's values with each square input matrix M (that `of` depends on, other than `wrt`)
 * replaced by M'.
 */
final class HintProbes {
  private HintProbes() {}

  /** Input name -> the claim's values with that input transposed. Leaves the program at its base point. */
  static Map<String, double[]> transposed(Program p, ClaimPlan plan, IndexSpace space) {
    Map<String, double[]> out = new LinkedHashMap<>();
    ClaimInfo ci = plan.info;
    for (var e : p.typed.inputs.entrySet()) {
      String m = e.getKey();
      Shape sh = e.getValue().shape();
      if (m.equals(ci.wrt()) || sh.rank() != 2 || !sh.rows().equals(sh.cols()) || !p.typed.dependsOn(ci.of(), m)) continue;
      Node node = p.inputs().get(m);
      double[] saved = node.data().clone();
      CommonOps_DDRM.transpose(node.m);
      p.evaluate();
      p.prepareClaims();
      out.put(m, claimValues(plan, space));
      System.arraycopy(saved, 0, node.data(), 0, saved.length);
      p.evaluate();
      p.prepareClaims();
    }
    return out;
  }

  /** Every value of a claim, row-major over the derivative's index space. */
  private static double[] claimValues(ClaimPlan plan, IndexSpace space) {
    if (!plan.isFormula()) return plan.value().data().clone();
    int n = (int) space.size();
    double[] out = new double[n];
    int[] t = new int[space.rank()];
    for (int f = 0; f < n; f++) {
      out[f] = plan.at(t);
      space.next(t);
    }
    return out;
  }
}
