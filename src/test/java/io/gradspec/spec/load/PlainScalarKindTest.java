package io.gradspec.spec.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The reader's shortcut for plain scalars resolves exactly as the core schema's patterns do. */
class PlainScalarKindTest {
  @Test
  void sameKindAsThePatterns() {
    String[] fixed = {"", "0", "00", "12", "-3", "+4", "0x1F", "0o17", "1.5", ".5", "1e3", ".inf", "-.Inf", ".nan",
        "null", "Null", "NULL", "~", "true", "False", "TRUE", "n", "f", "t", "name", "X", "spd", "logdet(X)",
        "x' * A * x", "A + A'", "1 + 2", "12a", "٣", "nan", "Infinity", "yes", "no", "on", "off", "0b101", "1_000"};
    for (String v : fixed) assertEquals(YamlNode.ScalarKinds.resolve(v), YamlReader.plainKind(v), v);
    String alphabet = "0123456789+-.eExXoOabnNuUlLtTrRfFsS~_ *'()";
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 200_000; i++) {
      StringBuilder b = new StringBuilder();
      int len = r.nextInt(7);
      for (int k = 0; k < len; k++) b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      String v = b.toString();
      assertEquals(YamlNode.ScalarKinds.resolve(v), YamlReader.plainKind(v), v);
    }
  }
}
