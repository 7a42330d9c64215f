package io.github.centrasage.sync.store;

import io.github.centrasage.sync.spi.SyncStateStore;
import io.github.centrasage.sync.testing.SettableClock;
import java.time.Duration;

class InMemorySyncStateStoreTest extends AbstractSyncStateStoreContractTest {
  private final SettableClock clock = new SettableClock();

  @Override
  protected SyncStateStore newStore() {
    return new InMemorySyncStateStore(clock);
  }

  @Override
  protected SyncStateStore secondInstance() {
    return store; // memory cannot be shared between instances; the threads still race on one
  }

  @Override
  protected void advance(Duration d) {
    clock.advance(d);
  }
}
