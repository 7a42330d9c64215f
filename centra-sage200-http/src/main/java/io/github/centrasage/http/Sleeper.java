package io.github.centrasage.http;

import java.time.Duration;

/**
 * How a client waits between retry attempts (backoff and {@code Retry-After}). The default sleeps
 * the calling thread; tests pass one that records the delay and returns at once.
 *
 * <p>Usage: {@code CentraClient.builder().sleeper(delays::add)}, {@code Sage200Client.builder().sleeper(d -> { })}
 */
@FunctionalInterface
public interface Sleeper {

  /** Waits for {@code duration}; an interrupt ends the wait with {@link InterruptedException}. */
  void sleep(Duration duration) throws InterruptedException;

  /** Sleeps the calling thread. */
  static Sleeper threadSleeper() {
    return duration -> Thread.sleep(duration.toMillis());
  }
}
