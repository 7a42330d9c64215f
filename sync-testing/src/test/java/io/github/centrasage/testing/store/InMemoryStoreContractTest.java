package io.github.centrasage.testing.store;

import io.github.centrasage.sync.spi.SyncStateStore;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import io.github.centrasage.testing.SyncStateStoreContract;

/** The in-memory store on the contract's settable clock: leases and due times pass without waiting. */
class InMemoryStoreContractTest extends SyncStateStoreContract {
  @Override
  protected SyncStateStore newStore() {
    return new InMemorySyncStateStore(clock());
  }
  // secondInstance(): memory cannot be shared between instances; the threads still race on one
}
