package io.gradspec.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.report.json.JsonReporter;
import io.gradspec.result.RunResult;
import io.gradspec.run.RunOptions;
import io.gradspec.run.Suite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Claims of one `of` and `wrt` share one sweep of f(x ± h e_k) per point (issue 13 item 7): each claim's
 * report is the one it gets when it is the only claim of its spec, and the later claims read their columns.
 */
class SharedSweepTest {
  @TempDir Path dir;

  private static final String HEAD = """
      name: shared
      dims: {N: 4, M: 3}
      inputs: {W: [M, N], x: [N]}
      define:
        y: tanh(W * x)
        s: sum(y .* y)
      claims:
      """;
  private static final List<String> CLAIMS = List.of(
      "  - {of: y, wrt: x, claim: \"diag(1 - y .^ 2) * W\"}\n",
      "  - {of: y, wrt: x, claim: \"diag(1 - y .^ 2) * W + 1e-3\", expect: fail}\n",
      "  - {of: s, wrt: x, claim: \"2 * W' * ((1 - y .^ 2) .* y)\"}\n",
      "  - {of: y, wrt: x, claim: \"[i, j] -> (1 - y[i]^2) * W[i, j] + delta(i, 1) * delta(j, 2)\", expect: fail}\n");

  private List<JsonNode> claims(String yaml, String name) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, yaml);
    RunResult r = Suite.run(List.of(f), RunOptions.of(CheckOptions.builder().jobs(1).build()));
    JsonNode root = new ObjectMapper().readTree(new JsonReporter(false).render(r));
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode c : root.get("specs").get(0).get("claims")) out.add(c);
    return out;
  }

  @Test
  void claimsOfOneDerivativeShareTheirColumnsAndReportAsAlone() throws IOException {
    long before = SharedSweep.SERVED.get(), inheritedBefore = SharedSweep.INHERITED.get();
    List<JsonNode> together = claims(HEAD + String.join("", CLAIMS), "all.yaml");
    long served = SharedSweep.SERVED.get() - before, inherited = SharedSweep.INHERITED.get() - inheritedBefore;
    // at trial 0 the two later claims of d y / d x read the 4 columns the first computed; both fail there,
    // so at trials 1 and 2 the first is alone and nothing is shared; and each re-check of a suggested fix
    // for the failing claims reads the 4 columns its claim's check kept at its point, sweeping nothing
    assertTrue(inherited > 0, "the re-checks of suggested fixes read the kept columns");
    assertEquals(2 * 4 + 4 * inherited, served, "columns read from the shared sweep");
    for (int c = 0; c < CLAIMS.size(); c++) {
      JsonNode alone = claims(HEAD + CLAIMS.get(c), "one" + c + ".yaml").get(0);
      JsonNode got = together.get(c);
      for (String field : List.of("status", "mismatches", "max_abs_error", "max_rel_error", "offenders", "hints",
          "refinement")) {
        assertEquals(alone.get(field), got.get(field), "claim " + (c + 1) + ": " + field);
      }
    }
    assertTrue(together.get(1).get("status").asString().equals("xfailed"), together.get(1).toString());
  }
}
