package io.gradspec.report.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON writer's number rules that every report relies on (issue 12: no -0.0 in a report). */
class JsonTest {
  @Test
  void negativeZeroIsWrittenAsZero() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("claimed", -0.0);
    m.put("values", List.of(-0.0, 0.0, -1.5));
    String json = Json.write(m);
    assertFalse(json.contains("-0"), json);
    assertEquals(2, json.split("-1\\.5", -1).length, json);
  }
}
