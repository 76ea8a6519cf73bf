package io.gradspec;

/** The version printed by {@code --version} and in every JSON report. */
public final class Version {
  public static final String VERSION = "1.0.0";
  private Version() {}
}
