package io.github.centrasage.sync.despatch;

import static io.github.centrasage.sync.despatch.DespatchSandboxes.HOODIE;
import static io.github.centrasage.sync.despatch.DespatchSandboxes.TEE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.centrasage.centra.Shipment;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.model.OrderDespatchView;
import io.github.centrasage.sandbox.Fault;
import io.github.centrasage.sandbox.FaultScope;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sync.SyncStatus;
import io.github.centrasage.sync.despatch.DespatchSandboxes.Imported;
import io.github.centrasage.sync.despatch.internal.DespatchMarkers;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import io.github.centrasage.sync.store.JdbcSyncStateStore;
import io.github.centrasage.sync.testing.SettableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Despatch confirmations under record locks, transient faults, lost answers and an engine restart. */
class DespatchUnderFaultsTest {
  static final long SEED = 20261126L;

  final DespatchSandboxes sandboxes = new DespatchSandboxes();
  @TempDir Path dir;

  @AfterEach
  void stop() {
    sandboxes.close();
  }

  /** How many Sage despatches name each Centra shipment number. */
  Map<String, Long> confirmationsPerShipment() {
    List<OrderDespatchView> views;
    try (var stream = sandboxes.sage.despatches().views().stream(ODataQuery.all())) {
      views = stream.collect(Collectors.toList());
    }
    return views.stream().map(v -> DespatchMarkers.centraShipmentIn(v.sopDespatchNotes()))
        .flatMap(Optional::stream).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  @Test
  void twoHundredShipmentsWithLockedOrdersAndTransientFaultsAreEachConfirmedExactlyOnce() {
    Random random = new Random(SEED);
    SettableClock clock = new SettableClock();
    InMemorySyncStateStore store = new InMemorySyncStateStore(clock);
    SyncEngine engine = sandboxes.engine(store, clock).flow(new DespatchToSage(sandboxes.integration(store), sandboxes.options(4))).build();
    engine.runOnce(DespatchToSage.NAME); // subscribes to shipment events
    sandboxes.stockUp(TEE, "M", 500);
    sandboxes.stockUp(HOODIE, "L", 500);

    List<Imported> orders = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      orders.add(sandboxes.importOrder(store, Map.of(TEE, 1, HOODIE, 1)));
    }
    Set<String> locked = new HashSet<>();
    for (Imported order : orders) {
      if (random.nextInt(100) < 20) {
        // some locks clear within the schedule, some outlast it and park the job
        sandboxes.sageSandbox.lockOrder(order.documentNo(), 1 + random.nextInt(6));
        locked.add(order.documentNo());
      }
    }
    List<String> shipped = new ArrayList<>();
    String[] operations = {"POST /sop_confirm_despatch", "GET /sop_order_despatch_views", "GET /sop_orders/{id}",
        "order", "events", "confirmEvents"};
    // two shipments per order (partial, then the rest), shipped in random order between engine cycles
    List<Object[]> toShip = new ArrayList<>();
    for (Imported order : orders) {
      toShip.add(new Object[] {order, TEE});
      toShip.add(new Object[] {order, HOODIE});
    }
    java.util.Collections.shuffle(toShip, random);
    int cursor = 0;
    while (cursor < toShip.size()) {
      for (int n = 1 + random.nextInt(12); n > 0 && cursor < toShip.size(); n--, cursor++) {
        Imported order = (Imported) toShip.get(cursor)[0];
        Shipment s = sandboxes.shipInCentra(order, Map.of((String) toShip.get(cursor)[1], 1), "DHL", "T" + cursor);
        shipped.add(s.number().orElseThrow());
      }
      String operation = operations[random.nextInt(operations.length)];
      Fault fault = random.nextBoolean() ? Fault.httpStatus(503)
          : operation.startsWith("POST") ? Fault.resetAfterCommit() : Fault.connectionReset();
      boolean centraOp = !operation.contains("/");
      (centraOp ? sandboxes.centraSandbox.faults() : sandboxes.sageSandbox.faults())
          .inject(fault, FaultScope.nextCalls(1 + random.nextInt(2)).on(operation));
      engine.runOnce(DespatchToSage.NAME);
      clock.advance(Duration.ofSeconds(1));
    }
    sandboxes.sageSandbox.faults().clear();
    sandboxes.centraSandbox.faults().clear();
    SyncStatus status = DespatchToSageTest.drain(engine, clock);

    // a person closes the orders in Sage and replays what was parked
    locked.forEach(sandboxes.sageSandbox::releaseOrder);
    List<Job> parked = store.list(DespatchToSage.NAME, Set.of(JobState.PARKED), 0, 1000);
    // a job parks on a Sage lock, or while another order's despatch of the same SKU still holds the stock
    // units after an ambiguous confirmation (its retry releases them)
    assertThat(parked).allSatisfy(j -> assertThat(j.parkReasons()).singleElement().asString()
        .containsAnyOf("locked in Sage", "is held by despatch:"));
    parked.forEach(j -> engine.replay(j.id()));
    status = DespatchToSageTest.drain(engine, clock);

    assertThat(shipped).hasSize(200);
    assertThat(status.parked()).isZero();
    Map<String, Long> confirmations = confirmationsPerShipment();
    assertThat(confirmations.keySet()).as("0 confirmations lost").containsExactlyInAnyOrderElementsOf(shipped);
    assertThat(confirmations.values()).as("0 confirmations applied twice").containsOnly(1L);
    assertThat(sandboxes.sageSandbox.salesOrders()).allSatisfy(o ->
        assertThat(o.despatchReceiptStatus()).isEqualTo("EnumDocumentStatusComplete"));
    assertThat(parked).as("some locks outlasted the schedule").isNotEmpty();
  }

  @Test
  void aJobInTheMiddleOfALockBackoffIsAppliedByANewEngineOnTheSameStore() {
    Path file = dir.resolve("sync");
    RetrySettings lockSchedule = SyncEngine.defaultRetrySettings().toBuilder().maxAttempts(10).initialDelay(Duration.ofMillis(200))
        .multiplier(1).maxDelay(Duration.ofMillis(200)).jitter(0).build();
    DespatchOptions options = DespatchOptions.builder().from(sandboxes.options(10)).lockRetryPolicy(lockSchedule).build();
    Imported order;
    long jobId;
    try (JdbcSyncStateStore store = JdbcSyncStateStore.embeddedH2(file);
        SyncEngine engine = sandboxes.engine(store, Clock.systemUTC()).flow(new DespatchToSage(sandboxes.integration(store), options)).build()) {
      engine.runOnce(DespatchToSage.NAME);
      order = sandboxes.importOrder(store, Map.of(TEE, 2));
      sandboxes.shipInCentra(order, Map.of(TEE, 2), "DHL", "JD0001");
      sandboxes.sageSandbox.lockOrder(order.documentNo());

      engine.runOnce(DespatchToSage.NAME);

      Job waiting = store.list(DespatchToSage.NAME, Set.of(JobState.RETRYING), 0, 10).get(0);
      assertThat(waiting.lockedAttempts()).isEqualTo(1);
      jobId = waiting.id();
    }
    sandboxes.sageSandbox.releaseOrder(order.documentNo());

    try (JdbcSyncStateStore store = JdbcSyncStateStore.embeddedH2(file);
        SyncEngine engine = sandboxes.engine(store, Clock.systemUTC()).flow(new DespatchToSage(sandboxes.integration(store), options)).build()) {
      await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(25)).until(() -> {
        engine.runOnce(DespatchToSage.NAME);
        return store.job(jobId).orElseThrow().state() == JobState.SUCCEEDED;
      });
      assertThat(store.job(jobId).orElseThrow().lockedAttempts()).isEqualTo(1);
    }
    assertThat(confirmationsPerShipment()).containsExactly(Map.entry(order.number() + "-1", 1L));
  }
}
