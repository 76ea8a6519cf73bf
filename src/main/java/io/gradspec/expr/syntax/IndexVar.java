package io.gradspec.expr.syntax;

import io.gradspec.spec.Span;

/**
 * An index variable of an index formula or a {@code sum}: its name and, when written ({@code i: C},
 * {@code sum(k: D, ...)}), its range as a dimension expression ("C", "C*D"), else null.
 */
public record IndexVar(String name, String range, Span span, Span rangeSpan) {}
