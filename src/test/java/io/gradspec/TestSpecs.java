package io.gradspec;

import io.gradspec.check.CheckOptions;
import io.gradspec.check.Checker;
import io.gradspec.result.SpecResult;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Spec;
import io.gradspec.spec.load.LoadedFile;
import io.gradspec.spec.load.SpecLoader;
import java.util.ArrayList;
import java.util.List;

/** Test support: YAML text in, loaded spec / check result / diagnostics out. */
public final class TestSpecs {
  private TestSpecs() {}

  public static Spec spec(String yaml) {
    LoadedFile f = SpecLoader.loadString(yaml, "t.yaml");
    LoadedFile.DocumentResult d = f.documents().get(0);
    if (!d.valid()) throw new AssertionError("spec did not load: " + d.diagnostics());
    return d.spec();
  }

  public static SpecResult check(String yaml) {
    return Checker.check(spec(yaml), CheckOptions.defaults());
  }

  public static SpecResult check(String yaml, CheckSettings explicit) {
    return Checker.check(spec(yaml), CheckOptions.builder().explicit(explicit).build());
  }

  /** The diagnostics of loading one document (the spec reader's own: keys, values, shapes as text). */
  public static List<Diagnostic> errorsOnLoad(String yaml) {
    LoadedFile f = SpecLoader.loadString(yaml, "t.yaml");
    return new ArrayList<>(f.documents().get(0).diagnostics());
  }

  /** The diagnostics of a spec that loads but fails the symbolic pass or compilation. */
  public static List<Diagnostic> errors(String yaml) {
    SpecResult r = Checker.check(spec(yaml), CheckOptions.builder().validateOnly(true).build());
    return new ArrayList<>(r.diagnostics());
  }
}
