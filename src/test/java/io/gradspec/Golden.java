package io.gradspec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file assertions. Golden files are rewritten only when the tests run with
 * {@code -Dgradspec.updateGolden=true}; review the diff before committing (style guide §2).
 */
public final class Golden {
  private Golden() {}

  /** True when golden files are to be rewritten rather than compared. */
  public static boolean updating() {
    return Boolean.getBoolean("gradspec.updateGolden");
  }

  /** Asserts that {@code actual} equals the golden file's content, or rewrites the file when updating. */
  public static void assertMatches(Path golden, String actual) {
    try {
      if (updating()) {
        Files.createDirectories(golden.toAbsolutePath().getParent());
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
        return;
      }
      if (!Files.exists(golden)) {
        fail("missing golden file " + golden + "; run the tests with -Dgradspec.updateGolden=true and review it");
      }
      assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual,
          "differs from golden file " + golden + " (regenerate with -Dgradspec.updateGolden=true)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
