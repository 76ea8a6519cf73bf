package io.gradspec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The version printed by {@code --version} and in every report. Its one source is the pom: Maven writes
 * {@code <version>} into the resource io/gradspec/version.txt when it copies the resources (the only
 * filtered one, see pom.xml), and the class reads it once, when first used.
 */
public final class Version {
  public static final String VERSION = read();

  private Version() {}

  private static String read() {
    try (InputStream in = Version.class.getResourceAsStream("version.txt")) {
      if (in == null) throw new IllegalStateException("missing resource io/gradspec/version.txt (build with Maven)");
      String v = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      // unfiltered, the resource still says ${project.version}: a build that skipped Maven's resources step
      if (v.isEmpty() || v.startsWith("$")) throw new IllegalStateException("io/gradspec/version.txt was not filtered by Maven: `" + v + "`");
      return v;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
