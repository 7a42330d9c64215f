package io.github.centrasage.sync.spi;

import java.time.Instant;

/**
 * What the engine keeps durably: the job queue, the flows' cursors and named leases. This is the
 * whole store SPI of the engine; it knows nothing of Centra or Sage. Implementations must be
 * thread-safe, and those meant for several engine instances must stay correct when the instances
 * share one database. A new implementation proves itself by passing
 * {@code io.github.centrasage.testing.JobQueueContract} from {@code sync-testing}.
 *
 * <p>The stores shipped with the library ({@code JdbcSyncStateStore}, {@code InMemorySyncStateStore})
 * implement {@link io.github.centrasage.sync.store.SyncStateStore}, which adds what the Centra↔Sage
 * flows keep (bindings, the allocation ledger, stock versions).
 *
 * <p>Usage: {@code SyncEngine.builder().store(store)}.
 */
public interface EngineStore extends JobQueue, CursorStore, LeaseStore, AutoCloseable {
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
