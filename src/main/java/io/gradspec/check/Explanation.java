package io.gradspec.check;

import io.gradspec.expr.eval.ClaimPlan;
import io.gradspec.expr.eval.Compiler;
import io.gradspec.expr.eval.Program;
import io.gradspec.expr.kernel.EvalException;
import io.gradspec.expr.kernel.Node;
import io.gradspec.expr.kernel.Perturbation;
import io.gradspec.expr.sema.ShapeChecker;
import io.gradspec.expr.sema.TypedSpec.ClaimInfo;
import io.gradspec.expr.sema.TypedSpec;
import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.shape.Shape;
import io.gradspec.expr.syntax.Expr;
import io.gradspec.expr.syntax.IndexFormula;
import io.gradspec.expr.syntax.Printer;
import io.gradspec.math.IndexSpace;
import io.gradspec.numeric.CentralDifference;
import io.gradspec.numeric.InputSampler;
import io.gradspec.result.Tolerance;
import io.gradspec.run.RunOptions;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Diagnostics;
import io.gradspec.spec.Layout;
import io.gradspec.spec.Method;
import io.gradspec.spec.Span;
import io.gradspec.spec.Spec;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One component of one claim, worked through as scalars, in the spirit of the seed tutorial: the claimed
 * formula with its indices substituted and its value; the perturbed input component, h, f(x + h) and
 * f(x - h) of the `of` component; the numeric value; each term of the error bound; and the verdict. Made
 * with the checker's own machinery (sampler, compiler, perturbation, central differences, tolerance), so
 * the numbers are the ones {@code check} compared.
 *
 * @param claimNumber  1-based position of the claim in the spec
 * @param index        the component's index tuple, in the spec's index base, over the derivative's space
 * @param ofElement    the `of` component, e.g. {@code Y[0, 1]} (just the name for a scalar)
 * @param wrtElement   the perturbed input component, e.g. {@code z[2]}
 * @param substituted  an index formula's body with its indices replaced by numbers, or null
 * @param valued       the same with every element read replaced by its value, or null when it adds nothing
 * @param shapeProblem why the claim has no value at this index (wrong shape), or null
 * @param h            half the step actually taken, (x+ - x-) / 2 (for Richardson: the finer step)
 * @param why          what made an inconclusive component inconclusive, or null
 */
public record Explanation(String file, String specName, int claimNumber, String of, String wrt, Layout layout,
                          String claimText, Span claimSpan, Map<String, Integer> dims, int dimsIndex, int dimsCount,
                          int trial, int trials, long seed, Method method, List<String> indexSymbols,
                          List<Integer> indexSpace, List<String> indexNames, int[] index, String ofElement,
                          String wrtElement, String substituted, String valued, String shapeProblem,
                          double claimed, double x, double h, double xPlus, double xMinus, double f,
                          double fPlus, double fMinus, double numeric, double atol, double rtol, double fdError,
                          double absError, double tolerance, Verdict verdict, String why) {

  /** Whether the component agrees. */
  public enum Verdict { AGREES, DISAGREES, INCONCLUSIVE }

  /** A request that cannot be explained: a bad argument, or a spec that does not compile. */
  public static final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Diagnostic> diagnostics;

    Problem(String message, List<Diagnostic> diagnostics) {
      super(message, null, false, false);
      this.diagnostics = List.copyOf(diagnostics);
    }

    Problem(String message) { this(message, List.of()); }

    /** The spec's own diagnostics when it did not compile, else empty. */
    public List<Diagnostic> diagnostics() { return diagnostics; }
  }

  /** rtol * max(|claimed|, |numeric|): the relative term of the bound. */
  public double rtolTerm() { return rtol * Math.max(Math.abs(claimed), Math.abs(numeric)); }

  /**
   * Explains component {@code index} (spec's index base) of claim {@code claim} (0-based) of {@code spec},
   * in dims map {@code dimsIndex} and trial {@code trial}, with the seed and flags in {@code options}.
   *
   * @throws Problem for an argument out of range or a spec that does not compile or evaluate
   */
  public static Explanation of(Spec spec, RunOptions options, int claim, int dimsIndex, int trial, int[] index) {
    Diagnostics diags = new Diagnostics();
    TypedSpec typed = ShapeChecker.check(spec, diags);
    if (typed == null || diags.hasErrors()) throw new Problem("the spec is invalid", diags.sorted());
    if (claim < 0 || claim >= typed.claims.size()) {
      throw new Problem("there is no claim " + (claim + 1) + ": the spec has " + count(typed.claims.size(), "claim"));
    }
    if (dimsIndex < 0 || dimsIndex >= spec.dims().size()) {
      throw new Problem("there is no dims map " + dimsIndex + ": the spec has " + count(spec.dims().size(), "dims map")
          + ", numbered from 0");
    }
    Map<String, Integer> dims = spec.dims().get(dimsIndex);
    Program p = Compiler.compile(typed, dims, diags);
    if (p == null || diags.hasErrors()) throw new Problem("the spec is invalid", diags.sorted());
    CheckSettings settings = Checker.settings(spec, options);
    // any trial number is allowed: it only seeds the draw (a run with --trials 10 reports trials 3 to 9)
    if (trial < 0) throw new Problem("there is no trial " + trial + ": trials are numbered from 0");
    ClaimInfo ci = typed.claims.get(claim);
    int base = spec.indexBase();
    int[] sizes = Checker.sizes(ci.expected(), dims);
    checkIndex(index, sizes, base, ci);

    try {
      InputSampler.draw(p, settings.seed(), spec.name().value(), trial);
      p.evaluate();
      p.prepareClaims();
      return explain(spec, p, ci, p.claims().get(claim), settings, options, dimsIndex, trial, index, sizes);
    } catch (EvalException e) {
      Diagnostic d = Diagnostic.error("eval", e.span(), e.getMessage());
      if (e.label() != null) d = d.withLabel(e.label());
      throw new Problem("the spec could not be evaluated", List.of(d));
    }
  }

  private static Explanation explain(Spec spec, Program p, ClaimInfo ci, ClaimPlan plan, CheckSettings s,
                                     RunOptions options, int dimsIndex, int trial, int[] index, int[] sizes) {
    int base = spec.indexBase();
    int ofRank = ci.ofSpace().size(), wrtRank = ci.wrtSpace().size();
    boolean numerator = ci.decl().layout() != Layout.DENOMINATOR;
    int[] zero = new int[index.length];
    for (int a = 0; a < index.length; a++) zero[a] = index[a] - base;
    int[] ofTuple = numerator ? Arrays.copyOfRange(zero, 0, ofRank) : Arrays.copyOfRange(zero, wrtRank, wrtRank + ofRank);
    int[] wrtTuple = numerator ? Arrays.copyOfRange(zero, ofRank, ofRank + wrtRank) : Arrays.copyOfRange(zero, 0, wrtRank);
    int i = flatten(ofTuple, Checker.sizes(ci.ofSpace(), p.dims));
    int k = flatten(wrtTuple, Checker.sizes(ci.wrtSpace(), p.dims));

    // the claimed value and its formula, at the unperturbed point
    String shapeProblem = null, substituted = null, valued = null;
    double claimed = Double.NaN;
    if (!ci.indexProblems().isEmpty()) {
      shapeProblem = String.join("; ", ci.indexProblems());
    } else if (!ci.shapeFits()) {
      shapeProblem = "the claim has index space " + Shape.spaceString(ci.claimShape().indexSpace())
          + " but the layout needs " + Shape.spaceString(ci.expected()) + ", so it has no value per component";
    } else if (plan.isFormula()) {
      claimed = plan.at(zero);
      IndexFormula formula = ci.entry().formula();
      Map<String, Integer> values = new LinkedHashMap<>();
      for (int a = 0; a < formula.indices().size(); a++) values.put(formula.indices().get(a).name(), index[a]);
      Expr sub = formula.body().accept(new Substitute(values, null, base));
      substituted = Printer.print(sub);
      String v = Printer.print(sub.accept(new Substitute(Map.of(), p, base)));
      valued = v.equals(substituted) ? null : v;
    } else {
      claimed = plan.value().data()[flatten(zero, sizes)];
    }

    // the numeric column, exactly as the checker computes it
    Perturbation pert = p.perturbation(ci.of(), ci.wrt());
    double f = pert.output()[i];
    double x = pert.get(k);
    int m = pert.outputSize();
    double[] num = new double[m], fdErr = new double[m], fp = new double[m], fm = new double[m];
    CentralDifference cd = new CentralDifference(pert, s.step());
    if (s.method() == Method.RICHARDSON) cd.richardsonColumn(k, num, fdErr, fp, fm);
    else cd.column(k, num, fdErr, fp, fm);
    double h = cd.lastStep();
    pert.restore();

    Tolerance tol = Checker.tolerance(ci.decl(), spec.check(), options.explicit());
    double numeric = num[i];
    double allowed = tol.allowed(claimed, numeric, fdErr[i]);
    double err = Math.abs(claimed - numeric);
    Verdict verdict;
    String why = null;
    if (shapeProblem != null) {
      verdict = Verdict.DISAGREES;
    } else {
      // the checker's own rule (Tolerance.judge), with a swamped component settled by its column's scale
      Tolerance.Verdict v = ColumnComparison.stepLost(x, s.step(), s.method() == Method.RICHARDSON)
          ? Tolerance.Verdict.NUMERIC_NOT_FINITE : tol.judge(claimed, numeric, fdErr[i], fp[i], fm[i]);
      if (v == Tolerance.Verdict.SWAMPED) {
        v = Tolerance.swampedAt(fdErr[i], columnScale(ci, plan, zero, numerator, ofRank, wrtRank, p, num))
            ? Tolerance.Verdict.NUMERIC_NOT_FINITE : Tolerance.Verdict.AGREES;
      }
      verdict = v.inconclusive() ? Verdict.INCONCLUSIVE : v == Tolerance.Verdict.DISAGREES ? Verdict.DISAGREES : Verdict.AGREES;
      why = switch (v) {
        case NUMERIC_NOT_FINITE -> ColumnComparison.stepLost(x, s.step(), s.method() == Method.RICHARDSON)
            ? "the step rounds to 0 at this input (x + h and x - h are both x)"
            : Double.isFinite(numeric) ? "round-off swamps the comparison: the bound exceeds every value in the column"
            : "the central difference overflows";
        case BOUND_NOT_FINITE -> "the tolerance overflows";
        case CLAIM_NOT_FINITE, F_PLUS_NOT_FINITE, F_MINUS_NOT_FINITE -> "a value is not finite";
        default -> null;
      };
    }

    List<String> symbols = ci.expected().stream().map(Axis::toString).collect(Collectors.toList());
    List<Integer> space = Arrays.stream(sizes).boxed().collect(Collectors.toList());
    return new Explanation(spec.file().displayPath(), spec.name().value(), ci.decl().index() + 1, ci.of(), ci.wrt(),
        ci.decl().layout(), ci.decl().claim().text(), ci.decl().claim().whole(), new LinkedHashMap<>(spec.dims().get(dimsIndex)),
        dimsIndex, spec.dims().size(), trial, s.trials(), s.seed(), s.method(), symbols, space, ci.indexNames(),
        index.clone(), element(ci.of(), ofTuple, base), element(ci.wrt(), wrtTuple, base), substituted, valued,
        shapeProblem, claimed, x, h, x + h, x - h, f, fp[i], fm[i], numeric, tol.atol(), tol.rtol(), fdErr[i], err,
        allowed, verdict, why);
  }

  /** The largest |claimed| or |numeric| in the explained component's column (every `of` component, same `wrt` one). */
  private static double columnScale(ClaimInfo ci, ClaimPlan plan, int[] zero, boolean numerator, int ofRank, int wrtRank,
                                    Program p, double[] num) {
    int[] ofSizes = Checker.sizes(ci.ofSpace(), p.dims);
    int[] tuple = zero.clone();
    int at = numerator ? 0 : wrtRank;
    int[] ofTuple = new int[ofRank];
    int[] sizes = Checker.sizes(ci.expected(), p.dims);
    double scale = 0;
    for (int i = 0; i < num.length; i++) {
      IndexSpace.unflatten(i, ofSizes, ofTuple);
      System.arraycopy(ofTuple, 0, tuple, at, ofRank);
      double c = plan.isFormula() ? plan.at(tuple) : plan.value().data()[flatten(tuple, sizes)];
      if (Double.isFinite(c)) scale = Math.max(scale, Math.abs(c));
      if (Double.isFinite(num[i])) scale = Math.max(scale, Math.abs(num[i]));
    }
    return scale;
  }

  private static void checkIndex(int[] index, int[] sizes, int base, ClaimInfo ci) {
    String space = Shape.spaceString(ci.expected());
    if (index.length != sizes.length) {
      String want = sizes.length == 0 ? "no index (the derivative is a scalar)"
          : count(sizes.length, "index", "indices") + ", one per axis of the index space " + space;
      throw new Problem("--index has " + count(index.length, "index", "indices") + ", but d " + ci.of() + " / d "
          + ci.wrt() + " needs " + want);
    }
    for (int a = 0; a < index.length; a++) {
      if (index[a] < base || index[a] >= sizes[a] + base) {
        throw new Problem("index " + index[a] + " is out of range for axis " + (a + 1) + " of " + space + ": it runs from "
            + base + " to " + (sizes[a] - 1 + base) + " (index-base " + base + ")");
      }
    }
  }

  private static int flatten(int[] tuple, int[] sizes) {
    int flat = 0;
    for (int a = 0; a < sizes.length; a++) flat = flat * sizes[a] + tuple[a];
    return flat;
  }

  /** {@code Y[0, 1]} in the spec's base; a scalar is just its name. */
  static String element(String name, int[] tuple0, int base) {
    if (tuple0.length == 0) return name;
    return name + Arrays.stream(tuple0).mapToObj(t -> Integer.toString(t + base)).collect(Collectors.joining(", ", "[", "]"));
  }

  private static String count(int n, String word) { return count(n, word, word + "s"); }

  private static String count(int n, String one, String many) { return n + " " + (n == 1 ? one : many); }

  /**
   * Rewrites an expression for display: with {@code program} null, replaces the named index variables by
   * numbers; with a program, replaces every element read {@code x[1]} with fixed indices, every scalar
   * input or definition and every dimension symbol by its value at the current point. A {@code sum} index
   * of the same name shadows the formula's, as in the language.
   */
  private static final class Substitute implements Expr.Visitor<Expr> {
    private final Map<String, Integer> indices;
    private final Program program;
    private final int base;

    Substitute(Map<String, Integer> indices, Program program, int base) {
      this.indices = indices;
      this.program = program;
      this.base = base;
    }

    private static Expr num(double v, Span at) {
      if (!Double.isFinite(v)) return new Expr.Name(Double.toString(v), at); // printed as is: NaN, Infinity
      String text = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
          : new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toString().toLowerCase(Locale.ROOT);
      return new Expr.Num(v, text, at);
    }

    @Override public Expr visitNum(Expr.Num e) { return e; }

    @Override public Expr visitName(Expr.Name e) {
      Integer i = indices.get(e.name());
      if (i != null) return num(i, e.span());
      if (program == null) return e;
      Node n = program.value(e.name());
      if (n != null && n.size() == 1) return num(n.data()[0], e.span());
      Integer d = program.dims.get(e.name());
      return d != null && n == null ? num(d, e.span()) : e;
    }

    @Override public Expr visitUnary(Expr.Unary e) { return new Expr.Unary(e.operand().accept(this), e.span()); }

    @Override public Expr visitBinary(Expr.Binary e) {
      return new Expr.Binary(e.op(), e.left().accept(this), e.right().accept(this), e.opSpan(), e.span());
    }

    @Override public Expr visitTranspose(Expr.Transpose e) {
      return new Expr.Transpose(e.operand().accept(this), e.span());
    }

    @Override public Expr visitAccess(Expr.Access e) {
      List<Expr> idx = new ArrayList<>();
      for (Expr x : e.indices()) idx.add(x.accept(this));
      if (program != null && e.target() instanceof Expr.Name name && program.value(name.name()) != null
          && idx.stream().allMatch(x -> x instanceof Expr.Num)) {
        Node n = program.value(name.name());
        if (idx.size() == n.space.length) {
          int flat = 0;
          boolean inRange = true;
          for (int a = 0; a < idx.size(); a++) {
            double v = ((Expr.Num) idx.get(a)).value() - base;
            if (v != Math.rint(v) || v < 0 || v >= n.space[a]) inRange = false;
            flat = flat * n.space[a] + (int) v;
          }
          if (inRange) return num(n.data()[flat], e.span());
        }
      }
      Expr target = program == null ? e.target().accept(this) : e.target();
      return new Expr.Access(target, idx, e.span());
    }

    @Override public Expr visitCall(Expr.Call e) {
      List<Expr> args = new ArrayList<>();
      for (Expr a : e.args()) args.add(a.accept(this));
      return new Expr.Call(e.name(), e.nameSpan(), args, e.span());
    }

    @Override public Expr visitSum(Expr.Sum e) {
      // inside a sum the element reads depend on the sum's own index: leave them as written
      if (program != null) return e;
      Map<String, Integer> inner = new LinkedHashMap<>(indices);
      inner.remove(e.index().name());
      return new Expr.Sum(e.index(), e.body().accept(new Substitute(inner, null, base)), e.span());
    }
  }
}
