package io.gradspec.spec;

/**
 * One entry of {@code claims}, as written. {@code of} is null when omitted (the last definition).
 * {@code rtol}/{@code atol} are null when not given. {@code index} is the 0-based position in the list.
 * {@code fromProgram} is true for {@code claim: program} (contract §7): the derivative is the program's own.
 * {@code order} is 1, or 2 for the Hessian of a scalar `of` ({@code order: 2}, index space index(wrt) ++ index(wrt)).
 */
public record ClaimDecl(int index, Located<String> of, Located<String> wrt, ExprText claim, Layout layout,
                        Expect expect, Double rtol, Double atol, String note, Span span, boolean fromProgram, int order) {
  /** A first-order claim. */
  public ClaimDecl(int index, Located<String> of, Located<String> wrt, ExprText claim, Layout layout, Expect expect,
                   Double rtol, Double atol, String note, Span span, boolean fromProgram) {
    this(index, of, wrt, claim, layout, expect, rtol, atol, note, span, fromProgram, 1);
  }

  /** Whether it claims the Hessian ({@code order: 2}). */
  public boolean hessian() { return order == 2; }

  /** The word that asks the program for the derivative. */
  public static final String PROGRAM = "program";
}
