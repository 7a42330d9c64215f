package io.github.centrasage.sync;

import java.time.Duration;
import java.util.Optional;

/**
 * Implemented by exceptions that know whether trying again can help, such as the clients'
 * exceptions; the default classifier reads it without reflection.
 *
 * <p>Usage: {@code class MyApiException extends RuntimeException implements RetryableFailure { ... }}
 */
public interface RetryableFailure {
  /** Whether the same request may succeed later. */
  boolean isRetryable();

  /** How long the server asked us to wait, if it did. */
  default Optional<Duration> retryAfter() {
    return Optional.empty();
  }

  /**
   * Whether the failed request may have taken effect (it was sent and no answer came back): the
   * next attempt then looks up before it writes.
   */
  default boolean mayHaveBeenApplied() {
    return false;
  }
}
