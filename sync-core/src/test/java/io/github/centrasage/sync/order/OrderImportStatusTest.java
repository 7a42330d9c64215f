package io.github.centrasage.sync.order;

import static io.github.centrasage.sync.order.OrderImportFixture.drain;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.SyncStatus;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The status counts orders imported as done, not the jobs it took: every poll overlap, update
 * event and recheck is a job that succeeds, and those stay visible as job counts.
 */
class OrderImportStatusTest {
  final OrderImportFixture f = new OrderImportFixture();
  final InMemorySyncStateStore store = new InMemorySyncStateStore(f.clock);

  @AfterEach
  void close() {
    f.close();
  }

  private SyncEngine engine(OrderImportOptions.Discovery discovery) {
    return f.engine(store, new OrderImport(f.options().discovery(discovery).build()), f.mappings().build()).build();
  }

  @Test
  void updateEventsAfterTheImportAreJobsButNotMoreOrdersDone() {
    SyncEngine engine = engine(OrderImportOptions.Discovery.EVENTS);
    engine.runOnce(OrderImport.NAME); // subscribes to Order events
    CentraOrder first = f.centra.placeOrder("GBP", Map.of(OrderImportTest.SKU_A, 1, OrderImportTest.SKU_B, 1));
    f.centra.placeOrder("GBP", Map.of(OrderImportTest.SKU_A, 1));
    drain(engine, f.clock);

    f.centra.setOnHold(first.number(), true);
    f.centra.setOnHold(first.number(), false);
    f.clock.advance(Duration.ofMinutes(1));
    SyncStatus status = drain(engine, f.clock);

    assertThat(status.done()).as("orders imported").isEqualTo(2);
    assertThat(status.succeeded()).as("jobs: two imports, then the update notices").isEqualTo(3);
    assertThat(f.sage.salesOrders()).hasSize(2);
  }

  @Test
  void theFirstSubscriptionToOrderEventsSaysThatEarlierOrdersNeedABackfill() {
    f.centra.placeOrder("GBP", Map.of(OrderImportTest.SKU_A, 1)); // before the flow ever subscribed
    SyncEngine engine = engine(OrderImportOptions.Discovery.EVENTS);

    SyncStatus status = engine.runOnce(OrderImport.NAME);

    assertThat(f.sage.salesOrders()).as("Centra queues events only after the subscription").isEmpty();
    assertThat(status.notices()).anySatisfy(n -> assertThat(n)
        .contains("orders placed earlier are not synced by events")
        .contains("discovery(POLLING)").contains("pollStart"));
    f.clock.advance(Duration.ofDays(2));
    assertThat(engine.status(OrderImport.NAME).notices()).as("shown for a day").isEmpty();
  }

  @Test
  void thePollOverlapSeesAnOrderTwiceAndItCountsOnce() {
    f.centra.placeOrder("GBP", Map.of(OrderImportTest.SKU_A, 1));
    SyncEngine engine = engine(OrderImportOptions.Discovery.POLLING);
    drain(engine, f.clock);

    SyncStatus again = drain(engine, f.clock);

    assertThat(again.done()).isEqualTo(1);
    assertThat(again.succeeded()).isEqualTo(2);
    assertThat(engine.status(OrderImport.NAME).done()).isEqualTo(1);
  }
}
