package io.github.centrasage.sync.stock.internal;

import io.github.centrasage.sync.stock.StockKey;
import io.github.centrasage.sync.SyncException;

/**
 * Thrown by {@link StockJobs#holdForDespatch} when another party (a stock push, another
 * despatch) holds one of the stock units right now. Contention, not a failed write: the engine
 * retries the job on its lock schedule (the flow's {@code lockRetryPolicy}), which spends neither
 * the transient nor the ambiguous-write budget, and parks it with this message when that runs out.
 *
 * <p>Usage: {@code catch (StockBusyException e) { throw e; } // let the engine retry}
 */
public final class StockBusyException extends SyncException {
  private final StockKey key;

  public StockBusyException(StockKey key, String holder) {
    super("Stock of " + key.sku() + " in Sage warehouse " + key.sageWarehouse() + " is held by " + holder
        + "; try again shortly", true);
    this.key = key;
  }

  /** The unit that was busy. */
  public StockKey key() {
    return key;
  }
}
