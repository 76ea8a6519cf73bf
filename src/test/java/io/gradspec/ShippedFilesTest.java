package io.gradspec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The CI files the README shows are shipped, so a user copies a file instead of a README block (issue 12):
 * the workflow equals the README's block byte for byte, and the composite action runs the README's check.
 */
class ShippedFilesTest {
  @Test void theWorkflowIsTheReadmesBlock() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int at = readme.indexOf("**GitHub Actions** (`.github/workflows/gradspec.yml`");
    int from = readme.indexOf("```yaml\n", at) + "```yaml\n".length();
    String block = readme.substring(from, readme.indexOf("```", from));
    assertEquals(block, Files.readString(Path.of(".github/workflows/gradspec.yml")));
    JsonNode wf = new YAMLMapper().readTree(block);
    String steps = wf.get("jobs").get("gradspec").get("steps").toString();
    assertTrue(steps.contains("bin/gradspec check specs --reports"), steps);
    assertTrue(steps.contains("reports/report.sarif"), steps);
  }

  @Test void theActionRunsTheCheckWithReports() throws Exception {
    JsonNode action = new YAMLMapper().readTree(Files.readString(Path.of("action.yml")));
    assertEquals("composite", action.get("runs").get("using").asText());
    JsonNode check = action.get("runs").get("steps").get(0);
    assertTrue(check.get("run").asText().contains("/bin/gradspec\" check $GRADSPEC_PATHS $GRADSPEC_ARGS --reports="),
        check.toString());
    assertEquals("specs", action.get("inputs").get("paths").get("default").asText());
  }
}
