package io.github.centrasage.testing.store;

import io.github.centrasage.sync.store.SyncStateStore;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import io.github.centrasage.testing.SyncStateStoreContract;

/** The in-memory store on the contract's settable clock: leases and due times pass without waiting. */
// region contract-clock
class InMemoryStoreContractTest extends SyncStateStoreContract {
  @Override
  protected SyncStateStore newStore() {
    return new InMemorySyncStateStore(clock()); // the contract moves clock() to let leases expire
  }
  // no secondInstance(): memory cannot be shared between processes; the threads race on one instance
}
// endregion
