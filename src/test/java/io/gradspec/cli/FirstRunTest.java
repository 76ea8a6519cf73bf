package io.gradspec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.harden.Cli;
import io.gradspec.result.ExitCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user meets first (issue 12, "Commands that work when pasted" and "First mistakes made cheap"):
 * no specs folder, a missing path, a spec file given to --reports, {@code help}, the commands printed the
 * way gradspec was started, and an index formula left unquoted. The runs that need a working folder of
 * their own are real JVMs started in it.
 */
class FirstRunTest {
  @TempDir Path dir;

  /** gradspec in a child JVM in {@link #dir}, as bin/gradspec starts it (with {@code props}). */
  private Cli inDir(List<String> props, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(props);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.gradspec.cli.Main"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    return new Cli(p.waitFor(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8), 0);
  }

  @Test
  void withoutASpecsFolderNothingIsFoundAndInitIsOffered() throws Exception {
    Cli r = inDir(List.of("-Dgradspec.invokedAs=bin/gradspec"), "check");
    assertEquals(ExitCode.NO_SPECS, r.exitCode(), r.all());
    assertEquals("gradspec: no spec found: there is no `specs` folder here (check reads it when no path is given)\n"
        + "Try 'bin/gradspec init' to write one with two example specs, or 'bin/gradspec check PATH...'.\n",
        r.stderr());
    assertFalse(r.stdout().contains("ERROR"), r.stdout());
    assertTrue(r.stdout().startsWith("0 specs"), r.stdout());
    // and what it offers works: init, then the check init prints, pasted
    Cli init = inDir(List.of("-Dgradspec.invokedAs=bin/gradspec"), "init");
    assertTrue(init.stdout().contains("Next: bin/gradspec check specs "), init.stdout());
    assertEquals(ExitCode.OK, inDir(List.of(), "check").exitCode());
  }

  @Test
  void aMissingPathIsAUsageErrorAndTheRestIsChecked() throws Exception {
    Files.writeString(dir.resolve("ok.yaml"), "name: ok\ninputs: {x: [3]}\ndefine: {y: 2 * x}\n"
        + "claims:\n  - {wrt: x, claim: 2 * eye(3)}\n");
    Cli r = inDir(List.of(), "check", "nothere.yaml", "ok.yaml");
    assertEquals(ExitCode.INVALID, r.exitCode(), r.all());
    assertEquals("gradspec: no such file or folder: `nothere.yaml`\n", r.stderr());
    assertTrue(r.stdout().contains("PASS  ok.yaml  ok"), r.stdout());
    assertTrue(r.stdout().contains("1 spec, 1 claim: 1 passed, 0 failed"), r.stdout());
    assertTrue(r.stdout().strip().endsWith("exit code 2"), "the summary's code is the process's: " + r.stdout());
    Cli none = inDir(List.of(), "check", "nothere.yaml");
    assertEquals(ExitCode.NO_SPECS, none.exitCode(), none.all());
    Cli validate = inDir(List.of(), "validate", "nothere.yaml", "ok.yaml");
    assertEquals(ExitCode.INVALID, validate.exitCode(), validate.all());
  }

  @Test
  void reportsRefusesASpecFile() {
    Cli r = Cli.run("check", "--reports", "specs/seed/01-column-vectors.yaml");
    assertEquals(ExitCode.INVALID, r.exitCode(), r.all());
    assertTrue(r.stderr().startsWith("gradspec: --reports takes a folder, and `specs/seed/01-column-vectors.yaml` is"
        + " a file: write --reports=DIR"), r.stderr());
    Cli named = Cli.run("check", "--reports", "new.yml", "specs/seed");
    assertEquals(ExitCode.INVALID, named.exitCode(), named.all());
    assertTrue(named.stderr().contains("is a spec file's name"), named.stderr());
    assertFalse(Files.exists(Path.of("new.yml")));
  }

  @Test
  void helpWorksAsInEveryPicocliTool() {
    Cli top = Cli.run("help");
    assertEquals(0, top.exitCode(), top.all());
    assertTrue(top.stdout().contains("Usage: gradspec"), top.stdout());
    Cli check = Cli.run("help", "check");
    assertEquals(0, check.exitCode(), check.all());
    assertEquals(Cli.run("check", "--help").stdout(), check.stdout());
  }

  @Test
  void printedCommandsStartAsGradspecWasStarted() throws Exception {
    Path spec = dir.resolve("wrong.yaml");
    Files.writeString(spec, "name: wrong\ninputs: {x: [3]}\ndefine: {y: 2 * x}\n"
        + "claims:\n  - {wrt: x, claim: 3 * eye(3)}\n");
    Cli r = inDir(List.of("-Dgradspec.invokedAs=../my tools/bin/gradspec"), "check", "wrong.yaml");
    assertEquals(ExitCode.FAILED, r.exitCode(), r.all());
    assertTrue(r.stdout().contains("'../my tools/bin/gradspec' explain wrong.yaml --claim 1 --index "), r.stdout());
    Cli usage = inDir(List.of("-Dgradspec.invokedAs=bin/gradspec"), "check", "--sed", "1");
    assertTrue(usage.stderr().endsWith("Try 'bin/gradspec check --help' for more information.\n"), usage.stderr());
  }

  @Test
  void anUnquotedIndexFormulaIsToldToBeQuoted() {
    Path f = Cli.write(dir, "u.yaml", "name: unquoted\ndims: {N: 3}\ninputs:\n  x: [N]\ndefine:\n  y: x .^ 2\n"
        + "claims:\n  - wrt: x\n    claim: [i, j] -> 2 * delta(i, j) * x[i]\n"
        + "---\nname: unquoted flow\ninputs: {x: [3]}\ndefine: {y: x .^ 2}\n"
        + "claims:\n  - {wrt: x, claim: [i, j] -> 2 * delta(i, j) * x[i], rtol: 1e-4}\n");
    Cli r = Cli.run("check", f.toString());
    assertEquals(ExitCode.INVALID, r.exitCode(), r.all());
    assertTrue(r.stdout().contains("= help: an index formula must be quoted, or YAML reads its `[i, j]` as a list;"
        + " write the line as\n               claim: \"[i, j] -> 2 * delta(i, j) * x[i]\"\n"), r.stdout());
    assertTrue(r.stdout().contains("               - {wrt: x, claim: \"[i, j] -> 2 * delta(i, j) * x[i]\", rtol: 1e-4}\n"),
        r.stdout());
  }

  @Test
  void anInnerProductBroadcastOverAMatrixIsWarnedAndTheSpecStillRuns() {
    Cli r = Cli.run("check", "specs/mistakes/32-inner-for-outer-product.yaml");
    assertEquals(ExitCode.OK, r.exitCode(), r.all());
    assertTrue(r.stdout().contains("warning[inner-product]: `s' * s` is 1 x 1 here, so it is broadcast over every entry"
        + " of the [N, N] matrix\n  --> specs/mistakes/32-inner-for-outer-product.yaml:15:22\n"), r.stdout());
    assertTrue(r.stdout().contains("= help: for the outer product write `s * s'`; for the number, `dot(s, s)` says so"),
        r.stdout());
    Cli json = Cli.run("check", "specs/mistakes/32-inner-for-outer-product.yaml", "--format", "json");
    assertTrue(json.stdout().contains("\"warnings\": ["), json.stdout());
    assertTrue(json.stdout().contains("\"message\": \"`s' * s` is 1 x 1 here"), json.stdout());
    assertTrue(json.stdout().contains("\"code\": \"inner-product\""), json.stdout());
    Cli validate = Cli.run("validate", "specs/mistakes/32-inner-for-outer-product.yaml");
    assertTrue(validate.stdout().startsWith("WARN  specs/mistakes/32-inner-for-outer-product.yaml"), validate.stdout());
    // the number written as a number, and the outer product, are not warned about
    Path f = Cli.write(dir, "fine.yaml", "name: fine\ndims: {N: 3}\ninputs: {s: [N]}\n"
        + "define:\n  y: diag(s) * s - dot(s, s) * s\n  z: eye(N) - s * s'\nclaims:\n  - {of: y, wrt: s, claim: eye(N)}\n");
    Cli fine = Cli.run("validate", f.toString());
    assertEquals(ExitCode.OK, fine.exitCode(), fine.all());
    assertFalse(fine.all().contains("inner-product"), fine.all());
    assertTrue(fine.stdout().startsWith("1 spec valid"), fine.stdout());
  }

  @Test
  void outputIntoAMissingFolderCreatesItAsTheReadmeSays() throws Exception {
    Files.writeString(dir.resolve("wrong.yaml"), "name: wrong\ninputs: {x: [3]}\ndefine: {y: 2 * x}\n"
        + "claims:\n  - {wrt: x, claim: 3 * eye(3)}\n");
    Cli r = inDir(List.of(), "check", "wrong.yaml", "--format", "json", "--output", "out/deep/report.json");
    assertEquals(ExitCode.FAILED, r.exitCode(), "the run's own code: " + r.all());
    assertTrue(Files.isRegularFile(dir.resolve("out/deep/report.json")), r.all());
    assertTrue(r.stderr().strip().endsWith("exit code 1"), r.stderr());
  }
}
