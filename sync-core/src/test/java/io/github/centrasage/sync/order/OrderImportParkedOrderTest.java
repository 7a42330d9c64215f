package io.github.centrasage.sync.order;

import static io.github.centrasage.sync.order.OrderImportFixture.drain;
import static io.github.centrasage.sync.order.OrderImportFixture.parked;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.centra.ImmutableCentraWebhookEvent;
import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.SageSalesOrder;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.SyncStatus;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An order parked for a mapping problem stays one parked job however often discovery sees it
 * again, and a replay imports what Centra holds then, so no change made meanwhile is lost.
 */
class OrderImportParkedOrderTest {
  static final String SKU_A = OrderImportTest.SKU_A;
  static final String SKU_B = OrderImportTest.SKU_B;

  final OrderImportFixture f = new OrderImportFixture();
  final InMemorySyncStateStore store = new InMemorySyncStateStore(f.clock);

  @AfterEach
  void close() {
    f.close();
  }

  /** Mappings without EUR: a EUR order parks. */
  private Mappings withoutEur() {
    return Mappings.builder().from(f.mappings().build()).currencies(Map.of("GBP", Long.toString(f.gbpId))).build();
  }

  private SyncEngine engine(OrderImportOptions.Discovery discovery, Mappings mappings) {
    return f.engine(store, i -> new OrderImport(i, f.options().discovery(discovery).build()), mappings).build();
  }

  private java.util.List<Job> jobsOf(CentraOrder order) {
    return store.list(OrderImport.NAME, Set.of(), 0, 100).stream()
        .filter(j -> j.key().equals(OrderImport.jobKey(order.number()))).toList();
  }

  @Test
  void pollingSeesAParkedOrderAgainOnEveryCycleButKeepsOneParkedJob() {
    CentraOrder eur = f.centra.placeOrder("EUR", Map.of(SKU_A, 1));
    CentraOrder gbp = f.centra.placeOrder("GBP", Map.of(SKU_B, 1));
    SyncEngine engine = engine(OrderImportOptions.Discovery.POLLING, withoutEur());

    for (int cycle = 0; cycle < 4; cycle++) {
      drain(engine, f.clock);
      f.clock.advance(Duration.ofMinutes(1));
    }

    assertThat(jobsOf(eur)).as("the poll overlap saw it four times").singleElement()
        .satisfies(j -> assertThat(j.state()).isEqualTo(JobState.PARKED));
    assertThat(parked(store)).hasSize(1);
    assertThat(f.sage.salesOrdersWithCustomerDocumentNo("CENTRA-" + gbp.number())).hasSize(1);
    Job nudged = new OrderImport(f.integration(store, f.mappings().build()), f.options().build()).nudge(ImmutableCentraWebhookEvent.builder()
        .type("order").action("update").id(Integer.toString(eur.number())).build()).orElseThrow();
    assertThat(nudged.id()).as("a webhook for it returns the parked job").isEqualTo(jobsOf(eur).get(0).id());
    assertThat(nudged.state()).isEqualTo(JobState.PARKED);

    SyncEngine fixed = engine(OrderImportOptions.Discovery.POLLING, f.mappings().build());
    fixed.replay(jobsOf(eur).get(0).id());
    SyncStatus status = drain(fixed, f.clock);

    assertThat(status.parked()).isZero();
    assertThat(f.sage.salesOrdersWithCustomerDocumentNo("CENTRA-" + eur.number())).hasSize(1);
  }

  @Test
  void anUpdateEventForAParkedOrderAddsNoJobAndTheReplayImportsTheUpdatedOrder() {
    SyncEngine engine = engine(OrderImportOptions.Discovery.EVENTS, withoutEur());
    engine.runOnce(OrderImport.NAME); // subscribes to Order events
    CentraOrder eur = f.centra.placeOrder("EUR", Map.of(SKU_A, 1, SKU_B, 2));
    drain(engine, f.clock);
    Job parkedJob = parked(store).get(0);

    // Customer service cancels a line while the order waits for a person: an Order UPDATED event.
    f.centra.cancelLine(eur.number(), SKU_B, 2);
    f.clock.advance(Duration.ofMinutes(1));
    drain(engine, f.clock);

    assertThat(f.centra.queuedEvents()).as("the update event was taken and confirmed").isZero();
    assertThat(jobsOf(eur)).singleElement().satisfies(j -> {
      assertThat(j.id()).isEqualTo(parkedJob.id());
      assertThat(j.state()).isEqualTo(JobState.PARKED);
      assertThat(j.updatedAt()).as("the job records that a newer notice came").isAfter(parkedJob.updatedAt());
    });

    SyncEngine fixed = engine(OrderImportOptions.Discovery.EVENTS, f.mappings().build());
    fixed.replay(parkedJob.id());
    drain(fixed, f.clock);

    SageSalesOrder imported = f.sage.salesOrdersWithCustomerDocumentNo("CENTRA-" + eur.number()).get(0);
    assertThat(imported.lines()).filteredOn(l -> l.sku() != null).extracting(SageSalesOrder.Line::sku)
        .as("the replay read the order as it is now").containsExactly(SKU_A);
    assertThat(jobsOf(eur)).singleElement().extracting(Job::state).isEqualTo(JobState.SUCCEEDED);
  }
}
