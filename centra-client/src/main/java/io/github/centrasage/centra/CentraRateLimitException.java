package io.github.centrasage.centra;

import java.time.Duration;
import java.util.Optional;

/**
 * A rate limit stopped the call: either Centra answered HTTP 429, or the client-side limiter
 * ({@link CentraRateLimits}) had no permit within its wait time. The operation was not executed,
 * so it is safe to send again after {@link #retryAfter()}.
 *
 * <pre>{@code
 * catch (CentraRateLimitException e) { retryIn(e.retryAfter().orElse(Duration.ofSeconds(10))); }
 * }</pre>
 */
public class CentraRateLimitException extends CentraException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;
  private final boolean clientSide;

  public CentraRateLimitException(
      String message, String operationName, boolean mutation, Duration retryAfter, boolean clientSide) {
    super(message, operationName, mutation, null);
    this.retryAfter = retryAfter;
    this.clientSide = clientSide;
  }

  /** How long to wait, from the {@code Retry-After} header (seconds or HTTP date form) when present. */
  @Override
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** {@code true} when the client-side limiter refused; {@code false} for an HTTP 429 from Centra. */
  public boolean isClientSide() {
    return clientSide;
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
