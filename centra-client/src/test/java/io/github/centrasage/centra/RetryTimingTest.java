package io.github.centrasage.centra;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.centra.internal.RetryAfter;
import io.github.centrasage.centra.internal.RetryDelays;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryTimingTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-01T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void retryAfterAcceptsSecondsHttpDateEpochAndIso() {
    assertThat(RetryAfter.parse("12", CLOCK)).contains(Duration.ofSeconds(12));
    assertThat(RetryAfter.parse(" 0 ", CLOCK)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("Fri, 01 Mar 2024 10:01:30 GMT", CLOCK)).contains(Duration.ofSeconds(90));
    assertThat(RetryAfter.parse(String.valueOf(Instant.parse("2024-03-01T10:00:05Z").getEpochSecond()), CLOCK))
        .contains(Duration.ofSeconds(5));
    assertThat(RetryAfter.parse("2024-03-01T11:00:03+01:00", CLOCK)).contains(Duration.ofSeconds(3));
  }

  @Test
  void retryAfterInThePastMeansNowAndGarbageMeansUnknown() {
    assertThat(RetryAfter.parse("Fri, 01 Mar 2024 09:00:00 GMT", CLOCK)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("soon", CLOCK)).isEmpty();
    assertThat(RetryAfter.parse("", CLOCK)).isEmpty();
    assertThat(RetryAfter.parse(null, CLOCK)).isEmpty();
    assertThat(RetryAfter.parse("99999999999999999999999", CLOCK)).isEmpty();
  }

  @Test
  void backoffGrowsWithJitterAndIsCapped() {
    CentraRetrySettings settings = CentraRetrySettings.builder().initialDelay(Duration.ofMillis(100))
        .maxDelay(Duration.ofMillis(1000)).multiplier(2).build();
    RetryDelays delays = new RetryDelays(settings);
    RuntimeException failure = new RuntimeException();

    for (int i = 0; i < 50; i++) {
      assertThat(delays.delayFor(failure, 1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
      assertThat(delays.delayFor(failure, 3)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
      assertThat(delays.delayFor(failure, 20)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
    }
  }

  @Test
  void rateLimitDelayIsTheRetryAfterValue() {
    RetryDelays delays = new RetryDelays(CentraRetrySettings.defaults());
    CentraRateLimitException limited = new CentraRateLimitException("429", "X", false, Duration.ofSeconds(9), false);

    assertThat(delays.delayFor(limited, 1)).isEqualTo(Duration.ofSeconds(9));
  }
}
