package io.github.centrasage.testing.store;

import io.github.centrasage.sync.spi.EngineStore;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import io.github.centrasage.testing.JobQueueContract;

/**
 * The engine's part of the contract over a store seen only as an {@link EngineStore}: what a store
 * of the engine alone (no bindings, no ledger) extends to prove itself.
 */
class EngineOnlyStoreContractTest extends JobQueueContract<EngineStore> {
  @Override
  protected EngineStore newStore() {
    return new InMemorySyncStateStore(clock());
  }
}
