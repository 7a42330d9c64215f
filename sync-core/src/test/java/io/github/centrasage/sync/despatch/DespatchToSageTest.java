package io.github.centrasage.sync.despatch;

import static io.github.centrasage.sync.despatch.DespatchSandboxes.HOODIE;
import static io.github.centrasage.sync.despatch.DespatchSandboxes.TEE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.centrasage.centra.CompleteShipmentRequest;
import io.github.centrasage.centra.CreateShipmentRequest;
import io.github.centrasage.centra.ShipmentLineRequest;
import io.github.centrasage.centra.Shipment;
import io.github.centrasage.sandbox.Fault;
import io.github.centrasage.sandbox.FaultScope;
import io.github.centrasage.sandbox.SageDespatch;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.SyncStatus;
import io.github.centrasage.sync.despatch.DespatchSandboxes.Imported;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.stock.StockBusyException;
import io.github.centrasage.sync.stock.StockHold;
import io.github.centrasage.sync.stock.StockKey;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import io.github.centrasage.sync.testing.SettableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DespatchToSage against both sandboxes with the real clients. */
class DespatchToSageTest {
  final DespatchSandboxes sandboxes = new DespatchSandboxes();
  final SettableClock clock = new SettableClock();
  final InMemorySyncStateStore store = new InMemorySyncStateStore(clock);

  @AfterEach
  void stop() {
    sandboxes.close();
  }

  /** An engine whose first cycle has subscribed to Centra's shipment events (Centra queues events only after that). */
  SyncEngine engine(int lockAttempts) {
    SyncEngine engine = sandboxes.engine(store, clock).flow(new DespatchToSage(sandboxes.integration(store), sandboxes.options(lockAttempts))).build();
    engine.runOnce(DespatchToSage.NAME);
    return engine;
  }

  List<SageDespatch> despatchesOf(Imported order) {
    return sandboxes.sageSandbox.despatches().stream().filter(d -> d.orderId() == order.sageOrderId()).toList();
  }

  static SyncStatus drain(SyncEngine engine, SettableClock clock) {
    return DespatchSandboxes.drain(engine, clock, DespatchToSage.NAME);
  }

  @Test
  void confirmsACompletedCentraShipmentInSageWithCourierAndTrackingOnce() {
    SyncEngine engine = engine(5);
    Imported order = sandboxes.importOrder(store, Map.of(TEE, 2));
    sandboxes.shipInCentra(order, Map.of(TEE, 2), "DHL", "JD0001");

    engine.runOnce(DespatchToSage.NAME);
    sandboxes.shipInCentra(sandboxes.importOrder(store, Map.of(HOODIE, 1)), Map.of(HOODIE, 1), "DHL", "JD0002");
    engine.runOnce(DespatchToSage.NAME); // a later event of another order brings nothing new for this one

    assertThat(despatchesOf(order)).singleElement().satisfies(d -> {
      assertThat(d.consignmentNo()).isEqualTo("JD0001");
      assertThat(d.quantities()).containsOnly(Map.entry(TEE, new BigDecimal("2")));
    });
    assertThat(sandboxes.sage.despatches().views().list(io.github.centrasage.sage200.ODataQuery.where(
        io.github.centrasage.sage200.ODataFilter.eq("sop_order_id", order.sageOrderId()))))
        .singleElement().satisfies(v -> {
          assertThat(v.sopDespatchCourierName()).contains("DHL Express");
          assertThat(v.sopDespatchNotes()).contains("Centra shipment " + order.number() + "-1");
        });
    assertThat(sandboxes.centraSandbox.queuedEvents()).as("events confirmed after the jobs were stored").isZero();
  }

  @Test
  void aShipmentEventWithoutAnOrderNumberIsParkedNotDropped() {
    SyncEngine engine = engine(5);
    Imported order = sandboxes.importOrder(store, Map.of(TEE, 2));
    Shipment shipment = sandboxes.shipInCentra(order, Map.of(TEE, 2), "DHL", "JD0001");
    sandboxes.centraSandbox.renumberShipment(shipment.id(), "SHIP-77");

    engine.runOnce(DespatchToSage.NAME);
    SyncStatus status = engine.runOnce(DespatchToSage.NAME);

    assertThat(status.parked()).isEqualTo(1);
    Job parked = store.list(DespatchToSage.NAME, Set.of(JobState.PARKED), 0, 10).get(0);
    assertThat(parked.key()).isEqualTo("shipment:" + shipment.id());
    assertThat(parked.parkReasons()).singleElement().asString()
        .contains("Centra shipment " + shipment.id(), "'SHIP-77'", "DespatchToSage.jobFor");
    assertThat(sandboxes.centraSandbox.queuedEvents()).isZero();
    assertThat(despatchesOf(order)).isEmpty();
  }

  @Test
  void theDespatchDateIsTheShipmentsDayInTheUk() {
    SyncEngine engine = engine(5);
    Imported order = sandboxes.importOrder(store, Map.of(TEE, 1));
    Shipment created = sandboxes.centra.shipments().create(CreateShipmentRequest.builder().orderNumber(order.number())
        .addLines(ShipmentLineRequest.of(order.centraLineIds().get(TEE), 1)).build()).value();
    // 00:30 BST on 1 July is 23:30 UTC on 30 June
    sandboxes.centra.shipments().complete(CompleteShipmentRequest.builder().shipmentId(created.id()).carrier("DHL")
        .trackingNumber("JD0001").packagesNumber(1).shippedAt(OffsetDateTime.parse("2024-06-30T23:30:00Z")).build());

    engine.runOnce(DespatchToSage.NAME);

    assertThat(despatchesOf(order)).singleElement().satisfies(d -> assertThat(
        LocalDate.ofInstant(d.despatchDate(), ZoneOffset.UTC)).isEqualTo(LocalDate.of(2024, 7, 1)));
  }

  @Test
  void confirmsPartialShipmentsOneDespatchEach() {
    SyncEngine engine = engine(5);
    Imported order = sandboxes.importOrder(store, Map.of(TEE, 3, HOODIE, 1));

    sandboxes.shipInCentra(order, Map.of(TEE, 1), "DHL", "P1");
    engine.runOnce(DespatchToSage.NAME);
    sandboxes.shipInCentra(order, Map.of(TEE, 2, HOODIE, 1), "DHL", "P2");
    engine.runOnce(DespatchToSage.NAME);

    assertThat(despatchesOf(order)).extracting(SageDespatch::consignmentNo, SageDespatch::quantities).containsExactly(
        org.assertj.core.groups.Tuple.tuple("P1", Map.of(TEE, new BigDecimal("1"))),
        org.assertj.core.groups.Tuple.tuple("P2", Map.of(TEE, new BigDecimal("2"), HOODIE, new BigDecimal("1"))));
    assertThat(sandboxes.sageSandbox.salesOrders().stream().filter(o -> o.id() == order.sageOrderId()).findFirst()
        .orElseThrow().despatchReceiptStatus()).isEqualTo("EnumDocumentStatusComplete");
  }

  @Test
  void aLockHeldForThreeAttemptsIsRetriedOnTheLockScheduleAndAppliedExactlyOnce() {
    SyncEngine engine = engine(5);
    Imported order = sandboxes.importOrder(store, Map.of(TEE, 2));
    sandboxes.shipInCentra(order, Map.of(TEE, 2), "DHL", "JD0001");
    sandboxes.sageSandbox.lockOrder(order.documentNo(), 3);

    SyncStatus first = engine.runOnce(DespatchToSage.NAME);
    assertThat(first.retrying()).isEqualTo(1);
    SyncStatus status = drain(engine, clock);

    assertThat(status.succeeded()).isEqualTo(1);
    assertThat(despatchesOf(order)).hasSize(1);
    Job job = store.list(DespatchToSage.NAME, Set.of(JobState.SUCCEEDED), 0, 10).get(0);
    assertThat(job.lockedAttempts()).isEqualTo(3);
    assertThat(job.transientAttempts()).as("locks do not use the transient budget").isEqualTo(1);
  }

  @Test
  void aLockNeverReleasedParksTheJobWithTheOrderAndOneReplayAppliesItOnce() {
    SyncEngine engine = engine(4);
    Imported order = sandboxes.importOrder(store, Map.of(TEE, 2));
    sandboxes.shipInCentra(order, Map.of(TEE, 2), "DHL", "JD0001");
    sandboxes.sageSandbox.lockOrder(order.documentNo());

    SyncStatus status = drain(engine, clock);

    assertThat(status.parked()).isEqualTo(1);
    Job parked = store.list(DespatchToSage.NAME, Set.of(JobState.PARKED), 0, 10).get(0);
    assertThat(parked.attempts()).isEqualTo(4);
    assertThat(parked.reference()).isEqualTo(Long.toString(order.number()));
    assertThat(parked.parkReasons()).singleElement().asString()
        .contains("locked in Sage", order.documentNo(), "Centra order " + order.number());
    assertThat(despatchesOf(order)).isEmpty();

    sandboxes.sageSandbox.releaseOrder(order.documentNo());
    engine.replay(parked.id());
    engine.runOnce(DespatchToSage.NAME);
    engine.replay(parked.id()); // a second click finds nothing parked
    engine.runOnce(DespatchToSage.NAME);

    assertThat(store.job(parked.id()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(despatchesOf(order)).hasSize(1);
  }

  @Test
  void aConfirmationWhoseAnswerIsLostIsNotMadeAgain() {
    SyncEngine engine = engine(5);
    Imported order = sandboxes.importOrder(store, Map.of(TEE, 2));
    sandboxes.shipInCentra(order, Map.of(TEE, 2), "DHL", "JD0001");
    sandboxes.sageSandbox.faults().inject(Fault.resetAfterCommit(), FaultScope.nextCalls(1).on("POST /sop_confirm_despatch"));

    SyncStatus status = drain(engine, clock);

    assertThat(status.succeeded()).isEqualTo(1);
    assertThat(despatchesOf(order)).hasSize(1);
    assertThat(sandboxes.sageSandbox.requestCount("POST /sop_confirm_despatch")).isEqualTo(1);
  }

  @Test
  void aShipmentThatDoesNotFitTheSageOrderIsParkedWithTheReason() {
    SyncEngine engine = engine(5);
    Imported order = sandboxes.importOrder(store, Map.of(TEE, 2));
    sandboxes.shipInCentra(order, Map.of(TEE, 2), "UPS", "1Z999");

    SyncStatus status = engine.runOnce(DespatchToSage.NAME);

    assertThat(status.parked()).isEqualTo(1);
    assertThat(store.list(DespatchToSage.NAME, Set.of(JobState.PARKED), 0, 10).get(0).parkReasons())
        .containsExactly("Centra shipment " + order.number() + "-1 of order " + order.number()
            + ": carrier 'UPS' has no Sage courier (DespatchOptions.sageCourierIds)");
    assertThat(despatchesOf(order)).isEmpty();
  }

  @Test
  void findsTheSageOrderByCustomerDocumentNoWhenTheBindingIsMissing() {
    SyncEngine engine = engine(5);
    Imported order = sandboxes.importOrder(store, Map.of(TEE, 1));
    store.unbind("order", Long.toString(order.number()));
    Shipment shipped = sandboxes.shipInCentra(order, Map.of(TEE, 1), "DHL", "X1");
    assertThat(shipped.isShipped()).isTrue();

    SyncStatus status = engine.runOnce(DespatchToSage.NAME);

    assertThat(status.succeeded()).isEqualTo(1);
    assertThat(despatchesOf(order)).hasSize(1);
  }

  @Test
  void aLineCancelledInCentraBeforeDespatchLowersTheSageOrderAndReleasesTheLedger() {
    SyncEngine engine = engine(5);
    Imported order = sandboxes.importOrder(store, Map.of(TEE, 3, HOODIE, 1));
    sandboxes.centraSandbox.cancelLine((int) order.number(), TEE, 2);
    sandboxes.shipInCentra(order, Map.of(TEE, 1, HOODIE, 1), "DHL", "JD0001");

    SyncStatus status = engine.runOnce(DespatchToSage.NAME);
    engine.runOnce(DespatchToSage.NAME);

    assertThat(status.succeeded()).isEqualTo(1);
    assertThat(sandboxes.sageSandbox.salesOrders().stream().filter(o -> o.id() == order.sageOrderId()).findFirst()
        .orElseThrow().lines()).filteredOn(l -> TEE.equals(l.sku())).singleElement().satisfies(l -> {
          assertThat(l.lineQuantity()).isEqualByComparingTo("1");
          assertThat(l.despatchedQuantity()).isEqualByComparingTo("1");
        });
    assertThat(despatchesOf(order)).singleElement()
        .satisfies(d -> assertThat(d.quantities()).containsOnly(Map.entry(TEE, BigDecimal.ONE), Map.entry(HOODIE, BigDecimal.ONE)));
    assertThat(store.allocatedQuantity(TEE, Long.toString(sandboxes.sageSandbox.ids("warehouse").get(DespatchSandboxes.LEEDS))))
        .as("3 recorded, 2 released by the cancellation, 1 by the shipment")
        .isEqualByComparingTo("0");
    assertThat(store.list("StockPublish", Set.of(), 0, 10)).as("one recompute per unit moved, saying what Centra shipped")
        .extracting(Job::payload).containsExactly("recompute shipped 1", "recompute shipped 1");
  }

  @Test
  void aCancellationKeepsTheStockUnitsHeldFromTheSageAmendmentUntilTheLedgerIsReleased() {
    SyncEngine engine = engine(5);
    Imported order = sandboxes.importOrder(store, Map.of(TEE, 3));
    sandboxes.centraSandbox.cancelLine((int) order.number(), TEE, 2);
    sandboxes.shipInCentra(order, Map.of(TEE, 1), "DHL", "JD0001");
    String leeds = Long.toString(sandboxes.sageSandbox.ids("warehouse").get(DespatchSandboxes.LEEDS));
    List<StockKey> unit = List.of(StockKey.of(TEE, leeds));
    // Sage applies the amendment, the answer is lost: Sage's free stock is up, the ledger still holds the 2 units
    sandboxes.sageSandbox.faults().inject(Fault.resetAfterCommit(), FaultScope.nextCalls(1).on("PUT /sop_orders/{id}"));

    SyncStatus failed = engine.runOnce(DespatchToSage.NAME);

    assertThat(failed.retrying()).isEqualTo(1);
    assertThat(sandboxes.sageSandbox.salesOrders().stream().filter(o -> o.id() == order.sageOrderId()).findFirst()
        .orElseThrow().lines()).filteredOn(l -> TEE.equals(l.sku())).singleElement()
        .satisfies(l -> assertThat(l.lineQuantity()).isEqualByComparingTo("1"));
    assertThat(store.allocatedQuantity(TEE, leeds)).isEqualByComparingTo("3");
    assertThatThrownBy(() -> StockHold.acquire(store, "stock-push", unit, Duration.ofMinutes(1)))
        .as("a stock push in the gap would publish 2 units too many").isInstanceOf(StockBusyException.class);

    drain(engine, clock);

    assertThat(store.allocatedQuantity(TEE, leeds)).as("2 released by the cancellation, 1 by the shipment")
        .isEqualByComparingTo("0");
    try (StockHold push = StockHold.acquire(store, "stock-push", unit, Duration.ofMinutes(1))) {
      assertThat(push.keys()).containsExactlyElementsOf(unit);
    }
    assertThat(store.list("StockPublish", Set.of(), 0, 10)).singleElement()
        .satisfies(j -> assertThat(j.payload()).isEqualTo("recompute shipped 1"));
  }

  @Test
  void aCancellationIsReportedForAPersonWhenAmendingIsOffAndTheDespatchStillGoesThrough() {
    InMemorySyncStateStore reportStore = store;
    SyncEngine engine = sandboxes.engine(reportStore, clock).flow(new DespatchToSage(sandboxes.integration(reportStore), DespatchOptions.builder()
        .from(sandboxes.options(5)).amendCancelledLines(false).build())).build();
    engine.runOnce(DespatchToSage.NAME);
    Imported order = sandboxes.importOrder(store, Map.of(TEE, 3));
    sandboxes.centraSandbox.cancelLine((int) order.number(), TEE, 2);
    sandboxes.shipInCentra(order, Map.of(TEE, 1), "DHL", "JD0001");

    SyncStatus status = engine.runOnce(DespatchToSage.NAME);

    assertThat(status.parked()).isEqualTo(1);
    assertThat(store.list(DespatchToSage.NAME, Set.of(JobState.PARKED), 0, 10).get(0).parkReasons()).containsExactly(
        "Centra order " + order.number() + ": 2 x " + TEE + " cancelled in Centra; Sage sales order " + order.documentNo()
            + " still orders 3 (Centra 1): amend it in Sage, then replay");
    assertThat(despatchesOf(order)).hasSize(1);
  }

  @Test
  void anAmendmentBlockedByALockWaitsOnTheLockSchedule() {
    SyncEngine engine = engine(5);
    Imported order = sandboxes.importOrder(store, Map.of(TEE, 3));
    sandboxes.centraSandbox.cancelLine((int) order.number(), TEE, 1);
    sandboxes.shipInCentra(order, Map.of(TEE, 2), "DHL", "JD0001");
    sandboxes.sageSandbox.lockOrder(order.documentNo(), 2);

    SyncStatus status = drain(engine, clock);

    assertThat(status.succeeded()).isEqualTo(1);
    assertThat(store.list(DespatchToSage.NAME, Set.of(JobState.SUCCEEDED), 0, 10).get(0).lockedAttempts()).isEqualTo(2);
    assertThat(despatchesOf(order)).singleElement()
        .satisfies(d -> assertThat(d.quantities()).containsOnly(Map.entry(TEE, new BigDecimal("2"))));
  }

  @Test
  void aShipmentCompletedBeforeTheFlowSubscribedIsConfirmedOnceItsJobIsEnqueued() {
    Imported order = sandboxes.importOrder(store, Map.of(TEE, 1));
    sandboxes.shipInCentra(order, Map.of(TEE, 1), "DHL", "EARLY");
    SyncEngine engine = engine(5);
    assertThat(despatchesOf(order)).as("Centra queued no event before the subscription").isEmpty();

    store.enqueue(DespatchToSage.jobFor(order.number()));
    engine.runOnce(DespatchToSage.NAME);

    assertThat(despatchesOf(order)).singleElement().extracting(SageDespatch::consignmentNo).isEqualTo("EARLY");
  }

  @Test
  void waitsForOrderImportWhileTheSageOrderDoesNotExistYet() {
    SyncEngine engine = engine(5);
    io.github.centrasage.sandbox.CentraOrder placed = sandboxes.centraSandbox.placeOrder("GBP", Map.of(TEE, 1));
    Imported notYetInSage = new Imported(placed.number(), placed.id(), 0, "", Map.of(TEE, placed.lines().get(0).id()));
    sandboxes.shipInCentra(notYetInSage, Map.of(TEE, 1), "DHL", "LATE");

    SyncStatus waiting = engine.runOnce(DespatchToSage.NAME);
    assertThat(waiting.retrying()).as("waiting for the order is not a failure").isZero();
    assertThat(waiting.queued()).isEqualTo(1);

    long sageOrderId = sandboxes.sage.salesOrders().create(io.github.centrasage.sage200.model.NewSalesOrder.builder()
        .customerId(sandboxes.sageSandbox.ids("customer").get("WEBGBP")).customerDocumentNo("CENTRA-" + placed.number())
        .addLines(io.github.centrasage.sage200.model.NewSalesOrderLine.standard(sandboxes.sageSandbox.ids("product").get(TEE),
            sandboxes.sageSandbox.ids("warehouse").get(DespatchSandboxes.LEEDS), BigDecimal.ONE).build())
        .build()).id();
    SyncStatus status = drain(engine, clock);

    assertThat(status.parked()).isZero();
    assertThat(sandboxes.sageSandbox.despatches()).singleElement().satisfies(d -> {
      assertThat(d.orderId()).isEqualTo(sageOrderId);
      assertThat(d.consignmentNo()).isEqualTo("LATE");
    });
  }
}
