package io.gradspec.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradspec.spec.load.SpecBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
  private static final List<String> KEYS = SpecBuilder.SPEC_KEYS;

  @Test
  void suggestsTheNearestKey() {
    assertEquals(Optional.of("claims"), DidYouMean.suggest("cliams", KEYS));
    assertEquals(Optional.of("claims"), DidYouMean.suggest("claim", KEYS));
    assertEquals(Optional.of("inputs"), DidYouMean.suggest("input", KEYS));
    assertEquals(Optional.of("index-base"), DidYouMean.suggest("index_base", KEYS));
    assertEquals(Optional.of("define"), DidYouMean.suggest("defines", KEYS));
    assertEquals(Optional.of("wrt"), DidYouMean.suggest("wtr", SpecBuilder.CLAIM_KEYS));
    assertEquals(Optional.of("trials"), DidYouMean.suggest("trails", SpecBuilder.CHECK_KEYS));
  }

  @Test
  void caseOnlyBeatsATypo() {
    assertEquals(Optional.of("B"), DidYouMean.suggest("b", List.of("a", "B")));
    assertEquals(Optional.of("Name"), DidYouMean.suggest("name", List.of("nam", "Name")));
  }

  @Test
  void nothingWhenFar() {
    assertEquals(Optional.empty(), DidYouMean.suggest("zzzzzz", KEYS));
    assertEquals(Optional.empty(), DidYouMean.suggest("x", List.of()));
    assertEquals(Optional.empty(), DidYouMean.suggest("abc", List.of("xyz")));
  }

  @Test
  void distance() {
    assertEquals(0, DidYouMean.distance("abc", "abc"));
    assertEquals(1, DidYouMean.distance("cliams", "claims"));
    assertEquals(1, DidYouMean.distance("abc", "ab"));
    assertEquals(3, DidYouMean.distance("", "abc"));
    assertEquals(2, DidYouMean.distance("ab", "ba") + 1);
  }
}
