package io.gradspec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.cli.EndToEndTest.CliRun;
import io.gradspec.spec.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gradspec validate}: each file read once, under the limits given, and checked against the JSON Schema. */
class ValidateCommandTest {
  @TempDir Path dir;

  /** `cliams` for `claims`: the loader says "did you mean", and only the schema says `claims` is missing. */
  static final String MISSPELLED = """
      name: misspelled
      dims: {N: 3}
      inputs: {x: [N]}
      define: {y: 2 * x}
      cliams:
        - {wrt: x, claim: 2 * eye(N)}
      """;

  static final String SCHEMA_ERROR = "error[schema]: `/` required property 'claims' not found";

  @Test
  void theSchemaIsCheckedOnTheTreeTheLoaderRead() throws IOException {
    Path small = Files.writeString(dir.resolve("small.yaml"), MISSPELLED);
    CliRun r = CliRun.of("validate", small.toString());
    assertEquals(ExitCode.INVALID, r.exitCode(), r.stdout());
    assertTrue(r.stdout().contains("error[unknown-key]: unknown key `cliams`"), r.stdout());
    assertTrue(r.stdout().contains(SCHEMA_ERROR), r.stdout());
  }

  /**
   * A file over the default 4 MiB, let in by --max-file-size: its schema violation is reported. (validate
   * used to read every file a second time for the schema, with the default limits, and so skipped the
   * schema check of any file over 4 MiB without a word.)
   */
  @Test
  void maxFileSizeAboveTheDefaultStillChecksTheSchema() throws IOException {
    String description = "description: \"" + "a".repeat((int) Limits.DEFAULTS.maxFileSize()) + "\"\n";
    Path big = Files.writeString(dir.resolve("big.yaml"), MISSPELLED + description);
    assertTrue(Files.size(big) > Limits.DEFAULTS.maxFileSize());
    CliRun refused = CliRun.of("validate", big.toString());
    assertTrue(refused.stdout().contains("is too large"), refused.stdout());

    CliRun r = CliRun.of("validate", "--max-file-size", Long.toString(2 * Limits.DEFAULTS.maxFileSize()), big.toString());
    assertEquals(ExitCode.INVALID, r.exitCode(), r.stdout());
    assertTrue(r.stdout().contains("error[unknown-key]: unknown key `cliams`"), r.stdout());
    assertTrue(r.stdout().contains(SCHEMA_ERROR), r.stdout());
    assertTrue(r.stdout().endsWith("0 of 1 spec valid, 1 invalid            exit code 2\n"), r.stdout());
  }
}
