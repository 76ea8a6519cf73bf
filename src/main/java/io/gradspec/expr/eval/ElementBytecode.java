package io.gradspec.expr.eval;

import io.gradspec.expr.builtin.Builtins;
import io.gradspec.expr.kernel.Node;
import io.gradspec.expr.kernel.ReadLog;
import io.gradspec.expr.kernel.ScalarCode;
import io.gradspec.expr.sema.TypedSpec.IndexRef;
import io.gradspec.expr.sema.TypedSpec.IndexSlot;
import io.gradspec.expr.syntax.BinaryOp;
import io.gradspec.expr.syntax.Expr;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * An index formula's element code as JVM bytecode: one hidden class per body, so that the JIT compiles a
 * formula's loops, index arithmetic, conditions and loads into one method, where the closures of
 * {@link ElementCompiler} are a tree of megamorphic calls (a convolution's term was about 40 of them).
 *
 * <p>It computes what the closures compute, in the same order, so the values are the same bits. Index
 * arithmetic and comparisons of index expressions run on {@code int} when the expression's range, known
 * from its index variables' ranges, is exact in a double (then both agree exactly, and an access whose range
 * lies inside the target's axis needs no check); a loop variable lives in a local, and is written to the
 * environment only for code that reads it there. Calls of built-ins other than {@code if}, {@code where},
 * {@code delta}, {@code maximum} and {@code minimum} stay their closures, on generated arguments.
 * A body whose class would be too large for the JIT to compile (or the class file to hold) keeps its
 * closures. {@code -Dgradspec.elementCode=closures} keeps them everywhere (a test compares both).
 */
final class ElementBytecode implements Opcodes {
  /** A hoisted value or an access target as the closures read it: its data, node and read id, and its log (or null). */
  record Read(double[] data, Node target, int id, ReadLog log) {}

  private static final ThreadLocal<Boolean> CLOSURES =
      ThreadLocal.withInitial(() -> "closures".equals(System.getProperty("gradspec.elementCode")));
  private static final String CODE = "io/gradspec/expr/kernel/ScalarCode";
  private static final String LOG = "io/gradspec/expr/kernel/ReadLog";
  private static final String RANGES = "io/gradspec/expr/eval/IndexRanges";
  private static final String NODE = "io/gradspec/expr/kernel/Node";
  private static final String ACCESS = "io/gradspec/expr/syntax/Expr$Access";

  /** Whether this thread compiles element code to closures only (for the test that compares the two). */
  static boolean closuresOnly() { return CLOSURES.get(); }

  static void closuresOnly(boolean on) { CLOSURES.set(on); }

  private final Compilation c;
  private final Map<Expr, Read> reads;
  private final Map<Expr, ScalarCode> argClosures;
  /** The local (an int) holding each loop variable's slot while its sum's body is generated. */
  private final Map<Integer, Integer> loopLocals = new HashMap<>();
  /** The locals (a double, an int) holding each index variable the body reads but does not loop over. */
  private final Map<Integer, int[]> outerLocals = new HashMap<>();
  private final ElementClass out = new ElementClass();
  private final ElementAnalysis shape;
  private final MethodVisitor mv = out.eval;

  private final boolean notes;

  private ElementBytecode(Compilation c, Map<Expr, Read> reads, Map<Expr, ScalarCode> argClosures, boolean notes) {
    this.notes = notes;
    this.c = c;
    this.reads = reads;
    this.argClosures = argClosures;
    this.shape = new ElementAnalysis(c);
  }

  /**
   * The generated code of {@code body}, or {@code closures} where it cannot be generated. {@code notes}
   * false: code that never reports its reads to their ReadLog, for a formula's evaluations other than its
   * two recording passes (which run the code with notes).
   */
  static ScalarCode of(Compilation c, Map<Expr, Read> reads, Map<Expr, ScalarCode> argClosures, Expr body, ScalarCode closures,
                       boolean notes) {
    if (closuresOnly()) return closures;
    ElementBytecode b = new ElementBytecode(c, reads, argClosures, notes);
    try {
      b.outerSlots(body);
      b.value(body);
    } catch (org.objectweb.asm.LimitExceededException e) {
      return closures; // more locals or frames than ASM allows: far past what the JIT would compile
    }
    ScalarCode code = b.out.finish();
    return code == null ? closures : code;
  }

  private void field(Object o, String desc) { out.field(o, desc); }

  private int local() { return out.local(); }

  // ---------------------------------------------------------------- values

  /** Pushes the double value of {@code e}. */
  private void value(Expr e) {
    if (e instanceof Expr.Num n) { mv.visitLdcInsn(n.value()); return; }
    if (c.t.isHoisted(e)) {
      // a dim is a constant (its read is not noted: a constant never moves, so no perturbation needs it)
      if (shape.dim(e) != null) { mv.visitLdcInsn((double) shape.dim(e)); return; }
      Read r = reads.get(e);
      note(r, () -> mv.visitInsn(ICONST_0));
      field(r.data(), "[D");
      mv.visitInsn(ICONST_0);
      mv.visitInsn(DALOAD);
      return;
    }
    if (e instanceof Expr.Name n) { slot(((IndexRef) c.t.refs.get(n)).slot().slot); return; }
    if (e instanceof Expr.Unary u) { value(u.operand()); mv.visitInsn(DNEG); return; }
    if (e instanceof Expr.Transpose t) { value(t.operand()); return; }
    if (e instanceof Expr.Binary b) { binary(b); return; }
    if (e instanceof Expr.Access a) { access(a); return; }
    if (e instanceof Expr.Sum s) { sum(s); return; }
    if (e instanceof Expr.Call call) { call(call); return; }
    throw new IllegalStateException("no element code for " + e.getClass().getSimpleName());
  }

  /**
   * Reads the index variables the body uses but does not loop over (the formula's own, or an enclosing
   * class's loops) from the environment once, into a double and an int local each: they hold still while
   * the body runs.
   */
  private void outerSlots(Expr body) {
    for (int slot : shape.outerSlots(body)) {
      int d = local(), l = local();
      mv.visitVarInsn(ALOAD, 1);
      mv.visitLdcInsn(slot);
      mv.visitInsn(DALOAD);
      mv.visitInsn(DUP2);
      mv.visitVarInsn(DSTORE, d);
      mv.visitInsn(D2I);
      mv.visitVarInsn(ISTORE, l);
      outerLocals.put(slot, new int[] {d, l});
    }
  }

  /** An index variable's value: its loop's local, or its outer local. */
  private void slot(int slot) {
    Integer local = loopLocals.get(slot);
    if (local != null) {
      mv.visitVarInsn(ILOAD, local);
      mv.visitInsn(I2D);
    } else {
      mv.visitVarInsn(DLOAD, outerLocals.get(slot)[0]);
    }
  }

  private void binary(Expr.Binary b) {
    BinaryOp op = b.op();
    if (op.isComparison() || op.isLogical()) { truth(b); return; }
    value(b.left());
    value(b.right());
    switch (op) {
      case ADD -> mv.visitInsn(DADD);
      case SUB -> mv.visitInsn(DSUB);
      case MUL, EMUL -> mv.visitInsn(DMUL);
      case DIV, EDIV -> mv.visitInsn(DDIV);
      case POW, EPOW -> mv.visitMethodInsn(INVOKESTATIC, "io/gradspec/expr/kernel/Elementwise", "pow", "(DD)D", false);
      default -> throw new IllegalStateException("operator " + op);
    }
  }

  /** 1 or 0: the value of a comparison or a logical operator, as the closures give it. */
  private void truth(Expr e) {
    Label no = new Label(), end = new Label();
    jump(e, false, no);
    mv.visitInsn(DCONST_1);
    mv.visitJumpInsn(GOTO, end);
    mv.visitLabel(no);
    mv.visitInsn(DCONST_0);
    mv.visitLabel(end);
  }

  private void sum(Expr.Sum s) {
    IndexSlot slot = c.t.sumSlots.get(s);
    int id = slot.slot;
    int from = c.base, to = (int) (c.base + slot.range.size(c.dims));
    boolean inEnv = shape.callsOut(s.body());
    int scope = out.locals();
    int k = local(), acc = local(), saved = inEnv ? local() : -1;
    if (inEnv) { mv.visitVarInsn(ALOAD, 1); mv.visitLdcInsn(id); mv.visitInsn(DALOAD); mv.visitVarInsn(DSTORE, saved); }
    mv.visitInsn(DCONST_0);
    mv.visitVarInsn(DSTORE, acc);
    // an int counter: a counted loop to the JIT, whose range checks it can then hoist
    mv.visitLdcInsn(from);
    mv.visitVarInsn(ISTORE, k);
    Label loop = new Label(), end = new Label();
    mv.visitLabel(loop);
    mv.visitVarInsn(ILOAD, k);
    mv.visitLdcInsn(to);
    mv.visitJumpInsn(IF_ICMPGE, end);
    if (inEnv) { mv.visitVarInsn(ALOAD, 1); mv.visitLdcInsn(id); mv.visitVarInsn(ILOAD, k); mv.visitInsn(I2D); mv.visitInsn(DASTORE); }
    Integer outer = loopLocals.put(id, k);
    mv.visitVarInsn(DLOAD, acc);
    value(s.body());
    mv.visitInsn(DADD);
    mv.visitVarInsn(DSTORE, acc);
    if (outer == null) loopLocals.remove(id); else loopLocals.put(id, outer);
    mv.visitIincInsn(k, 1);
    mv.visitJumpInsn(GOTO, loop);
    mv.visitLabel(end);
    if (inEnv) { mv.visitVarInsn(ALOAD, 1); mv.visitLdcInsn(id); mv.visitVarInsn(DLOAD, saved); mv.visitInsn(DASTORE); }
    mv.visitVarInsn(DLOAD, acc);
    out.release(scope);
  }

  private void call(Expr.Call call) {
    List<Expr> args = call.args();
    switch (call.name()) {
      case "if", "where" -> {
        Label no = new Label(), end = new Label();
        jump(args.get(0), false, no);
        value(args.get(1));
        mv.visitJumpInsn(GOTO, end);
        mv.visitLabel(no);
        value(args.get(2));
        mv.visitLabel(end);
      }
      case "delta" -> truth(call);
      case "maximum", "minimum" -> {
        value(args.get(0));
        value(args.get(1));
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", call.name().equals("maximum") ? "max" : "min", "(DD)D", false);
      }
      default -> {
        // another built-in: its own closure, on arguments generated where they loop (closures where they do not)
        ScalarCode[] codes = new ScalarCode[args.size()];
        for (int i = 0; i < codes.length; i++) {
          Expr arg = args.get(i);
          ScalarCode closure = argClosures.get(arg);
          codes[i] = shape.loops(arg) ? of(c, reads, argClosures, arg, closure, notes) : closure;
        }
        field(Builtins.get(call.name()).element().make(codes), "L" + CODE + ";");
        mv.visitVarInsn(ALOAD, 1);
        mv.visitMethodInsn(INVOKEINTERFACE, CODE, "eval", "([D)D", true);
      }
    }
  }

  // ---------------------------------------------------------------- conditions

  /** Jumps to {@code to} when {@code e}'s truth (nonzero, NaN included) is {@code when}. */
  private void jump(Expr e, boolean when, Label to) {
    boolean call = e instanceof Expr.Call d && d.name().equals("delta") && !c.t.isHoisted(e);
    if (e instanceof Expr.Binary b && b.op().isLogical() && !c.t.isHoisted(e)) {
      boolean and = b.op() == BinaryOp.AND;
      if (and != when) {           // (a && b) false, (a || b) true: either side decides
        jump(b.left(), when, to);
        jump(b.right(), when, to);
      } else {                     // (a && b) true, (a || b) false: the left side must not decide otherwise
        Label skip = new Label();
        jump(b.left(), !when, skip);
        jump(b.right(), when, to);
        mv.visitLabel(skip);
      }
      return;
    }
    BinaryOp op = call ? BinaryOp.EQ : e instanceof Expr.Binary b && b.op().isComparison() && !c.t.isHoisted(e) ? b.op() : null;
    if (op == null) {
      value(e);
      mv.visitInsn(DCONST_0);
      mv.visitInsn(DCMPL);
      mv.visitJumpInsn(when ? IFNE : IFEQ, to);
      return;
    }
    Expr l = call ? ((Expr.Call) e).args().get(0) : ((Expr.Binary) e).left();
    Expr r = call ? ((Expr.Call) e).args().get(1) : ((Expr.Binary) e).right();
    if (shape.range(l) != null && shape.range(r) != null) {
      exact(l);
      exact(r);
      mv.visitInsn(ISUB); // no overflow: both lie within +-2^30
    } else {
      value(l);
      value(r);
      // NaN compares false except under !=: DCMPG makes it "greater" for < and <=, DCMPL "less" for the rest
      mv.visitInsn(op == BinaryOp.LT || op == BinaryOp.LE ? DCMPG : DCMPL);
    }
    mv.visitJumpInsn(when ? ElementClass.ifTrue(op) : ElementClass.ifFalse(op), to);
  }

  // ---------------------------------------------------------------- index arithmetic

  /** Pushes the int value of an expression that has a {@link #range}. */
  private void exact(Expr e) {
    if (e instanceof Expr.Num n) { mv.visitLdcInsn((int) n.value()); return; }
    if (shape.dim(e) != null) { mv.visitLdcInsn((int) shape.dim(e)); return; }
    if (e instanceof Expr.Name n) {
      int slot = ((IndexRef) c.t.refs.get(n)).slot().slot;
      Integer local = loopLocals.get(slot);
      mv.visitVarInsn(ILOAD, local != null ? local : outerLocals.get(slot)[1]);
      return;
    }
    if (e instanceof Expr.Transpose t) { exact(t.operand()); return; }
    if (e instanceof Expr.Unary u) { exact(u.operand()); mv.visitInsn(INEG); return; }
    Expr.Binary b = (Expr.Binary) e;
    exact(b.left());
    exact(b.right());
    mv.visitInsn(b.op() == BinaryOp.ADD ? IADD : b.op() == BinaryOp.SUB ? ISUB : IMUL);
  }

  /** Pushes {@code a}'s element: each index checked (unless its range lies inside its axis), the read noted. */
  private void access(Expr.Access a) {
    Read r = reads.get(a);
    Node target = r.target();
    int scope = out.locals();
    int rank = a.indices().size(), off = local();
    // in the closures' order: a rank-2 access computes both indices, then checks them; others index by index
    int[][] computed = new int[rank][];
    if (rank == 2) for (int k = 0; k < 2; k++) computed[k] = computeIndex(a, k, target);
    for (int k = 0; k < rank; k++) {
      checkIndex(a, k, target, rank == 2 ? computed[k] : computeIndex(a, k, target));
      if (target.strides[k] != 1) { mv.visitLdcInsn(target.strides[k]); mv.visitInsn(IMUL); }
      if (k > 0) mv.visitInsn(IADD);
    }
    mv.visitVarInsn(ISTORE, off);
    note(r, () -> mv.visitVarInsn(ILOAD, off));
    field(r.data(), "[D");
    mv.visitVarInsn(ILOAD, off);
    mv.visitInsn(DALOAD);
    out.release(scope);
  }

  private static final int IN_AXIS = 0, EXACT = 1, DOUBLE = 2;

  /**
   * Computes index k of {@code a} into a local: {IN_AXIS, int local} for an exact expression whose range lies
   * inside the axis (0-based already), {EXACT, int local} for another exact one (v - base), {DOUBLE, double
   * local} otherwise (v).
   */
  private int[] computeIndex(Expr.Access a, int k, Node target) {
    Expr ix = a.indices().get(k);
    long[] range = shape.range(ix);
    int l = local();
    if (range == null) {
      value(ix);
      mv.visitVarInsn(DSTORE, l);
      return new int[] {DOUBLE, l};
    }
    exact(ix);
    if (c.base != 0) { mv.visitLdcInsn(c.base); mv.visitInsn(ISUB); }
    mv.visitVarInsn(ISTORE, l);
    boolean inside = range[0] - c.base >= 0 && range[1] - c.base < target.space[k];
    return new int[] {inside ? IN_AXIS : EXACT, l};
  }

  /** Pushes the 0-based int index of axis k computed by {@link #computeIndex}, or throws the closures' error (IndexRanges.runtimeIndex). */
  private void checkIndex(Expr.Access a, int k, Node target, int[] computed) {
    int n = target.space[k], l = computed[1];
    if (computed[0] == IN_AXIS) { mv.visitVarInsn(ILOAD, l); return; }
    Label fail = new Label(), ok = new Label();
    int v = local(), i = local();
    if (computed[0] == EXACT) {
      // 0 <= v - base < n in int; v is exact as a double for the error
      inAxis(l, n, fail, ok);
      mv.visitVarInsn(ILOAD, l);
      mv.visitInsn(I2D);
      if (c.base != 0) { mv.visitLdcInsn((double) c.base); mv.visitInsn(DADD); }
      mv.visitVarInsn(DSTORE, v);
      runtimeIndex(a, k, target, v, ok);
      return;
    }
    // as the closures: i = (int) v - base, refused unless 0 <= i < n and v is that integer
    mv.visitVarInsn(DLOAD, l);
    mv.visitInsn(D2I);
    mv.visitInsn(DUP);
    mv.visitLdcInsn(c.base);
    mv.visitInsn(ISUB);
    mv.visitVarInsn(ISTORE, i);
    mv.visitInsn(I2D);
    mv.visitVarInsn(DLOAD, l);
    mv.visitInsn(DCMPL);
    mv.visitJumpInsn(IFNE, fail);
    inAxis(i, n, fail, ok);
    runtimeIndex(a, k, target, l, ok);
  }

  /** Pushes int local {@code i} and goes to {@code ok} when 0 <= i < n; else goes on at {@code fail}, placed here. */
  private void inAxis(int i, int n, Label fail, Label ok) {
    mv.visitVarInsn(ILOAD, i);
    mv.visitJumpInsn(IFLT, fail);
    mv.visitVarInsn(ILOAD, i);
    mv.visitLdcInsn(n);
    mv.visitJumpInsn(IF_ICMPGE, fail);
    mv.visitVarInsn(ILOAD, i);
    mv.visitJumpInsn(GOTO, ok);
    mv.visitLabel(fail);
  }

  /** IndexRanges.runtimeIndex(v, k, target, a), which throws for an index out of range, then {@code ok}. */
  private void runtimeIndex(Expr.Access a, int k, Node target, int v, Label ok) {
    field(c.ranges, "L" + RANGES + ";");
    mv.visitVarInsn(DLOAD, v);
    mv.visitLdcInsn(k);
    field(target, "L" + NODE + ";");
    field(a, "L" + ACCESS + ";");
    mv.visitMethodInsn(INVOKEVIRTUAL, RANGES, "runtimeIndex", "(DIL" + NODE + ";L" + ACCESS + ";)I", false);
    mv.visitLabel(ok);
  }

  /** {@code if (log.recording()) log.note(id, index)}, for a read a definition's formula records. */
  private void note(Read r, Runnable pushIndex) {
    if (r.log() == null || !notes) return;
    Label skip = new Label();
    field(r.log(), "L" + LOG + ";");
    mv.visitMethodInsn(INVOKEVIRTUAL, LOG, "recording", "()Z", false);
    mv.visitJumpInsn(IFEQ, skip);
    field(r.log(), "L" + LOG + ";");
    mv.visitLdcInsn(r.id());
    pushIndex.run();
    mv.visitMethodInsn(INVOKEVIRTUAL, LOG, "note", "(II)V", false);
    mv.visitLabel(skip);
  }
}
