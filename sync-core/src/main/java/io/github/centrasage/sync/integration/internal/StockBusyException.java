package io.github.centrasage.sync.integration.internal;

import io.github.centrasage.sync.SyncException;

/**
 * Another party (a stock push, a despatch) holds a stock unit right now. Contention, not a failed
 * write: the flows' classifier ({@link ClientFailureClassifier}) sends the job to the lock schedule
 * (the flow's {@code lockRetryPolicy}), which spends neither the transient nor the ambiguous-write
 * budget, and it is parked with this message when that runs out.
 */
public final class StockBusyException extends SyncException {
  /** {@code unit} names the unit ("TEE-M in Sage warehouse 3"), {@code holder} who holds it. */
  public StockBusyException(String unit, String holder) {
    super("Stock of " + unit + " is held by " + holder + "; try again shortly", true);
  }
}
