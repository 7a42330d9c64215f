package io.github.centrasage.http;

import java.time.Duration;
import java.util.Optional;

/**
 * What every exception of the Centra and Sage 200 clients says about itself, so that a caller (or
 * the sync engine) decides what to do next without knowing which vendor failed.
 *
 * <pre>{@code
 * catch (RuntimeException e) {
 *   if (e instanceof ClientFailure f) {
 *     if (f.requiresLookupBeforeRetry()) lookUpFirst();
 *     else if (f.isRetryable()) retryIn(f.retryAfter().orElse(Duration.ofSeconds(30)));
 *   }
 * }
 * }</pre>
 */
public interface ClientFailure {

  /** Whether sending the same call again later may succeed. */
  boolean isRetryable();

  /** How long the server asked to wait before the next call ({@code Retry-After}), when it said. */
  default Optional<Duration> retryAfter() {
    return Optional.empty();
  }

  /**
   * Whether the call was a write that may already have been applied although no success was seen:
   * look the record up before sending it again. Always {@code false} for reads.
   */
  boolean requiresLookupBeforeRetry();

  /** Whether the failed call was a write (a POST/PUT, a GraphQL mutation). */
  boolean isWrite();
}
