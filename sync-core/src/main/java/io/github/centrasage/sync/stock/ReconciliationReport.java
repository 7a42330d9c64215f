package io.github.centrasage.sync.stock;

import io.github.centrasage.sync.internal.SyncStyle;
import java.time.Instant;
import org.immutables.value.Value;

/**
 * What one {@link StockReconcile} pass over a warehouse found and did.
 *
 * <p>Usage: {@code reconcile.lastReports().forEach(r -> log.info("{} repaired {}", r.centraWarehouse(), r.repaired()));}
 */
@Value.Immutable
@SyncStyle
public abstract class ReconciliationReport {
  /** The Centra warehouse id. */
  public abstract String centraWarehouse();

  /** When the pass finished. */
  public abstract Instant finishedAt();

  /** Centra stock rows read. */
  public abstract int checked();

  /** Levels pushed (every known SKU not held by a despatch and not stale). */
  public abstract int pushed();

  /**
   * SKUs whose Centra free-to-allocate before the pass differed from the formula net of the open
   * ledger (what Centra shows once every open Centra order is imported); each was pushed.
   */
  public abstract int repaired();

  /** SKUs held by a despatch; a recompute job was queued for each instead. */
  public abstract int deferred();

  /** Centra rows without a SKU, or whose SKU Sage does not know. */
  public abstract int unknown();

  /** A builder. */
  public static ImmutableReconciliationReport.Builder builder() {
    return ImmutableReconciliationReport.builder();
  }
}
