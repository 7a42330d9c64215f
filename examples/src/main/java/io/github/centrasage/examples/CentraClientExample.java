package io.github.centrasage.examples;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.CentraEvent;
import io.github.centrasage.centra.CentraException;
import io.github.centrasage.centra.CentraRateLimits;
import io.github.centrasage.centra.EventQuery;
import io.github.centrasage.centra.Order;
import io.github.centrasage.centra.OrderQuery;
import io.github.centrasage.centra.SetStockRequest;
import io.github.centrasage.centra.SizeStockLevel;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The README's "Centra client" example: read orders, push stock, drain the event queue.
 * Needs {@code CENTRA_URL} and {@code CENTRA_TOKEN}; not run by the build.
 */
public final class CentraClientExample {
  private CentraClientExample() {}

  public static void main(String[] args) {
    CentraClient centra = CentraClient.builder()
        .baseUrl(System.getenv("CENTRA_URL"))            // https://<brand>.centra.com
        .token(System.getenv("CENTRA_TOKEN"))
        .rateLimits(CentraRateLimits.growthPlan())       // optional client-side budget
        .userAgentSuffix("acme-sync/1.0")
        .build();

    // Orders of the last day, fetched lazily page by page.
    OrderQuery lastDay = OrderQuery.builder().from(OffsetDateTime.now().minusDays(1)).build();
    try (Stream<Order> orders = centra.orders().list(lastDay)) {
      orders.forEach(o -> System.out.println(o.number() + " " + o.grandTotal().value() + " " + o.currency()));
    }

    // Absolute stock for many sizes of one warehouse in a single mutation.
    try {
      centra.stock().set(SetStockRequest.builder()
          .warehouseId(1)
          .addLevels(SizeStockLevel.ofSizeName(1445, "M", 12), SizeStockLevel.ofSizeName(1445, "L", 3))
          .build())
          .warnings().forEach(w -> System.out.println("warning: " + w.message()));
    } catch (CentraException e) {
      if (e.requiresLookupBeforeRetry()) {
        System.out.println("setStock may have been applied; read the stock before sending again");
      }
      throw e;
    }

    // The event queue: process, then confirm.
    List<CentraEvent> events = centra.events().next(EventQuery.builder().addObjectTypes("Order").build());
    events.forEach(e -> System.out.println(e.changeType() + " " + e.objectReference().orElse("?")));
    if (!events.isEmpty()) {
      centra.events().confirm(events.stream().map(CentraEvent::id).collect(Collectors.toList()));
    }
  }
}
