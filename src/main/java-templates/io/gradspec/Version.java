package io.gradspec;

/**
 * The version printed by {@code --version} and in every report. Its one source is the pom: this file is a
 * template that Maven copies, with {@code project.version} filled in, into
 * target/generated-sources/version before compiling (see pom.xml), so the version is a compile-time
 * constant and costs nothing at start-up.
 */
public final class Version {
  public static final String VERSION = "${project.version}";

  private Version() {}
}
