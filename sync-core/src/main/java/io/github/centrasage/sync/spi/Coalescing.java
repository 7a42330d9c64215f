package io.github.centrasage.sync.spi;

/**
 * What {@code enqueue} does when a job of the same flow and identity key is already waiting
 * (queued or retrying, not yet running).
 *
 * <p>Usage: {@code NewJob.builder().flow("StockPublish").key("sku:ABC@WH1").payload(json).coalescing(Coalescing.KEEP_NEWEST)}.
 */
public enum Coalescing {
  /** Fold into the waiting job and replace its payload and reference: the latest value wins (stock). */
  KEEP_NEWEST,
  /** Fold into the waiting job and keep its payload: the first request is enough (order import). */
  KEEP_EXISTING,
  /** Never fold: add a job that runs after the waiting ones of the same key, in order. */
  NONE
}
