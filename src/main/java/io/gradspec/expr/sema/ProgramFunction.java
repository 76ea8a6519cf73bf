package io.gradspec.expr.sema;

import io.gradspec.expr.shape.Shape;
import io.gradspec.spec.FunctionDecl;
import java.util.List;

/** A function the spec's program computes (contract §7), with its declared shapes resolved. */
public record ProgramFunction(FunctionDecl decl, List<Shape> args, Shape returns) {
  public ProgramFunction { args = List.copyOf(args); }

  public String name() { return decl.name().value(); }
}
