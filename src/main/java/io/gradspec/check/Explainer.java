package io.gradspec.check;

import io.gradspec.numeric.Precision;
import io.gradspec.expr.eval.ClaimPlan;
import io.gradspec.expr.eval.MemoryPlan;
import io.gradspec.expr.eval.Program;
import io.gradspec.expr.kernel.EvalException;
import io.gradspec.expr.kernel.Node;
import io.gradspec.expr.sema.DerivativeSpace;
import io.gradspec.expr.sema.TypedSpec.ClaimInfo;
import io.gradspec.expr.sema.TangentSpec;
import io.gradspec.expr.sema.TypedSpec;
import io.gradspec.expr.shape.Axis;
import io.gradspec.expr.shape.Shape;
import io.gradspec.expr.syntax.Expr;
import io.gradspec.expr.syntax.IndexFormula;
import io.gradspec.expr.syntax.Printer;
import io.gradspec.expr.syntax.Rewriter;
import io.gradspec.math.IndexSpace;
import io.gradspec.result.Explanation;
import io.gradspec.result.InconclusiveReason;
import io.gradspec.result.Tolerance;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Diagnostics;
import io.gradspec.spec.Span;
import io.gradspec.spec.Method;
import io.gradspec.spec.Spec;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code explain}: one component of one claim worked through as scalars ({@link Explanation}). Made with
 * the checker's own steps — settings, compile, draw ({@link Preparation}), and the column comparison with
 * its judging rule ({@link ComponentVerdict#of}) — so the numbers and the verdict are the ones
 * {@code check} found.
 */
public final class Explainer {
  private Explainer() {}

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

  /**
   * Explains component {@code index} (spec's index base) of claim {@code claim} (0-based) of {@code spec},
   * in dims map {@code dimsIndex} and trial {@code trial}, with the seed and flags in {@code options}.
   *
   * @throws Problem for an argument out of range or a spec that does not compile or evaluate
   */
  public static Explanation explain(Spec spec, CheckOptions options, int claim, int dimsIndex, int trial, int[] index) {
    Diagnostics diags = new Diagnostics();
    TypedSpec typed = Preparation.analyse(spec, options.limits(), diags);
    if (typed == null || diags.hasErrors()) throw new Problem("the spec is invalid", diags.sorted());
    if (claim < 0 || claim >= typed.claims.size()) {
      throw new Problem("there is no claim " + (claim + 1) + ": the spec has " + count(typed.claims.size(), "claim"));
    }
    if (dimsIndex < 0 || dimsIndex >= spec.dims().size()) {
      throw new Problem("there is no dims map " + dimsIndex + ": the spec has " + count(spec.dims().size(), "dims map")
          + ", numbered from 0");
    }
    Map<String, Integer> dims = spec.dims().get(dimsIndex);
    Program p = Preparation.compile(typed, dims, options, diags);
    if (p == null || diags.hasErrors()) throw new Problem("the spec is invalid", diags.sorted());
    ComplexForms forms = null;
    try {
      CheckSettings settings = Settings.of(spec, options, Preparation.precision(p));
      if (trial < 0 || trial >= settings.trials()) {
        throw new Problem("there is no trial " + trial + ": the spec is checked at " + count(settings.trials(), "trial")
            + ", numbered from 0 to " + (settings.trials() - 1)
            + " (a run with --trials N has more: give explain the same --trials)");
      }
      ClaimInfo ci = typed.claims.get(claim);
      checkIndex(index, ci.space().at(dims).whole(), spec.indexBase(), ci);
      try {
        forms = ComplexForms.of(typed, settings.method() == Method.COMPLEX_STEP);
      } catch (TangentSpec.NoComplexForm e) {
        throw new Problem("the spec has no complex form", List.of(e.diagnostic));
      }
      if (forms != null) {
        if (!forms.compile(p, options, diags, new MemoryPlan(options.limits().memoryBytes()))) {
          throw new Problem("the spec's complex form does not compile", diags.sorted());
        }
      }
      Preparation.draw(p, settings, trial, false);
      if (forms != null) forms.draw(p);
      return explain(spec, p, p.claims().get(claim), settings, options, dimsIndex, trial, index, forms);
    } catch (EvalException e) {
      throw new Problem("the spec could not be evaluated", List.of(Preparation.diagnostic(e)));
    } finally {
      if (forms != null) forms.release();
      p.release();
    }
  }

  /** The claim as the explanation names it: its text, or for `claim: program` the operation that supplied it. */
  private static String claimText(Program p, ClaimInfo ci) {
    if (ci.program() == null) return ci.decl().claim().text();
    return Preparation.source(p, ci, Preparation.precision(p)).words();
  }

  private static Explanation explain(Spec spec, Program p, ClaimPlan plan, CheckSettings s, CheckOptions options,
                                     int dimsIndex, int trial, int[] index, ComplexForms forms) {
    ClaimInfo ci = plan.info;
    int base = spec.indexBase();
    DerivativeSpace space = ci.space();
    Tolerance tol = Settings.tolerance(ci.decl(), spec, options, Preparation.precision(p), s.method());
    ClaimCheck check = Preparation.claim(p, plan, s, tol, options, Deadline.none(), forms);
    DerivativeSpace.Numeric numeric = check.space();
    int[] zero = new int[index.length];
    for (int a = 0; a < index.length; a++) zero[a] = index[a] - base;
    int[] ofTuple = Arrays.copyOfRange(zero, space.ofAt(), space.ofAt() + space.ofAxes().size());
    int[] wrtTuple = Arrays.copyOfRange(zero, space.wrtAt(), space.wrtAt() + space.wrtAxes().size());
    int i = (int) numeric.of().flatten(ofTuple);
    int k = (int) numeric.wrt().flatten(wrtTuple);
    // a Hessian's f is the tangent d of / d wrt[k], which is not kept at the point: shown only at x +- h
    double f = ci.decl().hessian() ? Double.NaN : check.pert().output()[i];
    double x = check.pert().get(k);

    // the claimed value and its formula, at the unperturbed point
    String shapeProblem = null, substituted = null, valued = null;
    if (!ci.indexProblems().isEmpty()) {
      shapeProblem = String.join("; ", ci.indexProblems());
    } else if (!ci.shapeFits()) {
      shapeProblem = "the claim has index space " + Shape.spaceString(ci.claimShape().indexSpace())
          + " but the layout needs " + Shape.spaceString(ci.claimExpected()) + ", so it has no value per component";
    } else if (plan.isFormula()) {
      IndexFormula formula = ci.entry().formula();
      Map<String, Integer> values = new LinkedHashMap<>();
      int[] own = space.vec() ? numeric.vecIndex(numeric.flat(i, k), base) : index;
      for (int a = 0; a < formula.indices().size(); a++) values.put(formula.indices().get(a).name(), own[a]);
      Expr sub = new Substitute(values, null, base).rewrite(formula.body());
      substituted = Printer.print(sub);
      String v = Printer.print(new Substitute(Map.of(), p, base).rewrite(sub));
      valued = v.equals(substituted) ? null : v;
    }

    // the numeric column and the verdict, exactly as the checker computes and judges them
    ComponentVerdict.Component c = ComponentVerdict.of(check, i, k, shapeProblem == null);
    double claimed = c.claimed();
    Explanation.Verdict verdict;
    InconclusiveReason why = null;
    if (shapeProblem != null) {
      verdict = Explanation.Verdict.DISAGREES;
    } else if (c.verdict().inconclusive() || c.verdict() == Tolerance.Verdict.SWAMPED) {
      verdict = Explanation.Verdict.INCONCLUSIVE;
      why = check.reason(new ColumnComparison.Untrusted(numeric.flat(i, k), c.verdict(), c.claimed(), c.numeric(),
          c.fdError(), c.fPlus(), c.fMinus(), c.evidence()), base, p.dims, trial);
    } else {
      verdict = c.verdict() == Tolerance.Verdict.DISAGREES ? Explanation.Verdict.DISAGREES : Explanation.Verdict.AGREES;
    }
    List<String> symbols = ci.expected().stream().map(Axis::toString).collect(Collectors.toList());
    List<Integer> sizes = Arrays.stream(numeric.whole().sizes()).boxed().collect(Collectors.toList());
    // a Hessian's entries are derivatives of the gradient's: named (d f / d x) throughout
    String of = ci.decl().hessian() ? "(d " + ci.of() + " / d " + ci.wrt() + ")" : ci.of();
    return new Explanation(spec.file().displayPath(), spec.name().value(), ci.decl().index() + 1, of, ci.wrt(),
        ci.decl().layout(), claimText(p, ci), ci.decl().claim().whole(), new LinkedHashMap<>(spec.dims().get(dimsIndex)),
        dimsIndex, spec.dims().size(), trial, s.trials(), s.seed(), s.method(), symbols, sizes, ci.indexNames(),
        index.clone(), ci.decl().hessian() ? "(d " + ci.of() + " / d " + element(ci.wrt(), ofTuple, base) + ")"
            : element(ci.of(), ofTuple, base), element(ci.wrt(), wrtTuple, base), substituted, valued,
        shapeProblem, claimed, x, c.h(), x + c.h(), x - c.h(), f, c.fPlus(), c.fMinus(), c.numeric(), tol.atol(),
        tol.rtol(), c.fdError(), Math.abs(claimed - c.numeric()), tol.allowed(claimed, c.numeric(), c.fdError()),
        verdict, why, c.refinement(), mirror(p, ci.wrt(), wrtTuple, base),
        space.vec() ? numeric.vecIndex(numeric.flat(i, k), base) : null);
  }

  private static void checkIndex(int[] index, IndexSpace space, int base, ClaimInfo ci) {
    String symbolic = Shape.spaceString(ci.expected());
    if (index.length != space.rank()) {
      String want = space.rank() == 0 ? "no index (the derivative is a scalar)"
          : count(space.rank(), "index", "indices") + ", one per axis of the index space " + symbolic;
      throw new Problem("--index has " + count(index.length, "index", "indices") + ", but d " + ci.of() + " / d "
          + ci.wrt() + " needs " + want);
    }
    for (int a = 0; a < index.length; a++) {
      if (index[a] < base || index[a] >= space.size(a) + base) {
        throw new Problem("index " + index[a] + " is out of range for axis " + (a + 1) + " of " + symbolic
            + ": it runs from " + base + " to " + (space.size(a) - 1 + base) + " (index-base " + base + ")");
      }
    }
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
  private static final class Substitute extends Rewriter {
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

    @Override public Expr visitName(Expr.Name e) {
      Integer i = indices.get(e.name());
      if (i != null) return num(i, e.span());
      if (program == null) return e;
      Node n = program.value(e.name());
      if (n != null && n.size() == 1) return num(n.data()[0], e.span());
      Integer d = program.dims.get(e.name());
      return d != null && n == null ? num(d, e.span()) : e;
    }

    @Override public Expr visitAccess(Expr.Access e) {
      List<Expr> idx = rewriteAll(e.indices());
      if (program != null && e.target() instanceof Expr.Name name && program.value(name.name()) != null
          && idx.stream().allMatch(x -> x instanceof Expr.Num)) {
        Node n = program.value(name.name());
        if (idx.size() == n.space.length) {
          int[] tuple = new int[idx.size()];
          boolean inRange = true;
          for (int a = 0; a < idx.size(); a++) {
            double v = ((Expr.Num) idx.get(a)).value() - base;
            if (v != Math.rint(v) || v < 0 || v >= n.space[a]) inRange = false;
            tuple[a] = (int) v;
          }
          if (inRange) return num(n.data()[(int) IndexSpace.flatten(tuple, n.space)], e.span());
        }
      }
      Expr target = program == null ? rewrite(e.target()) : e.target();
      return new Expr.Access(target, idx, e.span());
    }

    @Override public Expr visitSum(Expr.Sum e) {
      // inside a sum the element reads depend on the sum's own index: leave them as written
      if (program != null) return e;
      Map<String, Integer> inner = new LinkedHashMap<>(indices);
      inner.remove(e.index().name());
      return new Expr.Sum(e.index(), new Substitute(inner, null, base).rewrite(e.body()), e.span());
    }
  }

  /** The component that moves with {@code wrtTuple} under `perturb: symmetric` (its transpose), or null. */
  private static String mirror(Program p, String wrt, int[] wrtTuple, int base) {
    if (!p.typed.perturbedSymmetrically(wrt) || wrtTuple.length != 2 || wrtTuple[0] == wrtTuple[1]) return null;
    return element(wrt, new int[] {wrtTuple[1], wrtTuple[0]}, base);
  }
}
