package io.gradspec.cli;

import io.gradspec.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code --version} of every command: "gradspec 1.0.0", the version from the pom ({@link Version}). */
final class VersionProvider implements IVersionProvider {
  @Override public String[] getVersion() {
    return new String[] {"gradspec " + Version.VERSION};
  }
}
