package io.gradspec.spec;

/**
 * One entry of {@code claims}, as written. {@code of} is null when omitted (the last definition).
 * {@code rtol}/{@code atol} are null when not given. {@code index} is the 0-based position in the list.
 * {@code fromProgram} is true for {@code claim: program} (contract §7): the derivative is the program's own.
 */
public record ClaimDecl(int index, Located<String> of, Located<String> wrt, ExprText claim, Layout layout,
                        Expect expect, Double rtol, Double atol, String note, Span span, boolean fromProgram) {
  /** The word that asks the program for the derivative. */
  public static final String PROGRAM = "program";
}
