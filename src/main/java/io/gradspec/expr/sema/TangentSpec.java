package io.gradspec.expr.sema;

import io.gradspec.expr.builtin.Builtin;
import io.gradspec.expr.builtin.Builtins;
import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.syntax.Expr;
import io.gradspec.expr.syntax.IndexFormula;
import io.gradspec.expr.syntax.IndexVar;
import io.gradspec.expr.syntax.Printer;
import io.gradspec.spec.Definition;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Diagnostics;
import io.gradspec.spec.ExprText;
import io.gradspec.spec.InputDecl;
import io.gradspec.spec.InputType;
import io.gradspec.spec.Located;
import io.gradspec.spec.SourceFile;
import io.gradspec.spec.Span;
import io.gradspec.spec.Spec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The complex form of a spec for `method: complex-step`, to first order in the imaginary part: for one `wrt`,
 * a spec whose definitions are the original ones plus, for every definition that depends on `wrt`, its
 * tangent {@code d_y} along an input {@code d_wrt} (the imaginary part divided by the step). Each operation's
 * complex form is its entry's {@link Builtin#tangentTerms} or an operator's rule here.
 *
 * <p>Why a tangent and not complex numbers: with an imaginary step h below about 1e-150, h^2 underflows against
 * 1, so every operation on {@code a + i h t} gives exactly {@code f(a) + i h f'(a) t} in double precision (Martins,
 * Sturdza and Alonso 2003, section 3.3, on the complex step and forward-mode differentiation); carrying
 * {@code t} instead of {@code h t} is the same arithmetic without the underflow. The tangent spec is
 * compiled and evaluated like any spec, so dirty regions work for it: a column is the tangent spec with
 * {@code d_wrt} set to one unit vector.
 */
public final class TangentSpec {
  /** What {@link #of} builds: the complex form, typed, its direction input's name, and each definition's tangent's name (absent: 0). */
  public record Result(TypedSpec typed, String wrtTangent, Map<String, String> tangents) {
    /** The tangent's name of definition {@code of}, or null when it does not depend on `wrt` (its tangent is 0). */
    public String tangentOf(String of) { return tangents.get(of); }
  }

  /** Thrown when a spec has no complex form: an operation without one, or a program function. */
  public static final class NoComplexForm extends RuntimeException {
    public final transient Diagnostic diagnostic;
    NoComplexForm(Diagnostic d) { super(d.message()); this.diagnostic = d; }
  }


  private final TypedSpec t;
  private final String wrt;
  /**
   * Names the complex form adds, each family with its own first letter so no two can meet, and each
   * lengthened until no name of the spec starts with it: tangents {@code d_y}, hoisted values {@code t_1} (and
   * broadcast indices {@code t_i0}), program functions' complex forms {@code c_f}.
   */
  private final String prefix, auxPrefix, callPrefix;
  private final Map<String, String> tangents = new HashMap<>();
  /** The program functions' complex forms this spec calls: their declarations, and whose form each is. */
  private final Map<String, io.gradspec.spec.FunctionDecl> complexDecls = new java.util.LinkedHashMap<>();
  private final Map<String, String> complexOf = new HashMap<>();
  private final List<String[]> defs = new ArrayList<>();
  /** The texts already hoisted into definitions, by text: each is computed once. */
  private final Map<String, String> hoisted = new HashMap<>();
  private int aux;

  private TangentSpec(TypedSpec t, String wrt) {
    this.t = t;
    this.wrt = wrt;
    this.prefix = unused(t, "d_");
    this.auxPrefix = unused(t, "t_");
    this.callPrefix = unused(t, "c_");
  }

  private static String unused(TypedSpec t, String p) {
    while (usesPrefix(t, p)) p += "_";
    return p;
  }

  private static boolean usesPrefix(TypedSpec t, String p) {
    for (TypedSpec.Ref r : t.refs.values()) {
      // index variables and dimension symbols too: a formula's index would hide a tangent of its name
      if (r instanceof TypedSpec.IndexRef i && i.slot().name.startsWith(p)) return true;
      if (r instanceof TypedSpec.DimRef d && d.symbol().startsWith(p)) return true;
    }
    for (String n : t.inputs.keySet()) if (n.startsWith(p)) return true;
    for (String n : t.functions.keySet()) if (n.startsWith(p)) return true;
    for (String n : t.defines.keySet()) if (n.startsWith(p)) return true;
    return false;
  }

  /**
   * The tangent spec of {@code t} along `wrt`, type-checked. Throws {@link NoComplexForm} when some operation
   * that `wrt` reaches has no complex form.
   */
  public static Result of(TypedSpec t, String wrt) {
    TangentSpec b = new TangentSpec(t, wrt);
    return b.build();
  }

  private Result build() {
    String dw = prefix + wrt;
    tangents.put(wrt, dw);
    for (TypedSpec.DefInfo d : t.defines.values()) {
      String name = d.def().name().value();
      if (name.equals(wrt)) continue;
      defs.add(new String[] {name, null});
      if (!t.dependsOn(name, wrt)) continue;
      String tangent = d.entry().isFormula() ? formula(d.entry().formula()) : matrix(d.entry().expr());
      if (tangent == null) continue;
      defs.add(new String[] {prefix + name, tangent});
      tangents.put(name, prefix + name);
    }
    // one synthetic file holds the new texts, one per line, so that a message about them can point into it
    StringBuilder text = new StringBuilder();
    List<Integer> starts = new ArrayList<>();
    for (String[] d : defs) {
      starts.add(text.length());
      if (d[1] != null) text.append(d[0]).append(": ").append(d[1]);
      text.append('\n');
    }
    SourceFile file = new SourceFile(Path.of("complex-form"), "the complex form of " + t.spec.file().displayPath(),
        text.toString());
    List<Definition> definitions = new ArrayList<>();
    Map<String, Definition> original = new HashMap<>();
    for (Definition d : t.spec.defines()) original.put(d.name().value(), d);
    for (int i = 0; i < defs.size(); i++) {
      String[] d = defs.get(i);
      if (d[1] == null) { definitions.add(original.get(d[0])); continue; }
      int at = starts.get(i);
      Span nameSpan = new Span(file, at, d[0].length());
      definitions.add(new Definition(Located.of(d[0], nameSpan), ExprText.verbatim(d[1], file, at + d[0].length() + 2)));
    }
    List<InputDecl> inputs = new ArrayList<>(t.spec.inputs());
    InputDecl w = t.inputs.containsKey(wrt) ? t.inputs.get(wrt).decl() : null;
    List<Located<String>> shape;
    Span span = new Span(file, 0, 0);
    if (w != null) {
      shape = w.shape();
    } else {
      // a definition held free: an input of its shape in the tangent spec
      shape = new ArrayList<>();
      for (Axis a : t.defines.get(wrt).shape().axes()) shape.add(Located.of(a.toString(), span));
      inputs.add(new InputDecl(Located.of(wrt, span), shape, span, io.gradspec.spec.Init.NORMAL, null, null));
    }
    inputs.add(new InputDecl(Located.of(dw, span), shape, span, io.gradspec.spec.Init.NORMAL, null, null,
        InputType.REAL, null, w == null ? io.gradspec.spec.Perturb.INDEPENDENT : w.perturb()));
    Spec s = t.spec;
    List<io.gradspec.spec.FunctionDecl> functions = new ArrayList<>(s.functions());
    functions.addAll(complexDecls.values());
    Spec spec = new Spec(s.file(), s.document(), s.name(), s.description(), s.tags(), s.indexBase(), s.dims(),
        s.dimsSpans(), inputs, definitions, List.of(), s.check(), s.span(), s.program(), functions);
    Diagnostics diags = new Diagnostics();
    TypedSpec typed = ShapeChecker.check(spec, diags, Integer.MAX_VALUE);
    if (typed == null || diags.hasErrors()) {
      Diagnostic first = diags.sorted().stream().filter(Diagnostic::isError).findFirst().orElse(null);
      throw new NoComplexForm(Diagnostic.error("internal", s.name().span(),
              "gradspec could not build the complex form of this spec (a bug of gradspec's)")
          .withNote(first == null ? "no error was recorded" : first.message() + " in `" + first.span().text() + "`")
          .withHelp("check it with `--method central` or `--method richardson`, and report the spec"));
    }
    typed.complexCalls.putAll(complexOf);
    return new Result(typed, dw, Map.copyOf(tangents));
  }

  // ------------------------------------------------------------------ the rules

  /** The tangent of an index formula, or null when it is 0. */
  private String formula(IndexFormula f) {
    String body = scalar(f.body());
    if (body == null) return null;
    List<String> vars = new ArrayList<>();
    for (IndexVar v : f.indices()) vars.add(Printer.indexVar(v));
    return "[" + String.join(", ", vars) + "] -> " + body;
  }

  /** A whole-value expression's tangent, or null when it is 0; its arguments may be hoisted into definitions. */
  private String matrix(Expr e) { return tangent(e, false); }

  /** An element-level expression's tangent (inside an index formula), or null when it is 0. */
  private String scalar(Expr e) { return tangent(e, true); }

  private String tangent(Expr e, boolean element) {
    return e.accept(new Expr.Visitor<String>() {
      @Override public String visitNum(Expr.Num n) { return null; }

      @Override public String visitName(Expr.Name n) {
        TypedSpec.Ref r = t.refs.get(n);
        if (r instanceof TypedSpec.InputRef i) return tangents.get(i.name());
        if (r instanceof TypedSpec.DefRef d) return tangents.get(d.name());
        return null; // a dimension or an index: constant
      }

      @Override public String visitUnary(Expr.Unary u) {
        String d = tangent(u.operand(), element);
        return d == null ? null : "-(" + d + ")";
      }

      @Override public String visitTranspose(Expr.Transpose tr) {
        String d = tangent(tr.operand(), element);
        return d == null ? null : "(" + d + ")'";
      }

      @Override public String visitBinary(Expr.Binary b) { return binary(b, element); }

      @Override public String visitAccess(Expr.Access a) {
        String d = tangent(a.target(), false);
        if (d == null) return null;
        List<String> idx = new ArrayList<>();
        for (Expr i : a.indices()) idx.add(Printer.print(i));
        return named(d) + "[" + String.join(", ", idx) + "]";
      }

      @Override public String visitSum(Expr.Sum s) {
        String d = tangent(s.body(), true);
        return d == null ? null : "sum(" + Printer.indexVar(s.index()) + ", " + d + ")";
      }

      @Override public String visitRange(Expr.Range r) { return null; }

      @Override public String visitCall(Expr.Call c) { return call(c, element); }
    });
  }

  private String binary(Expr.Binary b, boolean element) {
    String dl = tangent(b.left(), element), dr = tangent(b.right(), element);
    if (dl == null && dr == null) return null;
    String l = "(" + Printer.print(b.left()) + ")", r = "(" + Printer.print(b.right()) + ")";
    List<String> terms = new ArrayList<>();
    switch (b.op()) {
      case ADD, SUB -> {
        // a term of a smaller shape than the sum (a scalar or a broadcast vector added to a matrix) is broadcast
        if (dl != null) terms.add(broadcast(dl, b.left(), b));
        if (dr != null) terms.add((b.op() == io.gradspec.expr.syntax.BinaryOp.SUB ? "-" : "") + "(" + broadcast(dr, b.right(), b) + ")");
      }
      case MUL -> {
        if (dl != null) terms.add("(" + dl + ") * " + r);
        if (dr != null) terms.add(l + " * (" + dr + ")");
      }
      case EMUL -> {
        if (dl != null) terms.add("(" + dl + ") .* " + r);
        if (dr != null) terms.add(l + " .* (" + dr + ")");
      }
      case DIV -> {
        if (dl != null) terms.add("(" + dl + ") / " + r);
        if (dr != null) terms.add("-(" + l + " * ((" + dr + ") / (" + r + " * " + r + ")))");
      }
      case EDIV -> {
        if (dl != null) terms.add("(" + dl + ") ./ " + r);
        if (dr != null) terms.add("-(" + l + " .* (" + dr + ") ./ (" + r + " .* " + r + "))");
      }
      case POW -> {
        if (dl != null) terms.add(r + " * " + l + " ^ (" + r + " - 1) * (" + dl + ")");
        if (dr != null) terms.add("log(" + l + ") * " + l + " ^ " + r + " * (" + dr + ")");
      }
      case EPOW -> {
        if (dl != null) terms.add(r + " .* " + l + " .^ (" + r + " - 1) .* (" + dl + ")");
        if (dr != null) terms.add("log(" + l + ") .* " + l + " .^ " + r + " .* (" + dr + ")");
      }
      default -> { return null; } // comparisons, && and ||: piecewise constant
    }
    return String.join(" + ", terms);
  }

  /**
   * A program function's call: its complex form is the program's own evaluation on complex arguments, a call
   * of a function declared here ({@code c_f(a, b, d_a, d_b)}, whose value the compiler takes from the
   * program's {@code eval} of {@code f} at {@code a + i h da, b + i h db}); an argument that does not move
   * has tangent 0.
   */
  private String programCall(Expr.Call c, ProgramFunction f) {
    List<Expr> args = c.args();
    List<String> values = new ArrayList<>(), moving = new ArrayList<>();
    boolean any = false;
    for (Expr a : args) {
      String d = tangent(a, false);
      String p = named(Printer.print(a));
      values.add(p);
      moving.add(d == null ? "0 .* " + p : named(d));
      any |= d != null;
    }
    if (!any) return null;
    String name = callPrefix + f.name();
    if (!complexDecls.containsKey(name)) {
      io.gradspec.spec.FunctionDecl decl = f.decl();
      List<List<Located<String>>> shapes = new ArrayList<>(decl.args());
      shapes.addAll(decl.args());
      complexDecls.put(name, new io.gradspec.spec.FunctionDecl(Located.of(name, decl.name().span()), shapes, decl.returns(),
          decl.span()));
      complexOf.put(name, f.name());
    }
    List<String> all = new ArrayList<>(values);
    all.addAll(moving);
    return name + "(" + String.join(", ", all) + ")";
  }

  private int rank(Expr e) {
    var shape = t.shapes.get(e);
    return shape == null ? 0 : shape.indexSpace().size();
  }

  /**
   * {@code d}, a term that has the shape of {@code part}, at the shape of {@code whole}: broadcast when
   * {@code part} has fewer axes (a scalar or a vector added to a matrix, the scalar branch of a `where`).
   */
  private String broadcast(String d, Expr part, Expr whole) {
    if (rank(part) >= rank(whole)) return d;
    return "(" + d + ") + 0 .* (" + Printer.print(whole) + ")";
  }

  private String call(Expr.Call c, boolean element) {
    if (t.functions.containsKey(c.name())) return programCall(c, t.functions.get(c.name()));
    Builtin f = Builtins.get(c.name());
    List<Expr> args = c.args();
    String[] d = new String[args.size()];
    boolean any = false;
    for (int i = 0; i < args.size(); i++) {
      if (f.isDimension(i) || f.isAxis(i) || f.dimensional()) continue;
      d[i] = tangent(args.get(i), element);
      any |= d[i] != null;
    }
    if (!any) return null;
    // inside an index formula a decomposition is its scalar form (chol(a) = sqrt(a)): so is its complex form
    List<String> scalar = element ? io.gradspec.expr.builtin.MatrixTangents.scalar(f.name()) : null;
    List<String> terms = scalar != null ? scalar : f.tangentTerms();
    if (terms == null) {
      throw refusal(c, "`" + c.name() + "` has no complex form yet, and its argument moves with the `wrt` checked",
          "check this claim with `--method central` or `--method richardson`");
    }
    if (terms.isEmpty()) return null; // piecewise constant
    String[] a = new String[args.size()];
    for (int i = 0; i < args.size(); i++) {
      String p = Printer.print(args.get(i));
      boolean value = !(f.isDimension(i) || f.isAxis(i));
      // a dimension or an axis stays as written (`sum_over(A, M)`: an axis is not an expression to parenthesise)
      a[i] = !value ? p : element ? "(" + p + ")" : named(p);
      if (d[i] != null) d[i] = element ? "(" + d[i] + ")" : named(d[i]);
    }
    List<String> out = new ArrayList<>();
    for (String term : terms) {
      if (term.equals(Builtins.LINEAR)) {
        if (d[0] == null) continue;
        List<String> parts = new ArrayList<>();
        parts.add(d[0]);
        for (int i = 1; i < args.size(); i++) parts.add(Printer.print(args.get(i)));
        out.add(c.name() + "(" + String.join(", ", parts) + ")");
        continue;
      }
      int which = TangentTerms.moving(term);
      if (which < 0 || which >= d.length || d[which] == null) continue;
      // a term can take the shape of the argument it moves (where(c, s, B) with s a scalar): the call's shape
      out.add(broadcast(expandAlong(TangentTerms.fill(term, a, d, args, t, t.spec.indexBase()), c), args.get(which), c));
    }
    return out.isEmpty() ? null : String.join(" + ", out);
  }

  /**
   * Replaces each {@code $x(E)} in {@code term} (E: a value of the call's first argument's shape without the
   * axis the call names, as {@code sum_over} gives) by E broadcast back along that axis: an index formula over
   * the argument's axes that reads E without the axis's index. For the complex forms of the reductions and
   * the softmax along an axis.
   */
  private String expandAlong(String term, Expr.Call c) {
    int at;
    while ((at = term.indexOf("$x(")) >= 0) {
      int depth = 0, end = at + 2;
      for (; end < term.length(); end++) {
        char ch = term.charAt(end);
        if (ch == '(') depth++;
        else if (ch == ')' && --depth == 0) break;
      }
      String reduced = named(term.substring(at + 3, end));
      var axes = t.shapes.get(c.args().get(0)).axes();
      int axis = t.axes.get(c);
      List<String> vars = new ArrayList<>(), read = new ArrayList<>();
      for (int i = 0; i < axes.size(); i++) {
        if (axes.get(i).isOne()) throw refusal(c, "`" + c.name() + "` of a value with a literal 1 axis has no complex form yet",
            "check this claim with `--method central` or `--method richardson`");
        String v = auxPrefix + "i" + i;
        vars.add(v + ": " + axes.get(i));
        if (i != axis) read.add(v);
      }
      String expanded = named("[" + String.join(", ", vars) + "] -> " + reduced + "[" + String.join(", ", read) + "]");
      term = term.substring(0, at) + expanded + term.substring(end + 1);
    }
    return term;
  }

  /**
   * {@code text} as a name: itself when it is one, else a definition holding it (so it is computed once), the
   * same one for the same text.
   */
  private String named(String text) {
    if (text.matches("[A-Za-z_][A-Za-z0-9_]*")) return text;
    return hoisted.computeIfAbsent(text, x -> {
      String name = auxPrefix + (++aux);
      defs.add(new String[] {name, x});
      return name;
    });
  }

  private NoComplexForm refusal(Expr.Call c, String message, String help) {
    return new NoComplexForm(Diagnostic.error("unsupported", c.nameSpan(), message)
        .withLabel("no complex form").withHelp(help));
  }
}
