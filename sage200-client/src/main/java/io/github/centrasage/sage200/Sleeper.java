package io.github.centrasage.sage200;

import java.time.Duration;

/**
 * Waits between retry attempts. The default sleeps the calling thread; tests pass a recording
 * sleeper that returns at once.
 *
 * <p>Usage: {@code Sage200Client.builder().sleeper(delays::add)}
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
