package io.github.centrasage.sync.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.centra.SetStockRequest;
import io.github.centrasage.centra.SizeStockLevel;
import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.SageSalesOrder;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.store.Allocation;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Centra allocates an order across warehouses; the Sage order must allocate the same units in the
 * mapped Sage warehouses, or Sage allocates stock Centra still shows as free in the other one.
 */
class OrderImportWarehouseSplitTest {
  static final String LEEDS = OrderImportFixture.LEEDS;
  static final String LONDON = "London Store";
  static final SandboxCatalog.Item ITEM = SandboxCatalog.fashionShop().items().get(0);

  final OrderImportFixture f = new OrderImportFixture();
  final InMemorySyncStateStore store = new InMemorySyncStateStore(f.clock);

  @AfterEach
  void stop() {
    f.close();
  }

  void centraStock(String warehouse, int quantity) {
    f.centraClient.stock().set(SetStockRequest.builder().warehouseId(f.centra.ids("warehouse").get(warehouse))
        .addLevels(SizeStockLevel.ofSizeName(f.centra.ids("variant").get(ITEM.sku()), ITEM.sizeName(), quantity)).build());
  }

  @Test
  void booksEachUnitToTheSageWarehouseMappedFromWhereCentraAllocatedItSplittingTheLine() {
    String centraLondon = Long.toString(f.centra.ids("warehouse").get(LONDON));
    Mappings mappings = f.mappings().putWarehouse(centraLondon, Long.toString(f.sage.ids("warehouse").get(LONDON)))
        .build();
    // Leeds is the market's fulfilment warehouse; Centra takes what it can from each warehouse in turn
    centraStock(LEEDS, 2);
    centraStock(LONDON, 2);
    CentraOrder order = f.centra.placeOrder("GBP", Map.of(ITEM.sku(), 3));
    Map<String, Integer> centraAllocated = Map.of(
        LEEDS, f.centra.stock(ITEM.sku(), LEEDS).allocated().intValueExact(),
        LONDON, f.centra.stock(ITEM.sku(), LONDON).allocated().intValueExact());
    assertThat(centraAllocated.values()).as("the order is split in Centra").containsExactlyInAnyOrder(1, 2);

    try (SyncEngine engine = f.engine(store, i -> new OrderImport(i, f.options().build()), mappings).build()) {
      OrderImportFixture.drain(engine, f.clock);
    }

    SageSalesOrder imported = f.sage.salesOrdersWithCustomerDocumentNo("CENTRA-" + order.number()).get(0);
    Map<String, Integer> booked = imported.lines().stream().filter(l -> ITEM.sku().equals(l.sku()))
        .collect(Collectors.toMap(SageSalesOrder.Line::warehouse, l -> l.lineQuantity().intValueExact(), Integer::sum));
    assertThat(booked).isEqualTo(centraAllocated);
    assertThat(store.openAllocations(Integer.toString(order.number()))).extracting(Allocation::quantity)
        .usingElementComparator(BigDecimal::compareTo).containsExactlyInAnyOrder(BigDecimal.ONE, new BigDecimal("2"));
  }
}
