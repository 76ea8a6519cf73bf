package io.gradspec.expr.sema;

import io.gradspec.expr.shape.Shape;
import io.gradspec.spec.FunctionDecl;
import java.util.List;

/** A function the spec's program computes (contract §7), with its declared shapes resolved. */
public record ProgramFunction(FunctionDecl decl, List<Shape> args, Shape returns) {
  public ProgramFunction { args = List.copyOf(args); }

  public String name() { return decl.name().value(); }

  /** Argument {@code i}'s shape as `functions` writes it: "[D]", "[N, D]". */
  public String declared(int i) { return text(decl.args().get(i)); }

  /** "f([N, D], [D])", as `functions` declares it. */
  public String signature() {
    StringBuilder b = new StringBuilder(name()).append('(');
    for (int i = 0; i < args.size(); i++) b.append(i > 0 ? ", " : "").append(declared(i));
    return b.append(')').toString();
  }

  private static String text(List<io.gradspec.spec.Located<String>> axes) {
    return "[" + String.join(", ", axes.stream().map(io.gradspec.spec.Located::value).toList()) + "]";
  }
}
