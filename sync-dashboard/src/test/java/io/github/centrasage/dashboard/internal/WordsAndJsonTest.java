package io.github.centrasage.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WordsAndJsonTest {
  @Test
  void durationsUseAtMostTwoUnits() {
    assertThat(Words.duration(Duration.ofSeconds(42))).isEqualTo("42 s");
    assertThat(Words.duration(Duration.ofMinutes(3).plusSeconds(59))).isEqualTo("3 min");
    assertThat(Words.duration(Duration.ofMinutes(125))).isEqualTo("2 h 5 min");
    assertThat(Words.duration(Duration.ofHours(2))).isEqualTo("2 h");
    assertThat(Words.duration(Duration.ofHours(27))).isEqualTo("1 day 3 h");
    assertThat(Words.duration(Duration.ofDays(4))).isEqualTo("4 days");
  }

  @Test
  void timesAreRelativeAndAbsoluteInTheConfiguredZone() {
    Instant now = Instant.parse("2026-07-01T12:00:00Z");
    assertThat(Words.relative(now.minusSeconds(2), now)).isEqualTo("just now");
    assertThat(Words.relative(now.minusSeconds(300), now)).isEqualTo("5 min ago");
    assertThat(Words.relative(now.plusSeconds(30), now)).isEqualTo("in 30 s");
    assertThat(new Words(ZoneId.of("Europe/London")).absolute(now)).isEqualTo("1 Jul 2026 13:00:00 Europe/London");
    assertThat(new Words(ZoneId.of("UTC")).absolute(now)).isEqualTo("1 Jul 2026 12:00:00 UTC");
  }

  @Test
  void jsonEscapesQuotesControlCharactersAndMarkup() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", "a\"b\\c\n</script>&");
    m.put("n", 3L);
    m.put("none", Optional.empty());
    m.put("list", List.of(true, "x"));

    assertThat(Json.write(m)).isEqualTo(
        "{\"s\":\"a\\\"b\\\\c\\n\\u003c/script\\u003e\\u0026\",\"n\":3,\"none\":null,\"list\":[true,\"x\"]}");
  }

  @Test
  void aFlatJsonObjectIsReadAndBadJsonIsNamed() {
    assertThat(Json.readFlatObject(" {\"note\":\"caf\\u00e9 \\\"x\\\"\", \"n\": 1, \"b\": true} "))
        .containsExactly(Map.entry("note", "caf\u00e9 \"x\""));
    assertThat(Json.readFlatObject("{}")).isEmpty();
    for (String bad : Arrays.asList("", "[]", "{\"a\":}", "{\"a\":\"b\"", "{\"a\":\"b\"} x", "{\"a\":{}}")) {
      assertThatThrownBy(() -> Json.readFlatObject(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("Bad JSON body");
    }
  }

  @Test
  void anOrderNumberMatchesOnlyAsAWholeToken() {
    assertThat(OrderJourney.containsToken("order:1234", "1234")).isTrue();
    assertThat(OrderJourney.containsToken("1234-1", "1234")).isTrue();
    assertThat(OrderJourney.containsToken("12345 / 1234", "1234")).isTrue();
    assertThat(OrderJourney.containsToken("order:12345", "1234")).isFalse();
    assertThat(OrderJourney.containsToken("A1234", "1234")).isFalse();
    assertThatThrownBy(() -> OrderJourney.checkedNumber("  ")).hasMessageContaining("order number");
    assertThatThrownBy(() -> OrderJourney.checkedNumber("9".repeat(101))).hasMessageContaining("at most 100");
  }

  @Test
  void aSignInLastsItsTimeAndNoOtherSignedValuePassesForOne() {
    java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(
        Instant.parse("2026-07-01T12:00:00Z"));
    java.time.Clock clock = new java.time.Clock() {
      @Override
      public ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public java.time.Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now.get();
      }
    };
    ActionGuard guard = new ActionGuard("a-token-of-enough-length", clock);
    String session = guard.newSessionValue();

    assertThat(guard.isOwnSessionValue(session)).isTrue();
    assertThat(new ActionGuard("a-token-of-enough-length", clock).isOwnSessionValue(session))
        .as("another instance with the same token (behind a load balancer)").isTrue();
    assertThat(new ActionGuard("another-token-of-enough-length", clock).isOwnSessionValue(session))
        .as("a new token ends every sign-in").isFalse();
    assertThat(guard.isOwnSessionValue(guard.newCsrfValue())).isFalse();
    assertThat(guard.isOwnCsrfValue(session)).isFalse();
    assertThat(guard.isOwnSessionValue("99999999999" + session.substring(session.indexOf('.')))).isFalse();
    assertThat(guard.isOwnSessionValue(null)).isFalse();
    now.set(now.get().plus(ActionGuard.SESSION).minusSeconds(1));
    assertThat(guard.isOwnSessionValue(session)).isTrue();
    now.set(now.get().plusSeconds(1));
    assertThat(guard.isOwnSessionValue(session)).as("run out").isFalse();
  }

  @Test
  void onlyValuesThisServerSignedPassAsCsrfValues() {
    ActionGuard guard = new ActionGuard("a-token-of-enough-length");
    String value = guard.newCsrfValue();

    assertThat(guard.csrfMatches(value, value)).isTrue();
    assertThat(guard.csrfMatches(value, guard.newCsrfValue())).isFalse();
    assertThat(new ActionGuard("a-token-of-enough-length").csrfMatches(value, value))
        .as("another instance with the same token").isTrue();
    assertThat(new ActionGuard("another-token-of-enough-length").csrfMatches(value, value)).isFalse();
    assertThat(guard.csrfMatches("abc.def", "abc.def")).isFalse();
    assertThat(guard.tokenMatches("a-token-of-enough-length")).isTrue();
    assertThat(guard.tokenMatches("a-token-of-enough-lengtH")).isFalse();
    assertThat(guard.tokenMatches(null)).isFalse();
    assertThat(ActionGuard.sameOrigin(Optional.of("http://127.0.0.1:8080"), Optional.empty(), "127.0.0.1:8080")).isTrue();
    assertThat(ActionGuard.sameOrigin(Optional.of("null"), Optional.empty(), "127.0.0.1:8080")).isFalse();
    assertThat(ActionGuard.sameOrigin(Optional.empty(), Optional.of("http://127.0.0.1:8080/jobs/1"), "127.0.0.1:8080"))
        .isTrue();
    assertThat(ActionGuard.sameOrigin(Optional.empty(), Optional.empty(), "127.0.0.1:8080")).isTrue();
  }
}
