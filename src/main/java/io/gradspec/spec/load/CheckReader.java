package io.gradspec.spec.load;

import static io.gradspec.spec.load.ValueReader.isNull;
import static io.gradspec.spec.load.ValueReader.positiveInt;

import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.Method;
import java.util.List;

/** Reads {@code check}: the spec's own numerical settings (trials, seed, method, step, tolerances). */
final class CheckReader {
  private final ValueReader read;

  CheckReader(ValueReader read) {
    this.read = read;
  }

  /** The settings of entry {@code e}; null fields where it sets nothing (or something wrong). */
  CheckSettings check(YamlNode.Entry e) {
    if (e == null || isNull(e.value())) return CheckSettings.EMPTY;
    if (!(e.value() instanceof YamlNode.Mapping)) {
      read.badValue(e.value(), "`check`", "a map of settings", "e.g. `check: {trials: 5, rtol: 1e-6}`");
      return CheckSettings.EMPTY;
    }
    YamlNode.Mapping m = (YamlNode.Mapping) e.value();
    read.checkKeys(m, SpecBuilder.CHECK_KEYS, "in `check`", "`check`");
    Integer trials = null;
    YamlNode.Entry t = m.get("trials");
    if (t != null) {
      trials = positiveInt(t.value());
      if (trials == null) read.badValue(t.value(), "`trials`", "a positive integer", null);
    }
    Long seed = null;
    YamlNode.Entry s = m.get("seed");
    if (s != null) {
      seed = s.value() instanceof YamlNode.Scalar ? ((YamlNode.Scalar) s.value()).asLong() : null;
      if (seed == null) read.badValue(s.value(), "`seed`", "an integer", null);
    }
    Method method = read.choice(m, "method", Method.class, List.of("central", "richardson", "complex-step"), null,
        "`central` (the default) uses central differences; `richardson` adds extrapolation and an error estimate; "
            + "`complex-step` is step-free, to round-off");
    YamlNode.Entry st = m.get("step");
    Double step = st == null ? null : read.positive(st.value(), "`step`");
    if (step != null && step < CheckSettings.MIN_STEP) {
      read.badValue(st.value(), "`step`", "a number of at least 2.2e-16", CheckSettings.STEP_HELP);
      step = null;
    }
    Double rtol = read.nonNegative(m, "rtol");
    Double atol = read.nonNegative(m, "atol");
    return new CheckSettings(trials, seed, method, step, rtol, atol);
  }
}
