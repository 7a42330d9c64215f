package io.github.centrasage.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-01T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void acceptsSecondsHttpDateEpochAndIso() {
    assertThat(RetryAfter.parse("12", CLOCK)).contains(Duration.ofSeconds(12));
    assertThat(RetryAfter.parse(" 0 ", CLOCK)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("Fri, 01 Mar 2024 10:01:30 GMT", CLOCK)).contains(Duration.ofSeconds(90));
    assertThat(RetryAfter.parse(String.valueOf(Instant.parse("2024-03-01T10:00:05Z").getEpochSecond()), CLOCK))
        .contains(Duration.ofSeconds(5));
    assertThat(RetryAfter.parse("2024-03-01T11:00:03+01:00", CLOCK)).contains(Duration.ofSeconds(3));
  }

  @Test
  void aTimeInThePastMeansNowAndGarbageMeansNotSaid() {
    assertThat(RetryAfter.parse("Fri, 01 Mar 2024 09:00:00 GMT", CLOCK)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("soon", CLOCK)).isEmpty();
    assertThat(RetryAfter.parse("-5", CLOCK)).isEmpty();
    assertThat(RetryAfter.parse("", CLOCK)).isEmpty();
    assertThat(RetryAfter.parse(null, CLOCK)).isEmpty();
    assertThat(RetryAfter.parse("99999999999999999999999", CLOCK)).isEmpty();
  }
}
