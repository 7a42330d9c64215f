package io.github.centrasage.sync.store;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Sage 200 holds allocated for imported Centra orders that Centra still counts as open, per
 * SKU and Sage warehouse: the middle term of the stock formula
 * {@code centraPhysical = sageFree + allocatedToOpenCentraOrders - buffer}.
 *
 * <p>Order import records an order's lines once its Sage order exists; both despatch flows release
 * what was shipped (a Sage despatch sent to Centra, a Centra or 3PL shipment confirmed in Sage), and a
 * cancellation releases too. Both writes are idempotent, so a
 * retried job never counts twice: recording replaces the order's lines, and each release carries
 * an id that is applied at most once.
 *
 * <p>Usage: {@code BigDecimal held = store.allocatedQuantity("TEE-BLK-M", "1");}
 */
public interface AllocationLedger {
  /**
   * Sets what {@code orderRef} holds allocated, replacing earlier lines of that order. Quantities
   * already released for a line stay released. Lines with the same SKU and warehouse are added up.
   */
  void recordAllocations(String orderRef, List<Allocation> lines);

  /**
   * Releases {@code quantity} of a line of {@code orderRef} (despatched or cancelled), never below
   * zero. A second call with the same {@code releaseId} for the same order, SKU and warehouse does
   * nothing.
   *
   * @return whether this call released anything new
   */
  boolean releaseAllocation(String orderRef, String releaseId, String sku, String warehouse, BigDecimal quantity);

  /** The open (recorded minus released) lines of one order; empty when none remain. */
  List<Allocation> openAllocations(String orderRef);

  /** The open quantity of {@code sku} in {@code warehouse} over all orders; zero when none. */
  BigDecimal allocatedQuantity(String sku, String warehouse);

  /**
   * The open quantities of many SKUs in one warehouse at once (one query on JDBC stores). SKUs
   * with nothing open are absent.
   */
  Map<String, BigDecimal> allocatedQuantities(String warehouse, Collection<String> skus);

  /**
   * The orders that hold an open quantity of any of {@code skus} in {@code warehouse} (one query on
   * JDBC stores): what the stock flows check against Sage and Centra when no event released them.
   */
  Set<String> ordersHolding(String warehouse, Collection<String> skus);
}
