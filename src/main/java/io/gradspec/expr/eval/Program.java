package io.gradspec.expr.eval;

import io.gradspec.expr.kernel.Arena;
import io.gradspec.expr.kernel.Node;
import io.gradspec.expr.kernel.ProgramLink;
import io.gradspec.expr.kernel.Perturbation;
import io.gradspec.expr.sema.TypedSpec;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * A spec compiled under one dims map: nodes in topological order over preallocated buffers. Evaluate it
 * once at a point, then {@link #perturbation} recomputes only what lies between `wrt` and `of`.
 */
public final class Program {
  public final TypedSpec typed;
  public final Map<String, Integer> dims;
  private final List<Node> nodes;
  private final Map<String, Node.Source> inputs;
  private final Map<String, Node> values;
  private final List<ClaimPlan> claims;
  /** The owner of every buffer of this program (the compiler's). */
  private final Arena arena;
  /** How its program-function nodes reach the spec's program (a copy of this program uses the same). */
  public final ProgramLink link;

  Program(TypedSpec typed, Map<String, Integer> dims, List<Node> nodes, Map<String, Node.Source> inputs,
          Map<String, Node> values, List<ClaimPlan> claims, Arena arena, ProgramLink link) {
    this.typed = typed;
    this.link = link;
    // in the spec's order: Map.copyOf would iterate in an order that changes from one JVM run to the next,
    // and reports print this map
    this.dims = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dims));
    this.nodes = List.copyOf(nodes);
    this.inputs = inputs;
    this.values = values;
    this.claims = List.copyOf(claims);
    this.arena = arena;
  }

  /**
   * Gives this program's buffers back for later programs to reuse. Call it when done: the program, its
   * perturbations and claim plans must not be used afterwards (their buffers may then belong to another).
   */
  public void release() {
    arena.release();
  }

  /** The input buffers, in declaration order, for the sampler to fill. */
  public Map<String, Node.Source> inputs() { return inputs; }

  /** The node holding an input's or a definition's value. */
  public Node value(String name) { return values.get(name); }

  public List<ClaimPlan> claims() { return claims; }

  /** Evaluates every definition at the current inputs. */
  public void evaluate() {
    for (Node n : nodes) {
      n.compute();
      n.newBasePoint();
    }
  }

  /** Prepares every claim at the current (unperturbed) point. Call after {@link #evaluate()}. */
  public void prepareClaims() {
    for (ClaimPlan c : claims) c.prepare();
  }

  /**
   * The recompute plan for d of / d wrt: the nodes downstream of {@code wrt} that {@code of} needs, in
   * order. {@code wrt} may be a definition: its node is then held free (never recomputed here).
   */
  public Perturbation perturbation(String of, String wrt) {
    Node w = values.get(wrt), o = values.get(of);
    BitSet dirty = new BitSet(nodes.size());
    dirty.set(w.order);
    for (Node n : nodes) {
      if (n == w) continue;
      for (Node d : n.deps) if (dirty.get(d.order)) { dirty.set(n.order); break; }
    }
    BitSet needed = new BitSet(nodes.size());
    mark(o, needed);
    List<Node> plan = new ArrayList<>();
    for (Node n : nodes) if (n != w && dirty.get(n.order) && needed.get(n.order)) plan.add(n);
    return new Perturbation(w, o, plan.toArray(new Node[0]), typed.perturbedSymmetrically(wrt) ? w.m.numRows : 0);
  }

  private static void mark(Node n, BitSet needed) {
    if (needed.get(n.order)) return;
    needed.set(n.order);
    for (Node d : n.deps) mark(d, needed);
  }
}
