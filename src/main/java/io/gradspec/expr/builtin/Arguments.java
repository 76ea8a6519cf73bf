package io.gradspec.expr.builtin;

import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.shape.Shape;
import io.gradspec.expr.syntax.Expr;
import io.gradspec.expr.syntax.Printer;
import io.gradspec.spec.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/** The arguments of one call as its {@link Builtin.ShapeRule} sees them: their shapes (or dimensions) and the way to refuse one. */
public final class Arguments {
  private final Builtin f;
  private final Expr.Call call;
  private final Shape[] shapes;
  private final Axis[] dimensions;
  private final Typer typer;

  Arguments(Builtin f, Expr.Call call, Shape[] shapes, Axis[] dimensions, Typer typer) {
    this.f = f;
    this.call = call;
    this.shapes = shapes;
    this.dimensions = dimensions;
    this.typer = typer;
  }

  /** How many arguments the call has (fewer than the arity when optional ones are left out). */
  public int count() { return call.args().size(); }

  /** The value of argument {@code i} when it is a number literal, possibly negated; else null. */
  public Double number(int i) {
    Expr e = call.args().get(i);
    if (e instanceof Expr.Unary u) {
      Double v = Bounds.number(u.operand());
      return v == null ? null : -v;
    }
    return Bounds.number(e);
  }

  /** Reports that argument {@code i} must be a number literal and returns null. */
  public Shape notANumber(int i, String what) {
    typer.report(Diagnostic.error("shape", call.args().get(i).span(), "`" + call.name() + "` expects " + what
            + " as a number here, so that its shape is known before it runs")
        .withLabel("not a number")
        .withNote("`" + call.name() + "` is called as `" + f.signature() + "`"));
    return null;
  }

  /** The shape of argument {@code i}. */
  public Shape shape(int i) { return shapes[i]; }

  /** Argument {@code i} of a dimensional function. */
  public Axis dimension(int i) { return dimensions[i]; }

  /** The one axis of a vector argument {@code i}. */
  public Axis length(int i) { return shapes[i].indexSpace().get(0); }

  /** Whether argument {@code i} is square: a scalar, or both axes the same symbol. */
  public boolean isSquare(int i) {
    Shape a = shapes[i];
    return a.rank() == 0 || (a.rank() == 2 && a.rows().equals(a.cols()));
  }

  /**
   * Reports that argument {@code i} is not what the function expects and returns null (no shape). Without
   * a {@code help}, a note says what square means or how the function is called.
   */
  public Shape error(int i, String expected, String help) {
    Shape found = shapes[i];
    Diagnostic d = Diagnostic.error("shape", call.args().get(i).span(),
            "`" + call.name() + "` expects " + expected + ", but this has shape " + found)
        .withLabel("shape " + found);
    if (help != null) {
      d = d.withHelp(help);
    } else if (expected.equals("a square matrix")) {
      d = d.withNote("square means both axes are the same symbol, as in [N, N]; " + found
          + " is not square even when the sizes are equal");
    } else {
      d = d.withNote("`" + call.name() + "` is called as `" + f.signature() + "`");
    }
    typer.report(d);
    return null;
  }

  /**
   * The position, in argument 0's list of axes, of the axis that argument {@code i} names: a dimension
   * symbol that is exactly one of its axes, or {@code -k}, the k-th axis from the end (as torch's
   * {@code dim=-1}); null after reporting why not. A positive number is refused: NumPy would count it from
   * 0 and the spec's index base may count from 1, so it could mean either of two axes.
   */
  public Integer axis(int i) {
    Shape x = shapes[0];
    List<Axis> axes = x.axes();
    Expr e = call.args().get(i);
    List<String> names = new ArrayList<>();
    for (Axis a : axes) names.add("`" + a + "`");
    String help = "name one of its axes (" + String.join(", ", names) + ") or count from the end: `-1` is the last";
    if (dimensions[i] == null) {
      Double k = number(i);
      if (k != null && k == Math.rint(k) && k < 0 && -k <= axes.size()) return recorded(axes.size() + k.intValue());
      return axisError(e, "`" + call.name() + "` counts axes from the end with -1 to -" + axes.size() + ", but `"
          + text(e) + "` is not one of them", help);
    }
    int found = -1, count = 0;
    for (int k = 0; k < axes.size(); k++) {
      if (axes.get(k).equals(dimensions[i])) { found = k; count++; }
    }
    if (count == 1) return recorded(found);
    String arg = text(call.args().get(0));
    if (count > 1) {
      return axisError(e, "`" + text(e) + "` is " + count + " axes of `" + arg + "`, whose shape is " + x,
          "count from the end instead: `-1` is the last axis, `-2` the one before it");
    }
    if (e instanceof Expr.Num) {
      help = "a number would be read from 0 by NumPy and from the index base here; " + help;
    }
    return axisError(e, "`" + text(e) + "` is not an axis of `" + arg + "`, whose shape is " + x, help);
  }

  private Integer recorded(int position) {
    typer.recordAxis(call, position);
    return position;
  }

  private Integer axisError(Expr e, String message, String help) {
    typer.report(Diagnostic.error("shape", e.span(), message).withLabel("not one axis of the first argument").withHelp(help));
    return null;
  }

  /** Argument {@code i} as the spec writes it. */
  public String text(int i) { return text(call.args().get(i)); }

  private static String text(Expr e) { return Printer.asWritten(e); }
}
