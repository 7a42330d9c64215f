package io.github.centrasage.sync.store.internal;

import io.github.centrasage.sync.store.Allocation;
import io.github.centrasage.sync.store.AllocationLedger;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The in-memory store's allocation ledger: thread-safe on a lock of its own (it shares no state with the queue). */
public final class InMemoryAllocationLedger implements AllocationLedger {
  private final Object lock = new Object();
  /** Allocation lines by order, then by SKU + warehouse. */
  private final Map<String, Map<String, LedgerLine>> ledger = new HashMap<>();
  /** Orders with a ledger line, by SKU + warehouse. */
  private final Map<String, Set<String>> ledgerOrders = new HashMap<>();
  private final Set<String> appliedReleases = new HashSet<>();

  @Override
  public void recordAllocations(String orderRef, List<Allocation> lines) {
    StoreChecks.ledgerOrder(orderRef);
    Map<String, BigDecimal> recorded = new LinkedHashMap<>();
    for (Allocation line : lines) {
      recorded.merge(ledgerKey(line.sku(), line.warehouse()), line.quantity(), BigDecimal::add);
    }
    synchronized (lock) {
      Map<String, LedgerLine> order = ledger.computeIfAbsent(orderRef, k -> new HashMap<>());
      for (LedgerLine old : order.values()) {
        old.recorded = BigDecimal.ZERO;
      }
      for (Allocation line : lines) {
        String k = ledgerKey(line.sku(), line.warehouse());
        LedgerLine row = order.computeIfAbsent(k, x -> new LedgerLine(line.sku(), line.warehouse()));
        row.recorded = recorded.get(k);
        ledgerOrders.computeIfAbsent(k, x -> new HashSet<>()).add(orderRef);
      }
    }
  }

  @Override
  public boolean releaseAllocation(
      String orderRef, String releaseId, String sku, String warehouse, BigDecimal quantity) {
    StoreChecks.ledgerRelease(orderRef, releaseId, quantity);
    synchronized (lock) {
      if (!appliedReleases.add(String.join("\u0000", orderRef, releaseId, sku, warehouse))) {
        return false;
      }
      String k = ledgerKey(sku, warehouse);
      LedgerLine row = ledger.computeIfAbsent(orderRef, x -> new HashMap<>())
          .computeIfAbsent(k, x -> new LedgerLine(sku, warehouse));
      row.released = row.released.add(quantity);
      ledgerOrders.computeIfAbsent(k, x -> new HashSet<>()).add(orderRef);
      return true;
    }
  }

  @Override
  public List<Allocation> openAllocations(String orderRef) {
    synchronized (lock) {
      return ledger.getOrDefault(orderRef, Map.of()).values().stream()
          .filter(row -> row.open().signum() > 0)
          .map(row -> Allocation.of(row.sku, row.warehouse, row.open()))
          .collect(Collectors.toList());
    }
  }

  @Override
  public BigDecimal allocatedQuantity(String sku, String warehouse) {
    return allocatedQuantities(warehouse, List.of(sku)).getOrDefault(sku, BigDecimal.ZERO);
  }

  @Override
  public Map<String, BigDecimal> allocatedQuantities(String warehouse, Collection<String> skus) {
    Map<String, BigDecimal> result = new HashMap<>();
    synchronized (lock) {
      for (String sku : skus) {
        String k = ledgerKey(sku, warehouse);
        BigDecimal total = BigDecimal.ZERO;
        for (String orderRef : ledgerOrders.getOrDefault(k, Set.of())) {
          total = total.add(ledger.get(orderRef).get(k).open());
        }
        if (total.signum() > 0) {
          result.put(sku, total);
        }
      }
    }
    return result;
  }

  @Override
  public Set<String> ordersHolding(String warehouse, Collection<String> skus) {
    Set<String> result = new TreeSet<>();
    synchronized (lock) {
      for (String sku : skus) {
        String k = ledgerKey(sku, warehouse);
        for (String orderRef : ledgerOrders.getOrDefault(k, Set.of())) {
          if (ledger.get(orderRef).get(k).open().signum() > 0) {
            result.add(orderRef);
          }
        }
      }
    }
    return result;
  }

  private static String ledgerKey(String sku, String warehouse) {
    return sku + "\u0000" + warehouse;
  }

  private static final class LedgerLine {
    final String sku;
    final String warehouse;
    BigDecimal recorded = BigDecimal.ZERO;
    BigDecimal released = BigDecimal.ZERO;

    LedgerLine(String sku, String warehouse) {
      this.sku = sku;
      this.warehouse = warehouse;
    }

    BigDecimal open() {
      return recorded.subtract(released).max(BigDecimal.ZERO);
    }
  }
}
