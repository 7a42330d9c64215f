package io.github.centrasage.sync.store;

import static org.awaitility.Awaitility.await;

import io.github.centrasage.sync.spi.SyncStateStore;
import java.time.Duration;
import java.time.Instant;

/** Database time cannot be set; tests that need time to pass wait for the database clock, briefly. */
final class JdbcStoreTimes {
  private JdbcStoreTimes() {}

  static void waitFor(SyncStateStore store, Duration d) {
    Instant until = store.now().plus(d);
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> store.now().isAfter(until));
  }
}
