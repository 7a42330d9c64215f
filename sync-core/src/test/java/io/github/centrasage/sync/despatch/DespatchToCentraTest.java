package io.github.centrasage.sync.despatch;

import static io.github.centrasage.sync.despatch.DespatchSandboxes.HOODIE;
import static io.github.centrasage.sync.despatch.DespatchSandboxes.LEEDS;
import static io.github.centrasage.sync.despatch.DespatchSandboxes.TEE;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.sandbox.CentraShipment;
import io.github.centrasage.sandbox.Fault;
import io.github.centrasage.sandbox.FaultScope;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.SyncStatus;
import io.github.centrasage.sync.despatch.DespatchSandboxes.Imported;
import io.github.centrasage.sync.store.Allocation;
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

/** DespatchToCentra against both sandboxes with the real clients. */
class DespatchToCentraTest {
  final DespatchSandboxes sandboxes = new DespatchSandboxes();
  final SettableClock clock = new SettableClock();
  final InMemorySyncStateStore store = new InMemorySyncStateStore(clock);
  final String leeds = Long.toString(sandboxes.sageSandbox.ids("warehouse").get(LEEDS));

  @AfterEach
  void stop() {
    sandboxes.close();
  }

  SyncEngine engine(DespatchOptions options) {
    return sandboxes.engine(store, clock).flow(new DespatchToCentra(sandboxes.integration(store), options)).build();
  }

  SyncStatus drain(SyncEngine engine) {
    return DespatchSandboxes.drain(engine, clock, DespatchToCentra.NAME);
  }

  @Test
  void aSageDespatchCreatesAndCompletesTheCentraShipmentWithCarrierServiceTrackingAndCapture() {
    Imported order = sandboxes.importOrder(store, Map.of(TEE, 2));
    sandboxes.despatchInSage(order, Map.of(TEE, 2), "JD0001");
    SyncEngine engine = engine(DespatchOptions.builder().from(sandboxes.options(5))
        .putCentraCarriers("DHL Express", "DHL").putCentraServices("DHL Express", "Express").captureOnDespatch(true)
        .build());

    SyncStatus status = engine.runOnce(DespatchToCentra.NAME);
    engine.runOnce(DespatchToCentra.NAME); // the overlap reads the despatch again: nothing new

    assertThat(status.succeeded()).isEqualTo(1);
    assertThat(sandboxes.centraSandbox.shipments((int) order.number())).singleElement().satisfies(s -> {
      assertThat(s.isShipped()).isTrue();
      assertThat(s.isCaptured()).isTrue();
      assertThat(s.carrier()).isEqualTo("DHL");
      assertThat(s.trackingNumber()).isEqualTo("JD0001");
      assertThat(s.quantities()).containsOnly(Map.entry(TEE, 2));
    });
    assertThat(store.openAllocations(Long.toString(order.number()))).as("ledger released").isEmpty();
    assertThat(store.list("StockPublish", Set.of(), 0, 10)).singleElement().satisfies(j -> {
      assertThat(j.key()).isEqualTo("stock:" + TEE + "@" + leeds);
      assertThat(j.payload()).as("Centra's shipment lowered its level by 2 already").isEqualTo("recompute shipped 2");
      assertThat(j.reference()).isEqualTo(TEE);
    });
    assertThat(store.list(DespatchToCentra.NAME, Set.of(), 0, 10)).hasSize(1);
  }

  @Test
  void partialDespatchesBecomePartialShipmentsAndReleaseOnlyWhatLeft() {
    Imported order = sandboxes.importOrder(store, Map.of(TEE, 3, HOODIE, 1));
    SyncEngine engine = engine(sandboxes.options(5));

    sandboxes.despatchInSage(order, Map.of(TEE, 1), "P1");
    engine.runOnce(DespatchToCentra.NAME);
    assertThat(store.openAllocations(Long.toString(order.number()))).containsExactlyInAnyOrder(
        Allocation.of(TEE, leeds, new BigDecimal("2")), Allocation.of(HOODIE, leeds, new BigDecimal("1")));

    sandboxes.despatchInSage(order, Map.of(TEE, 2, HOODIE, 1), "P2");
    engine.runOnce(DespatchToCentra.NAME);

    List<CentraShipment> shipments = sandboxes.centraSandbox.shipments((int) order.number());
    assertThat(shipments).extracting(CentraShipment::trackingNumber, CentraShipment::quantities).containsExactly(
        org.assertj.core.groups.Tuple.tuple("P1", Map.of(TEE, 1)),
        org.assertj.core.groups.Tuple.tuple("P2", Map.of(TEE, 2, HOODIE, 1)));
    assertThat(shipments).allMatch(CentraShipment::isShipped);
    assertThat(store.openAllocations(Long.toString(order.number()))).isEmpty();
  }

  @Test
  void aShipmentCreatedWithoutAnAnswerIsFoundAndCompletedNotCreatedAgain() {
    Imported order = sandboxes.importOrder(store, Map.of(TEE, 2));
    sandboxes.despatchInSage(order, Map.of(TEE, 2), "JD0001");
    sandboxes.centraSandbox.faults().inject(Fault.resetAfterCommit(), FaultScope.nextCalls(1).on("createShipment"));
    sandboxes.centraSandbox.faults().inject(Fault.httpStatus(503), FaultScope.nextCalls(1).on("completeShipment"));
    SyncEngine engine = engine(sandboxes.options(5));

    SyncStatus status = drain(engine);

    assertThat(status.succeeded()).isEqualTo(1);
    assertThat(sandboxes.centraSandbox.shipments((int) order.number())).singleElement()
        .satisfies(s -> assertThat(s.isShipped()).isTrue());
    assertThat(sandboxes.centraSandbox.requestCount("createShipment")).isEqualTo(1);
  }

  @Test
  void despatchesConfirmedFromCentraAreNotSentBack() {
    Imported order = sandboxes.importOrder(store, Map.of(TEE, 2));
    SyncEngine engine = sandboxes.engine(store, clock).flow(new DespatchToSage(sandboxes.integration(store), sandboxes.options(5)))
        .flow(new DespatchToCentra(sandboxes.integration(store), sandboxes.options(5))).build();
    engine.runOnce(DespatchToSage.NAME);
    sandboxes.shipInCentra(order, Map.of(TEE, 2), "DHL", "JD0001");

    engine.runOnce(DespatchToSage.NAME);
    engine.runOnce(DespatchToCentra.NAME);
    engine.runOnce(DespatchToSage.NAME);

    assertThat(sandboxes.sageSandbox.despatches()).hasSize(1);
    assertThat(sandboxes.centraSandbox.shipments((int) order.number())).hasSize(1);
    assertThat(store.list(DespatchToCentra.NAME, Set.of(), 0, 10)).isEmpty();
  }

  @Test
  void aDespatchLargerThanWhatCentraStillHasToShipIsParkedWithTheReason() {
    Imported order = sandboxes.importOrder(store, Map.of(TEE, 2));
    sandboxes.shipInCentra(order, Map.of(TEE, 1), "DHL", "3PL-1"); // shipped in Centra, not yet confirmed in Sage
    sandboxes.despatchInSage(order, Map.of(TEE, 2), "JD0001");
    SyncEngine engine = engine(sandboxes.options(5));

    SyncStatus status = engine.runOnce(DespatchToCentra.NAME);

    assertThat(status.parked()).isEqualTo(1);
    Job parked = store.list(DespatchToCentra.NAME, Set.of(JobState.PARKED), 0, 10).get(0);
    assertThat(parked.parkReasons()).singleElement().asString()
        .contains("1 x " + TEE, "more than Centra order " + order.number() + " still has to ship");
  }

  @Test
  void aParkedDespatchStaysOneParkedJobWhileDiscoveryKeepsSeeingIt() {
    Imported order = sandboxes.importOrder(store, Map.of(TEE, 2));
    sandboxes.shipInCentra(order, Map.of(TEE, 1), "DHL", "3PL-1");
    sandboxes.despatchInSage(order, Map.of(TEE, 2), "JD0001");
    SyncEngine engine = engine(sandboxes.options(5));

    engine.runOnce(DespatchToCentra.NAME);
    engine.runOnce(DespatchToCentra.NAME); // the despatch is still inside the id overlap
    SyncStatus status = engine.runOnce(DespatchToCentra.NAME);

    assertThat(status.parked()).isEqualTo(1);
    assertThat(status.queued() + status.retrying() + status.succeeded()).isZero();
  }

  @Test
  void startsAfterTheNewestDespatchByDefault() {
    Imported order = sandboxes.importOrder(store, Map.of(TEE, 2, HOODIE, 1));
    sandboxes.despatchInSage(order, Map.of(TEE, 2), "OLD");
    SyncEngine engine = engine(DespatchOptions.builder().putSageCourierIds("DHL", sandboxes.dhl).build());

    engine.runOnce(DespatchToCentra.NAME);
    sandboxes.despatchInSage(order, Map.of(HOODIE, 1), "NEW");
    engine.runOnce(DespatchToCentra.NAME);

    assertThat(sandboxes.centraSandbox.shipments((int) order.number())).extracting(CentraShipment::trackingNumber)
        .containsExactly("NEW");
  }

  @Test
  void waitsWhileAStockPushHoldsTheUnitsSoNoStaleLevelOvertakesTheShipment() {
    Imported order = sandboxes.importOrder(store, Map.of(TEE, 2));
    sandboxes.despatchInSage(order, Map.of(TEE, 2), "JD0001");
    SyncEngine engine = engine(sandboxes.options(5));
    StockKey unit = StockKey.of(TEE, leeds);

    try (StockHold push = StockHold.acquire(store, "stock-push", List.of(unit), Duration.ofMinutes(5))) {
      SyncStatus held = engine.runOnce(DespatchToCentra.NAME);
      assertThat(held.retrying()).isEqualTo(1);
      assertThat(sandboxes.centraSandbox.shipments((int) order.number())).allMatch(s -> !s.isShipped());
      assertThat(store.openAllocations(Long.toString(order.number()))).as("nothing released under another's hold")
          .isNotEmpty();
    }
    SyncStatus status = drain(engine);

    assertThat(status.succeeded()).isEqualTo(1);
    assertThat(sandboxes.centraSandbox.shipments((int) order.number())).singleElement()
        .satisfies(s -> assertThat(s.isShipped()).isTrue());
    assertThat(store.list(StockPublish.NAME, Set.of(), 0, 10)).extracting(Job::key).containsExactly(unit.name());
    assertThat(store.leaseHolder(unit.name())).as("the despatch let go of its hold").isEmpty();
  }
}
