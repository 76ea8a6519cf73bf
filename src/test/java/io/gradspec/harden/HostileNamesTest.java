package io.gradspec.harden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A spec is data: names that look like Java, environment lookups or paths are merely unknown names, syntax
 * errors or invalid keys (exit 2, with a position), never calls, lookups or file reads.
 */
class HostileNamesTest {
  @TempDir Path dir;

  static final String[] HOSTILE = {
      "System.exit(0)", "System.exit", "java.lang.Runtime", "java.lang.Runtime.getRuntime().exec(\"touch x\")",
      "Runtime", "getClass()", "Class.forName(\"java.lang.System\")", "exec(\"ls\")", "${env:HOME}", "$HOME",
      "${jndi:ldap://example.invalid/a}", "#{7*7}", "{{7*7}}", "../../etc/passwd", "/etc/passwd", "file(\"/etc/passwd\")",
      "load(\"x.yaml\")", "import(os)", "x; System.exit(1)", "`rm -rf /`", "\\u0000", "__proto__", "eval(\"x\")"};

  static final Pattern POSITION = Pattern.compile("\\.yaml:(\\d+):(\\d+)");

  static void refused(Cli r, String what) {
    assertEquals(2, r.exitCode(), what + "\n" + r.all());
    assertFalse(r.all().contains("\tat ") || r.all().contains("Exception"), r.all());
    Matcher m = POSITION.matcher(r.all());
    assertTrue(m.find(), "a file:line:col for " + what + "\n" + r.all());
    String home = System.getenv("HOME");
    if (home != null && home.length() > 1) assertFalse(r.all().contains(home), "HOME was expanded:\n" + r.all());
    assertFalse(r.all().contains("root:x:0:0"), "a file was read:\n" + r.all());
  }

  static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22})
  void asAnExpression(int i) {
    String e = HOSTILE[i];
    Path claim = Cli.write(dir, "claim.yaml", "name: t\ninputs: {x: []}\ndefine: {y: x}\nclaims:\n  - {wrt: x, claim: "
        + quoted(e) + "}\n");
    refused(Cli.run("check", claim.toString()), "claim " + e);
    Path define = Cli.write(dir, "define.yaml", "name: t\ninputs: {x: []}\ndefine:\n  y: " + quoted(e)
        + "\nclaims:\n  - {wrt: x, claim: 1}\n");
    refused(Cli.run("check", define.toString()), "define " + e);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22})
  void asAName(int i) {
    String e = HOSTILE[i];
    Path input = Cli.write(dir, "input.yaml", "name: t\ninputs:\n  " + quoted(e) + ": []\ndefine: {y: 1}\nclaims:\n"
        + "  - {wrt: " + quoted(e) + ", claim: 0}\n");
    refused(Cli.run("check", input.toString()), "input " + e);
    Path def = Cli.write(dir, "def.yaml", "name: t\ninputs: {x: []}\ndefine:\n  " + quoted(e) + ": x\nclaims:\n"
        + "  - {of: " + quoted(e) + ", wrt: x, claim: 1}\n");
    Cli r = Cli.run("check", def.toString());
    if (e.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      assertEquals(0, r.exitCode(), "a plain identifier is just a name\n" + r.all());   // `Runtime`, `__proto__`
    } else {
      refused(r, "definition " + e);
    }
    Path dim = Cli.write(dir, "dim.yaml", "name: t\ndims: {" + quoted(e) + ": 2}\ninputs: {x: [" + quoted(e)
        + "]}\ndefine: {y: sum(x)}\nclaims:\n  - {wrt: x, claim: \"ones(1, 2)\"}\n");
    Cli rd = Cli.run("check", dim.toString());
    if (e.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      // a plain identifier is just a dimension; since format 1.2 `ones(1, 2)` is a literal size, and 2 is not
      // `Runtime` symbolically, so the claim fails (it was refused only for the literal)
      assertEquals(1, rd.exitCode(), "dim " + e + "\n" + rd.all());
      assertTrue(rd.all().contains("FAIL"), rd.all());
    } else {
      refused(rd, "dim " + e);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"${env:HOME}", "System.exit(0)", "../../etc/passwd"})
  void asASpecNameOrTextItIsPrintedVerbatim(String e) {
    Path p = Cli.write(dir, "name.yaml", "name: " + quoted(e) + "\ndescription: " + quoted(e) + "\ntags: ["
        + quoted(e) + "]\ninputs: {x: []}\ndefine: {y: x}\nclaims:\n  - {wrt: x, claim: 1, note: " + quoted(e) + "}\n");
    Cli r = Cli.run("check", "--format", "json", p.toString());
    assertEquals(0, r.exitCode(), r.all());
    assertTrue(r.stdout().contains("\"name\": " + quoted(e).replace("\\\\", "\\")) || r.stdout().contains(e), r.stdout());
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../etc/passwd-no-such-file", "${env:HOME}", "/nonexistent/System.exit", "specs/../../../x.yaml"})
  void asAPathArgumentItIsAMissingFile(String path) {
    Cli r = Cli.run("check", dir.resolve(path).toString());
    assertTrue(r.exitCode() == 2 || r.exitCode() == 4, r.all());
    assertFalse(r.all().contains("\tat ") || r.all().contains("Exception"), r.all());
  }
}
