package io.github.centrasage.sync.despatch;

import java.util.function.Function;
import io.github.centrasage.sync.integration.Integration;
import static io.github.centrasage.sync.despatch.DespatchSandboxes.LEEDS;
import static io.github.centrasage.sync.despatch.DespatchSandboxes.TEE;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.centra.CompleteShipmentRequest;
import io.github.centrasage.centra.CreateShipmentRequest;
import io.github.centrasage.centra.Shipment;
import io.github.centrasage.centra.ShipmentLineRequest;
import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.SageSalesOrder;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sync.SyncStatus;
import io.github.centrasage.sync.despatch.DespatchSandboxes.Imported;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.stock.StockHold;
import io.github.centrasage.sync.stock.StockKey;
import io.github.centrasage.sync.stock.StockPublish;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import io.github.centrasage.sync.testing.SettableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The despatch flows and stock publishing together, checked against what Sage itself holds: Centra's
 * physical level must equal Sage's free stock plus Sage's allocations to open web orders, never a
 * figure the library's own ledger makes up.
 */
class DespatchStockTruthTest {
  final DespatchSandboxes sandboxes = new DespatchSandboxes();
  final SettableClock clock = new SettableClock();
  final InMemorySyncStateStore store = new InMemorySyncStateStore(clock);
  final String leeds = Long.toString(sandboxes.sageSandbox.ids("warehouse").get(LEEDS));
  final StockKey unit = StockKey.of(TEE, leeds);

  @AfterEach
  void stop() {
    sandboxes.close();
  }

  SyncEngine engine(Function<Integration, DespatchFlow> flow, RetrySettings retry, RetrySettings lock) {
    Mappings mappings = Mappings.builder().from(DespatchSandboxes.MAPPINGS)
        .putWarehouse(Long.toString(sandboxes.centraSandbox.ids("warehouse").get(LEEDS)), leeds).build();
    Integration link = Integration.builder().store(store).mappings(mappings).centra(sandboxes.centra)
        .sage(sandboxes.sage).build();
    DespatchFlow despatch = flow.apply(link);
    SyncEngine engine = SyncEngine.builder().store(store).clock(clock).flow(despatch).flow(new StockPublish(link))
        .retryPolicy(retry).lockRetryPolicy(lock).build();
    engine.runOnce(despatch.name()); // subscribes to Centra's events
    return engine;
  }

  static RetrySettings attempts(int n) {
    return SyncEngine.defaultRetrySettings().toBuilder().maxAttempts(n).initialDelay(Duration.ofMillis(1)).multiplier(1)
        .maxDelay(Duration.ofMillis(1)).jitter(0).build();
  }

  /** Sage's own truth for Centra: free in Leeds plus what Sage holds allocated to open web orders there. */
  int sageTruth() {
    BigDecimal allocatedToWeb = BigDecimal.ZERO;
    for (SageSalesOrder order : sandboxes.sageSandbox.salesOrders()) {
      if (order.customerDocumentNo() == null || !order.customerDocumentNo().startsWith("CENTRA-")) {
        continue;
      }
      for (SageSalesOrder.Line line : order.lines()) {
        if (TEE.equals(line.sku()) && LEEDS.equals(line.warehouse())) {
          allocatedToWeb = allocatedToWeb.add(line.allocatedQuantity());
        }
      }
    }
    return sandboxes.sageSandbox.holding(TEE, LEEDS).freeStockAvailable().add(allocatedToWeb).intValueExact();
  }

  int centraPhysical() {
    return sandboxes.centraSandbox.stock(TEE, LEEDS).physical().intValueExact();
  }

  /** What a poll does after any Sage change of the SKU: recompute and push its level. */
  void publish(SyncEngine engine) {
    store.enqueue(StockPublish.recomputeJob(unit));
    DespatchSandboxes.drain(engine, clock, StockPublish.NAME);
  }

  @Test
  void aThirdPartyShipmentReleasesItsStockSoCentraEndsEqualToSagesOwnAllocations() {
    sandboxes.stockUp(TEE, "M", 40);
    SyncEngine engine = engine(i -> new DespatchToSage(i, sandboxes.options(5)), attempts(6), attempts(6));
    publish(engine);
    Imported order = sandboxes.importOrder(store, Map.of(TEE, 5));
    publish(engine);
    assertThat(centraPhysical()).isEqualTo(sageTruth());

    sandboxes.shipInCentra(order, Map.of(TEE, 5), "DHL", "3PL-1");
    DespatchSandboxes.drain(engine, clock, DespatchToSage.NAME);
    publish(engine); // as a poll does after any later Sage change of the SKU

    assertThat(sandboxes.sageSandbox.despatches()).hasSize(1);
    assertThat(centraPhysical()).as("Centra against Sage's free stock and open web allocations").isEqualTo(sageTruth());
    assertThat(store.leaseHolder(unit.name())).as("the hold is let go").isEmpty();
  }

  @Test
  void aShipmentThatArrivesBeforeItsOrderWaitsWithoutSpendingRetriesAndGoesThroughOnceTheOrderIsImported() {
    // the default wait is 30 s
    SyncEngine engine = engine(i -> new DespatchToSage(i, sandboxes.options(5)), attempts(3), attempts(3));
    CentraOrder placed = sandboxes.centraSandbox.placeOrder("GBP", Map.of(TEE, 2));
    Shipment shipment = sandboxes.centra.shipments().create(CreateShipmentRequest.builder().orderNumber((long) placed.number())
        .lines(List.of(ShipmentLineRequest.of(placed.lines().get(0).id(), 2))).build()).value();
    sandboxes.centra.shipments().complete(CompleteShipmentRequest.builder().shipmentId(shipment.id()).carrier("DHL")
        .trackingNumber("EARLY").build());

    for (int cycle = 0; cycle < 10; cycle++) { // order import is late: ten looks, more than the retry budget
      engine.runOnce(DespatchToSage.NAME);
      clock.advance(Duration.ofSeconds(31));
    }
    assertThat(store.list(DespatchToSage.NAME, Set.of(JobState.PARKED, JobState.RETRYING), 0, 10))
        .as("waiting is not failing").isEmpty();
    assertThat(store.list(DespatchToSage.NAME, Set.of(JobState.QUEUED), 0, 10)).singleElement()
        .satisfies(j -> assertThat(j.attempts()).isZero());

    Imported order = sandboxes.importOrder(store, placed, Map.of(TEE, 2));
    clock.advance(Duration.ofSeconds(31));
    SyncStatus status = engine.runOnce(DespatchToSage.NAME);

    assertThat(status.parked()).isZero();
    assertThat(sandboxes.sageSandbox.despatches()).singleElement().satisfies(d -> {
      assertThat(d.orderId()).isEqualTo(order.sageOrderId());
      assertThat(d.consignmentNo()).isEqualTo("EARLY");
    });
    assertThat(store.openAllocations(Long.toString(order.number()))).as("the shipment released its units").isEmpty();
  }

  @Test
  void aShipmentThatNeverFindsItsOrderParksAfterTheLongestWaitWithTheReason() {
    SyncEngine engine = engine(i -> new DespatchToSage(i, DespatchOptions.builder().from(sandboxes.options(5))
        .orderWait(Duration.ofHours(1)).maxOrderWait(Duration.ofHours(3)).build()), attempts(3), attempts(3));
    CentraOrder placed = sandboxes.centraSandbox.placeOrder("GBP", Map.of(TEE, 1));
    Shipment shipment = sandboxes.centra.shipments().create(CreateShipmentRequest.builder().orderNumber((long) placed.number())
        .lines(List.of(ShipmentLineRequest.of(placed.lines().get(0).id(), 1))).build()).value();
    sandboxes.centra.shipments().complete(CompleteShipmentRequest.builder().shipmentId(shipment.id()).carrier("DHL").build());

    for (int cycle = 0; cycle < 5; cycle++) {
      engine.runOnce(DespatchToSage.NAME);
      clock.advance(Duration.ofMinutes(61));
    }

    assertThat(store.list(DespatchToSage.NAME, Set.of(JobState.PARKED), 0, 10)).singleElement()
        .satisfies(j -> assertThat(j.parkReasons()).singleElement().asString()
            .contains("Centra order " + placed.number() + " has shipments, but no Sage order since"));
  }

  @Test
  void aDespatchWaitsOutAStockPushOnTheLockScheduleInsteadOfSpendingItsRetryBudget() {
    sandboxes.stockUp(TEE, "M", 10);
    SyncEngine engine = engine(i -> new DespatchToCentra(i, sandboxes.options(20)), attempts(2), attempts(20));
    Imported order = sandboxes.importOrder(store, Map.of(TEE, 2));
    sandboxes.despatchInSage(order, Map.of(TEE, 2), "JD0001");

    try (StockHold push = StockHold.acquire(store, "stock-push", List.of(unit), Duration.ofMinutes(5))) {
      for (int cycle = 0; cycle < 5; cycle++) { // slow stock writes: the push holds the unit for five cycles
        engine.runOnce(DespatchToCentra.NAME);
        clock.advance(Duration.ofSeconds(1));
      }
      assertThat(store.list(DespatchToCentra.NAME, Set.of(JobState.PARKED), 0, 10))
          .as("contention is not a failed write").isEmpty();
    }
    DespatchSandboxes.drain(engine, clock, DespatchToCentra.NAME);

    assertThat(sandboxes.centraSandbox.shipments((int) order.number())).singleElement()
        .satisfies(s -> assertThat(s.isShipped()).isTrue());
    assertThat(store.list(DespatchToCentra.NAME, Set.of(JobState.SUCCEEDED), 0, 10)).singleElement()
        .satisfies(j -> assertThat(j.transientAttempts()).as("contention spent no transient attempt").isEqualTo(1));
  }
}
