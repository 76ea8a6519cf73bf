package io.gradspec.result;

import io.gradspec.spec.Diagnostic;
import java.util.List;

/**
 * The verdict on one spec. {@code error} is the first error (null unless status is ERROR);
 * {@code diagnostics} holds all of them, for the text renderer. {@code claims} is empty when the spec did
 * not load.
 */
public record SpecResult(String file, int document, String name, Status status, ErrorInfo error,
                         List<Diagnostic> diagnostics, List<ClaimResult> claims, int indexBase, long durationMs) {
  public SpecResult {
    diagnostics = List.copyOf(diagnostics);
    claims = List.copyOf(claims);
  }
}
