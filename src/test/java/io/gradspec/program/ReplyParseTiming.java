package io.gradspec.program;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Bench (not a test): the Java side's cost of reading perturb replies, per point. */
final class ReplyParseTiming {
  public static void main(String[] a) throws Exception {
    StringBuilder s = new StringBuilder("{\"id\":1,\"ok\":true,\"values\":[");
    for (int i = 0; i < 2000; i++) s.append(i > 0 ? "," : "").append("{\"shape\":[],\"data\":[").append(Math.sin(i)).append("]}");
    byte[] scalar = s.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    ByteBuffer bb = ByteBuffer.allocate(8000).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 1000; i++) bb.putDouble(Math.sin(i));
    String b64 = Base64.getEncoder().encodeToString(bb.array());
    s = new StringBuilder("{\"id\":1,\"ok\":true,\"values\":[");
    for (int i = 0; i < 2000; i++) s.append(i > 0 ? "," : "").append("{\"shape\":[1000],\"dtype\":\"float64\",\"base64\":\"").append(b64).append("\"}");
    byte[] big = s.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    for (int rep = 0; rep < 8; rep++) {
      long t0 = System.nanoTime();
      Reply.parse(scalar);
      long t1 = System.nanoTime();
      Reply.parse(big);
      long t2 = System.nanoTime();
      System.out.printf("scalar %.2f us/pt, 1000-element %.2f us/pt%n", (t1 - t0) / 2000e3, (t2 - t1) / 2000e3);
    }
  }
}
