package io.gradspec.spec.load;

import static io.gradspec.spec.load.ValueReader.isNull;

import io.gradspec.spec.Definition;
import io.gradspec.spec.Located;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code define}: names bound to expressions, kept as text for the expression stages to parse. */
final class DefineReader {
  private final ValueReader read;

  DefineReader(ValueReader read) {
    this.read = read;
  }

  /** The definitions of entry {@code e}, in order, without those that have a problem. */
  List<Definition> defines(YamlNode.Entry e) {
    List<Definition> defs = new ArrayList<>();
    if (e == null || isNull(e.value())) return defs;
    if (!(e.value() instanceof YamlNode.Mapping)) {
      read.badValue(e.value(), "`define`", "a map of names to expressions", "e.g. `define: {y: W * x}`");
      return defs;
    }
    for (YamlNode.Entry d : ((YamlNode.Mapping) e.value()).entries()) {
      boolean ok = read.identifier(d.key(), "definition");
      YamlNode.Scalar s = read.expression(d.value(), "definition `" + d.key().value() + "`");
      if (ok && s != null) defs.add(new Definition(Located.of(d.key().value(), d.key().span()), s.text()));
    }
    return defs;
  }
}
