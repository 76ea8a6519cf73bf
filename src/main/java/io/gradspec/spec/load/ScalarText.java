package io.gradspec.spec.load;

import io.gradspec.spec.ExprText;
import io.gradspec.spec.SourceFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rebuilds a YAML scalar's decoded text from its source slice, remembering for every decoded char the
 * file offset it came from, so that an expression token inside a quoted, escaped, folded or block
 * scalar still gets its own line:column. The result is checked against the value the YAML parser
 * decoded; on any disagreement (an exotic construct this class does not model) it falls back to a
 * verbatim mapping from the scalar's start, which is approximate but never wrong by more than a line.
 */
final class ScalarText {
  private final String src;
  private final StringBuilder out = new StringBuilder();
  private int[] offs = new int[16];
  /** Raw (unescaped) whitespace chars at the end of {@code out}, which a line fold may trim. */
  private int trailingRawSpace;

  private ScalarText(String src) { this.src = src; }

  /**
   * @param start   offset of the scalar's first char (the quote, the block indicator, or the plain text)
   * @param end     offset just past the scalar (after the closing quote; for block scalars, past the last line)
   * @param decoded the value the YAML parser decoded, used to verify the mapping
   */
  static ExprText build(SourceFile file, YamlNode.Style style, int start, int end, String decoded) {
    String text = file.text();
    start = clamp(start, text.length());
    end = Math.max(start, clamp(end, text.length()));
    ScalarText b = new ScalarText(text);
    try {
      switch (style) {
        case PLAIN: b.flow(start, end, false, false); break;
        case SINGLE_QUOTED: b.flow(start + 1, Math.max(start + 1, end - 1), true, false); break;
        case DOUBLE_QUOTED: b.flow(start + 1, Math.max(start + 1, end - 1), false, true); break;
        case LITERAL: case FOLDED: b.block(start, end, style == YamlNode.Style.FOLDED); break;
        default: break;
      }
    } catch (RuntimeException e) {
      // Modelling failed on some unusual input: use the verbatim fallback below.
      b.out.setLength(0);
    }
    if (b.out.toString().equals(decoded)) {
      int n = decoded.length();
      int[] o = Arrays.copyOf(b.offs, n + 1);
      o[n] = n == 0 ? contentStart(style, start, end) : o[n - 1] + 1;
      return new ExprText(decoded, file, o);
    }
    return fallback(file, style, start, end, decoded);
  }

  private static int contentStart(YamlNode.Style style, int start, int end) {
    return style == YamlNode.Style.SINGLE_QUOTED || style == YamlNode.Style.DOUBLE_QUOTED
        ? Math.min(start + 1, end) : start;
  }

  private static ExprText fallback(SourceFile file, YamlNode.Style style, int start, int end, String decoded) {
    int from = contentStart(style, start, end);
    int[] o = new int[decoded.length() + 1];
    for (int i = 0; i <= decoded.length(); i++) o[i] = Math.min(from + i, Math.max(from, end));
    return new ExprText(decoded, file, o);
  }

  private static int clamp(int v, int max) { return Math.max(0, Math.min(v, max)); }

  private void emit(char c, int offset, boolean rawSpace) {
    if (out.length() + 1 >= offs.length) offs = Arrays.copyOf(offs, offs.length * 2);
    offs[out.length()] = offset;
    out.append(c);
    trailingRawSpace = rawSpace ? trailingRawSpace + 1 : 0;
  }

  private static boolean isBreak(char c) { return c == '\n' || c == '\r'; }
  private static boolean isBlank(char c) { return c == ' ' || c == '\t'; }

  /** Index just past the line break at i (handles CRLF). */
  private int skipBreak(int i) {
    if (src.charAt(i) == '\r' && i + 1 < src.length() && src.charAt(i + 1) == '\n') return i + 2;
    return i + 1;
  }

  /**
   * Plain and quoted scalars: the text between from and to, with line folding (a single break becomes
   * a space, n empty lines become n newlines, whitespace around breaks is dropped), {@code ''} in
   * single quotes and backslash escapes in double quotes.
   */
  private void flow(int from, int to, boolean single, boolean dbl) {
    int i = from;
    while (i < to) {
      char c = src.charAt(i);
      if (isBreak(c)) {
        out.setLength(out.length() - trailingRawSpace);
        trailingRawSpace = 0;
        int breakAt = i;
        i = skipBreak(i);
        int empty = 0;
        while (true) {
          int j = i;
          while (j < to && isBlank(src.charAt(j))) j++;
          if (j < to && isBreak(src.charAt(j))) { empty++; i = skipBreak(j); } else { i = j; break; }
        }
        if (empty == 0) emit(' ', breakAt, false);
        for (int k = 0; k < empty; k++) emit('\n', breakAt, false);
        continue;
      }
      if (single && c == '\'' && i + 1 < to && src.charAt(i + 1) == '\'') {
        emit('\'', i, false);
        i += 2;
        continue;
      }
      if (dbl && c == '\\' && i + 1 < to) {
        i = escape(i, to);
        continue;
      }
      emit(c, i, isBlank(c));
      i++;
    }
  }

  /** Decodes the escape at i (a backslash); every decoded char maps to the backslash. */
  private int escape(int i, int to) {
    char e = src.charAt(i + 1);
    switch (e) {
      case '0': emit('\0', i, false); return i + 2;
      case 'a': emit('\u0007', i, false); return i + 2;
      case 'b': emit('\b', i, false); return i + 2;
      case 't': case '\t': emit('\t', i, false); return i + 2;
      case 'n': emit('\n', i, false); return i + 2;
      case 'v': emit('\u000B', i, false); return i + 2;
      case 'f': emit('\f', i, false); return i + 2;
      case 'r': emit('\r', i, false); return i + 2;
      case 'e': emit('\u001B', i, false); return i + 2;
      case ' ': emit(' ', i, false); return i + 2;
      case '"': emit('"', i, false); return i + 2;
      case '/': emit('/', i, false); return i + 2;
      case '\\': emit('\\', i, false); return i + 2;
      case 'N': emit('\u0085', i, false); return i + 2;
      case '_': emit('\u00A0', i, false); return i + 2;
      case 'L': emit('\u2028', i, false); return i + 2;
      case 'P': emit('\u2029', i, false); return i + 2;
      case 'x': return hex(i, 2, to);
      case 'u': return hex(i, 4, to);
      case 'U': return hex(i, 8, to);
      case '\r': case '\n': {
        // Escaped line break: no space is inserted and the next line's indentation is dropped.
        trailingRawSpace = 0;
        int j = skipBreak(i + 1);
        int empty = 0;
        while (true) {
          int k = j;
          while (k < to && isBlank(src.charAt(k))) k++;
          if (k < to && isBreak(src.charAt(k))) { empty++; j = skipBreak(k); } else { j = k; break; }
        }
        for (int k = 0; k < empty; k++) emit('\n', i, false);
        return j;
      }
      default: throw new IllegalStateException("unknown escape");
    }
  }

  private int hex(int i, int digits, int to) {
    int cp = Integer.parseInt(src.substring(i + 2, Math.min(to, i + 2 + digits)), 16);
    for (char ch : Character.toChars(cp)) emit(ch, i, false);
    return i + 2 + digits;
  }

  /** Literal ({@code |}) and folded ({@code >}) block scalars, with chomping and indentation. */
  private void block(int from, int to, boolean folded) {
    int i = from + 1;
    char chomp = 'c';
    int explicitIndent = -1;
    while (i < to && !isBreak(src.charAt(i)) && !isBlank(src.charAt(i))) {
      char c = src.charAt(i);
      if (c == '+' || c == '-') chomp = c;
      else if (c >= '1' && c <= '9') explicitIndent = c - '0';
      i++;
    }
    while (i < to && !isBreak(src.charAt(i))) i++;          // rest of the header line: blanks, comment
    if (i < to) i = skipBreak(i);

    // Split the body into lines, [start, end) of each; a line's break is at its end.
    List<int[]> lines = new ArrayList<>();
    while (i < to) {
      int s = i;
      while (i < to && !isBreak(src.charAt(i))) i++;
      lines.add(new int[] {s, i});
      if (i < to) i = skipBreak(i);
    }
    int indent = explicitIndent;
    if (indent < 0) {
      indent = 0;
      for (int[] l : lines) {
        int n = 0;
        while (l[0] + n < l[1] && src.charAt(l[0] + n) == ' ') n++;
        if (l[0] + n < l[1]) { indent = n; break; }
      }
    } else {
      // Relative to the parent's indentation, which we estimate from the header's line.
      int ls = from;
      while (ls > 0 && !isBreak(src.charAt(ls - 1))) ls--;
      int n = 0;
      while (ls + n < from && src.charAt(ls + n) == ' ') n++;
      indent += n;
    }

    boolean prevContent = false;   // a content line has been emitted
    boolean prevMore = false;      // that line was more-indented (folding keeps its break)
    int pendingEmpty = 0;
    int pendingBreak = -1;         // offset of the last content line's break
    List<Integer> emptyBreaks = new ArrayList<>();
    for (int[] l : lines) {
      int s = l[0];
      int e = l[1];
      // A line of spaces no longer than the indentation is empty; longer ones keep the excess.
      boolean empty = e - s <= indent && allBlank(s, e);
      if (empty) {
        pendingEmpty++;
        emptyBreaks.add(e);
        continue;
      }
      int cs = s + indent;
      boolean more = isBlank(src.charAt(cs));
      if (prevContent) {
        if (folded && !prevMore && !more) {
          if (pendingEmpty == 0) emit(' ', pendingBreak, false);
          for (int k = 0; k < pendingEmpty; k++) emit('\n', emptyBreaks.get(k), false);
        } else {
          emit('\n', pendingBreak, false);
          for (int k = 0; k < pendingEmpty; k++) emit('\n', emptyBreaks.get(k), false);
        }
      } else {
        for (int k = 0; k < pendingEmpty; k++) emit('\n', emptyBreaks.get(k), false);
      }
      pendingEmpty = 0;
      emptyBreaks.clear();
      for (int k = cs; k < e; k++) emit(src.charAt(k), k, false);
      prevContent = true;
      prevMore = more;
      pendingBreak = e;
    }
    // Chomping: the final break and trailing empty lines.
    if (chomp == 'c') {
      if (prevContent) emit('\n', pendingBreak, false);
    } else if (chomp == '+') {
      if (prevContent) emit('\n', pendingBreak, false);
      for (int k = 0; k < pendingEmpty; k++) emit('\n', emptyBreaks.get(k), false);
    }
  }

  private boolean allBlank(int s, int e) {
    for (int k = s; k < e; k++) if (!isBlank(src.charAt(k))) return false;
    return true;
  }
}
