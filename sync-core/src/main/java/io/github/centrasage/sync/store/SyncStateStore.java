package io.github.centrasage.sync.store;

import io.github.centrasage.sync.spi.EngineStore;

/**
 * The engine's store ({@link EngineStore}: job queue, cursors, leases) together with what the
 * Centra↔Sage flows keep: {@link BindingStore bindings} between Centra and Sage records, the
 * {@link AllocationLedger allocation ledger} and {@link StockVersionStore stock versions}. The
 * engine needs only the first part; the flows reach the rest through their
 * {@link io.github.centrasage.sync.integration.Integration}. Implementations must be thread-safe, and
 * those meant for several engine instances (JDBC on PostgreSQL) must stay correct when several
 * instances share one database; {@code io.github.centrasage.testing.SyncStateStoreContract} is the
 * test suite every implementation passes.
 *
 * <p>Usage: {@code SyncStateStore store = JdbcSyncStateStore.builder(dataSource).build();}
 */
public interface SyncStateStore extends EngineStore, BindingStore, StockVersionStore, AllocationLedger {}
