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
    return f.engine(store, i -> new OrderImport(i, f.options().discovery(discovery).build()), f.mappings().build()).build();
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

    assertThat(status.entitiesDone()).as("orders imported").isEqualTo(2);
    assertThat(status.succeeded()).as("jobs: two imports, then the update notices").isEqualTo(3);
    assertThat(f.sage.salesOrders()).hasSize(2);
  }

  @Test
  void theFirstSubscriptionToOrderEventsSaysThatEarlierOrdersNeedABackfill() {
    f.centra.placeOrder("GBP", Map.of(OrderImportTest.SKU_A, 1)); // before the flow ever subscribed
    SyncEngine engine = f.engine(store, i -> new OrderImport(i, OrderImportOptions.builder() // no pollStart: no backfill
        .discovery(OrderImportOptions.Discovery.EVENTS).defaultWarehouse(f.centraLeeds).build()),
        f.mappings().build()).build();

    SyncStatus status = engine.runOnce(OrderImport.NAME);

    assertThat(f.sage.salesOrders()).as("Centra queues events only after the subscription").isEmpty();
    assertThat(status.notices()).anySatisfy(n -> assertThat(n)
        .contains("orders placed earlier are not synced by events").contains("pollStart"));
    f.clock.advance(Duration.ofDays(2));
    assertThat(engine.status(OrderImport.NAME).notices()).as("shown for a day").isEmpty();
  }

  @Test
  void withPollStartTheFirstSubscriptionAlsoImportsTheOrdersPlacedBefore() {
    CentraOrder before = f.centra.placeOrder("GBP", Map.of(OrderImportTest.SKU_A, 1));
    SyncEngine engine = f.engine(store, i -> new OrderImport(i, f.options().discovery(OrderImportOptions.Discovery.EVENTS)
        .build()), f.mappings().build()).build();

    drain(engine, f.clock);
    CentraOrder after = f.centra.placeOrder("GBP", Map.of(OrderImportTest.SKU_B, 1));
    SyncStatus status = drain(engine, f.clock);

    assertThat(f.sage.salesOrdersWithCustomerDocumentNo("CENTRA-" + before.number())).hasSize(1);
    assertThat(f.sage.salesOrdersWithCustomerDocumentNo("CENTRA-" + after.number())).hasSize(1);
    assertThat(f.sage.salesOrders()).hasSize(2);
    assertThat(status.notices()).noneMatch(n -> n.contains("not synced by events"));
  }

  @Test
  void aFirstPollThatFindsNothingSaysWhereItsWindowStarted() {
    f.centra.placeOrder("GBP", Map.of(OrderImportTest.SKU_A, 1));
    f.clock.advance(Duration.ofDays(10)); // the engine's clock runs days after the shop's: outside the default window
    SyncEngine engine = f.engine(store, i -> new OrderImport(i, OrderImportOptions.builder()
        .discovery(OrderImportOptions.Discovery.POLLING).defaultWarehouse(f.centraLeeds).build()),
        f.mappings().build()).build();

    SyncStatus status = engine.runOnce(OrderImport.NAME);

    assertThat(f.sage.salesOrders()).isEmpty();
    assertThat(status.notices()).anySatisfy(n -> assertThat(n).contains("first poll found no Centra orders placed since")
        .contains("pollStart").contains("SyncEngine.builder().clock"));
  }

  @Test
  void thePollOverlapSeesAnOrderTwiceAndItCountsOnce() {
    f.centra.placeOrder("GBP", Map.of(OrderImportTest.SKU_A, 1));
    SyncEngine engine = engine(OrderImportOptions.Discovery.POLLING);
    drain(engine, f.clock);

    SyncStatus again = drain(engine, f.clock);

    assertThat(again.entitiesDone()).isEqualTo(1);
    assertThat(again.succeeded()).isEqualTo(2);
    assertThat(engine.status(OrderImport.NAME).entitiesDone()).isEqualTo(1);
  }
}
