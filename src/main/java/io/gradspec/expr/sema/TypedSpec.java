package io.gradspec.expr.sema;

import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.shape.Shape;
import io.gradspec.expr.syntax.Entry;
import io.gradspec.expr.syntax.Expr;
import io.gradspec.spec.ClaimDecl;
import io.gradspec.spec.Definition;
import io.gradspec.spec.InputDecl;
import io.gradspec.spec.Spec;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A spec after the symbolic pass: every name resolved, every expression node given a symbolic shape,
 * every index variable given a range. Built once per spec by {@link ShapeChecker}; compiled once per dims
 * map by expr.eval.Compiler. Nothing here depends on numeric dimension sizes.
 */
public final class TypedSpec {

  /** What a name refers to. */
  public sealed interface Ref permits InputRef, DefRef, DimRef, IndexRef {}
  public record InputRef(String name) implements Ref {}
  public record DefRef(String name) implements Ref {}
  public record DimRef(String symbol) implements Ref {}
  public record IndexRef(IndexSlot slot) implements Ref {}

  /**
   * An index variable's binding: its slot in the evaluation environment and its range (an axis of some
   * index space; null only while a {@code sum} range is being inferred).
   */
  public static final class IndexSlot {
    public final String name;
    public final int slot;
    public Axis range;
    IndexSlot(String name, int slot, Axis range) { this.name = name; this.slot = slot; this.range = range; }
  }

  public record InputInfo(InputDecl decl, Shape shape) {}

  /** A definition: its parsed entry, shape, and the inputs/definitions its text names directly. */
  public record DefInfo(Definition def, Entry entry, Shape shape, Set<String> uses, List<IndexSlot> formulaSlots) {}

  /**
   * A claim after checking. {@code space} is the derivative's index space ({@link #expected()} in the
   * claim's layout, {@link #ofSpace()} and {@link #wrtSpace()} its two halves). For an expression claim {@code claimShape} is its shape;
   * {@code shapeFits} says whether its index space equals {@code expected}. {@code axisNames} names each
   * axis of {@code expected} in domain terms ("y", "W row", "W col"), {@code indexNames} the indices.
   * {@code indexProblems} lists uses of a claim index for an axis of another symbol (`j` ranges over C but
   * indexes an axis D): such a claim does not fit the derivative, so it fails (like a claim of the wrong
   * shape) instead of making the spec invalid. {@code program} is null unless the claim is {@code claim:
   * program}: then the program supplies the claimed derivative, and {@code entry} is only the word.
   */
  public record ClaimInfo(ClaimDecl decl, String of, String wrt, Entry entry, DerivativeSpace space,
                          Shape claimShape, boolean shapeFits, List<String> indexNames, List<IndexSlot> formulaSlots,
                          List<String> indexProblems, ProgramClaim program) {
    public List<Axis> ofSpace() { return space.ofAxes(); }

    public List<Axis> wrtSpace() { return space.wrtAxes(); }

    /** The derivative's index space in the claim's layout (for vec, numerator's: what offenders are named by). */
    public List<Axis> expected() { return space.axes(); }

    /** The index space the claim's text must have ({@link DerivativeSpace#claimAxes}; for vec, one matrix). */
    public List<Axis> claimExpected() { return space.claimAxes(); }

    public List<String> axisNames() { return space.axisNames(); }
  }

  public final Spec spec;
  public final Map<String, InputInfo> inputs = new LinkedHashMap<>();
  public final Map<String, DefInfo> defines = new LinkedHashMap<>();
  /** The program's functions (contract §7), by name; empty for a spec without a program. */
  public final Map<String, ProgramFunction> functions = new LinkedHashMap<>();
  /**
   * In a complex form ({@link TangentSpec}), the functions that stand for a program function's complex form,
   * by name, to the program function they call on complex arguments; empty otherwise.
   */
  public final Map<String, String> complexCalls = new LinkedHashMap<>();
  public final List<ClaimInfo> claims;
  public final IdentityHashMap<Expr, Shape> shapes;
  public final IdentityHashMap<Expr, Ref> refs;
  public final IdentityHashMap<Expr, IndexSlot> sumSlots;
  /** Each slice access ({@code A[a:b, :]}), with where it starts and how long it is per axis (format 1.2). */
  public final IdentityHashMap<Expr, SliceInfo> slices = new IdentityHashMap<>();
  /** Each call along a named axis ({@code sum_over(A, D)}), with the axis's position in its first argument's shape. */
  public final IdentityHashMap<Expr, Integer> axes = new IdentityHashMap<>();

  /**
   * A slice: per axis of the target's index space, the first index taken (from 0, not the index base) and
   * how many; {@code kept} false where a single index drops the axis.
   */
  public record SliceInfo(List<Axis> from, List<Axis> length, List<Boolean> kept) {}
  /** Bit set of the index slots each node depends on; 0 means it can be computed once (hoisted). */
  public final IdentityHashMap<Expr, Long> slotUse;

  TypedSpec(Spec spec, List<ClaimInfo> claims, IdentityHashMap<Expr, Shape> shapes, IdentityHashMap<Expr, Ref> refs,
            IdentityHashMap<Expr, IndexSlot> sumSlots, IdentityHashMap<Expr, Long> slotUse) {
    this.spec = spec;
    this.claims = claims;
    this.shapes = shapes;
    this.refs = refs;
    this.sumSlots = sumSlots;
    this.slotUse = slotUse;
  }

  /**
   * Whether an element-level subexpression is computed once per evaluation (a hoisted node) instead of per
   * element: it uses no index variable. A sum never is: its node is compiled from the sum's own loop.
   */
  public boolean isHoisted(Expr e) { return slotUse.getOrDefault(e, 0L) == 0L && !(e instanceof Expr.Sum); }

  /** Whether {@code of} uses {@code wrt}, directly or through other definitions. */
  public boolean dependsOn(String of, String wrt) { return dependsOn(defines, of, wrt); }

  /** Shape of an input or a definition. */
  public Shape shapeOfName(String name) { return shapeOfName(inputs, defines, name); }

  /** Whether {@code name} is an input declared `perturb: symmetric` (A[i, j] and A[j, i] move together). */
  public boolean perturbedSymmetrically(String name) {
    InputInfo in = inputs.get(name);
    return in != null && in.decl().perturb() == io.gradspec.spec.Perturb.SYMMETRIC;
  }

  /** The lookups above over maps still being built (the shape checker's). */
  static boolean dependsOn(Map<String, DefInfo> defines, String of, String wrt) {
    if (of.equals(wrt)) return true;
    DefInfo d = defines.get(of);
    if (d == null) return false;
    for (String u : d.uses()) if (dependsOn(defines, u, wrt)) return true;
    return false;
  }

  static Shape shapeOfName(Map<String, InputInfo> inputs, Map<String, DefInfo> defines, String name) {
    InputInfo i = inputs.get(name);
    if (i != null) return i.shape();
    DefInfo d = defines.get(name);
    return d == null ? null : d.shape();
  }
}
