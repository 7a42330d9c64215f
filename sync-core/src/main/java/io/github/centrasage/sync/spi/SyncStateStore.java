package io.github.centrasage.sync.spi;

import java.time.Instant;

/**
 * Everything the engine keeps durably, as small facets: cursors, the job queue, bindings, stock
 * versions and named leases. Implementations must be thread-safe, and those meant for several
 * engine instances (JDBC on PostgreSQL) must stay correct when several instances share one
 * database. Every implementation runs the same contract test suite.
 *
 * <p>Usage: {@code SyncStateStore store = JdbcSyncStateStore.builder(dataSource).build();}
 */
public interface SyncStateStore
    extends CursorStore, JobQueue, BindingStore, StockVersionStore, AllocationLedger, LeaseStore,
        AutoCloseable {

  /**
   * The store's clock: database time for JDBC stores, so that leases and due times agree across
   * engine instances whose clocks drift; the configured {@link java.time.Clock} for the in-memory
   * store.
   */
  Instant now();

  /** Releases resources the store opened itself (never the user's {@code DataSource}). */
  @Override
  default void close() {}
}
