package io.gradspec.spec.load;

import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.ExprText;
import io.gradspec.spec.Limits;
import io.gradspec.spec.SourceFile;
import io.gradspec.spec.Span;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.io.IOContext;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Reads one YAML document into a {@link YamlNode} tree with Jackson's streaming {@link YAMLParser}.
 * Jackson's tokens give the structure; the underlying SnakeYAML event of each token (exposed by a small
 * parser subclass, since Jackson keeps it in a protected field) gives what tokens do not: the scalar
 * style (to map quoted and block text back to the file), the end position, and anchors, which
 * {@code getObjectId()} does not report for scalars. Anchors, aliases and duplicate keys are reported
 * at their own line; a malformed document yields one "yaml" diagnostic and no tree.
 */
final class YamlReader {
  /** Parser factories by read-buffer size (a power of two), made as texts of each size come. */
  private static final java.util.concurrent.ConcurrentHashMap<Integer, LocatingFactory> FACTORIES =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The factory whose parsers read {@code length} chars in one buffer. SnakeYAML copies its whole window
   * each time it reads a buffer more, so one long scalar (a 4 MB line) cost time quadratic in its length
   * with the default 1 KiB buffer: 5 s and 1 GB; small texts keep a small buffer.
   */
  private static LocatingFactory factory(int length) {
    int size = Math.max(1024, Integer.highestOneBit(Math.max(1, length)) << 1);
    if (size <= 0) size = Integer.MAX_VALUE - 8;
    return FACTORIES.computeIfAbsent(size, LocatingFactory::new);
  }

  private final SourceFile file;
  private final List<Diagnostic> problems;
  private final int maxDepth;
  private LocatingParser parser;
  private int depth;
  /** Lines and chars of the file before the text parsed: the parser's positions are the text's. */
  private final int lineOffset;
  private final int charOffset;

  private YamlReader(SourceFile file, List<Diagnostic> problems, int maxDepth, int lineOffset, int charOffset) {
    this.file = file;
    this.problems = problems;
    this.maxDepth = maxDepth;
    this.lineOffset = lineOffset;
    this.charOffset = charOffset;
  }

  /**
   * Parses the document that is the file's text [from, to), which starts at a line start: only its own
   * text (positions shifted by the lines before it), so a file of many documents is read in time linear
   * in its size. Returns null when it holds no node, or when it is malformed (then a diagnostic was added).
   */
  static YamlNode readDocument(SourceFile file, int from, int to, List<Diagnostic> problems, int maxDepth) {
    int lines = from == 0 ? 0 : file.line(from) - 1;
    return read(new YamlReader(file, problems, maxDepth, lines, from), file.text().substring(from, to));
  }

  /**
   * Parses {@code text} as the whole file,
   * so that the parser's line:column are file positions. Returns null when the text holds no node, or
   * when it is malformed (then a diagnostic was added).
   */
  static YamlNode read(SourceFile file, String text, List<Diagnostic> problems) {
    return read(file, text, problems, Limits.DEFAULT_MAX_YAML_DEPTH);
  }

  /** As {@link #read(SourceFile, String, List)}; mappings and sequences nested deeper than maxDepth are refused. */
  static YamlNode read(SourceFile file, String text, List<Diagnostic> problems, int maxDepth) {
    return read(new YamlReader(file, problems, maxDepth, 0, 0), text);
  }

  private static YamlNode read(YamlReader r, String text) {
    SourceFile file = r.file;
    List<Diagnostic> problems = r.problems;
    Diagnostic unprintable = unprintable(file, text, r.charOffset);
    if (unprintable != null) {
      problems.add(unprintable);
      return null;
    }
    try (LocatingParser p = (LocatingParser) factory(text.length()).createParser(ObjectReadContext.empty(), new StringReader(text))) {
      r.parser = p;
      JsonToken t = p.nextToken();
      if (t == null) return null;
      YamlNode root = r.value(t);
      while (p.nextToken() != null) {
        // Drain the stream so that a syntax error after the root node is still found.
      }
      return root;
    } catch (TooDeep e) {
      problems.add(e.diagnostic);
      return null;
    } catch (JacksonException | YamlEngineException e) {
      problems.add(r.syntaxError(e));
      return null;
    }
  }

  /**
   * The first character YAML does not allow in a stream (a control character other than tab and line
   * breaks, or a lone surrogate), at its own position: the YAML parser only says "special characters are
   * not allowed" at the start of the file.
   */
  private static Diagnostic unprintable(SourceFile file, String text, int charOffset) {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      boolean printable = cp == 0x09 || cp == 0x0A || cp == 0x0D || (cp >= 0x20 && cp <= 0x7E) || cp == 0x85
          || (cp >= 0xA0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
      if (!printable) {
        String code = String.format(java.util.Locale.ROOT, "U+%04X", cp);
        return Diagnostic.error("yaml", new Span(file, charOffset + i, Character.charCount(cp)),
                "a control character (" + code + ") is not allowed in a YAML file")
            .withLabel(code)
            .withHelp("remove it; to put it in a string, write it as an escape in double quotes, e.g. \""
                + String.format(java.util.Locale.ROOT, cp <= 0xFF ? "\\x%02x" : "\\u%04x", cp) + "\"");
      }
      i += Character.charCount(cp);
    }
    return null;
  }

  private YamlNode value(JsonToken t) {
    Event ev = parser.lastEvent();
    switch (t) {
      case START_OBJECT: case START_ARRAY:
        if (++depth > maxDepth) throw new TooDeep(tooDeep(ev));
        YamlNode n = t == JsonToken.START_OBJECT ? mapping(ev) : sequence(ev);
        depth--;
        return n;
      default: return scalar(ev);
    }
  }

  private Diagnostic tooDeep(Event ev) {
    int s = offset(ev.getStartMark(), 0);
    return Diagnostic.error("limit", new Span(file, s, 1), "YAML nested too deeply: more than " + maxDepth + " levels")
        .withLabel("level " + (maxDepth + 1))
        .withHelp("a spec needs only a few levels; raise the limit with `--max-yaml-depth`");
  }

  /** Stops reading at the first node past the depth limit; the document then has no tree. */
  private static final class TooDeep extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Diagnostic diagnostic;
    TooDeep(Diagnostic d) { super(d.message(), null, false, false); this.diagnostic = d; }
  }

  private YamlNode.Mapping mapping(Event start) {
    checkAnchor(start);
    Span startSpan = propertiesSkipped(start);
    List<YamlNode.Entry> entries = new ArrayList<>();
    Map<String, YamlNode.Scalar> seen = new HashMap<>();
    JsonToken t;
    while ((t = parser.nextToken()) != JsonToken.END_OBJECT) {
      if (t == null) throw new IllegalStateException("unexpected end of YAML token stream");
      YamlNode.Scalar key = scalar(parser.lastEvent());
      YamlNode value = value(parser.nextToken());
      YamlNode.Scalar first = seen.putIfAbsent(key.value(), key);
      if (first != null) {
        problems.add(Diagnostic.error("duplicate-key", key.span(), "duplicate key `" + key.value() + "`")
            .withLabel("`" + key.value() + "` is already set on line " + first.span().line())
            .withHelp("remove one of the two entries"));
      } else {
        entries.add(new YamlNode.Entry(key, value));
      }
    }
    return new YamlNode.Mapping(entries, extent(startSpan, parser.lastEvent(), start, entries.isEmpty()
        ? null : entries.get(entries.size() - 1).value()));
  }

  private YamlNode.Seq sequence(Event start) {
    checkAnchor(start);
    Span startSpan = propertiesSkipped(start);
    List<YamlNode> items = new ArrayList<>();
    JsonToken t;
    while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) throw new IllegalStateException("unexpected end of YAML token stream");
      items.add(value(t));
    }
    return new YamlNode.Seq(items, extent(startSpan, parser.lastEvent(), start,
        items.isEmpty() ? null : items.get(items.size() - 1)));
  }

  /** A collection's span: to its closing bracket when flow style, else to the end of its last child. */
  private Span extent(Span start, Event end, Event startEvent, YamlNode last) {
    boolean flow = startEvent instanceof CollectionStartEvent && ((CollectionStartEvent) startEvent).isFlow();
    int to = start.offset();
    if (flow) to = offset(end.getEndMark(), to);
    else if (last != null) to = last.span().end();
    return new Span(file, start.offset(), Math.max(0, to - start.offset()));
  }

  private YamlNode.Scalar scalar(Event ev) {
    if (ev instanceof AliasEvent) {
      String name = ((AliasEvent) ev).getAlias().getValue();
      int s = offset(ev.getStartMark(), 0);
      int e = offset(ev.getEndMark(), s);
      Span span = new Span(file, s, e - s);
      problems.add(Diagnostic.error("yaml-alias", span, "YAML alias `*" + name + "` in a spec")
          .withLabel("aliases are not supported")
          .withHelp("write the value out in full; a spec is read as plain data"));
      return new YamlNode.Scalar("*" + name, YamlNode.Style.ALIAS, YamlNode.Kind.STRING, span,
          ExprText.verbatim("*" + name, file, s));
    }
    ScalarEvent se = (ScalarEvent) ev;
    checkAnchor(se);
    Span at = propertiesSkipped(se);
    int s = at.offset();
    int e = Math.max(s, offset(se.getEndMark(), s));
    YamlNode.Style style = style(se.getScalarStyle());
    int spanEnd = style == YamlNode.Style.LITERAL || style == YamlNode.Style.FOLDED ? trimBlockEnd(s, e) : e;
    String v = se.getValue();
    YamlNode.Kind kind;
    boolean strTag = se.getTag().map(tag -> tag.equals("tag:yaml.org,2002:str")).orElse(false);
    if (style == YamlNode.Style.PLAIN && !strTag) kind = plainKind(v);
    else kind = YamlNode.Kind.STRING;
    Span span = new Span(file, s, spanEnd - s);
    return new YamlNode.Scalar(v, style, kind, span, ScalarText.build(file, style, s, e, v));
  }

  /**
   * {@link YamlNode.ScalarKinds#resolve} without its four pattern matches in the common cases: plain ASCII
   * digits are an integer, and text whose first character can start none of null, a boolean or a number
   * (those start with one of {@code nN~tTfF+-.} or a digit, or are empty) is a string.
   */
  static YamlNode.Kind plainKind(String v) {
    if (v.isEmpty()) return YamlNode.ScalarKinds.resolve(v);
    char first = v.charAt(0);
    if ("nN~tTfF+-.".indexOf(first) < 0 && (first < '0' || first > '9')) return YamlNode.Kind.STRING;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') return YamlNode.ScalarKinds.resolve(v);
    }
    return YamlNode.Kind.INT;
  }

  /** A block scalar's end mark is the start of the next token; drop trailing blank lines from its span. */
  private int trimBlockEnd(int s, int e) {
    String text = file.text();
    while (e > s && Character.isWhitespace(text.charAt(e - 1))) e--;
    return e;
  }

  private static YamlNode.Style style(ScalarStyle s) {
    if (s == ScalarStyle.SINGLE_QUOTED) return YamlNode.Style.SINGLE_QUOTED;
    if (s == ScalarStyle.DOUBLE_QUOTED || s == ScalarStyle.JSON_SCALAR_STYLE) return YamlNode.Style.DOUBLE_QUOTED;
    if (s == ScalarStyle.LITERAL) return YamlNode.Style.LITERAL;
    if (s == ScalarStyle.FOLDED) return YamlNode.Style.FOLDED;
    return YamlNode.Style.PLAIN;
  }

  private void checkAnchor(Event ev) {
    if (!(ev instanceof NodeEvent)) return;
    Optional<Anchor> anchor = ((NodeEvent) ev).getAnchor();
    if (anchor.isEmpty()) return;
    String name = anchor.get().getValue();
    int s = offset(ev.getStartMark(), 0);
    int at = file.text().indexOf("&" + name, s);
    if (at < 0) at = s;
    Span span = new Span(file, at, name.length() + 1);
    problems.add(Diagnostic.error("yaml-alias", span, "YAML anchor `&" + name + "` in a spec")
        .withLabel("anchors are not supported")
        .withHelp("remove the anchor and write each value out in full; a spec is read as plain data"));
  }

  /** The node's position after its properties ({@code &anchor}, {@code !tag}), which precede the content. */
  private Span propertiesSkipped(Event ev) {
    String text = file.text();
    int s = offset(ev.getStartMark(), 0);
    while (s < text.length() && (text.charAt(s) == '&' || text.charAt(s) == '!')) {
      while (s < text.length() && !Character.isWhitespace(text.charAt(s))) s++;
      while (s < text.length() && Character.isWhitespace(text.charAt(s))) s++;
    }
    return new Span(file, s, 0);
  }

  private int offset(Optional<Mark> mark, int orElse) {
    return mark.map(m -> file.offsetOf(m.getLine() + 1 + lineOffset, m.getColumn() + 1)).orElse(orElse);
  }

  private Diagnostic syntaxError(RuntimeException e) {
    Throwable c = e;
    while (c != null && !(c instanceof MarkedYamlEngineException) && c.getCause() != c) c = c.getCause();
    if (c instanceof MarkedYamlEngineException) {
      MarkedYamlEngineException m = (MarkedYamlEngineException) c;
      Optional<Mark> where = m.getProblemMark().isPresent() ? m.getProblemMark() : m.getContextMark();
      String problem = m.getProblem() == null ? "" : m.getProblem().strip();
      String context = m.getContext() == null ? "" : m.getContext().strip();
      String message = problem.isEmpty() ? context : problem;
      Span span = where.map(mk -> new Span(file, offset(Optional.of(mk), 0), 1)).orElse(new Span(file, 0, 0));
      Diagnostic d = Diagnostic.error("yaml", span, message.isEmpty() ? "malformed YAML" : plain(message))
          .withLabel("malformed YAML");
      if (!problem.isEmpty() && !context.isEmpty()) {
        String ctx = context;
        if (m.getContextMark().isPresent() && m.getProblemMark().isPresent()) {
          Mark cm = m.getContextMark().get();
          ctx += " that starts at line " + (cm.getLine() + 1 + lineOffset) + ", column " + (cm.getColumn() + 1);
        }
        d = d.withNote(ctx);
      }
      String quoted = where.map(mk -> YamlHelp.quotedIndexFormula(file.lineText(mk.getLine() + 1 + lineOffset))).orElse(null);
      return d.withHelp(quoted != null ? quoted : YamlHelp.of(message + " " + context));
    }
    if (e instanceof JacksonException) {
      JacksonException je = (JacksonException) e;
      TokenStreamLocation loc = je.getLocation();
      if ((loc == null || loc.getLineNr() < 1) && parser != null) loc = parser.currentLocation();
      Span span = loc == null || loc.getLineNr() < 1 ? new Span(file, 0, 0)
          : new Span(file, file.offsetOf(loc.getLineNr() + lineOffset, Math.max(1, loc.getColumnNr())), 1);
      String msg = je.getOriginalMessage();
      return Diagnostic.error("yaml", span, firstLine(msg == null ? "malformed YAML" : msg)).withLabel("malformed YAML");
    }
    String msg = e.getMessage();
    return Diagnostic.error("yaml", new Span(file, 0, 0), firstLine(msg == null ? "malformed YAML" : msg))
        .withLabel("malformed YAML");
  }

  /**
   * The YAML parser's wording with its token names in backticks: "expected ',' or ']', but got }" becomes
   * "expected `,` or `]`, found `}`"; "<block end>" becomes "the end of the indented block".
   */
  private static String plain(String message) {
    // SnakeYAML names an unexpected character by a line of its own with its code, e.g. "found \n(10)":
    // a headline is one line, so name the character instead
    java.util.regex.Matcher code = java.util.regex.Pattern.compile("\\s*\\((\\d+)\\)\\s*$").matcher(message);
    if (message.contains("\n") && code.find()) {
      int cp = Integer.parseInt(code.group(1));
      String what = cp == 10 || cp == 13 ? "a line break" : cp == 32 ? "a space" : cp == 9 ? "a tab"
          : Character.isISOControl(cp) ? "the control character U+" + String.format(java.util.Locale.ROOT, "%04X", cp)
          : "`" + new String(Character.toChars(cp)) + "`";
      message = message.substring(0, code.start()).strip() + ": " + what;
    }
    message = message.replaceAll("\\s*\\R\\s*", " ").strip();
    String t = message.replace("<block end>", "the end of the indented block")
        .replace("'<block mapping start>'", "a more indented key")
        .replace("<block mapping start>", "a more indented key");
    t = t.replaceAll("'([^'\\s]{1,3})'", "`$1`");
    t = t.replaceAll(", but (?:got|found) ([^\\s`'<][^\\s]{0,2})$", ", found `$1`");
    return t.replace(", but found ", ", found ").replace(", but got ", ", found ");
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl).strip();
  }

  /** A YAMLParser that exposes the SnakeYAML event behind the current token. */
  private static final class LocatingParser extends YAMLParser {
    LocatingParser(ObjectReadContext ctxt, IOContext io, BufferRecycler br, int streamFeatures, int formatFeatures,
                   LoadSettings settings, Reader reader) {
      super(ctxt, io, br, streamFeatures, formatFeatures, settings, reader, false);
    }

    Event lastEvent() { return _lastEvent; }
  }

  /** Makes {@link LocatingParser}s; only the Reader entry point is used. */
  private static final class LocatingFactory extends YAMLFactory {
    private static final long serialVersionUID = 1L;

    // SnakeYAML's own size cap (3 Mi code points) would refuse files under our --max-file-size with a
    // message naming no option; the file size is checked before reading, so lift it here.
    private final transient LoadSettings settings;

    LocatingFactory(int bufferSize) {
      settings = LoadSettings.builder().setCodePointLimit(Integer.MAX_VALUE).setBufferSize(bufferSize).build();
    }

    @Override
    protected YAMLParser _createParser(ObjectReadContext ctxt, IOContext io, Reader r) {
      return new LocatingParser(ctxt, io, _getBufferRecycler(), ctxt.getStreamReadFeatures(_streamReadFeatures),
          ctxt.getFormatReadFeatures(_formatReadFeatures), settings, r);
    }
  }
}
