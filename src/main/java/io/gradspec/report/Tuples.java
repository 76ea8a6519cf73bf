package io.gradspec.report;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Index tuples, index spaces and dims maps as every format writes them. */
public final class Tuples {
  private Tuples() {}

  /** "(a, b)" */
  public static String tuple(List<?> items) {
    return items.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
  }

  /** "[0, 1, 2]" */
  public static String index(int[] index) {
    return Arrays.stream(index).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));
  }

  /** "{N: 3, M: 2}" */
  public static String dims(Map<String, Integer> dims) {
    if (dims == null) return "{}";
    return dims.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
        .collect(Collectors.joining(", ", "{", "}"));
  }

  /** A symbolic index space in parentheses, e.g. "(C, D)" (the analyser may or may not have added them). */
  public static String parens(String symbolic) {
    if (symbolic == null) return "()";
    return symbolic.startsWith("(") ? symbolic : "(" + symbolic + ")";
  }
}
