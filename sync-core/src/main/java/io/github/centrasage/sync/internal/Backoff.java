package io.github.centrasage.sync.internal;

import io.github.centrasage.http.RetrySettings;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * The engine's wait before a job's next attempt, from the same {@link RetrySettings} the clients
 * use in-line. The engine keeps the wait durable (the job waits in the store with a due time, not
 * in a sleeping thread), so it computes the wait itself instead of running a Failsafe execution.
 */
public final class Backoff {
  private Backoff() {}

  /**
   * The wait after {@code failedAttempts} failed attempts (1 for the first failure):
   * {@code initialDelay × multiplier^(failedAttempts-1)}, capped at {@code maxDelay}, spread by
   * ± {@code jitter}; at least one millisecond.
   *
   * @param random a number in [0, 1) that places the wait within the jitter band
   */
  public static Duration delayAfter(RetrySettings settings, int failedAttempts, double random) {
    double base = settings.initialDelay().toMillis()
        * Math.pow(settings.multiplier(), Math.max(0, failedAttempts - 1));
    double max = settings.maxDelay().toMillis();
    double capped = Math.min(base, max);
    double jittered = capped * (1.0 - settings.jitter() + 2.0 * settings.jitter() * random);
    return Duration.of(Math.max(1L, Math.round(Math.min(jittered, max))), ChronoUnit.MILLIS);
  }
}
