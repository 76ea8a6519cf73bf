package io.gradspec.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects diagnostics from every stage, in a stable order (by position, then insertion). */
public final class Diagnostics {
  private final List<Diagnostic> items = new ArrayList<>();

  public void add(Diagnostic d) { items.add(d); }
  public void addAll(Diagnostics other) { items.addAll(other.items); }
  public boolean hasErrors() { return items.stream().anyMatch(Diagnostic::isError); }
  public int size() { return items.size(); }

  public List<Diagnostic> sorted() {
    List<Diagnostic> copy = new ArrayList<>(items);
    copy.sort(Comparator.comparingInt((Diagnostic d) -> d.span() == null ? Integer.MAX_VALUE : d.span().offset()));
    return copy;
  }

  public List<Diagnostic> all() { return List.copyOf(items); }
}
