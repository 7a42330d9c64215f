package io.github.centrasage.sage200;

import java.time.Duration;
import org.immutables.value.Value;

/**
 * How the client retries failures that are safe to repeat: connection failures before the request
 * was sent, 429 (honouring {@code Retry-After}) and 5xx on reads. Writes that may have reached Sage
 * are never retried here; they surface with {@link Sage200Exception#requiresLookupBeforeRetry()}.
 *
 * <p>Usage: {@code RetrySettings.builder().maxAttempts(5).build()}
 */
@Value.Immutable
public abstract class RetrySettings {

  /** Attempts per call including the first; 1 disables retries. Default 4. */
  @Value.Default
  public int maxAttempts() {
    return 4;
  }

  /** Backoff before the second attempt; doubles each time. Default 500 ms. */
  @Value.Default
  public Duration initialDelay() {
    return Duration.ofMillis(500);
  }

  /** Ceiling of the backoff. Default 30 s. */
  @Value.Default
  public Duration maxDelay() {
    return Duration.ofSeconds(30);
  }

  /** Fraction of random spread around each backoff delay (0 to 1). Default 0.25. */
  @Value.Default
  public double jitter() {
    return 0.25;
  }

  /** A {@code Retry-After} longer than this is not waited for in-line: the 429 surfaces. Default 2 min. */
  @Value.Default
  public Duration maxRetryAfter() {
    return Duration.ofMinutes(2);
  }

  @Value.Check
  protected void check() {
    if (maxAttempts() < 1) {
      throw new IllegalStateException("maxAttempts must be at least 1, was " + maxAttempts());
    }
    if (initialDelay().isNegative() || maxDelay().isNegative() || maxRetryAfter().isNegative()) {
      throw new IllegalStateException("retry delays must not be negative");
    }
    if (jitter() < 0 || jitter() > 1) {
      throw new IllegalStateException("jitter must be between 0 and 1, was " + jitter());
    }
  }

  public static ImmutableRetrySettings.Builder builder() {
    return ImmutableRetrySettings.builder();
  }

  public static RetrySettings defaults() {
    return builder().build();
  }

  /** One attempt only. */
  public static RetrySettings none() {
    return builder().maxAttempts(1).build();
  }
}
