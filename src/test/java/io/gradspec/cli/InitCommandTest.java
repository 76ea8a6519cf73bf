package io.gradspec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.cli.EndToEndTest.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gradspec init}: a starter folder that checks and validates cleanly, and no overwriting. */
class InitCommandTest {
  @Test
  void theStarterFolderChecksWithExit0(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("my-specs");
    CliRun init = CliRun.of("init", dir.toString());
    assertEquals(ExitCode.OK, init.exitCode(), init.stderr());
    assertTrue(init.stdout().contains("wrote " + dir.resolve("01-linear.yaml")), init.stdout());
    assertTrue(Files.exists(dir.resolve("gradspec.schema.json")));

    CliRun check = CliRun.of("check", dir.toString());
    assertEquals(ExitCode.OK, check.exitCode(), check.stdout() + check.stderr());
    assertTrue(check.stdout().contains("2 specs, 4 claims: 3 passed, 0 failed, 1 xfailed"), check.stdout());
    CliRun validate = CliRun.of("validate", dir.toString());
    assertEquals(ExitCode.OK, validate.exitCode(), validate.stdout());

    // the passing spec explains every key of the format in a comment
    String linear = Files.readString(dir.resolve("01-linear.yaml"));
    for (String key : new String[] {"# name", "# description, tags", "# index-base", "# dims", "# inputs", "# define",
        "# of:", "# layout", "# check", "shape", "init", "value", "expect"}) {
      assertTrue(linear.contains(key) || Files.readString(dir.resolve("02-mistake.yaml")).contains(key), key);
    }
  }

  @Test
  void existingFilesAreNeverOverwritten(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("02-mistake.yaml"), "mine\n");
    CliRun r = CliRun.of("init", dir.toString());
    assertEquals(ExitCode.INVALID, r.exitCode());
    assertTrue(r.stderr().startsWith("gradspec: not overwriting `" + dir.resolve("02-mistake.yaml") + "`"), r.stderr());
    assertEquals("mine\n", Files.readString(dir.resolve("02-mistake.yaml")));
    assertTrue(Files.notExists(dir.resolve("01-linear.yaml")), "nothing is written when anything exists");
  }
}
