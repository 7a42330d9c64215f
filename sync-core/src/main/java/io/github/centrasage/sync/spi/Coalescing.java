package io.github.centrasage.sync.spi;

/**
 * What {@code enqueue} does when a job of the same flow and identity key is already waiting
 * (queued or retrying, not yet running) or, for {@link #KEEP_EXISTING}, parked.
 *
 * <p>Usage: {@code NewJob.builder().flow("StockPublish").key("sku:ABC@WH1").payload(json).coalescing(Coalescing.KEEP_NEWEST)}.
 */
public enum Coalescing {
  /**
   * Fold into the waiting job and replace its payload and reference: the latest value wins (stock).
   * A parked job of the key holds an older value, so a new value runs as a new job.
   */
  KEEP_NEWEST,
  /**
   * Fold into the waiting job and keep its payload: the first request is enough (order import).
   * A <em>parked</em> job of the key absorbs the request too and stays parked, with its update
   * time moved to record that a newer notice came: the job stands for "look at this entity", which
   * its replay does with the entity as it is then. So discovery that sees a parked entity again (a
   * poll overlap, an update event, a webhook) never adds a second job that would only park again.
   */
  KEEP_EXISTING,
  /** Never fold: add a job that runs after the waiting ones of the same key, in order. */
  NONE
}
