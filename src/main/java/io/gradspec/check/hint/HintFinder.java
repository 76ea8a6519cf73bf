package io.gradspec.check.hint;

import io.gradspec.expr.sema.TypedSpec.ClaimInfo;
import io.gradspec.result.ShapeMismatch;
import io.gradspec.result.Tolerance;
import io.gradspec.spec.Layout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Explains a failed claim by testing hypotheses against every component before suggesting them: the
 * claim is the numeric derivative with its axes permuted (a layout mix-up when the permutation swaps the
 * `of` and `wrt` axes), negated, scaled by a constant, or right except on one recognisable set. Each hint
 * states its evidence.
 */
public final class HintFinder {
  private HintFinder() {}

  /** Hints for a claim of the wrong shape. */
  public static List<String> forShape(ClaimInfo ci, ShapeMismatch s) {
    List<String> out = new ArrayList<>();
    String other = ci.decl().layout() == Layout.DENOMINATOR ? "numerator" : "denominator";
    if (s.transposeFits() && s.transposeMatches()) {
      out.add("the transpose fits, and it matches the numeric derivative in all " + count(s.expected())
          + " components: did you mean `layout: " + other + "`, or the claim `" + transposed(ci.decl().claim().text()) + "`?");
    } else if (s.transposeFits()) {
      out.add("the transpose " + s.claimedSymbolic() + "' would fit the index space " + s.expectedSymbolic()
          + ", but it does not match the numeric derivative either");
    } else {
      out.add("the claim's index space " + s.claimedSymbolic() + " cannot be arranged into "
          + s.expectedSymbolic() + "; check which of `" + ci.of() + "` and `" + ci.wrt() + "` each axis belongs to");
    }
    return out;
  }

  /** `W'` -> `W`, `W` -> `W'`, otherwise `(text)'`. */
  static String transposed(String text) {
    String t = text.trim();
    if (t.matches("[A-Za-z_][A-Za-z0-9_]*'")) return t.substring(0, t.length() - 1);
    if (t.matches("[A-Za-z_][A-Za-z0-9_]*")) return t + "'";
    return "(" + t + ")'";
  }

  private static long count(List<Integer> sizes) {
    long n = 1;
    for (int v : sizes) n *= v;
    return n;
  }

  /** A corrected claim to try: new claim text (null = unchanged) and layout (null = unchanged). */
  public record Fix(String claimText, Layout layout) {}

  /** Re-runs a claim with a fix applied, as a full check; true when every component then agrees. */
  public interface Recheck {
    boolean passes(Fix fix);
  }

  /**
   * Hints for a claim of the right shape that disagrees. Arrays are row-major over the index space.
   * {@code transposedProbes} maps each square input matrix M (other than `wrt`) to the claim's values with
   * M replaced by M' (for the missing-symmetric-part test). Every suggested correction is re-checked with
   * {@code recheck} before it is printed.
   */
  public static List<String> find(ClaimInfo ci, int[] sizes, double[] claimed, double[] numeric, double[] fdErr,
                                  Tolerance tol, int base, Map<String, double[]> transposedProbes, Recheck recheck) {
    List<String> out = new ArrayList<>();
    List<Fix> fixes = new ArrayList<>();
    int n = claimed.length;
    if (n == 0) return out;
    boolean allZero = true;
    for (double v : numeric) if (Math.abs(v) > tol.atol()) { allZero = false; break; }
    if (allZero) {
      out.add("the numeric derivative is zero in every component (within atol " + sci(tol.atol())
          + "): `" + ci.of() + "` does not change with `" + ci.wrt() + "` at this point");
      return out;
    }
    String text = ci.decl().claim().text().trim();
    permutations(ci, sizes, claimed, numeric, fdErr, tol, out, fixes);
    double[] scaled = new double[n];
    for (int i = 0; i < n; i++) scaled[i] = -numeric[i];
    double worst = maxError(claimed, scaled, fdErr, tol);
    if (worst >= 0) {
      out.add("the claim is the numeric derivative negated (all " + n + " components within tolerance, max |error| "
          + sci(worst) + "): check the sign");
      fixes.add(new Fix(mapBody(text, b -> "-" + b), null));
    } else {
      int at = argmaxAbs(numeric);
      double r = claimed[at] / numeric[at];
      if (Double.isFinite(r) && r != 0 && Math.abs(r - 1) > 1e-3) {
        for (int i = 0; i < n; i++) scaled[i] = r * numeric[i];
        worst = maxError(claimed, scaled, fdErr, tol);
        if (worst >= 0) {
          String k = constant(r);
          out.add("the claim is the numeric derivative scaled by " + k + " (all " + n
              + " components within tolerance, max |error| " + sci(worst) + "): "
              + (Math.abs(Math.abs(r) - 2) < 1e-6 || Math.abs(Math.abs(r) - 0.5) < 1e-6 ? "a lost or extra factor of 2?" : "check the constant factor"));
          String inv = constant(1 / r);
          fixes.add(new Fix(mapBody(text, b -> inv.startsWith("1/") ? b + " / " + inv.substring(2) : inv + " * " + b), null));
        }
      }
    }
    for (Map.Entry<String, double[]> probe : transposedProbes.entrySet()) {
      double[] sum = new double[n];
      double[] t = probe.getValue();
      for (int i = 0; i < n; i++) sum[i] = claimed[i] + t[i];
      double w = maxError(sum, numeric, fdErr, tol);
      if (w >= 0) {
        String m = probe.getKey();
        out.add("the claim misses the symmetric part of `" + m + "`: the claim plus the same claim with `" + m
            + "` transposed matches the numeric derivative (all " + n + " components within tolerance, max |error| "
            + sci(w) + "); the rule used holds only for a symmetric `" + m + "`");
        fixes.add(new Fix(text.replaceAll("(?<![A-Za-z0-9_])" + java.util.regex.Pattern.quote(m) + "(?![A-Za-z0-9_'(])",
            java.util.regex.Matcher.quoteReplacement("(" + m + " + " + m + "')")), null));
      }
    }
    if (out.isEmpty()) support(ci, sizes, claimed, numeric, fdErr, tol, base, out);
    // at most one layout change and one rewritten claim, each re-checked before it is offered
    boolean layoutDone = false, textDone = false;
    for (Fix f : fixes) {
      boolean isLayout = f.claimText() == null;
      if ((isLayout && layoutDone) || (!isLayout && textDone) || recheck == null) continue;
      if (recheck.passes(f)) {
        out.add(describe(ci, f));
        if (isLayout) layoutDone = true; else textDone = true;
      }
    }
    return out;
  }

  private static String describe(ClaimInfo ci, Fix f) {
    if (f.claimText() == null) {
      return "checked: with `layout: " + f.layout().word() + "` the claim passes";
    }
    String q = f.claimText().startsWith("[") ? "\"" + f.claimText() + "\"" : "`" + f.claimText() + "`";
    if (ci.decl().layout() == Layout.NUMERATOR && f.layout() == null && ci.expected().size() > 1) {
      return "to keep numerator layout, write the claim as " + q + " (checked: it passes)";
    }
    return "write the claim as " + q + " (checked: it passes)";
  }

  /**
   * Applies {@code f} to the body of an index formula, or to the whole expression; {@code f} gets the body
   * in parentheses unless it is an atom (a name, number, call, element access or transpose).
   */
  static String mapBody(String text, java.util.function.UnaryOperator<String> f) {
    int arrow = text.startsWith("[") ? text.indexOf("->") : -1;
    String body = arrow < 0 ? text : text.substring(arrow + 2).trim();
    String wrapped = isAtom(body) ? body : "(" + body + ")";
    String out = f.apply(wrapped);
    return arrow < 0 ? out : text.substring(0, arrow + 2) + " " + out;
  }

  private static boolean isAtom(String body) {
    try {
      io.gradspec.expr.syntax.Expr e = io.gradspec.expr.syntax.Parser.parse(body).expr();
      return e instanceof io.gradspec.expr.syntax.Expr.Name || e instanceof io.gradspec.expr.syntax.Expr.Num
          || e instanceof io.gradspec.expr.syntax.Expr.Call || e instanceof io.gradspec.expr.syntax.Expr.Access
          || e instanceof io.gradspec.expr.syntax.Expr.Transpose;
    } catch (RuntimeException notAnExpression) {
      return false;
    }
  }

  /** For `[i, j, k] -> body` and the permutation p, the header that makes the claim equal the derivative. */
  static String permutedHeader(String text, int[] p) {
    int arrow = text.indexOf("->");
    int close = text.lastIndexOf(']', arrow);
    if (!text.startsWith("[") || arrow < 0 || close < 0) return null;
    String[] names = text.substring(1, close).split(",");
    if (names.length != p.length) return null;
    String[] out = new String[p.length];
    for (int a = 0; a < p.length; a++) out[p[a]] = names[a].trim();
    // rename so the header reads as written ([i, j, k]) and the body follows
    Map<String, String> rename = new java.util.HashMap<>();
    for (int q = 0; q < p.length; q++) rename.put(out[q], names[q].trim());
    try {
      io.gradspec.expr.syntax.Entry e = io.gradspec.expr.syntax.Parser.parse(text);
      String body = io.gradspec.expr.syntax.Printer.print(rename(e.formula().body(), rename));
      return "[" + text.substring(1, close).trim() + "] -> " + body;
    } catch (RuntimeException cannotRename) {
      return "[" + String.join(", ", out) + "] -> " + text.substring(arrow + 2).trim();
    }
  }

  /** The expression with index names replaced (a `sum` that rebinds a name stops the renaming below it). */
  static io.gradspec.expr.syntax.Expr rename(io.gradspec.expr.syntax.Expr e, Map<String, String> map) {
    return e.accept(new io.gradspec.expr.syntax.Expr.Visitor<io.gradspec.expr.syntax.Expr>() {
      public io.gradspec.expr.syntax.Expr visitNum(io.gradspec.expr.syntax.Expr.Num n) { return n; }
      public io.gradspec.expr.syntax.Expr visitName(io.gradspec.expr.syntax.Expr.Name n) {
        return new io.gradspec.expr.syntax.Expr.Name(map.getOrDefault(n.name(), n.name()), n.span());
      }
      public io.gradspec.expr.syntax.Expr visitUnary(io.gradspec.expr.syntax.Expr.Unary u) {
        return new io.gradspec.expr.syntax.Expr.Unary(rename(u.operand(), map), u.span());
      }
      public io.gradspec.expr.syntax.Expr visitBinary(io.gradspec.expr.syntax.Expr.Binary b) {
        return new io.gradspec.expr.syntax.Expr.Binary(b.op(), rename(b.left(), map), rename(b.right(), map), b.opSpan(), b.span());
      }
      public io.gradspec.expr.syntax.Expr visitTranspose(io.gradspec.expr.syntax.Expr.Transpose t) {
        return new io.gradspec.expr.syntax.Expr.Transpose(rename(t.operand(), map), t.span());
      }
      public io.gradspec.expr.syntax.Expr visitAccess(io.gradspec.expr.syntax.Expr.Access a) {
        List<io.gradspec.expr.syntax.Expr> idx = new ArrayList<>();
        for (io.gradspec.expr.syntax.Expr i : a.indices()) idx.add(rename(i, map));
        return new io.gradspec.expr.syntax.Expr.Access(rename(a.target(), map), idx, a.span());
      }
      public io.gradspec.expr.syntax.Expr visitCall(io.gradspec.expr.syntax.Expr.Call c) {
        List<io.gradspec.expr.syntax.Expr> args = new ArrayList<>();
        for (io.gradspec.expr.syntax.Expr i : c.args()) args.add(rename(i, map));
        return new io.gradspec.expr.syntax.Expr.Call(c.name(), c.nameSpan(), args, c.span());
      }
      public io.gradspec.expr.syntax.Expr visitSum(io.gradspec.expr.syntax.Expr.Sum s) {
        Map<String, String> inner = new java.util.HashMap<>(map);
        inner.remove(s.index().name());
        return new io.gradspec.expr.syntax.Expr.Sum(s.index(), rename(s.body(), inner), s.span());
      }
    });
  }

  private static void permutations(ClaimInfo ci, int[] sizes, double[] c, double[] num, double[] fd, Tolerance tol,
                                   List<String> out, List<Fix> fixes) {
    int r = sizes.length;
    if (r < 2 || r > 4) return;
    List<int[]> fits = new ArrayList<>();
    List<Double> errs = new ArrayList<>();
    for (int[] p : perms(r)) {
      if (isIdentity(p)) continue;
      boolean ok = true;
      for (int a = 0; a < r; a++) if (sizes[p[a]] != sizes[a]) ok = false;
      if (!ok) continue;
      double[] moved = permuted(num, sizes, p);
      double w = maxError(c, moved, fd, tol);
      if (w >= 0) { fits.add(p); errs.add(w); }
    }
    if (fits.isEmpty()) return;
    int ofRank = ci.ofSpace().size(), wrtRank = ci.wrtSpace().size();
    boolean numerator = ci.decl().layout() != Layout.DENOMINATOR;
    int[] swap = new int[r];
    // the other layout puts the other half's axes first
    int first = numerator ? wrtRank : ofRank;
    int second = numerator ? ofRank : wrtRank;
    for (int a = 0; a < first; a++) swap[a] = second + a;
    for (int b = 0; b < second; b++) swap[first + b] = b;
    Layout otherLayout = numerator ? Layout.DENOMINATOR : Layout.NUMERATOR;
    String other = otherLayout.word();
    String text = ci.decl().claim().text().trim();
    for (int[] p : fits) {
      if (java.util.Arrays.equals(p, swap) && ofRank > 0 && wrtRank > 0) fixes.add(new Fix(null, otherLayout));
      String h = permutedHeader(text, p);
      if (h != null) fixes.add(new Fix(h, null));
      else if (r == 2) fixes.add(new Fix(transposed(text), null));
    }
    if (fits.size() == 1) {
      int[] p = fits.get(0);
      StringBuilder sb = new StringBuilder("the claim matches the numeric derivative with its axes in the order ")
          .append(order(ci, p)).append(" (all ").append(c.length).append(" components within tolerance, max |error| ")
          .append(sci(errs.get(0))).append(")");
      if (java.util.Arrays.equals(p, swap) && ofRank > 0 && wrtRank > 0) {
        sb.append(": the `").append(numerator ? ci.wrt() : ci.of()).append("` index comes first, as in ")
            .append(other).append(" layout; did you mean `layout: ").append(other).append("`?");
      } else if (r == 2) {
        sb.append(": the claim is transposed");
      }
      out.add(sb.toString());
      return;
    }
    StringBuilder sb = new StringBuilder("the claim matches the numeric derivative under " + fits.size()
        + " axis orders (all " + c.length + " components within tolerance for each):");
    for (int[] p : fits) {
      sb.append("\n  ").append(order(ci, p));
      if (java.util.Arrays.equals(p, swap)) sb.append("   ").append(other).append(" layout: did you mean `layout: ").append(other).append("`?");
      else if (isTransposeOfOf(p, ofRank)) sb.append("   the derivative of `").append(ci.of()).append("'`");
    }
    out.add(sb.toString());
  }

  /** A permutation that swaps the two `of` axes and keeps the rest: the derivative of of'. */
  private static boolean isTransposeOfOf(int[] p, int ofRank) {
    if (ofRank != 2 || p.length < 2 || p[0] != 1 || p[1] != 0) return false;
    for (int a = 2; a < p.length; a++) if (p[a] != a) return false;
    return true;
  }

  private static String order(ClaimInfo ci, int[] p) {
    List<String> names = ci.axisNames();
    List<String> parts = new ArrayList<>();
    for (int a : p) parts.add(a < names.size() ? names.get(a) : "axis " + (a + 1));
    return "(" + String.join(", ", parts) + ")";
  }

  /** moved[idx] = num[idx'] with idx'[p[a]] = idx[a]. */
  static double[] permuted(double[] num, int[] sizes, int[] p) {
    int r = sizes.length;
    int[] strides = new int[r];
    int s = 1;
    for (int a = r - 1; a >= 0; a--) { strides[a] = s; s *= sizes[a]; }
    double[] out = new double[num.length];
    int[] idx = new int[r];
    for (int f = 0; f < num.length; f++) {
      int src = 0;
      for (int a = 0; a < r; a++) src += idx[a] * strides[p[a]];
      out[f] = num[src];
      for (int a = r - 1; a >= 0; a--) { if (++idx[a] < sizes[a]) break; idx[a] = 0; }
    }
    return out;
  }

  /** The checker's rule (Tolerance.judge) for one component of an array a hint compares. */
  private static boolean agrees(Tolerance tol, double c, double t, double fd) {
    Tolerance.Verdict v = tol.judge(c, t, fd, 0, 0);
    return v == Tolerance.Verdict.AGREES || v == Tolerance.Verdict.SWAMPED;
  }

  /** Max |c - t| if every component agrees under the tolerance model, else -1. */
  static double maxError(double[] c, double[] t, double[] fd, Tolerance tol) {
    double worst = 0;
    for (int i = 0; i < c.length; i++) {
      double e = Math.abs(c[i] - t[i]);
      if (!agrees(tol, c[i], t[i], fd[i])) return -1;
      worst = Math.max(worst, e);
    }
    return worst;
  }

  private static void support(ClaimInfo ci, int[] sizes, double[] c, double[] num, double[] fd, Tolerance tol, int base,
                              List<String> out) {
    int r = sizes.length;
    int n = c.length;
    boolean[] bad = new boolean[n];
    int nBad = 0;
    for (int i = 0; i < n; i++) {
      if (!agrees(tol, c[i], num[i], fd[i])) { bad[i] = true; nBad++; }
    }
    if (nBad == 0 || nBad == n) return;
    int[] idx = new int[r];
    boolean diagonalOnly = r == 2 && sizes[0] == sizes[1];
    int[] fixed = new int[r];
    boolean[] same = new boolean[r];
    java.util.Arrays.fill(same, true);
    java.util.Arrays.fill(fixed, -1);
    for (int f = 0; f < n; f++) {
      if (bad[f]) {
        if (diagonalOnly && idx[0] != idx[1]) diagonalOnly = false;
        for (int a = 0; a < r; a++) {
          if (fixed[a] < 0) fixed[a] = idx[a];
          else if (fixed[a] != idx[a]) same[a] = false;
        }
      }
      for (int a = r - 1; a >= 0; a--) { if (++idx[a] < sizes[a]) break; idx[a] = 0; }
    }
    String names = ci.indexNames().isEmpty() ? "" : String.join(", ", ci.indexNames());
    if (diagonalOnly && nBad > 1) {
      out.add("the claim is right everywhere except on the diagonal " + ci.indexNames().get(0) + " = "
          + ci.indexNames().get(1) + " (" + nBad + " of " + n + " components disagree, all with " + ci.indexNames().get(0)
          + " = " + ci.indexNames().get(1) + "): check the diagonal term (a missing or extra delta)");
      return;
    }
    for (int a = 0; a < r; a++) {
      if (same[a] && (nBad > 1 || r == 1)) {
        String axis = a < ci.axisNames().size() ? ci.axisNames().get(a) : "axis " + (a + 1);
        String at = ci.indexNames().get(a) + " = " + (fixed[a] + base);
        String what = r == 2 ? (a == 0 ? "row " : "column ") + (fixed[a] + base) + " (" + at + ")"
            : "where " + at + " (the " + axis + " axis)";
        out.add("the claim is right everywhere except " + (r == 2 ? "in " : "") + what + ": all " + nBad + " of the "
            + n + " components that disagree have " + at);
        return;
      }
    }
  }

  private static List<int[]> perms(int r) {
    List<int[]> out = new ArrayList<>();
    permute(new int[r], new boolean[r], 0, out);
    return out;
  }

  private static void permute(int[] cur, boolean[] used, int pos, List<int[]> out) {
    if (pos == cur.length) { out.add(cur.clone()); return; }
    for (int v = 0; v < cur.length; v++) {
      if (used[v]) continue;
      used[v] = true; cur[pos] = v;
      permute(cur, used, pos + 1, out);
      used[v] = false;
    }
  }

  private static boolean isIdentity(int[] p) {
    for (int i = 0; i < p.length; i++) if (p[i] != i) return false;
    return true;
  }

  private static int argmaxAbs(double[] v) {
    int at = 0;
    for (int i = 1; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[at])) at = i;
    return at;
  }

  /** 2, -3, 1/2, or 0.731 to 3 significant digits. */
  static String constant(double r) {
    long k = Math.round(r);
    if (Math.abs(r - k) < 1e-6 * Math.max(1, Math.abs(r))) return Long.toString(k);
    long inv = Math.round(1 / r);
    if (inv != 0 && Math.abs(1 / r - inv) < 1e-6 * Math.abs(1 / r)) return (inv < 0 ? "-1/" : "1/") + Math.abs(inv);
    return String.format(Locale.ROOT, "%.3g", r);
  }

  static String sci(double v) { return String.format(Locale.ROOT, "%.1e", v); }
}
