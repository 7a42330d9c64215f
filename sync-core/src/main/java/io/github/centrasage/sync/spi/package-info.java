/**
 * What the engine needs from a flow ({@link io.github.centrasage.sync.spi.SyncFlow}) and from a
 * store ({@link io.github.centrasage.sync.spi.EngineStore}: job queue, cursors, leases). Depends on
 * nothing else of the library but the shared {@code RetrySettings}.
 */
package io.github.centrasage.sync.spi;
