package io.github.centrasage.centra;

import java.time.Duration;
import org.immutables.value.Value;

/**
 * How {@link CentraClient} retries: queries on connection failures, 429 and 5xx; mutations only
 * when the request surely never reached Centra (or Centra refused it with 429). Delays grow
 * exponentially with jitter; a 429's {@code Retry-After} is honoured up to {@link #maxRetryAfter()}.
 *
 * <pre>{@code
 * CentraClient.builder().retrySettings(CentraRetrySettings.builder().maxAttempts(5).build())
 * }</pre>
 */
@Value.Immutable
public interface CentraRetrySettings {
  /** Attempts including the first; 1 disables retries. */
  @Value.Default
  default int maxAttempts() {
    return 4;
  }

  @Value.Default
  default Duration initialDelay() {
    return Duration.ofMillis(500);
  }

  @Value.Default
  default Duration maxDelay() {
    return Duration.ofSeconds(30);
  }

  @Value.Default
  default double multiplier() {
    return 2.0;
  }

  /** A {@code Retry-After} longer than this is not waited for: the rate-limit exception is surfaced. */
  @Value.Default
  default Duration maxRetryAfter() {
    return Duration.ofSeconds(60);
  }

  static ImmutableCentraRetrySettings.Builder builder() {
    return ImmutableCentraRetrySettings.builder();
  }

  /** The defaults: 4 attempts, 0.5 s doubling up to 30 s. */
  static CentraRetrySettings defaults() {
    return builder().build();
  }

  /** No retries at all: every failure reaches the caller at once. */
  static CentraRetrySettings none() {
    return builder().maxAttempts(1).build();
  }

  @Value.Check
  default void check() {
    if (maxAttempts() < 1) {
      throw new IllegalArgumentException("CentraRetrySettings.maxAttempts must be at least 1, was " + maxAttempts());
    }
    if (initialDelay().isNegative() || maxDelay().compareTo(initialDelay()) < 0) {
      throw new IllegalArgumentException("CentraRetrySettings needs 0 <= initialDelay <= maxDelay, was "
          + initialDelay() + " / " + maxDelay());
    }
    if (multiplier() < 1.0) {
      throw new IllegalArgumentException("CentraRetrySettings.multiplier must be at least 1, was " + multiplier());
    }
    if (maxRetryAfter().isNegative()) {
      throw new IllegalArgumentException("CentraRetrySettings.maxRetryAfter must not be negative");
    }
  }
}
