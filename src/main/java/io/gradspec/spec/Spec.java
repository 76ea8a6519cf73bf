package io.gradspec.spec;

import java.util.List;
import java.util.Map;

/**
 * One spec (one YAML document), as loaded: every value with its position. {@code dims} holds one or
 * more ordered maps symbol -> size (empty list entry = no symbols); the spec is checked once per map.
 * {@code dimsSpans} gives each symbol's key span in the first map that defines it. {@code program} is null
 * unless the spec's functions are computed by a program (contract §7); then {@code functions} declares them.
 */
public record Spec(SourceFile file, int document, Located<String> name, String description, List<String> tags,
                   int indexBase, List<Map<String, Integer>> dims, Map<String, Span> dimsSpans,
                   List<InputDecl> inputs, List<Definition> defines, List<ClaimDecl> claims,
                   CheckSettings check, Span span, ProgramDecl program, List<FunctionDecl> functions) {
  public Spec {
    functions = List.copyOf(functions);
    tags = List.copyOf(tags);
    dims = List.copyOf(dims);
    inputs = List.copyOf(inputs);
    defines = List.copyOf(defines);
    claims = List.copyOf(claims);
  }
}
