package io.github.centrasage.sync.store;

import java.util.Optional;

/**
 * The last stock version applied per SKU and warehouse, so that an older stock value is never
 * pushed after a newer one: across retries, replays and engine instances.
 *
 * <p>Usage: {@code if (store.applyStockVersionIfNewer(sku, wh, version)) push(value);}
 */
public interface StockVersionStore {
  /** The last applied version. */
  Optional<StockVersion> stockVersion(String sku, String warehouse);

  /**
   * Compare-and-set: stores {@code version} only if it is newer than the stored one (or none is
   * stored), atomically.
   *
   * @return whether the version was stored (the caller may push its value)
   */
  boolean applyStockVersionIfNewer(String sku, String warehouse, StockVersion version);
}
