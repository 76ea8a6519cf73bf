package io.gradspec.spec.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON Schema of the format: it accepts every spec in specs/ and rejects structurally invalid ones. */
class SchemaCheckTest {
  private static final String GOOD = """
      name: good
      dims: {N: 3}
      inputs:
        x: [N]
        A: {shape: [N, N], init: spd}
      define:
        f: x' * A * x
      claims:
        - {wrt: x, claim: (A + A') * x}
      """;

  @Test
  void theResourceAndTheCommittedCopyAreIdentical() throws IOException {
    try (InputStream in = SchemaCheckTest.class.getResourceAsStream("/gradspec.schema.json")) {
      assertArrayEquals(Files.readAllBytes(Path.of("schema/gradspec.schema.json")), in.readAllBytes(),
          "schema/gradspec.schema.json differs from src/main/resources/gradspec.schema.json: copy it over");
    }
  }

  @Test
  void everySpecInSpecsIsValid() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(Path.of("specs"))) {
      walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().forEach(files::add);
    }
    assertTrue(files.size() >= 30, files.toString());
    int documents = 0;
    for (Path f : files) {
      LoadedFile lf = SpecLoader.load(f, f.toString());
      List<List<SchemaCheck.Violation>> docs = SchemaCheck.check(lf);
      assertEquals(lf.documents().size(), docs.size(), f.toString());
      for (List<SchemaCheck.Violation> v : docs) {
        assertEquals(List.of(), v, f.toString());
        documents++;
      }
    }
    assertTrue(documents >= files.size());
  }

  @Test
  void aGoodSpecHasNoViolations() {
    assertEquals(List.of(List.of()), SchemaCheck.check(SpecLoader.loadString(GOOD, "good.yaml")));
  }

  /** Each edit of GOOD breaks the structure at one place: the pointer and line:col name it. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "claims:|cliams:|/|8:1",
      "dims: {N: 3}|dims: {N: 0}|/dims/N|2:11",
      "dims: {N: 3}|dims: [{N: 3}, 4]|/dims/1|2:16",
      "init: spd|init: gaussian|/inputs/A/init|5:28",
      "x: [N]|x: [N, 0]|/inputs/x/1|4:10", // format 1.2 allows sizes like 2 (issue 13); 0 is still no size
      "x: [N]|x: N|/inputs/x|4:6",
      "claim: (A + A') * x|claim: (A + A') * x, layout: rows|/claims/0/layout|9:43",
      "claim: (A + A') * x|claim: (A + A') * x, expekt: fail|/claims/0|9:35",
      "wrt: x|wrt: 3|/claims/0/wrt|9:11",
      "name: good|name: good\\nindex-base: 2|/index-base|2:13",
      "name: good|name: good\\ncheck: {trials: 0, method: fast}|/check/trials|2:17",
      "name: good|name: good\\ncheck: {seed: 1.5}|/check/seed|2:15",
      "name: good|name: good\\ntags: [[a]]|/tags/0|2:8",
      "name: good|name: good\\ninputs2: {}|/|2:1",
      "- {wrt: x, claim: (A + A') * x}|[]|/claims|9:3",
      "init: spd|value: [[1, a]]|/inputs/A/value|5:29"})
  void structurallyInvalidSpecsAreRejected(String from, String to, String pointer, String lineCol) {
    String yaml = GOOD.replace(from, to.replace("\\n", "\n"));
    assertFalse(yaml.equals(GOOD), from);
    List<SchemaCheck.Violation> v = SchemaCheck.check(SpecLoader.loadString(yaml, "bad.yaml")).get(0);
    assertFalse(v.isEmpty(), "no violation for\n" + yaml);
    SchemaCheck.Violation first = v.stream().filter(x -> x.pointer().equals(pointer)).findFirst()
        .orElseThrow(() -> new AssertionError("no violation at " + pointer + " in " + v));
    assertEquals(lineCol, first.span().line() + ":" + first.span().column(), first.toString());
    // and the loader rejects them too: the schema is no stricter and no looser than the format
    assertFalse(SpecLoader.loadString(yaml, "bad.yaml").documents().get(0).valid(), yaml);
  }

  @Test
  void missingRequiredKeysAreNamed() {
    List<SchemaCheck.Violation> v = SchemaCheck.check(SpecLoader.loadString("name: x\n", "bad.yaml")).get(0);
    String all = v.toString();
    assertTrue(all.contains("inputs") && all.contains("claims"), all);
    assertTrue(v.stream().allMatch(x -> x.pointer().equals("/")), all);
  }
}
