package io.gradspec.spec;

import java.util.List;

/**
 * One entry of {@code functions}: a function the program computes, with the symbolic shapes of its
 * arguments and of its result, written like an input's shape ("N", "1", "C*D").
 */
public record FunctionDecl(Located<String> name, List<List<Located<String>>> args, List<Located<String>> returns,
                           Span span) {
  public FunctionDecl { args = List.copyOf(args); returns = List.copyOf(returns); }
}
