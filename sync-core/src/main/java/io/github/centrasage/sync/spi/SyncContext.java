package io.github.centrasage.sync.spi;

import java.time.Clock;

/**
 * What every flow step can reach from the engine: its store (job queue, cursors, leases) and its
 * clock. A flow gets everything else it needs (clients, mappings, its own state) in its constructor.
 *
 * <p>Usage: {@code context.store().enqueue(NewJob.builder().flow(NAME).key("order:" + n).build());}
 */
public interface SyncContext {
  /** The engine's store. */
  EngineStore store();

  /** The engine's clock. */
  Clock clock();
}
