package io.github.centrasage.centra.internal;

import io.github.centrasage.centra.CentraRateLimitException;
import io.github.centrasage.centra.CentraRetrySettings;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Delay before the next attempt: a 429's {@code Retry-After} when given, otherwise exponential
 * backoff with "equal jitter" (half fixed, half random) so that many clients do not retry in step.
 */
public final class RetryDelays {
  private final CentraRetrySettings settings;
  private final DoubleSupplier random;

  public RetryDelays(CentraRetrySettings settings) {
    this(settings, () -> ThreadLocalRandom.current().nextDouble());
  }

  RetryDelays(CentraRetrySettings settings, DoubleSupplier random) {
    this.settings = settings;
    this.random = random;
  }

  /** @param attemptsSoFar attempts already made (1 after the first failure) */
  public Duration delayFor(Throwable failure, int attemptsSoFar) {
    if (failure instanceof CentraRateLimitException) {
      Duration retryAfter = ((CentraRateLimitException) failure).retryAfter().orElse(null);
      if (retryAfter != null) {
        return retryAfter;
      }
    }
    double base = settings.initialDelay().toNanos() * Math.pow(settings.multiplier(), Math.max(0, attemptsSoFar - 1));
    double capped = Math.min(base, settings.maxDelay().toNanos());
    return Duration.ofNanos((long) (capped / 2 + capped / 2 * random.getAsDouble()));
  }
}
