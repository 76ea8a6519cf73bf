package io.gradspec.expr.eval;

import io.gradspec.expr.builtin.Bounds;
import io.gradspec.expr.builtin.Builtin;
import io.gradspec.expr.builtin.Builtins;
import io.gradspec.expr.kernel.Node;
import io.gradspec.expr.sema.DerivativeSpace;
import io.gradspec.expr.sema.TypedSpec.ClaimInfo;
import io.gradspec.expr.sema.TypedSpec.IndexRef;
import io.gradspec.expr.sema.TypedSpec.IndexSlot;
import io.gradspec.expr.sema.TypedSpec.Ref;
import io.gradspec.expr.sema.TypedSpec;
import io.gradspec.expr.syntax.BinaryOp;
import io.gradspec.expr.syntax.Expr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Builds a claim's {@link ClaimSupport} from its compiled formula: the top-level product's `delta` pins,
 * and a bound on the other factors evaluated at each point. Returns null whenever in doubt.
 */
final class SupportAnalysis {
  private final TypedSpec t;
  private final Map<String, Integer> dims;
  private final int base;
  /** The hoisted node of each index-free subexpression of the body, as compiled. */
  private final IdentityHashMap<Expr, Node> hoisted;
  /** The target node of each element access of the body, as compiled. */
  private final IdentityHashMap<Expr, Node> targets;

  private SupportAnalysis(TypedSpec t, Map<String, Integer> dims, int base, IdentityHashMap<Expr, Node> hoisted,
                          IdentityHashMap<Expr, Node> targets) {
    this.t = t;
    this.dims = dims;
    this.base = base;
    this.hoisted = hoisted;
    this.targets = targets;
  }

  static ClaimSupport of(TypedSpec t, Map<String, Integer> dims, int base, ClaimInfo ci,
                         IdentityHashMap<Expr, Node> hoisted, IdentityHashMap<Expr, Node> targets) {
    return new SupportAnalysis(t, dims, base, hoisted, targets).run(ci);
  }

  private ClaimSupport run(ClaimInfo ci) {
    List<IndexSlot> slots = ci.formulaSlots();
    DerivativeSpace space = ci.space();
    int ofRank = space.ofAxes().size();
    if (slots == null || slots.size() != space.rank()) return null;
    // header slot -> (side, axis): side 0 = of, 1 = wrt
    Map<Integer, int[]> where = new HashMap<>();
    for (int p = 0; p < slots.size(); p++) {
      int ofAxis = p - space.ofAt();
      boolean isOf = ofAxis >= 0 && ofAxis < ofRank;
      int axis = isOf ? ofAxis : p - space.wrtAt();
      if (where.put(slots.get(p).slot, new int[] {isOf ? 0 : 1, axis}) != null) return null;
    }
    List<Expr> factors = new ArrayList<>();
    flatten(ci.entry().formula().body(), factors);
    List<int[]> pins = new ArrayList<>();
    List<Double> pinValues = new ArrayList<>();
    List<int[]> cols = new ArrayList<>();
    List<Double> colValues = new ArrayList<>();
    List<DoubleSupplier> rest = new ArrayList<>();
    for (Expr f : factors) {
      if (pin(f, where, pins, pinValues, cols, colValues)) continue;
      DoubleSupplier b = bound(f);
      if (b == null) return null;
      rest.add(b);
    }
    if (pins.isEmpty() && cols.isEmpty()) return null;
    int[] ofAxis = new int[pins.size()], wrtAxis = new int[pins.size()];
    double[] value = new double[pins.size()];
    for (int p = 0; p < pins.size(); p++) {
      ofAxis[p] = pins.get(p)[0];
      wrtAxis[p] = pins.get(p)[1];
      value[p] = pinValues.get(p);
    }
    int[] colA = new int[cols.size()], colB = new int[cols.size()];
    double[] colValue = new double[cols.size()];
    for (int q = 0; q < cols.size(); q++) {
      colA[q] = cols.get(q)[0];
      colB[q] = cols.get(q)[1];
      colValue[q] = colValues.get(q);
    }
    DoubleSupplier[] r = rest.toArray(new DoubleSupplier[0]);
    DoubleSupplier total = () -> {
      double b = 1;
      for (DoubleSupplier s : r) b = Bounds.cap(b * Math.max(1.0, s.getAsDouble()));
      return b;
    };
    return new ClaimSupport(ofAxis, wrtAxis, value, colA, colB, colValue, base, total);
  }

  /** The factors of a top-level product, through unary minus and (scalar) transposes. */
  private void flatten(Expr e, List<Expr> out) {
    if (!t.isHoisted(e)) {
      if (e instanceof Expr.Binary b && (b.op() == BinaryOp.MUL || b.op() == BinaryOp.EMUL)) {
        flatten(b.left(), out);
        flatten(b.right(), out);
        return;
      }
      if (e instanceof Expr.Unary u) { flatten(u.operand(), out); return; }
      if (e instanceof Expr.Transpose tr) { flatten(tr.operand(), out); return; }
    }
    out.add(e);
  }

  /** Records {@code f} if it is a delta that pins an `of` index or zeroes columns. */
  private boolean pin(Expr f, Map<Integer, int[]> where, List<int[]> pins, List<Double> pinValues, List<int[]> cols,
                      List<Double> colValues) {
    if (!(f instanceof Expr.Call c) || !c.name().equals("delta") || c.args().size() != 2 || t.isHoisted(f)) return false;
    int[] a = header(c.args().get(0), where), b = header(c.args().get(1), where);
    Double av = Bounds.number(c.args().get(0)), bv = Bounds.number(c.args().get(1));
    if (a == null && av == null || b == null && bv == null) return false;
    if (a == null) { int[] s = a; a = b; b = s; Double sv = av; av = bv; bv = sv; }
    if (a == null) return false;
    if (a[0] == 0) {
      if (b != null && b[0] == 0) return false; // two `of` indices: a condition on rows, not a pin
      pins.add(new int[] {a[1], b == null ? -1 : b[1]});
      pinValues.add(b == null ? bv : 0.0);
      return true;
    }
    if (b != null && b[0] == 0) {
      pins.add(new int[] {b[1], a[1]});
      pinValues.add(0.0);
      return true;
    }
    cols.add(new int[] {a[1], b == null ? -1 : b[1]});
    colValues.add(b == null ? bv : 0.0);
    return true;
  }

  private int[] header(Expr e, Map<Integer, int[]> where) {
    if (!(e instanceof Expr.Name) || !(t.refs.get(e) instanceof IndexRef r)) return null;
    return where.get(r.slot().slot);
  }

  /**
   * A bound on |e| over every index value, evaluated at the current point (infinite when not finite), or
   * null when {@code e} is something this analysis does not bound (then no support).
   */
  private DoubleSupplier bound(Expr e) {
    if (t.isHoisted(e)) {
      Node n = hoisted.get(e);
      if (n == null || n.size() != 1) return null;
      double[] d = n.m.data;
      return () -> Bounds.cap(Math.abs(d[0]));
    }
    return e.accept(new Expr.Visitor<DoubleSupplier>() {
      @Override public DoubleSupplier visitNum(Expr.Num n) { return null; }

      @Override public DoubleSupplier visitName(Expr.Name n) {
        Ref r = t.refs.get(n);
        if (!(r instanceof IndexRef ir) || ir.slot().range == null) return null;
        long size = ir.slot().range.size(dims);
        double b = Math.max(Math.abs((double) base), Math.abs((double) base + size - 1));
        return () -> b;
      }

      @Override public DoubleSupplier visitUnary(Expr.Unary u) { return bound(u.operand()); }

      @Override public DoubleSupplier visitTranspose(Expr.Transpose tr) { return bound(tr.operand()); }

      @Override public DoubleSupplier visitBinary(Expr.Binary b) {
        DoubleSupplier l = bound(b.left()), r = bound(b.right());
        if (l == null || r == null) return null;
        switch (b.op()) {
          case ADD: case SUB: return () -> Bounds.cap(l.getAsDouble() + r.getAsDouble());
          case MUL: case EMUL: return () -> Bounds.cap(l.getAsDouble() * r.getAsDouble());
          case DIV: case EDIV: {
            // only by a nonzero number: x / c
            Double c = Bounds.number(b.right());
            if (c == null || c == 0) return null;
            double inv = 1 / Math.abs(c);
            return () -> Bounds.cap(l.getAsDouble() * inv * 2);
          }
          case POW: case EPOW: return Bounds.power(l, b.right());
          default:
            return b.op().isComparison() || b.op().isLogical() ? Bounds.unit(l, r) : null;
        }
      }

      @Override public DoubleSupplier visitAccess(Expr.Access a) {
        Node target = targets.get(a);
        if (target == null || a.indices().size() != target.space.length) return null;
        for (int k = 0; k < a.indices().size(); k++) {
          Expr ie = a.indices().get(k);
          int n = target.space[k];
          if (ie instanceof Expr.Num num) {
            double v = num.value() - base;
            if (v != Math.rint(v) || v < 0 || v >= n) return null;
          } else if (ie instanceof Expr.Name && t.refs.get(ie) instanceof IndexRef ir && ir.slot().range != null) {
            if (ir.slot().range.size(dims) > n) return null;
          } else {
            return null;
          }
        }
        double[] d = target.m.data;
        int len = target.size();
        return () -> {
          double m = 0;
          for (int i = 0; i < len; i++) {
            double v = Math.abs(d[i]);
            if (v > m) m = v;
            else if (v != v) return Double.POSITIVE_INFINITY;
          }
          return Bounds.cap(m);
        };
      }

      @Override public DoubleSupplier visitCall(Expr.Call c) {
        Builtin f = Builtins.get(c.name());
        return f.support() == null ? null : f.support().of(c.args(), SupportAnalysis.this::bound);
      }

      @Override public DoubleSupplier visitRange(Expr.Range r) { return null; }

      @Override public DoubleSupplier visitSum(Expr.Sum s) {
        IndexSlot slot = t.sumSlots.get(s);
        if (slot == null || slot.range == null) return null;
        DoubleSupplier body = bound(s.body());
        if (body == null) return null;
        long n = slot.range.size(dims);
        return () -> Bounds.cap(n * body.getAsDouble());
      }
    });
  }
}
