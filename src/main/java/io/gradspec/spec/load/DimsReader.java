package io.gradspec.spec.load;

import static io.gradspec.spec.load.ValueReader.found;
import static io.gradspec.spec.load.ValueReader.isAlias;
import static io.gradspec.spec.load.ValueReader.isNull;
import static io.gradspec.spec.load.ValueReader.positiveInt;
import static io.gradspec.spec.load.ValueReader.shorten;

import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Span;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code dims}: one map {@code SYMBOL: size}, or a list of them (each a separate run of every claim),
 * reporting each bad symbol and size. No {@code dims} is one empty map.
 */
final class DimsReader {
  /**
   * The most dims maps one spec may list: the spec is checked once per map, so 200 000 maps were minutes
   * and gigabytes of checks that no one asked for (issue 14, item 11). Split larger sweeps into specs.
   */
  static final int MAX_DIMS_MAPS = 1000;

  private final ValueReader read;

  DimsReader(ValueReader read) {
    this.read = read;
  }

  /** Adds the dims maps of entry {@code e} (absent: one empty map) to {@code out}, and each symbol's first span to {@code spans}. */
  void dims(YamlNode.Entry e, List<Map<String, Integer>> out, Map<String, Span> spans) {
    if (e == null || isNull(e.value())) {
      out.add(Map.of());
      return;
    }
    YamlNode v = e.value();
    if (v instanceof YamlNode.Mapping) {
      out.add(dimsMap((YamlNode.Mapping) v, spans));
    } else if (v instanceof YamlNode.Seq && ((YamlNode.Seq) v).items().size() > MAX_DIMS_MAPS) {
      read.report(badDims(v, "`dims` lists " + ((YamlNode.Seq) v).items().size() + " maps, more than the "
              + MAX_DIMS_MAPS + " a spec may have", "too many dims maps")
          .withHelp("the spec is checked once per map: spread the sizes over several specs, or check fewer of them"));
    } else if (v instanceof YamlNode.Seq && !((YamlNode.Seq) v).items().isEmpty()) {
      for (YamlNode item : ((YamlNode.Seq) v).items()) {
        if (item instanceof YamlNode.Mapping) out.add(dimsMap((YamlNode.Mapping) item, spans));
        else if (!isAlias(item)) read.report(badDims(item, "each entry of `dims` must be a map `SYMBOL: size`, found "
            + found(item), "expected a map like `{N: 3}`"));
      }
    } else if (!isAlias(v)) {
      read.report(badDims(v, v instanceof YamlNode.Seq ? "`dims` is an empty list"
              : "`dims` must be a map `SYMBOL: size` or a list of such maps, found " + found(v),
          "expected a map like `{C: 3, D: 7}`"));
    }
    if (out.isEmpty()) out.add(Map.of());
  }

  private Diagnostic badDims(YamlNode at, String message, String label) {
    return Diagnostic.error("bad-dims", at.span(), message).withLabel(label);
  }

  private Map<String, Integer> dimsMap(YamlNode.Mapping m, Map<String, Span> spans) {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    for (YamlNode.Entry e : m.entries()) {
      String sym = e.key().value();
      if (!ValueReader.IDENT.matcher(sym).matches()) {
        if (e.key().style() != YamlNode.Style.ALIAS) {
          read.report(badDims(e.key(), "dimension symbol `" + shorten(sym) + "` is not a name", "not a name")
              .withNote("a symbol starts with a letter or `_` and has only letters, digits and `_`"));
        }
        continue;
      }
      Integer size = positiveInt(e.value());
      if (size == null) {
        Long big = e.value() instanceof YamlNode.Scalar ? ((YamlNode.Scalar) e.value()).asLong() : null;
        if (big != null && big > Integer.MAX_VALUE) {
          read.report(badDims(e.value(), "dimension `" + sym + "` is " + big + ", more than the largest size, "
              + Integer.MAX_VALUE + " (2^31 - 1)", "too large")
              .withHelp("a value has at most `--max-elements` elements (default 100000000); use a smaller size"));
        } else if (!isAlias(e.value())) {
          read.report(badDims(e.value(), "dimension `" + sym + "` must be a positive integer, found "
              + found(e.value()), "not a positive integer")
              .withHelp("a dimension counts elements: write a whole number of at least 1, e.g. `" + sym + ": 3`"));
        }
        continue;
      }
      sizes.put(sym, size);
      spans.putIfAbsent(sym, e.key().span());
    }
    return sizes;
  }
}
