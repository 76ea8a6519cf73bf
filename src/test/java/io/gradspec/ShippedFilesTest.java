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

  /**
   * The README's screenshot of the HTML report comes from a real run (issue 12): the README names the script
   * that makes it, and the script runs bin/gradspec on specs/mistakes and shoots the page in Chromium.
   */
  @Test void theScreenshotIsRegeneratedByAScriptFromARealRun() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    assertTrue(readme.contains("](docs/report-screenshot.png)"), "the README shows the screenshot");
    assertTrue(readme.contains("`docs/update_screenshot.py`"), "and says how it is regenerated");
    Path script = Path.of("docs/update_screenshot.py");
    assertTrue(Files.isExecutable(script), script + " is shipped and executable");
    String text = Files.readString(script);
    assertTrue(text.contains("\"check\", \"specs/mistakes\", \"--format\", \"html\""), "a real run of the CLI");
    assertTrue(text.contains("--screenshot=") && text.contains("report-screenshot.png"), "shot in headless Chromium");
  }

  /**
   * Every file the README and docs point at is in the repository (issue 12): links resolve, and nothing
   * points into the team's shared folder ({@code shared/...}), which users do not have.
   */
  @Test void referencedFilesAreInTheRepository() throws Exception {
    java.util.regex.Pattern link = java.util.regex.Pattern.compile("\\]\\(([^)#\\s]+)\\)");
    java.util.regex.Pattern shared = java.util.regex.Pattern.compile("(?<![\\w-])(?:\\.\\./)*shared/[\\w./-]+");
    java.util.List<String> missing = new java.util.ArrayList<>();
    for (Path doc : java.util.List.of(Path.of("README.md"), Path.of("docs/architecture.md"), Path.of("docs/spec-format.md"),
        Path.of("bench/README.md"), Path.of("bench/peers/README.md"))) {
      String text = Files.readString(doc);
      java.util.regex.Matcher m = link.matcher(text);
      while (m.find()) {
        String target = m.group(1);
        if (target.contains("://") || target.startsWith("mailto:")) continue;
        if (!Files.exists(doc.resolveSibling(target))) missing.add(doc + " -> " + target);
      }
      java.util.regex.Matcher s = shared.matcher(text);
      while (s.find()) missing.add(doc + " -> " + s.group() + " (the shared folder is not in the repository)");
    }
    assertEquals(java.util.List.of(), missing);
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
