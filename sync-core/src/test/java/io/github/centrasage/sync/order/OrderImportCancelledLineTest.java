package io.github.centrasage.sync.order;

import static io.github.centrasage.sync.order.OrderImportFixture.drain;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.SageSalesOrder;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Centra's order line {@code quantity} is what is still ordered: it already leaves out the cancelled
 * units (the type reference: "the current quantity for the order line, excluding cancelled units"),
 * and {@code cancelledQuantity} counts them apart. A line partly cancelled before the import is
 * booked in Sage with the units still ordered, not with the cancelled ones taken off twice.
 */
class OrderImportCancelledLineTest {
  final OrderImportFixture f = new OrderImportFixture();
  final InMemorySyncStateStore store = new InMemorySyncStateStore(f.clock);

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void aLinePartlyCancelledBeforeTheImportIsBookedWithTheUnitsStillOrdered() {
    CentraOrder order = f.centra.placeOrder("GBP", Map.of(OrderImportTest.SKU_A, 4, OrderImportTest.SKU_B, 2));
    CentraOrder now = f.centra.cancelLine(order.number(), OrderImportTest.SKU_A, 1);
    assertThat(now.lines()).filteredOn(l -> OrderImportTest.SKU_A.equals(l.sku()))
        .singleElement().satisfies(l -> assertThat(l.quantity()).as("Centra's quantity already excludes it").isEqualTo(3));

    SyncEngine engine = f.engine(store, i -> new OrderImport(i, f.options().build()), f.mappings().build()).build();
    drain(engine, f.clock);

    SageSalesOrder imported = f.sage.salesOrdersWithCustomerDocumentNo("CENTRA-" + order.number()).get(0);
    assertThat(imported.lines()).filteredOn(l -> OrderImportTest.SKU_A.equals(l.sku()))
        .extracting(SageSalesOrder.Line::lineQuantity).containsExactly(new BigDecimal("3"));
    assertThat(imported.lines()).filteredOn(l -> OrderImportTest.SKU_B.equals(l.sku()))
        .extracting(SageSalesOrder.Line::lineQuantity).containsExactly(new BigDecimal("2"));
  }

  @Test
  void aLineCancelledWhollyBeforeTheImportIsLeftOut() {
    CentraOrder order = f.centra.placeOrder("GBP", Map.of(OrderImportTest.SKU_A, 2, OrderImportTest.SKU_B, 1));
    f.centra.cancelLine(order.number(), OrderImportTest.SKU_A, 2);

    SyncEngine engine = f.engine(store, i -> new OrderImport(i, f.options().build()), f.mappings().build()).build();
    drain(engine, f.clock);

    SageSalesOrder imported = f.sage.salesOrdersWithCustomerDocumentNo("CENTRA-" + order.number()).get(0);
    assertThat(imported.lines()).filteredOn(l -> l.sku() != null).extracting(SageSalesOrder.Line::sku)
        .containsExactly(OrderImportTest.SKU_B);
  }
}
