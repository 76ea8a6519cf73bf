package io.gradspec.spec;

/** How bad a diagnostic is. Only errors make a spec invalid. */
public enum Severity { ERROR, WARNING;
  public String word() { return this == ERROR ? "error" : "warning"; }
}
