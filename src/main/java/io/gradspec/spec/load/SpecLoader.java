package io.gradspec.spec.load;

import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.IoWords;
import io.gradspec.spec.Limits;
import io.gradspec.spec.SourceFile;
import io.gradspec.spec.Span;
import io.gradspec.spec.Spec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a spec file: reads it as UTF-8, splits it into YAML documents, parses each into a located
 * tree ({@link YamlNode}) and maps that to a {@link Spec}. Never throws for bad input; every problem is
 * a {@link Diagnostic} on the document it belongs to, and a bad document does not sink its neighbours.
 */
public final class SpecLoader {
  private SpecLoader() {}

  /**
   * Reads and parses one file. displayPath = the path as shown in reports (forward slashes). Never throws
   * for bad input: every problem is a Diagnostic.
   */
  public static LoadedFile load(Path path, String displayPath) {
    return load(path, displayPath, Limits.DEFAULTS);
  }

  /**
   * As {@link #load(Path, String)}, under {@code limits}: a file over {@link Limits#maxFileSize()} is refused
   * before it is read (and read with a bound, for files whose size the file system does not know).
   */
  public static LoadedFile load(Path path, String displayPath, Limits limits) {
    byte[] bytes;
    try {
      long max = limits.maxFileSize();
      long size = Files.isRegularFile(path) ? Files.size(path) : -1;
      if (size > max) return tooLarge(path, displayPath, size, max);
      try (InputStream in = Files.newInputStream(path)) {
        bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      }
      if (bytes.length > max) return tooLarge(path, displayPath, -1, max);
    } catch (IOException | SecurityException e) {
      SourceFile f = new SourceFile(path, displayPath, "");
      String why = IoWords.of(e);
      Diagnostic d = Diagnostic.error("io", null, "cannot read `" + displayPath + "`: " + why);
      return new LoadedFile(f, List.of(new LoadedFile.DocumentResult(0, null, null, List.of(d), null, null)));
    }
    CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return loadString(strict.decode(ByteBuffer.wrap(bytes)).toString(), path, displayPath, limits);
    } catch (CharacterCodingException e) {
      return notUtf8(bytes, path, displayPath);
    }
  }

  /** For tests: parses {@code text} as if it were the file {@code displayPath}. */
  public static LoadedFile loadString(String text, String displayPath) {
    return loadString(text, Path.of(displayPath), displayPath, Limits.DEFAULTS);
  }

  /** For tests: as {@link #loadString(String, String)}, under {@code limits}. */
  public static LoadedFile loadString(String text, String displayPath, Limits limits) {
    return loadString(text, Path.of(displayPath), displayPath, limits);
  }

  private static LoadedFile loadString(String text, Path path, String displayPath, Limits limits) {
    if (text.startsWith("\uFEFF")) text = text.substring(1);
    SourceFile file = new SourceFile(path, displayPath, text);
    List<LoadedFile.DocumentResult> docs = new ArrayList<>();
    int n = 0;
    for (int[] chunk : Documents.split(text)) {
      LoadedFile.DocumentResult r = document(file, n, chunk[0], chunk[1], limits.maxYamlDepth());
      if (r != null) {
        docs.add(r);
        n++;
      }
    }
    return new LoadedFile(file, docs);
  }

  /** One document: text [from, to) of the file. Null when it holds no node (only comments). */
  private static LoadedFile.DocumentResult document(SourceFile file, int index, int from, int to, int maxDepth) {
    List<Diagnostic> problems = new ArrayList<>();
    YamlNode root = YamlReader.readDocument(file, from, to, problems, maxDepth);
    if (root == null && problems.isEmpty()) return null;
    if (root == null) {
      Span at = problems.get(0).span();
      return new LoadedFile.DocumentResult(index, null, null, problems, at, null);
    }
    SpecBuilder builder = new SpecBuilder(file, index, problems);
    Spec spec = builder.build(root);
    boolean errors = problems.stream().anyMatch(Diagnostic::isError);
    problems.sort((x, y) -> Integer.compare(x.span() == null ? Integer.MAX_VALUE : x.span().offset(),
        y.span() == null ? Integer.MAX_VALUE : y.span().offset()));
    return new LoadedFile.DocumentResult(index, builder.name(), errors ? null : spec, problems,
        SpecBuilder.documentSpan(root), root);
  }

  /** A file over the size limit: one diagnostic at 1:1, nothing read. {@code size} -1 when unknown. */
  private static LoadedFile tooLarge(Path path, String displayPath, long size, long max) {
    SourceFile f = new SourceFile(path, displayPath, "");
    String what = size < 0 ? "more than " + max + " bytes" : size + " bytes";
    Diagnostic d = Diagnostic.error("limit", new Span(f, 0, 0),
            "`" + displayPath + "` is too large: " + what + ", the limit is " + max + " bytes")
        .withLabel("file not read")
        .withHelp("split it into several files, or raise the limit with `--max-file-size`");
    return new LoadedFile(f, List.of(new LoadedFile.DocumentResult(0, null, null, List.of(d), d.span(), null)));
  }

  /** A file that is not UTF-8: one diagnostic at the first bad byte, in a lossy decoding of the text. */
  private static LoadedFile notUtf8(byte[] bytes, Path path, String displayPath) {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    d.decode(in, out, true);                      // stops at the first malformed sequence
    int goodChars = out.position();
    int badByte = in.position();
    String lossy = new String(bytes, StandardCharsets.UTF_8);
    SourceFile f = new SourceFile(path, displayPath, lossy);
    Diagnostic diag = Diagnostic.error("encoding", new Span(f, goodChars, 1), "`" + displayPath + "` is not valid UTF-8")
        .withLabel(String.format(java.util.Locale.ROOT, "invalid byte 0x%02X", bytes[Math.min(badByte, bytes.length - 1)] & 0xFF))
        .withHelp("save the file as UTF-8");
    return new LoadedFile(f, List.of(new LoadedFile.DocumentResult(0, null, null, List.of(diag), diag.span(), null)));
  }

  /** Splits a YAML stream into documents at {@code ---} and {@code ...} lines, as YAML itself does. */
  static final class Documents {
    private Documents() {}

    /**
     * [from, to) char ranges, one per document. A document marker at the start of a line always ends the
     * previous document in YAML (even inside a block scalar), so splitting on lines is exact; doing it
     * ourselves lets a malformed document be reported without losing the ones after it. Ranges that
     * hold only comments, blank lines, markers or directives are merged forward or dropped.
     */
    static List<int[]> split(String text) {
      List<int[]> out = new ArrayList<>();
      int start = 0;
      boolean content = false;       // the current range holds a node (not only comments/directives)
      boolean directives = false;    // the current range holds a %DIRECTIVE, which belongs to the next document
      int i = 0;
      while (i < text.length()) {
        int lineEnd = i;
        while (lineEnd < text.length() && text.charAt(lineEnd) != '\n' && text.charAt(lineEnd) != '\r') lineEnd++;
        int next = lineEnd;
        if (next < text.length()) {
          next += text.charAt(next) == '\r' && next + 1 < text.length() && text.charAt(next + 1) == '\n' ? 2 : 1;
        }
        String line = text.substring(i, lineEnd);
        if (marker(line, "---")) {
          if (content) out.add(new int[] {start, i});
          if (!directives || content) start = i;
          content = !onlyComment(line.substring(3));
          directives = false;
        } else if (marker(line, "...")) {
          if (content) out.add(new int[] {start, next});
          start = next;
          content = false;
          directives = false;
        } else if (line.startsWith("%") && !content) {
          directives = true;
        } else if (!onlyComment(line)) {
          content = true;
        }
        i = next;
      }
      if (content) out.add(new int[] {start, text.length()});
      return out;
    }

    private static boolean marker(String line, String m) {
      return line.startsWith(m) && (line.length() == 3 || line.charAt(3) == ' ' || line.charAt(3) == '\t');
    }

    private static boolean onlyComment(String s) {
      String t = s.strip();
      return t.isEmpty() || t.startsWith("#");
    }
  }
}
