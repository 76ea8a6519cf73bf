package io.gradspec.expr.syntax;

import io.gradspec.spec.Span;
import java.util.List;

/**
 * The expression AST: a sealed interface of records, every node with the span of its text in the
 * spec file. Dispatch with {@link Visitor} so the compiler checks exhaustiveness (Java 17).
 */
public sealed interface Expr permits Expr.Num, Expr.Name, Expr.Unary, Expr.Binary, Expr.Transpose,
    Expr.Access, Expr.Call, Expr.Sum, Expr.Range {

  Span span();

  <R> R accept(Visitor<R> v);

  /** A number literal; {@code text} is as written ("1e-3", "pi"). */
  record Num(double value, String text, Span span) implements Expr {
    public <R> R accept(Visitor<R> v) { return v.visitNum(this); }
  }

  /** An input, a defined name, an index variable or a dimension symbol, resolved later. */
  record Name(String name, Span span) implements Expr {
    public <R> R accept(Visitor<R> v) { return v.visitName(this); }
  }

  /** Unary minus. */
  record Unary(Expr operand, Span span) implements Expr {
    public <R> R accept(Visitor<R> v) { return v.visitUnary(this); }
  }

  /** A binary operator; {@code opSpan} is the operator token, for shape errors. */
  record Binary(BinaryOp op, Expr left, Expr right, Span opSpan, Span span) implements Expr {
    public <R> R accept(Visitor<R> v) { return v.visitBinary(this); }
  }

  /** Postfix {@code '}. ({@code transpose(A)} is a Call.) */
  record Transpose(Expr operand, Span span) implements Expr {
    public <R> R accept(Visitor<R> v) { return v.visitTranspose(this); }
  }

  /** Element access {@code target[i, j]} in the index space, in the spec's index base. */
  record Access(Expr target, List<Expr> indices, Span span) implements Expr {
    public Access { indices = List.copyOf(indices); }
    public <R> R accept(Visitor<R> v) { return v.visitAccess(this); }
  }

  /** A function call; {@code nameSpan} is the function name's token. */
  record Call(String name, Span nameSpan, List<Expr> args, Span span) implements Expr {
    public Call { args = List.copyOf(args); }
    public <R> R accept(Visitor<R> v) { return v.visitCall(this); }
  }

  /** {@code sum(k, body)} or {@code sum(k: D, body)}: an index sum; {@code index.range()} may be null. */
  record Sum(IndexVar index, Expr body, Span span) implements Expr {
    public <R> R accept(Visitor<R> v) { return v.visitSum(this); }
  }

  /**
   * A slice {@code from:to} as an index of an element access (format 1.2): the indices from <= k < to in the
   * spec's index base, as Python's; {@code from} or {@code to} null when left out (the axis' start or end).
   */
  record Range(Expr from, Expr to, Span span) implements Expr {
    public <R> R accept(Visitor<R> v) { return v.visitRange(this); }
  }

  /** One method per node type. */
  interface Visitor<R> {
    R visitNum(Num e);
    R visitName(Name e);
    R visitUnary(Unary e);
    R visitBinary(Binary e);
    R visitTranspose(Transpose e);
    R visitAccess(Access e);
    R visitCall(Call e);
    R visitSum(Sum e);
    R visitRange(Range e);
  }
}
