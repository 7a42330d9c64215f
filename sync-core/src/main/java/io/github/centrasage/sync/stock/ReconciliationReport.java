package io.github.centrasage.sync.stock;

import io.github.centrasage.sync.spi.internal.SyncStyle;
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

  /**
   * Levels pushed: the known SKUs, not held by a despatch and not stale, whose level in Centra
   * differed from the formula. A pass that repaired nothing pushes nothing.
   */
  public abstract int pushed();

  /**
   * Allocation-ledger entries released by the pass because no event had released them (an order
   * deleted, cancelled or amended in Sage, cancelled in Centra, or finished on both sides); each
   * stock unit concerned was recomputed.
   */
  @Value.Default
  public int released() {
    return 0;
  }

  /**
   * SKUs that had drifted: Centra's physical quantity before the pass differed from the level the
   * formula gives (a manual edit in Centra, a Sage change polling could not see); each was pushed.
   * Where Centra does not send the physical quantity, a free-to-allocate that differs from the
   * formula net of the open ledger counts here.
   */
  public abstract int repaired();

  /**
   * SKUs whose physical quantity was right but whose free-to-allocate differed from the formula net
   * of the ledger: Centra's open orders and the ledger disagree for a while, mostly because Centra
   * holds orders not imported yet (or a cancellation is not released from the ledger yet). Not
   * drift; the gap closes when the order flows catch up, and nothing beyond the normal push is done.
   */
  @Value.Default
  public int inFlight() {
    return 0;
  }

  /**
   * SKUs Sage has no holding for in the warehouse (the product moved out, the row was deleted):
   * published as nothing free (plus the open ledger, less the buffer), like a holding with no
   * change time, whose level is pushed without a version check.
   */
  @Value.Default
  public int withoutHolding() {
    return 0;
  }

  /**
   * SKUs not pushed because a newer Sage version than the one read was already applied (a lagging
   * read); the newer value stays in Centra.
   */
  @Value.Default
  public int stale() {
    return 0;
  }

  /** SKUs held by a despatch; a recompute job was queued for each instead. */
  public abstract int deferred();

  /** Centra rows without a SKU, or whose SKU Sage does not know. */
  public abstract int unknown();

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ReconciliationReport}. */
  public static final class Builder extends ImmutableReconciliationReport.Builder {
    Builder() {}
  }
}
