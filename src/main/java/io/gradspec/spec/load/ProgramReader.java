package io.gradspec.spec.load;

import static io.gradspec.spec.load.ValueReader.isNull;

import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.FunctionDecl;
import io.gradspec.spec.Located;
import io.gradspec.spec.ProgramDecl;
import io.gradspec.spec.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code program} (the argv that starts the user's code, or the name of a Java program served in
 * process, and its per-request timeout) and
 * {@code functions} (what the program computes, with symbolic shapes), contract §7. Whether the run may
 * start the program is the run's decision ({@code --allow-programs}), not the reader's.
 */
final class ProgramReader {
  static final List<String> PROGRAM_KEYS = List.of("run", "java", "timeout");
  static final List<String> FUNCTION_KEYS = List.of("args", "returns");

  private final ValueReader read;
  private final InputsReader shapes;

  ProgramReader(ValueReader read) {
    this.read = read;
    this.shapes = new InputsReader(read);
  }

  /** The program under {@code e}, or null when there is none (or after an error). */
  ProgramDecl program(YamlNode.Entry e) {
    if (e == null || isNull(e.value())) return null;
    YamlNode v = e.value();
    if (!(v instanceof YamlNode.Mapping)) {
      read.badValue(v, "`program`", "a map with `run` (the program's argv) or `java` (a name the Java caller "
          + "registers) and an optional `timeout`",
          "e.g. `program: {run: [python3, layernorm.py]}`");
      return null;
    }
    YamlNode.Mapping m = (YamlNode.Mapping) v;
    int before = read.count();
    read.checkKeys(m, PROGRAM_KEYS, "in `program`", "a program");
    YamlNode.Entry java = m.get("java");
    if (java == null) {
      read.requireKey(m, "run", PROGRAM_KEYS, "`program`", "add `run:` with the program's argv, e.g. `run: [python3, f.py]`");
    } else if (m.get("run") != null) {
      read.badValue(m.get("run").value(), "`run` next to `java`", "absent: a program is either started (`run`) or "
          + "served by the Java caller (`java`)", "keep one of `run:` and `java:`");
    }
    Located<String> javaName = null;
    if (java != null) {
      YamlNode.Scalar s = read.scalarText(java.value(), "`java`", "a name");
      if (s != null && !ValueReader.IDENT.matcher(s.value()).matches()) {
        read.badValue(java.value(), "`java`", "the name a Java caller registers the program under, like `layers`",
            "e.g. `program: {java: layers}`, served by `Gradspec.options().program(\"layers\", ...)`");
      } else if (s != null) {
        javaName = Located.of(s.value(), s.span());
      }
    }
    List<Located<String>> argv = new ArrayList<>();
    YamlNode.Entry run = m.get("run");
    if (run != null) {
      if (run.value() instanceof YamlNode.Seq && !((YamlNode.Seq) run.value()).items().isEmpty()) {
        for (YamlNode item : ((YamlNode.Seq) run.value()).items()) {
          YamlNode.Scalar s = read.scalarText(item, "an argument of `run`", "a string");
          if (s != null && s.value().isEmpty()) {
            read.badValue(item, "an argument of `run`", "a non-empty string", null);
          } else if (s != null) {
            argv.add(Located.of(s.value(), s.span()));
          }
        }
      } else {
        String help = run.value() instanceof YamlNode.Scalar && !isNull(run.value())
            ? "write the argv as a list (no shell splits it): `run: [" + String.join(", ",
                ((YamlNode.Scalar) run.value()).value().strip().split("\\s+")) + "]`"
            : "e.g. `run: [python3, layernorm.py]`";
        read.badValue(run.value(), "`run`", "a non-empty list: the program and its arguments", help);
      }
    }
    double timeout = ProgramDecl.DEFAULT_TIMEOUT_SECONDS;
    YamlNode.Entry t = m.get("timeout");
    if (t != null) {
      Double seconds = read.positive(t.value(), "`timeout`");
      if (seconds != null) timeout = seconds;
    }
    if (read.count() > before) return null;
    return new ProgramDecl(argv, javaName, timeout, e.key().span(), v.span());
  }

  /** The declared functions under {@code e}, in the order written (empty when there are none). */
  List<FunctionDecl> functions(YamlNode.Entry e) {
    List<FunctionDecl> out = new ArrayList<>();
    if (e == null || isNull(e.value())) return out;
    if (!(e.value() instanceof YamlNode.Mapping)) {
      read.badValue(e.value(), "`functions`", "a map of function names to `{args: [SHAPE, ...], returns: SHAPE}`",
          "e.g. `functions: {layernorm: {args: [[N, D], [D]], returns: [N, D]}}`");
      return out;
    }
    for (YamlNode.Entry f : ((YamlNode.Mapping) e.value()).entries()) {
      FunctionDecl d = function(f);
      if (d != null) out.add(d);
    }
    return out;
  }

  private FunctionDecl function(YamlNode.Entry f) {
    YamlNode.Scalar key = f.key() instanceof YamlNode.Scalar ? (YamlNode.Scalar) f.key() : null;
    if (key == null || !ValueReader.IDENT.matcher(key.value()).matches()) {
      read.badValue(f.key(), "a function name", "a name like `layernorm` (letters, digits, `_`)", null);
      return null;
    }
    String what = "function `" + key.value() + "`";
    if (!(f.value() instanceof YamlNode.Mapping)) {
      read.badValue(f.value(), what, "a map `{args: [SHAPE, ...], returns: SHAPE}`",
          "e.g. `" + key.value() + ": {args: [[N, D]], returns: [N, D]}`");
      return null;
    }
    YamlNode.Mapping m = (YamlNode.Mapping) f.value();
    int before = read.count();
    read.checkKeys(m, FUNCTION_KEYS, "in " + what, "a function");
    read.requireKey(m, "args", FUNCTION_KEYS, what, "add `args:`, a list of the arguments' shapes, e.g. `args: [[N, D]]`");
    read.requireKey(m, "returns", FUNCTION_KEYS, what, "add `returns:` with the result's shape, e.g. `returns: [N, D]`");
    List<List<Located<String>>> args = new ArrayList<>();
    YamlNode.Entry a = m.get("args");
    if (a != null) {
      if (a.value() instanceof YamlNode.Seq && !((YamlNode.Seq) a.value()).items().isEmpty()) {
        for (YamlNode item : ((YamlNode.Seq) a.value()).items()) {
          List<Located<String>> s = shapes.shape(item);
          if (s != null) args.add(s);
        }
      } else {
        read.badValue(a.value(), "`args` of " + what, "a non-empty list of shapes",
            "e.g. `args: [[N, D], [D]]` for two arguments, `args: [[]]` for one scalar");
      }
    }
    List<Located<String>> returns = null;
    YamlNode.Entry r = m.get("returns");
    if (r != null) returns = shapes.shape(r.value());
    if (read.count() > before || returns == null) return null;
    Span span = f.key().span();
    return new FunctionDecl(Located.of(key.value(), key.span()), args, returns, span);
  }
}
