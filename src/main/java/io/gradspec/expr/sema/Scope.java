package io.gradspec.expr.sema;

import io.gradspec.expr.sema.TypedSpec.IndexSlot;
import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.syntax.IndexVar;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The scope of the entry being checked (one definition or one claim): the index variables bound so far,
 * innermost last (a `sum` index shadows an outer one of the same name), each with its slot in the
 * evaluation environment; the names the entry uses; and, in a claim's formula, its header indices.
 */
final class Scope {
  /** Slots of one entry are bits of a long (see {@code TypedSpec.slotUse}). */
  static final int MAX_SLOTS = 63;

  private static final String[] INDEX_LETTERS = {"i", "j", "k", "l", "m", "n", "p", "q"};

  private final Analysis a;
  /** What the entry is, for messages: "claim", "define `y`". */
  String context;
  /** The inputs and definitions the entry's text names. */
  Set<String> uses;
  private List<IndexSlot> slots;
  private int nextSlot;
  /** The claim formula's header indices while its body is typed; empty otherwise. */
  private Set<IndexSlot> claimSlots = Set.of();
  /** Uses of a claim index for an axis of another symbol (see {@code ClaimInfo.indexProblems}). */
  List<String> indexProblems = new ArrayList<>();

  Scope(Analysis a) { this.a = a; }

  void begin(String ctx) {
    context = ctx;
    uses = new LinkedHashSet<>();
    slots = new ArrayList<>();
    nextSlot = 0;
  }

  /** Binds a header index; null (reported) when the name is bound already or the slots are used up. */
  IndexSlot bind(IndexVar v, Axis range) {
    for (IndexSlot s : slots) {
      if (s.name.equals(v.name())) {
        a.error("duplicate-index", v.span(), "index `" + v.name() + "` is bound twice", "bound again here",
            "give each index its own name");
        return null;
      }
    }
    IndexSlot s = newSlot(v, range);
    if (s != null) slots.add(s);
    return s;
  }

  /** The entry's next index slot, or null (reported) when it has used them all. */
  IndexSlot newSlot(IndexVar v, Axis range) {
    if (nextSlot >= MAX_SLOTS) {
      a.error("limit", v.span(), "too many index variables in one entry (at most " + MAX_SLOTS + ")", null, null);
      return null;
    }
    return new IndexSlot(v.name(), nextSlot++, range);
  }

  /** Binds a `sum` index for its body, shadowing any index of that name; undone by {@link #pop}. */
  void push(IndexSlot s) { slots.add(s); }

  void pop() { slots.remove(slots.size() - 1); }

  /** The innermost index named {@code name}, or null. */
  IndexSlot find(String name) {
    for (int i = slots.size() - 1; i >= 0; i--) if (slots.get(i).name.equals(name)) return slots.get(i);
    return null;
  }

  /** The names of the indices in scope, outermost first. */
  List<String> indexNames() {
    List<String> out = new ArrayList<>();
    for (IndexSlot s : slots) out.add(s.name);
    return out;
  }

  /** Marks {@code header} as a claim formula's indices while its body is typed. */
  void enterClaim(List<IndexSlot> header) {
    claimSlots = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    claimSlots.addAll(header);
  }

  void leaveClaim() { claimSlots = Set.of(); }

  boolean isClaimIndex(IndexSlot s) { return claimSlots.contains(s); }

  /** The index names a help suggests for {@code n} axes: i, j, k, ... */
  static List<String> defaultIndexNameList(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(i < INDEX_LETTERS.length ? INDEX_LETTERS[i] : "i" + i);
    return out;
  }

  /** "[i, j, k]". */
  static String defaultIndexNames(int n) { return "[" + String.join(", ", defaultIndexNameList(n)) + "]"; }
}
