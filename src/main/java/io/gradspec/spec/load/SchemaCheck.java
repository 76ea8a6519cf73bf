package io.gradspec.spec.load;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks spec documents against the JSON Schema of the format (resource {@code /gradspec.schema.json}, the
 * file {@code gradspec schema} prints) with networknt's validator. Each YAML document's located tree is
 * converted to a Jackson tree under the YAML 1.2 core schema (so {@code 1e-5} is a number and {@code yes}
 * a string, as the loader reads them), and each violation becomes a diagnostic at the offending node,
 * with the JSON pointer of that node in the message.
 */
public final class SchemaCheck {
  private static final String RESOURCE = "/gradspec.schema.json";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static volatile Schema schema;

  private SchemaCheck() {}

  /** One violation: the JSON pointer of the node, the validator's message, and the node's span. */
  public record Violation(String pointer, String message, Span span) {
    /** The violation as {@code validate} reports it: an error at the offending node. */
    public Diagnostic diagnostic() {
      return Diagnostic.error("schema", span, "`" + pointer + "` " + message)
          .withLabel("does not match the schema at " + pointer)
          .withNote("`gradspec schema` prints the JSON Schema of the format");
    }
  }

  /**
   * The violations of every document of a loaded file, one list per document in {@link LoadedFile}'s
   * order, checked on the trees the loader read (the file is not read again). A document the YAML reader
   * could not read has an empty list (its error says enough).
   */
  public static List<List<Violation>> check(LoadedFile loaded) {
    List<List<Violation>> out = new ArrayList<>();
    for (LoadedFile.DocumentResult doc : loaded.documents()) out.add(check(doc));
    return out;
  }

  /** The violations of one document, none when its YAML could not be read. */
  static List<Violation> check(LoadedFile.DocumentResult doc) {
    return doc.tree() == null ? List.of() : check(doc.tree());
  }

  /** The violations of one document's tree, in the validator's order. */
  static List<Violation> check(YamlNode root) {
    List<Violation> out = new ArrayList<>();
    for (Error e : schema().validate(json(root))) {
      NodePath at = e.getInstanceLocation();
      YamlNode node = root;
      StringBuilder pointer = new StringBuilder();
      for (int i = 0; i < at.getNameCount(); i++) {
        Object step = at.getElement(i);
        pointer.append('/').append(step.toString().replace("~", "~0").replace("/", "~1"));
        node = child(node, step);
      }
      String property = e.getProperty();
      Span span = node == null ? root.span() : node.span();
      // an unknown or missing property is reported on its map: point at the key itself when there is one
      if (property != null && node instanceof YamlNode.Mapping m && m.get(property) != null) {
        span = m.get(property).key().span();
      }
      out.add(new Violation(pointer.length() == 0 ? "/" : pointer.toString(), message(e), span));
    }
    return out;
  }

  /** The message without networknt's own leading "/path: " (the pointer is reported separately). */
  private static String message(Error e) {
    String m = e.getMessage() == null ? e.getKeyword() : e.getMessage();
    String loc = e.getInstanceLocation().toString();
    if (m.startsWith(loc + ": ")) m = m.substring(loc.length() + 2);
    return m;
  }

  private static YamlNode child(YamlNode node, Object step) {
    if (node instanceof YamlNode.Mapping m) {
      YamlNode.Entry e = m.get(step.toString());
      return e == null ? node : e.value();
    }
    if (node instanceof YamlNode.Seq s && step instanceof Integer i && i >= 0 && i < s.items().size()) {
      return s.items().get(i);
    }
    return node;
  }

  /** The located tree as a Jackson tree, typed by the YAML 1.2 core schema. */
  static JsonNode json(YamlNode n) {
    if (n instanceof YamlNode.Mapping m) {
      ObjectNode o = NODES.objectNode();
      for (YamlNode.Entry e : m.entries()) o.set(e.key().value(), json(e.value()));
      return o;
    }
    if (n instanceof YamlNode.Seq s) {
      ArrayNode a = NODES.arrayNode();
      for (YamlNode item : s.items()) a.add(json(item));
      return a;
    }
    YamlNode.Scalar s = (YamlNode.Scalar) n;
    if (s.style() == YamlNode.Style.ALIAS) return NODES.stringNode(s.value());
    switch (s.kind()) {
      case NULL: return NODES.nullNode();
      case BOOL: return NODES.booleanNode(s.value().equalsIgnoreCase("true"));
      case INT: {
        Long v = s.asLong();
        if (v != null && v == v.intValue()) return NODES.numberNode(v.intValue());
        if (v != null) return NODES.numberNode(v.longValue());
        BigInteger big = YamlNode.ScalarKinds.bigInteger(s.value().replace("_", ""));
        return big == null ? NODES.stringNode(s.value()) : NODES.numberNode(big);
      }
      case FLOAT: return NODES.numberNode(s.asDouble());
      default: return NODES.stringNode(s.value());
    }
  }

  private static Schema schema() {
    Schema s = schema;
    if (s == null) {
      synchronized (SchemaCheck.class) {
        if (schema == null) {
          try (InputStream in = SchemaCheck.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        s = schema;
      }
    }
    return s;
  }
}
