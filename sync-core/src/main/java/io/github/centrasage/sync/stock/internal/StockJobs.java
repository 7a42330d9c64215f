package io.github.centrasage.sync.stock.internal;

import io.github.centrasage.sync.spi.LeaseStore;
import io.github.centrasage.sync.spi.NewJob;
import io.github.centrasage.sync.stock.StockKey;
import io.github.centrasage.sync.stock.StockPublish;
import java.time.Duration;
import java.util.Collection;

/**
 * What other flows use to keep StockPublish right: the recompute job they enqueue for a unit whose
 * allocations changed, and the hold a despatch takes on the units it ships.
 */
public final class StockJobs {
  /** Payload of a job that only asks for a fresh computation (after a despatch or cancellation). */
  public static final String RECOMPUTE = "recompute";
  private static final String SHIPPED = " shipped ";

  private StockJobs() {}

  /** The job that recomputes one unit: {@code NewJob(StockPublish, stock:<sku>@<wh>, reference sku, payload recompute)}. */
  public static NewJob recomputeJob(StockKey key) {
    return NewJob.builder().flow(StockPublish.NAME).key(key.name()).reference(key.sku()).payload(RECOMPUTE).build();
  }

  /**
   * The job that recomputes one unit after Centra shipped {@code shippedInCentra} of it (a completed
   * shipment lowers Centra's physical level by itself): with it, a level Centra then already has is
   * not written again.
   */
  public static NewJob recomputeJob(StockKey key, int shippedInCentra) {
    return NewJob.builder().from(recomputeJob(key)).payload(RECOMPUTE + SHIPPED + shippedInCentra).build();
  }

  /** The units Centra shipped that a recompute job's payload names; 0 if none. */
  public static int shippedIn(String payload) {
    int at = payload.indexOf(SHIPPED);
    if (!payload.startsWith(RECOMPUTE) || at < 0) {
      return 0;
    }
    try {
      return Integer.parseInt(payload.substring(at + SHIPPED.length()).trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Holds the stock units a despatch ships while the despatch flow completes the Centra shipment
   * and releases the ledger, so no stock value computed before the release reaches Centra after
   * the shipment. The owner is derived from the despatch id, so a retried despatch job takes its
   * own hold back after a crash. Close the hold, then enqueue {@link #recomputeJob} per unit.
   *
   * @throws io.github.centrasage.sync.integration.internal.StockBusyException (retryable) if a stock push holds one of the units right now
   */
  public static StockHold holdForDespatch(LeaseStore store, String despatchId, Collection<StockKey> shipped, Duration ttl) {
    if (despatchId == null || despatchId.isBlank()) {
      throw new IllegalArgumentException("despatchId must not be blank");
    }
    return StockHold.acquire(store, "despatch:" + despatchId, shipped, ttl);
  }
}
