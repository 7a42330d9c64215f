package io.github.centrasage.benchmarks;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.Order;
import io.github.centrasage.centra.OrderLine;
import io.github.centrasage.centra.OrderQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.model.NewSalesOrder;
import io.github.centrasage.sage200.model.NewSalesOrderLine;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The integration people write by hand, on purpose: poll Centra for orders since the last run,
 * create each one in Sage in turn (a product lookup per line, then the order), and when a request
 * fails, send it again (up to three times) without checking whether the first one landed.
 */
final class NaiveScript {
  static final int BLIND_ATTEMPTS = 3;

  private final CentraClient centra;
  private final Sage200Client sage;
  private final long customerId;
  private final long warehouseId;
  private OffsetDateTime since;
  /** Order numbers seen, so one poll does not send an order twice (most scripts keep that much). */
  private final java.util.Set<Long> seen = new java.util.HashSet<>();
  int failed;

  NaiveScript(CentraClient centra, Sage200Client sage, long customerId, long warehouseId, OffsetDateTime since) {
    this.centra = centra;
    this.sage = sage;
    this.customerId = customerId;
    this.warehouseId = warehouseId;
    this.since = since;
  }

  /** One scheduled run: every order since the previous run goes to Sage, one after another. */
  int importOrders() {
    List<Order> orders = new ArrayList<>();
    centra.orders().list(OrderQuery.builder().from(since).pageSize(200).build()).forEach(orders::add);
    int created = 0;
    for (Order order : orders) {
      if (!seen.add(order.number())) {
        continue;
      }
      try {
        blindly(() -> sage.salesOrders().create(toSage(order)));
        created++;
      } catch (RuntimeException e) {
        failed++; // logged and forgotten, as such scripts do
      }
    }
    return created;
  }

  private NewSalesOrder toSage(Order order) {
    var b = NewSalesOrder.builder().customerId(customerId)
        .customerDocumentNo("CENTRA-" + order.number());
    for (OrderLine line : order.lines()) {
      String sku = line.sku().orElseThrow();
      long productId = blindly(() -> sage.products().findByCode(sku)).orElseThrow().id();
      b.addLines(NewSalesOrderLine.standard(productId, warehouseId, BigDecimal.valueOf(line.quantity()))
          .sellingUnitPrice(line.unitPrice().value()).build());
    }
    return b.build();
  }

  static <T> T blindly(java.util.function.Supplier<T> call) {
    RuntimeException last = null;
    for (int i = 0; i < BLIND_ATTEMPTS; i++) {
      try {
        return call.get();
      } catch (RuntimeException e) {
        last = e;
      }
    }
    throw last;
  }
}
