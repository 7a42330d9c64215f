package io.github.centrasage.examples;

import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.CentraShipment;
import io.github.centrasage.sandbox.SageDespatch;
import io.github.centrasage.sandbox.SageHolding;
import io.github.centrasage.sandbox.SageSalesOrder;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.spi.Job;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The demo's end-of-day checks, made against what the sandboxes hold (not against what the engine
 * believes): every figure of the {@code DEMO RESULT} line and the failures among them.
 */
final class Invariants {
  private final Demo.Shop shop;
  private final Demo.TradingDay day;
  private final List<String> failures = new ArrayList<>();

  Invariants(Demo.Shop shop, Demo.TradingDay day) {
    this.shop = shop;
    this.day = day;
  }

  DemoResult check() {
    List<SageSalesOrder> sageOrders = shop.sageSandbox.salesOrders().stream()
        .filter(o -> o.customerDocumentNo() != null && o.customerDocumentNo().startsWith(Demo.PREFIX)).toList();
    Map<String, Long> perCentraOrder = sageOrders.stream()
        .collect(Collectors.groupingBy(SageSalesOrder::customerDocumentNo, Collectors.counting()));
    int duplicates = (int) perCentraOrder.values().stream().mapToLong(n -> n - 1).sum();
    if (duplicates > 0) {
      failures.add(duplicates + " duplicate Sage orders: " + perCentraOrder.entrySet().stream()
          .filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList());
    }

    List<Job> parked = shop.parkedJobs();
    Set<String> parkedOrders = parked.stream().filter(j -> j.flow().equals(OrderImport.NAME))
        .map(j -> OrderImport.orderNumber(j.key()).map(String::valueOf).orElse(j.reference()))
        .collect(Collectors.toSet());
    List<CentraOrder> centraOrders = shop.centraSandbox.orders();
    List<Integer> missing = centraOrders.stream().map(CentraOrder::number)
        .filter(n -> !perCentraOrder.containsKey(Demo.PREFIX + n) && !parkedOrders.contains(Integer.toString(n)))
        .toList();
    if (!missing.isEmpty()) {
      failures.add(missing.size() + " Centra orders neither in Sage nor parked: " + missing);
    }
    for (Job job : parked) {
      boolean expected = job.flow().equals(OrderImport.NAME) && job.parkReasons().stream()
          .anyMatch(r -> day.newSeasonSkus.stream().anyMatch(r::contains));
      if (!expected) {
        failures.add("unexpected parked job " + job.flow() + " " + job.reference() + ": " + job.parkReasons());
      }
    }
    // the doctor ran before the first write and named the SKUs whose orders were going to park
    List<String> doctorMissing = shop.doctorReport == null ? List.of()
        : shop.doctorReport.findings("masterdata.sage-product.missing").stream().map(f -> f.found()).toList();
    for (String sku : day.newSeasonSkus.subList(0, day.unmappedOrders.size())) {
      if (doctorMissing.stream().noneMatch(f -> f.startsWith("Centra sells SKU " + sku + " "))) {
        failures.add("the go-live doctor did not report new-season SKU " + sku + " missing in Sage before the day");
      }
    }
    if (parkedOrders.size() != day.unmappedOrders.size()) {
      failures.add("expected the " + day.unmappedOrders.size() + " new-season orders " + day.unmappedOrders
          + " to park, parked: " + parkedOrders);
    }

    int oversold = sageOrders.stream().flatMap(o -> o.lines().stream()).filter(l -> l.sku() != null)
        .map(l -> l.lineQuantity().subtract(l.allocatedQuantity()).subtract(l.despatchedQuantity()))
        .filter(short_ -> short_.signum() > 0).mapToInt(BigDecimal::intValue).sum();
    if (oversold > 0) {
      failures.add(oversold + " units sold on the web that Sage could not allocate");
    }

    int stockMismatches = stockMismatches();
    int despatchesLost = despatchesLost(sageOrders);

    int creditNotes = (int) shop.sageSandbox.postedTransactions().stream()
        .filter(t -> t.transactionType() != null && t.transactionType().contains("CreditNote")).count();
    if (day.repricedProduct != null) {
      java.util.Optional<BigDecimal> centraPrice = day.centraPrice();
      if (centraPrice.isEmpty() || centraPrice.get().compareTo(day.repricedTo) != 0) {
        failures.add("the Sage price change of " + day.repricedProduct + " to " + day.repricedTo
            + " GBP did not reach Centra, which shows " + centraPrice.map(BigDecimal::toPlainString).orElse("no price"));
      }
    }
    if (day.payoutReport != null) {
      // Invoiced orders and credited returns must be allocated; only orders Sage has not invoiced stay on account.
      day.payoutReport.lines().stream()
          .filter(l -> l.status() == io.github.centrasage.sync.finance.ReconciliationLine.Status.UNALLOCATED
              && !l.note().startsWith("no open invoice"))
          .forEach(l -> failures.add("payout line " + l.line() + " (" + l.recordType() + " " + l.merchantReference()
              + ") left unallocated: " + l.note()));
    }
    BigDecimal clearing = shop.sageSandbox.bankBalance("1210").subtract(shop.clearingAtStart);
    if (clearing.signum() != 0) {
      failures.add("the PSP clearing bank moved by " + clearing + " over the day; payouts should clear it to 0.00");
    }
    return new DemoResult(centraOrders.size(), perCentraOrder.size(), duplicates, missing.size(), parked.size(),
        stockMismatches, oversold, despatchesLost, creditNotes, clearing, failures);
  }

  /**
   * Centra's physical level of every SKU in both warehouses must be what the stock model says:
   * Sage's free stock plus what the ledger holds for imported, unshipped Centra orders, less the buffer.
   */
  private int stockMismatches() {
    List<String> examples = stockDifferences();
    int mismatches = examples.size();
    if (mismatches > 0) {
      failures.add(mismatches + " stock levels differ between Centra and the stock model, e.g. "
          + examples.subList(0, Math.min(5, mismatches)));
    }
    return mismatches;
  }

  /** Every SKU/warehouse pair whose Centra level differs from the stock model, in words. */
  List<String> stockDifferences() {
    List<String> examples = new ArrayList<>();
    for (SandboxCatalog.Item item : SandboxCatalog.fashionShop().items()) {
      for (String warehouse : SandboxCatalog.WAREHOUSES) {
        String sageWarehouse = warehouse.equals(Demo.LEEDS) ? shop.sageLeeds : shop.sageLondon;
        String centraWarehouse = warehouse.equals(Demo.LEEDS) ? shop.centraLeeds : shop.centraLondon;
        SageHolding holding = shop.sageSandbox.holding(item.sku(), warehouse);
        BigDecimal expected = holding.freeStockAvailable()
            .add(shop.store.allocatedQuantity(item.sku(), sageWarehouse))
            .subtract(BigDecimal.valueOf(shop.mappings.safetyBuffer(item.sku(), centraWarehouse)))
            .setScale(0, RoundingMode.FLOOR).max(BigDecimal.ZERO);
        BigDecimal actual = shop.centraSandbox.stock(item.sku(), warehouse).physical();
        if (actual.compareTo(expected) != 0) {
          examples.add(item.sku() + "@" + warehouse + " Centra " + actual.toPlainString() + " expected "
              + expected.toPlainString());
        }
      }
    }
    return examples;
  }

  /** Per imported order, the units shipped in Centra and the units despatched in Sage must agree SKU by SKU. */
  private int despatchesLost(List<SageSalesOrder> sageOrders) {
    Map<String, Map<String, BigDecimal>> sageShipped = new HashMap<>();
    for (SageDespatch d : shop.sageSandbox.despatches()) {
      if (d.customerDocumentNo() != null && d.customerDocumentNo().startsWith(Demo.PREFIX)) {
        d.quantities().forEach((sku, qty) -> sageShipped.computeIfAbsent(d.customerDocumentNo(), k -> new TreeMap<>())
            .merge(sku, qty.stripTrailingZeros(), BigDecimal::add));
      }
    }
    List<String> lost = new ArrayList<>();
    for (SageSalesOrder order : sageOrders) {
      int number = Integer.parseInt(order.customerDocumentNo().substring(Demo.PREFIX.length()));
      Map<String, BigDecimal> centraShipped = new TreeMap<>();
      for (CentraShipment s : shop.centraSandbox.shipments(number)) {
        if (s.isShipped()) {
          s.quantities().forEach((sku, qty) -> centraShipped.merge(sku, BigDecimal.valueOf(qty), BigDecimal::add));
        }
      }
      Map<String, BigDecimal> inSage = sageShipped.getOrDefault(order.customerDocumentNo(), Map.of());
      if (!sameQuantities(centraShipped, inSage)) {
        lost.add(number + " (Centra " + centraShipped + ", Sage " + inSage + ")");
      }
    }
    if (!lost.isEmpty()) {
      failures.add(lost.size() + " orders whose shipments differ between Centra and Sage: "
          + lost.subList(0, Math.min(5, lost.size())));
    }
    return lost.size();
  }

  private static boolean sameQuantities(Map<String, BigDecimal> a, Map<String, BigDecimal> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    return a.entrySet().stream().allMatch(e -> e.getValue().compareTo(b.get(e.getKey())) == 0);
  }
}
