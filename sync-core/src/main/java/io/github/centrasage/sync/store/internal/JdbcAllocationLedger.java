package io.github.centrasage.sync.store.internal;

import static io.github.centrasage.sync.store.internal.JdbcTransactions.dbNow;
import static io.github.centrasage.sync.store.internal.JdbcTransactions.placeholders;

import io.github.centrasage.sync.store.Allocation;
import io.github.centrasage.sync.store.AllocationLedger;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The allocation ledger in {@code sync_allocation} (recorded and released per order, SKU and
 * warehouse) and {@code sync_allocation_release} (the release ids already applied).
 */
public final class JdbcAllocationLedger implements AllocationLedger {
  private static final int CHUNK = 500;

  private final JdbcTransactions tx;

  public JdbcAllocationLedger(JdbcTransactions tx) {
    this.tx = tx;
  }

  @Override
  public void recordAllocations(String orderRef, List<Allocation> lines) {
    StoreChecks.ledgerOrder(orderRef);
    Map<List<String>, BigDecimal> recorded = new LinkedHashMap<>();
    for (Allocation line : lines) {
      recorded.merge(List.of(line.sku(), line.warehouse()), line.quantity(), BigDecimal::add);
    }
    tx.retryOnDuplicate("record allocations of " + orderRef, c -> {
      tx.update(c, "UPDATE sync_allocation SET recorded = 0 WHERE order_ref = ?", orderRef);
      for (Map.Entry<List<String>, BigDecimal> line : recorded.entrySet()) {
        String sku = line.getKey().get(0);
        String warehouse = line.getKey().get(1);
        if (tx.update(c, "UPDATE sync_allocation SET recorded = ? WHERE order_ref = ? AND sku = ? AND warehouse = ?",
            line.getValue(), orderRef, sku, warehouse) == 0) {
          tx.update(c, "INSERT INTO sync_allocation (order_ref, sku, warehouse, recorded, released) VALUES (?, ?, ?, ?, 0)",
              orderRef, sku, warehouse, line.getValue());
        }
      }
      return null;
    });
  }

  @Override
  public boolean releaseAllocation(
      String orderRef, String releaseId, String sku, String warehouse, BigDecimal quantity) {
    StoreChecks.ledgerRelease(orderRef, releaseId, quantity);
    return tx.retryOnDuplicate("release an allocation of " + orderRef, c -> {
      if (tx.exists(c, "SELECT 1 FROM sync_allocation_release WHERE order_ref = ? AND release_id = ? AND sku = ?"
          + " AND warehouse = ?", orderRef, releaseId, sku, warehouse)) {
        return false;
      }
      tx.update(c, "INSERT INTO sync_allocation_release (order_ref, release_id, sku, warehouse, quantity, released_at)"
          + " VALUES (?, ?, ?, ?, ?, ?)", orderRef, releaseId, sku, warehouse, quantity, dbNow(c));
      if (tx.update(c, "UPDATE sync_allocation SET released = released + ? WHERE order_ref = ? AND sku = ? AND warehouse = ?",
          quantity, orderRef, sku, warehouse) == 0) {
        tx.update(c, "INSERT INTO sync_allocation (order_ref, sku, warehouse, recorded, released) VALUES (?, ?, ?, 0, ?)",
            orderRef, sku, warehouse, quantity);
      }
      return true;
    });
  }

  @Override
  public List<Allocation> openAllocations(String orderRef) {
    return tx.inTransaction("read allocations of " + orderRef, c -> tx.list(c,
        "SELECT sku, warehouse, recorded - released FROM sync_allocation"
            + " WHERE order_ref = ? AND recorded > released ORDER BY sku, warehouse",
        rs -> Allocation.of(rs.getString(1), rs.getString(2), quantity(rs.getBigDecimal(3))), orderRef));
  }

  @Override
  public BigDecimal allocatedQuantity(String sku, String warehouse) {
    return allocatedQuantities(warehouse, List.of(sku)).getOrDefault(sku, BigDecimal.ZERO);
  }

  @Override
  public Map<String, BigDecimal> allocatedQuantities(String warehouse, Collection<String> skus) {
    Map<String, BigDecimal> result = new HashMap<>();
    for (Map.Entry<String, BigDecimal> sum : queryBySku("read allocated quantities", "SELECT sku,"
        + " SUM(recorded - released) FROM sync_allocation WHERE warehouse = ? AND recorded > released"
        + " AND sku IN (%s) GROUP BY sku", warehouse, skus,
        rs -> Map.entry(rs.getString(1), quantity(rs.getBigDecimal(2))))) {
      result.put(sum.getKey(), sum.getValue());
    }
    return result;
  }

  @Override
  public Set<String> ordersHolding(String warehouse, Collection<String> skus) {
    return new TreeSet<>(queryBySku("read orders holding stock", "SELECT DISTINCT order_ref FROM sync_allocation"
        + " WHERE warehouse = ? AND recorded > released AND sku IN (%s)", warehouse, skus, rs -> rs.getString(1)));
  }

  /** Runs {@code sql} (one {@code %s} for the SKU list) over bounded IN lists, whatever the caller passes. */
  private <T> List<T> queryBySku(String what, String sql, String warehouse, Collection<String> skus,
      JdbcTransactions.Row<T> row) {
    List<String> all = List.copyOf(new LinkedHashSet<>(skus));
    List<T> rows = new ArrayList<>();
    for (int from = 0; from < all.size(); from += CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
      Object[] params = new Object[chunk.size() + 1];
      params[0] = warehouse;
      for (int i = 0; i < chunk.size(); i++) {
        params[i + 1] = chunk.get(i);
      }
      rows.addAll(tx.inTransaction(what, c -> tx.list(c, String.format(sql, placeholders(chunk.size())), row, params)));
    }
    return rows;
  }

  private static BigDecimal quantity(BigDecimal stored) {
    BigDecimal stripped = stored.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
