package io.gradspec.program;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reading reply arrays: the fast base64 decoder agrees with the JDK's, and anything else goes to the parser. */
class ReplyTest {
  @Test
  void theCanonicalDecoderAgreesWithTheJdkOnEveryLengthAndPadding() {
    Random r = new Random(7);
    for (int n = 0; n < 64; n++) {
      byte[] bytes = new byte[n];
      r.nextBytes(bytes);
      char[] text = Base64.getEncoder().encodeToString(bytes).toCharArray();
      char[] framed = new char[text.length + 6];
      System.arraycopy(text, 0, framed, 3, text.length);
      assertArrayEquals(bytes, Reply.canonicalBase64(framed, 3, text.length), "length " + n);
    }
  }

  @Test
  void textThatIsNotCanonicalIsLeftToTheParser() {
    assertNull(Reply.canonicalBase64("QUJD\nREVG".toCharArray(), 0, 9), "a line break");
    assertNull(Reply.canonicalBase64("QUI".toCharArray(), 0, 3), "padding left out");
    assertNull(Reply.canonicalBase64("QU-_".toCharArray(), 0, 4), "the URL-safe alphabet");
    assertNull(Reply.canonicalBase64("QUé=".toCharArray(), 0, 4), "not ASCII");
  }

  @Test
  void aReplyArrayReadsTheSameDoublesEitherWay() throws Exception {
    double[] x = {1.5, -0.0, Double.MIN_VALUE, Math.PI, Double.NaN, -1e300};
    ByteBuffer bb = ByteBuffer.allocate(8 * x.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : x) bb.putDouble(v);
    String b64 = Base64.getEncoder().encodeToString(bb.array());
    Reply r = Reply.parse(("{\"id\":1,\"ok\":true,\"value\":{\"shape\":[6],\"dtype\":\"float64\",\"base64\":\"" + b64 + "\"}}")
        .getBytes(StandardCharsets.UTF_8));
    assertArrayEquals(x, r.value.data(), 0.0);
    // the MIME form with a line break is not canonical: the parser decodes it, or says it is not base64
    String broken = b64.substring(0, 8) + "\\n" + b64.substring(8);
    Reply.Malformed m = assertThrows(Reply.Malformed.class, () -> Reply.parse(("{\"id\":1,\"ok\":true,\"value\":{\"shape\":[6],"
        + "\"dtype\":\"float64\",\"base64\":\"" + broken + "!\"}}").getBytes(StandardCharsets.UTF_8)));
    assertTrue(m.getMessage().contains("`value.base64` is not base64"), m.getMessage());
  }
}
