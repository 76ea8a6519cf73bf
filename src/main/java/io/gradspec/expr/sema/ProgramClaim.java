package io.gradspec.expr.sema;

import io.gradspec.expr.syntax.Expr;

/**
 * What {@code claim: program} asks the program for (contract §7): the derivative of {@code call} (the one
 * call of a program function that defines {@code of}) with respect to its argument {@code argIndex}
 * (the claim's {@code wrt}).
 */
public record ProgramClaim(ProgramFunction function, Expr.Call call, int argIndex) {}
