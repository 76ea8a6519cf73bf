package io.gradspec.expr.sema;

import io.gradspec.expr.shape.Shape;
import io.gradspec.expr.syntax.Expr;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One term of a built-in's complex form ({@link io.gradspec.expr.builtin.Builtin#withTangent}) filled in for a
 * call: {@code $d0} by the tangents, {@code $0} by the arguments, and the shape placeholders by the
 * arguments' shapes. Only text: {@link TangentSpec} decides what the arguments are called.
 */
final class TangentTerms {
  private TangentTerms() {}

  private static final Pattern TANGENT_ARG = Pattern.compile("\\$d(\\d)");
  private static final Pattern ARG = Pattern.compile("\\$(\\d)");
  /** {@code $r0}: where a slice of argument 0's rows ends, in the spec's index base (for a block of a larger matrix). */
  private static final Pattern ROWS_END = Pattern.compile("\\$r(\\d)");
  /** {@code $len0}: the length of vector argument 0; {@code $shape0}: its rows and columns, as reshape takes them. */
  private static final Pattern LENGTH = Pattern.compile("\\$len(\\d)"), SHAPE = Pattern.compile("\\$shape(\\d)");

  /** The argument whose tangent {@code term} is linear in, or -1 when it names none. */
  static int moving(String term) {
    Matcher m = TANGENT_ARG.matcher(term);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  /**
   * {@code term} with the arguments' text {@code a}, their tangents' {@code d}, and the shapes of {@code args}
   * as typed in {@code t}; {@code base} is the spec's index base.
   */
  static String fill(String term, String[] a, String[] d, List<Expr> args, TypedSpec t, int base) {
    String s = ROWS_END.matcher(term).replaceAll(mr -> {
      String rows = shape(t, args, mr).rows().toString();
      return Matcher.quoteReplacement(base == 0 ? rows : rows + "+" + base);
    });
    s = LENGTH.matcher(s).replaceAll(mr -> Matcher.quoteReplacement(shape(t, args, mr).indexSpace().stream()
        .map(Object::toString).findFirst().orElse("1")));
    s = SHAPE.matcher(s).replaceAll(mr -> {
      Shape shape = shape(t, args, mr);
      return Matcher.quoteReplacement(shape.rows() + ", " + shape.cols());
    });
    s = TANGENT_ARG.matcher(s).replaceAll(mr -> Matcher.quoteReplacement(d[Integer.parseInt(mr.group(1))]));
    return ARG.matcher(s).replaceAll(mr -> Matcher.quoteReplacement(a[Integer.parseInt(mr.group(1))]));
  }

  private static Shape shape(TypedSpec t, List<Expr> args, java.util.regex.MatchResult mr) {
    return t.shapes.get(args.get(Integer.parseInt(mr.group(1))));
  }
}
