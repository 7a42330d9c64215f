package io.github.centrasage.http.internal;

import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import io.github.centrasage.http.ClientFailure;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.http.Sleeper;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs one call with the client's {@link RetrySettings}. Failsafe decides whether to go on and
 * computes each backoff delay (with its jitter; a {@code Retry-After} is
 * waited for as the server said); the wait itself goes through the
 * client's {@link Sleeper}, which is why this uses Failsafe's standalone {@link Execution} rather
 * than {@code Failsafe.with(policy).get(…)} (that one sleeps the thread itself, so tests could not
 * record or skip the delays). Thread-safe; each {@link #run} has its own execution.
 */
public final class Retrier {
  private final RetrySettings settings;
  private final Sleeper sleeper;

  /** What the client says about each retry: the failure, the attempts so far and the delay chosen. */
  @FunctionalInterface
  public interface RetryListener {
    void retrying(RuntimeException failure, int attemptsSoFar, Duration delay);
  }

  public Retrier(RetrySettings settings, Sleeper sleeper) {
    this.settings = settings;
    this.sleeper = sleeper;
  }

  /** A policy per call: whether a failure may be repeated depends on the call (a read or a write). */
  private RetryPolicy<Object> policy(Predicate<RuntimeException> repeatable, int maxAttempts) {
    RetryPolicyBuilder<Object> policy = RetryPolicy.builder()
        .handleIf((result, failure) -> failure instanceof RuntimeException
            && repeatable.test((RuntimeException) failure) && !waitTooLong(failure))
        .withMaxAttempts(Math.max(1, Math.min(maxAttempts, settings.maxAttempts())));
    long initial = settings.initialDelay().toNanos();
    long max = settings.maxDelay().toNanos();
    if (initial > 0) {
      if (settings.multiplier() > 1.0 && initial < max) {
        policy.withBackoff(settings.initialDelay(), settings.maxDelay(), settings.multiplier());
      } else {
        policy.withDelay(settings.initialDelay());
      }
      if (settings.jitter() > 0) {
        policy.withJitter(settings.jitter());
      }
    }
    return policy.build();
  }

  /**
   * Runs {@code attempt} until it succeeds, a failure is not to be repeated, or the attempts run out;
   * then the last failure is thrown as it was.
   *
   * @param repeatable whether a failure may be sent again in-line (the client's own rule; a
   *     {@code Retry-After} longer than {@link RetrySettings#maxRetryAfter()} is never waited for)
   * @param interrupted the failure to throw when the wait is interrupted (the flag is restored first)
   */
  public <T> T run(Supplier<T> attempt, Predicate<RuntimeException> repeatable,
      Function<InterruptedException, RuntimeException> interrupted, RetryListener listener) {
    return run(attempt, repeatable, interrupted, listener, settings.maxAttempts());
  }

  /**
   * {@link #run(Supplier, Predicate, Function, RetryListener)} with at most {@code maxAttempts}
   * attempts (1: no retry), for a call whose caller retries with fresher data itself.
   */
  public <T> T run(Supplier<T> attempt, Predicate<RuntimeException> repeatable,
      Function<InterruptedException, RuntimeException> interrupted, RetryListener listener, int maxAttempts) {
    Execution<Object> execution = Execution.of(policy(repeatable, maxAttempts));
    while (true) {
      try {
        T result = attempt.get();
        execution.recordResult(result);
        return result;
      } catch (RuntimeException failure) {
        execution.recordException(failure);
        if (execution.isComplete()) {
          throw failure;
        }
        // A server's Retry-After is waited for exactly: Failsafe's delay function would get the jitter
        // applied to it, and waiting less than the server asked earns another 429.
        Duration delay = failure instanceof ClientFailure
            ? ((ClientFailure) failure).retryAfter().orElseGet(execution::getDelay) : execution.getDelay();
        listener.retrying(failure, execution.getAttemptCount(), delay);
        if (!delay.isZero() && !delay.isNegative()) {
          try {
            sleeper.sleep(delay);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted.apply(e);
          }
        }
      }
    }
  }

  /** The rule both clients apply: a failure that says it is retryable and was surely not applied. */
  public static boolean retryableAndNotApplied(RuntimeException failure) {
    return failure instanceof ClientFailure && ((ClientFailure) failure).isRetryable()
        && !((ClientFailure) failure).requiresLookupBeforeRetry();
  }

  private boolean waitTooLong(Throwable failure) {
    return failure instanceof ClientFailure && ((ClientFailure) failure).retryAfter()
        .map(d -> d.compareTo(settings.maxRetryAfter()) > 0).orElse(false);
  }

  @Override
  public String toString() {
    return "Retrier[" + settings + "]";
  }
}
