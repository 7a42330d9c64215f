package io.github.centrasage.sync.stock;

import io.github.centrasage.sync.stock.internal.StockHold;
import io.github.centrasage.sync.integration.internal.StockBusyException;
import io.github.centrasage.sync.stock.internal.StockJobs;
import static io.github.centrasage.sync.stock.StockWorld.LEEDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.centrasage.centra.SetStockRequest;
import io.github.centrasage.centra.SizeStockLevel;
import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.SandboxClock;
import io.github.centrasage.sage200.model.SalesOrder;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.store.StockVersion;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StockPublishTest {
  StockWorld world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void pushesSageFreePlusLedgerMinusBufferForChangedHoldings() {
    world = new StockWorld();
    List<String> skus = world.skus(3);
    String a = skus.get(0);
    String b = skus.get(1);
    world.publish(); // first poll: a full read
    world.countStock(a, LEEDS, 20);
    world.sageSandbox.allocateNonWebOrder(StockWorld.TRADE_ACCOUNT, b, LEEDS, new BigDecimal("3")); // another channel
    BigDecimal bFree = world.sageSandbox.holding(b, LEEDS).freeStockAvailable();

    world.publish();

    assertThat(world.centraPhysical(a, LEEDS)).isEqualByComparingTo("20");
    assertThat(world.centraPhysical(b, LEEDS)).isEqualByComparingTo(bFree);
  }

  @Test
  void anOpenCentraOrderCountsOnceWhetherImportedOrNot() {
    world = new StockWorld();
    String sku = world.skuInLeedsOnly(10);
    CentraOrder order = world.centraSandbox.placeOrder("GBP", Map.of(sku, 2));

    world.publish(); // not imported: Sage unchanged, Centra already holds the 2
    assertThat(world.centraPhysical(sku, LEEDS)).isEqualByComparingTo("10");
    assertThat(world.centraSandbox.stock(sku, LEEDS).freeToAllocate()).isEqualByComparingTo("8");

    world.importOrder(order); // Sage allocates 2 (free 8), the ledger holds 2: still 10 physical
    world.publish();
    assertThat(world.sageSandbox.holding(sku, LEEDS).freeStockAvailable()).isEqualByComparingTo("8");
    assertThat(world.centraPhysical(sku, LEEDS)).isEqualByComparingTo("10");
    assertThat(world.centraSandbox.stock(sku, LEEDS).freeToAllocate()).isEqualByComparingTo("8");
  }

  @Test
  void skuBufferWinsOverWarehouseBufferAndLevelsNeverGoNegative() {
    world = new StockWorld(o -> o, m -> io.github.centrasage.sync.integration.Mappings.builder().from(m)
        .defaultSafetyBuffer(1)
        .warehouseSafetyBuffers(Map.of(m.warehouses().keySet().iterator().next(), 2L))
        .skuSafetyBuffers(Map.of(StockWorldSkus.FIRST, 5L)).build());
    List<String> skus = world.skus(2);
    world.countStock(skus.get(0), LEEDS, 3);
    world.countStock(skus.get(1), LEEDS, 30);
    world.publish();

    assertThat(world.centraPhysical(skus.get(0), LEEDS)).isEqualByComparingTo("0"); // 3 - 5 → 0, not -2
    assertThat(world.centraPhysical(skus.get(1), LEEDS))
        .isEqualByComparingTo(BigDecimal.valueOf(world.expectedPhysical(skus.get(1), LEEDS)));
    assertThat(world.expectedPhysical(skus.get(1), LEEDS)).isIn(28, 29);
  }

  @Test
  void batchesSkusOfOneWarehousePerSetStockCall() {
    // a two-minute overlap: later polls read the last two minutes again, which must not push
    // what was pushed already
    world = new StockWorld(o -> StockPublishOptions.builder().from(o).batchSize(3)
        .initialCursor(SandboxClock.DEFAULT_START.plus(Duration.ofMinutes(3))).overlap(Duration.ofMinutes(2)).build(),
        m -> m);
    world.clock.advance(Duration.ofMinutes(5));
    world.publish();
    List<String> skus = world.skus(7);
    for (int i = 0; i < skus.size(); i++) {
      world.countStock(skus.get(i), LEEDS, 40 + i);
    }
    world.centraSandbox.resetRequestCounts();

    world.publish();
    assertThat(world.centraSandbox.requestCount("setStock")).isEqualTo(3); // ⌈7 / 3⌉
    world.publish(); // the overlap reads the same seven holdings again
    assertThat(world.centraSandbox.requestCount("setStock")).isEqualTo(3);
    for (int i = 0; i < skus.size(); i++) {
      assertThat(world.centraPhysical(skus.get(i), LEEDS)).isEqualByComparingTo(BigDecimal.valueOf(40 + i));
    }
  }

  @Test
  void cachesSkuResolutionAsBindings() {
    world = new StockWorld();
    String sku = world.skus(1).get(0);
    world.store.enqueue(StockJobs.recomputeJob(StockKey.of(sku, world.sageWarehouse(LEEDS))));
    world.publish();

    Binding b = world.store.bindingBySageId("sku", Long.toString(world.sageSandbox.ids("product").get(sku)))
        .orElseThrow();
    assertThat(b.sageReference()).contains(sku);
    assertThat(b.centraId()).startsWith(world.centraSandbox.ids("variant").get(sku) + ":");
  }

  @Test
  void parksAnUnknownSkuWithTheReason() {
    world = new StockWorld();
    world.store.enqueue(StockJobs.recomputeJob(StockKey.of("NO-SUCH-SKU", world.sageWarehouse(LEEDS))));

    world.publish();

    List<Job> parked = world.store.list(StockPublish.NAME, EnumSet.of(JobState.PARKED), 0, 10);
    assertThat(parked).singleElement().satisfies(j -> assertThat(j.parkReasons()).anyMatch(r -> r.contains("NO-SUCH-SKU")));
    assertThat(world.engine.status(StockPublish.NAME).parked()).isEqualTo(1);
  }

  @Test
  void doesNotApplyAnOlderSageVersionThanTheAppliedOne() {
    world = new StockWorld();
    String sku = world.skus(1).get(0);
    world.publish();
    BigDecimal before = world.centraPhysical(sku, LEEDS);
    world.store.applyStockVersionIfNewer(sku, world.sageWarehouse(LEEDS),
        StockVersion.of(Instant.parse("2030-01-01T00:00:00Z"), 0));
    world.countStock(sku, LEEDS, before.intValue() + 9);

    world.store.enqueue(StockJobs.recomputeJob(StockKey.of(sku, world.sageWarehouse(LEEDS))));
    world.publish();

    assertThat(world.centraPhysical(sku, LEEDS)).isEqualByComparingTo(before);
  }

  @Test
  void aDespatchInProgressDefersThePushUntilItHasReleasedTheLedger() {
    world = new StockWorld();
    String sku = world.skuInLeedsOnly(10);
    CentraOrder order = world.centraSandbox.placeOrder("GBP", Map.of(sku, 4));
    SalesOrder sageOrder = world.importOrder(order);
    long despatchId = world.despatchInSage(sageOrder); // Sage: 6 in stock, 0 allocated, 6 free

    StockKey key = StockKey.of(sku, world.sageWarehouse(LEEDS));
    try (StockHold hold = StockJobs.holdForDespatch(world.store, Long.toString(despatchId), List.of(key), Duration.ofMinutes(10))) {
      world.completeCentraShipment(order); // Centra: physical 10 - 4 = 6
      // a poll now would compute 6 free + 4 still in the ledger = 10 and undo the shipment
      world.publish();
      assertThat(world.centraPhysical(sku, LEEDS)).isEqualByComparingTo("6");
      world.releaseLedger(order, despatchId);
    }
    world.store.enqueue(StockJobs.recomputeJob(key));
    world.quiesce();

    assertThat(world.centraPhysical(sku, LEEDS)).isEqualByComparingTo("6");
    assertThat(world.expectedPhysical(sku, LEEDS)).isEqualTo(6);
  }

  @Test
  void aDespatchWaitsWhileAPushHoldsTheUnit() {
    world = new StockWorld();
    StockKey key = StockKey.of(world.skus(1).get(0), world.sageWarehouse(LEEDS));
    try (StockHold push = StockHold.acquire(world.store, "StockPublish-test", List.of(key), Duration.ofMinutes(1))) {
      assertThatThrownBy(() -> StockJobs.holdForDespatch(world.store, "77", List.of(key), Duration.ofMinutes(10)))
          .isInstanceOf(StockBusyException.class)
          .satisfies(e -> assertThat(((StockBusyException) e).isRetryable()).isTrue());
    }
    try (StockHold despatch = StockJobs.holdForDespatch(world.store, "77", List.of(key), Duration.ofMinutes(10))) {
      // the same despatch retried after a crash takes its own hold back
      assertThat(StockJobs.holdForDespatch(world.store, "77", List.of(key), Duration.ofMinutes(10)).keys()).containsExactly(key);
    }
  }

  @Test
  void reconciliationRepairsDriftAndReportsIt() {
    world = new StockWorld(o -> StockPublishOptions.builder().from(o).batchSize(100).build(), m -> m);
    world.publish();
    String sku = world.skus(1).get(0);
    int expected = world.expectedPhysical(sku, LEEDS);
    world.centra.stock().set(SetStockRequest.builder().warehouseId(Long.parseLong(world.centraWarehouse(LEEDS)))
        .addLevels(SizeStockLevel.ofSizeName(world.centraSandbox.ids("variant").get(sku),
            sku.substring(sku.lastIndexOf('-') + 1), expected + 50))
        .build());
    world.centraSandbox.resetRequestCounts();

    world.engine.runOnce(StockReconcile.NAME);

    assertThat(world.centraPhysical(sku, LEEDS)).isEqualByComparingTo(BigDecimal.valueOf(expected));
    ReconciliationReport report = world.reconcile.lastReports().get(world.centraWarehouse(LEEDS));
    assertThat(report.checked()).isEqualTo(500);
    assertThat(report.repaired()).isEqualTo(1);
    assertThat(report.unknown()).isZero();
    assertThat(report.pushed()).as("only the drifted row is written").isEqualTo(1);
    assertThat(world.centraSandbox.requestCount("setStock")).isEqualTo(1);
  }
}
