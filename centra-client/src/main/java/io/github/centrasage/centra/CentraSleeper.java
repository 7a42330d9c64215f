package io.github.centrasage.centra;

import java.time.Duration;

/**
 * Waits between retry attempts (backoff and {@code Retry-After}). The default sleeps the calling
 * thread; tests pass a recording sleeper that returns at once.
 *
 * <p>Usage: {@code CentraClient.builder().sleeper(delays::add)}
 */
@FunctionalInterface
public interface CentraSleeper {

  /** Waits for {@code duration}; an interrupt ends the wait with {@link InterruptedException}. */
  void sleep(Duration duration) throws InterruptedException;

  /** Sleeps the calling thread. */
  static CentraSleeper threadSleeper() {
    return duration -> Thread.sleep(duration.toMillis());
  }
}
