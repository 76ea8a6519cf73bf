package io.gradspec.report.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.gradspec.harden.Cli;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `--format sarif` is valid SARIF 2.1.0 (checked against the OASIS schema, which `.ci/run` fetches from npm
 * into `.cache/sarif/`: an assumption elsewhere) and puts every failed claim and every invalid spec at its
 * file, line and column; `--format github` prints one workflow command per finding, and a run inside GitHub
 * Actions prints them on standard error whatever the format (a real child process with GITHUB_ACTIONS=true).
 */
class SarifReporterTest {
  static final Path SCHEMA = Path.of(".cache/sarif/sarif-2.1.0-rtm.5.json");
  @TempDir Path dir;

  private Path specs() {
    Cli.write(dir, "a b/wrong.yaml", """
        name: wrong
        dims: {D: 3}
        inputs: {x: [D]}
        define: {y: x .* x}
        claims:
          - {wrt: x, claim: "diag(x)"}
        """);
    Cli.write(dir, "a b/sign.yaml", """
        name: sign at 0
        dims: {D: 2}
        inputs:
          x: {shape: [D], value: [0, 1]}
        define: {y: sign(x)}
        claims:
          - {wrt: x, claim: "zeros(D, D)"}
        """);
    Cli.write(dir, "a b/bad.yaml", "name: bad\ninputs: {x: []}\ndefine: {y: x}\nclaimz: []\n");
    return dir.resolve("a b");
  }

  @Test void everyFindingIsAResultAtItsFileLineAndColumn() throws Exception {
    Cli r = Cli.run("check", specs().toString(), "--format", "sarif");
    assertEquals(2, r.exitCode(), r.stderr());
    JsonNode doc = new ObjectMapper().readTree(r.stdout());
    assertEquals("2.1.0", doc.get("version").asText());
    JsonNode results = doc.get("runs").get(0).get("results");
    List<String> seen = new ArrayList<>();
    for (JsonNode res : results) {
      JsonNode loc = res.get("locations").get(0).get("physicalLocation");
      JsonNode region = loc.get("region");
      seen.add(res.get("ruleId").asText() + " " + res.get("level").asText() + " "
          + loc.get("artifactLocation").get("uri").asText().replaceAll(".*/a%20b/", "") + ":"
          + (region == null ? 0 : region.get("startLine").asInt()) + ":"
          + (region == null || region.get("startColumn") == null ? 0 : region.get("startColumn").asInt()));
    }
    assertTrue(seen.contains("claim-failed error wrong.yaml:6:22"), seen.toString());
    assertTrue(seen.contains("claim-inconclusive warning sign.yaml:7:22"), seen.toString());
    assertTrue(seen.stream().anyMatch(s -> s.startsWith("unknown-key error bad.yaml:4:1")), seen.toString());
    assertTrue(r.stdout().contains("did you mean `claims`?"), "the fix hint travels with the result");
    assertEquals(r.stdout(), Cli.run("check", specs().toString(), "--format", "sarif").stdout(), "deterministic");
  }

  @Test void theOutputIsValidAgainstTheSarif210Schema() throws Exception {
    assumeTrue(Files.isRegularFile(SCHEMA), "the SARIF 2.1.0 schema is fetched by .ci/run into " + SCHEMA);
    Schema schema;
    try (InputStream in = Files.newInputStream(SCHEMA)) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
    }
    for (String path : List.of(specs().toString(), "specs/seed", "specs/mistakes")) {
      String out = Cli.run("check", path, "--format", "sarif").stdout();
      List<Error> errors = schema.validate(new ObjectMapper().readTree(out));
      assertEquals(List.of(), errors, path);
    }
    // and a document with an error of every kind validates too (a wrong document must not)
    List<Error> bad = schema.validate(new ObjectMapper().readTree("{\"version\": \"2.1.0\", \"runs\": [{}]}"));
    assertTrue(!bad.isEmpty(), "the schema check can fail");
  }

  @Test void githubAnnotationsAreWorkflowCommands() {
    Cli r = Cli.run("check", specs().toString(), "--format", "github");
    assertEquals(2, r.exitCode());
    List<String> lines = r.stdout().lines().toList();
    assertTrue(lines.stream().anyMatch(l -> l.matches(
        "::error file=.*wrong\\.yaml,line=6,col=22,title=wrong%3A d y / d x failed::claimed .*")), r.stdout());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("::warning file=") && l.contains("sign.yaml,line=7,col=22")),
        r.stdout());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("::error file=") && l.contains("bad.yaml,line=4,col=1")),
        r.stdout());
    assertTrue(lines.get(lines.size() - 1).contains("exit code 2"));
  }

  @Test void insideGithubActionsTheAnnotationsAlsoGoToStandardError() throws Exception {
    Path folder = specs();
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.gradspec.cli.Main", "check", folder.toString());
    pb.environment().put("GITHUB_ACTIONS", "true");
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String err = new String(p.getErrorStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue());
    assertTrue(err.lines().anyMatch(l -> l.startsWith("::error file=") && l.contains("wrong.yaml,line=6")), err);
  }
}
