package io.gradspec.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.harden.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spec's `program`, `functions` and `claim: program` (contract §7) checked without running anything
 * (`validate` never starts a program): each mistake is an error at its place, with what to write instead.
 */
class ProgramDiagnosticsTest {
  @TempDir Path dir;

  private Cli validate(String yaml) {
    Cli.write(dir, "s.yaml", yaml);
    return Cli.run("validate", dir.resolve("s.yaml").toString(), "--no-color");
  }

  private static final String HEAD = "name: p\ndims: {D: 3}\n";
  private static final String GOOD_PROGRAM = "program: {run: [python3, f.py]}\n";
  private static final String GOOD_FUNCTIONS = "functions:\n  f: {args: [[D], [D]], returns: [D]}\n";
  private static final String BODY = "inputs: {x: [D], y: [D]}\n";

  @Test
  void aCorrectSpecWithAProgramIsValidAndNothingRuns() {
    Cli r = validate(HEAD + GOOD_PROGRAM + GOOD_FUNCTIONS + BODY + "define: {z: \"f(x, y)\", s: sum(z)}\n"
        + "claims:\n  - {of: z, wrt: x, claim: program}\n  - {of: s, wrt: y, claim: \"[j] -> 1\"}\n");
    assertEquals(0, r.exitCode(), r.all());
  }

  @Test
  void functionsNeedAProgramAndTheReverse() {
    Cli r = validate(HEAD + GOOD_FUNCTIONS + BODY + "define: {z: \"f(x, y)\"}\nclaims: [{of: z, wrt: x, claim: program}]\n");
    assertEquals(2, r.exitCode(), r.all());
    assertTrue(r.all().contains("`functions` without `program`"), r.all());
    r = validate(HEAD + GOOD_PROGRAM + BODY + "define: {z: x}\nclaims: [{of: z, wrt: x, claim: eye(D)}]\n");
    assertTrue(r.all().contains("`program` without `functions`"), r.all());
  }

  @Test
  void runIsAnArgvNotAShellLine() {
    Cli r = validate(HEAD + "program: {run: python3 f.py --fast}\n" + GOOD_FUNCTIONS + BODY
        + "define: {z: \"f(x, y)\"}\nclaims: [{of: z, wrt: x, claim: program}]\n");
    assertEquals(2, r.exitCode(), r.all());
    assertTrue(r.all().contains("write the argv as a list (no shell splits it): `run: [python3, f.py, --fast]`"), r.all());
  }

  @Test
  void callsAreTypedAgainstTheDeclaredShapes() {
    Cli r = validate(HEAD + GOOD_PROGRAM + GOOD_FUNCTIONS + "inputs: {x: [D], A: [D, D]}\n"
        + "define: {z: \"f(x, A)\", w: f(x)}\nclaims: [{of: z, wrt: x, claim: program}]\n");
    assertEquals(2, r.exitCode(), r.all());
    assertTrue(r.all().contains("argument 2 of `f` must have shape [D], but `A` has shape [D, D]"), r.all());
    assertTrue(r.all().contains("program function `f` takes 2 arguments, but 1 is given"), r.all());
  }

  @Test
  void aProgramFunctionMayNotHideABuiltin() {
    Cli r = validate(HEAD + GOOD_PROGRAM + "functions:\n  exp: {args: [[D]], returns: [D]}\n" + BODY
        + "define: {z: exp(x)}\nclaims: [{of: z, wrt: x, claim: diag(exp(x))}]\n");
    assertEquals(2, r.exitCode(), r.all());
    assertTrue(r.all().contains("`exp` is a built-in function"), r.all());
  }

  @Test
  void claimProgramNeedsOneCallAndABareArgument() {
    Cli r = validate(HEAD + GOOD_PROGRAM + GOOD_FUNCTIONS + BODY
        + "define: {z: \"f(x, y)\", s: sum(z), t: \"f(2 * x, y)\"}\n"
        + "claims:\n  - {of: s, wrt: x, claim: program}\n  - {of: t, wrt: x, claim: program}\n");
    assertEquals(2, r.exitCode(), r.all());
    assertTrue(r.all().contains("`claim: program` needs `s` to be one call of a program function"), r.all());
    assertTrue(r.all().contains("`claim: program` needs `x` to be an argument of `f` in `t`"), r.all());
  }
}
