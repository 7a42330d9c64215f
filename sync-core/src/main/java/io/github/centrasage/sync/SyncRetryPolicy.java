package io.github.centrasage.sync;

import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import io.github.centrasage.sync.internal.SyncStyle;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.immutables.value.Value;

/**
 * An immutable retry schedule: at most {@link #maxAttempts()} attempts, waits growing from
 * {@link #initialDelay()} by {@link #multiplier()} up to {@link #maxDelay()}, each spread by
 * ±{@link #jitter()}. The engine keeps the schedule durable (a retrying job waits in the store,
 * not in a sleeping thread); {@link #toFailsafe()} gives the same schedule as a Failsafe policy
 * for in-process retries.
 *
 * <p>Usage: {@code SyncRetryPolicy.builder().maxAttempts(6).initialDelay(Duration.ofSeconds(30)).build()}.
 */
@Value.Immutable
@SyncStyle
public abstract class SyncRetryPolicy {
  /** Attempts in total, the first included. */
  @Value.Default
  public int maxAttempts() {
    return 8;
  }

  /** Wait after the first failed attempt. */
  @Value.Default
  public Duration initialDelay() {
    return Duration.ofSeconds(10);
  }

  /** Growth factor of the wait per failed attempt. */
  @Value.Default
  public double multiplier() {
    return 2.0;
  }

  /** Longest wait. */
  @Value.Default
  public Duration maxDelay() {
    return Duration.ofMinutes(30);
  }

  /** Spread of each wait, as a fraction of it (0.2 = ±20 %), so retries of many jobs do not arrive together. */
  @Value.Default
  public double jitter() {
    return 0.2;
  }

  @Value.Check
  protected void check() {
    StringBuilder problems = new StringBuilder();
    if (maxAttempts() < 1) {
      problems.append(" maxAttempts must be at least 1, was ").append(maxAttempts()).append(';');
    }
    if (initialDelay().isNegative() || initialDelay().isZero()) {
      problems.append(" initialDelay must be positive, was ").append(initialDelay()).append(';');
    }
    if (!(multiplier() >= 1.0)) {
      problems.append(" multiplier must be at least 1, was ").append(multiplier()).append(';');
    }
    if (maxDelay().compareTo(initialDelay()) < 0) {
      problems.append(" maxDelay must not be shorter than initialDelay, was ").append(maxDelay()).append(';');
    }
    if (!(jitter() >= 0.0 && jitter() < 1.0)) {
      problems.append(" jitter must be in [0, 1), was ").append(jitter()).append(';');
    }
    if (problems.length() > 0) {
      throw new IllegalArgumentException("Invalid SyncRetryPolicy:" + problems);
    }
  }

  /**
   * The wait after {@code failedAttempts} failed attempts (1 for the first failure).
   *
   * @param random a number in [0, 1) that places the wait within the jitter band
   */
  public Duration delayAfter(int failedAttempts, double random) {
    double base = initialDelay().toMillis() * Math.pow(multiplier(), Math.max(0, failedAttempts - 1));
    double capped = Math.min(base, maxDelay().toMillis());
    double jittered = capped * (1.0 - jitter() + 2.0 * jitter() * random);
    return Duration.of(Math.max(1L, Math.round(Math.min(jittered, maxDelay().toMillis()))), ChronoUnit.MILLIS);
  }

  /** The same schedule as a Failsafe policy, for retrying a call in process. */
  public <R> RetryPolicy<R> toFailsafe() {
    RetryPolicyBuilder<R> builder = RetryPolicy.<R>builder().withMaxAttempts(maxAttempts());
    if (multiplier() > 1.0 && maxDelay().compareTo(initialDelay()) > 0) {
      builder.withBackoff(initialDelay(), maxDelay(), multiplier());
    } else {
      builder.withDelay(initialDelay());
    }
    if (jitter() > 0) {
      builder.withJitter(jitter());
    }
    return builder.build();
  }

  /** A builder; unset values take the transient defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SyncRetryPolicy}. */
  public static final class Builder extends ImmutableSyncRetryPolicy.Builder {
    Builder() {}
  }

  /** The default schedule for transient failures: 8 attempts, 10 s doubling to 30 min, ±20 %. */
  public static SyncRetryPolicy transientDefaults() {
    return builder().build();
  }

  /**
   * The default schedule while a Sage record is locked: people usually close the record within
   * minutes, so 10 short tries, 30 s growing by half up to 5 min, before parking for a person.
   */
  public static SyncRetryPolicy recordLockedDefaults() {
    return builder().maxAttempts(10).initialDelay(Duration.ofSeconds(30)).multiplier(1.5)
        .maxDelay(Duration.ofMinutes(5)).jitter(0.1).build();
  }
}
