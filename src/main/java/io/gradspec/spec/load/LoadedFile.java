package io.gradspec.spec.load;

import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.SourceFile;
import io.gradspec.spec.Span;
import io.gradspec.spec.Spec;
import java.util.List;

/**
 * The result of loading one file: the specs that loaded, and for each document that did not, its
 * diagnostics. A bad document does not sink its neighbours.
 */
public record LoadedFile(SourceFile file, List<DocumentResult> documents) {
  public LoadedFile { documents = List.copyOf(documents); }

  /**
   * One YAML document: {@code spec} is null when it could not be built; {@code name} is the spec name
   * when one could be read (for reporting), else null. {@code diagnostics} holds every problem found.
   * {@code tree} is the document as the YAML reader read it, null when it could not be read (or the file
   * not at all): {@code validate} checks it against the JSON Schema ({@link SchemaCheck}) without reading
   * the file again.
   */
  public record DocumentResult(int document, String name, Spec spec, List<Diagnostic> diagnostics, Span span,
                               YamlNode tree) {
    public DocumentResult { diagnostics = List.copyOf(diagnostics); }
    public boolean valid() { return spec != null && diagnostics.stream().noneMatch(Diagnostic::isError); }
  }
}
