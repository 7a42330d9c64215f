package io.github.centrasage.sage200;

import java.time.Duration;
import java.util.Optional;

/**
 * 429 Too Many Requests, with the server's {@code Retry-After} when it sent one (seconds or an HTTP
 * date). Nothing was processed, so the call is safe to repeat.
 *
 * <p>Usage: {@code e.retryAfter().ifPresent(scheduler::delay)}
 */
public class Sage200RateLimitException extends Sage200Exception {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  public Sage200RateLimitException(String message, String responseBody, Duration retryAfter) {
    this(message, responseBody, retryAfter, false);
  }

  /** {@code write}: the failed call was a POST/PUT. */
  public Sage200RateLimitException(String message, String responseBody, Duration retryAfter, boolean write) {
    super(message, 429, responseBody, write, null);
    this.retryAfter = retryAfter;
  }

  /** How long the server asked the client to wait. */
  @Override
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
