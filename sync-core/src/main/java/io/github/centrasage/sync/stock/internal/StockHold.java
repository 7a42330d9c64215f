package io.github.centrasage.sync.stock.internal;

import io.github.centrasage.sync.integration.internal.StockBusyException;
import io.github.centrasage.sync.stock.StockKey;
import io.github.centrasage.sync.spi.LeaseStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exclusive hold on some stock units (SKU × Sage warehouse), as store leases on database time, so
 * it holds across engine instances. StockPublish takes it around read-compute-push; the despatch
 * flow takes it around "complete the Centra shipment, release the ledger", so a stock value
 * computed with the ledger before a release can never reach Centra after the shipment that the
 * release stands for. Close it to release.
 *
 * <p>Usage: {@code try (StockHold hold = StockJobs.holdForDespatch(store, despatchId, keys)) { complete(); release(); }}
 */
public final class StockHold implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StockHold.class);

  private final LeaseStore store;
  private final String owner;
  private final List<StockKey> keys;

  private StockHold(LeaseStore store, String owner, List<StockKey> keys) {
    this.store = store;
    this.owner = owner;
    this.keys = List.copyOf(keys);
  }

  /**
   * Takes every unit's lease for {@code owner} (in key order, so two holders never wait on each
   * other in a cycle), or none.
   *
   * @throws StockBusyException if another owner holds one of them; nothing is held then
   */
  public static StockHold acquire(LeaseStore store, String owner, Collection<StockKey> keys, Duration ttl) {
    List<StockKey> held = new ArrayList<>();
    for (StockKey key : new TreeSet<>(keys)) {
      if (!store.tryAcquireLease(key.name(), owner, ttl)) {
        String holder = store.leaseHolder(key.name()).orElse("another owner");
        new StockHold(store, owner, held).close();
        throw new StockBusyException(key.sku() + " in Sage warehouse " + key.sageWarehouse(), holder);
      }
      held.add(key);
    }
    return new StockHold(store, owner, held);
  }

  /** The units held. */
  public List<StockKey> keys() {
    return keys;
  }

  /** The lease owner. */
  public String owner() {
    return owner;
  }

  /** Releases every lease still held; an expired lease is left alone. */
  @Override
  public void close() {
    for (StockKey key : keys) {
      try {
        store.releaseLease(key.name(), owner);
      } catch (RuntimeException e) {
        log.warn("Could not release the stock hold {}; it expires by itself", key.name(), e);
      }
    }
  }
}
