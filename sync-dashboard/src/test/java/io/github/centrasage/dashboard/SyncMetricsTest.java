package io.github.centrasage.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.NewJob;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SyncMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void countsSucceededRetriedAndParkedJobsPerFlow() {
    SyncMetrics metrics = SyncMetrics.create(registry);
    try (TestShop shop = new TestShop(metrics)) {
      metrics.bindTo(shop.engine);
      shop.orders.broken.put("1002", "Unknown SKU ABC-M");
      Job parked = shop.importOrders("1001", "1002", "1003").get(1);
      shop.orders.broken.clear();
      shop.engine.replay(parked.id());
      shop.engine.runOnce("OrderImport");

      assertThat(registry.get("sync.jobs.succeeded").tag("flow", "OrderImport").counter().count()).isEqualTo(3);
      assertThat(registry.get("sync.jobs.parked").tag("flow", "OrderImport").counter().count()).isEqualTo(1);
      assertThat(registry.get("sync.jobs.replayed").tag("flow", "OrderImport").counter().count()).isEqualTo(1);
      assertThat(registry.find("sync.jobs.succeeded").tag("flow", "StockPublish").counter()).isNull();
    }
  }

  @Test
  void theDoneGaugeCountsWhatTheFlowFinishedNotItsJobs() {
    SyncMetrics metrics = SyncMetrics.create(registry, Duration.ZERO);
    try (TestShop shop = new TestShop(metrics)) {
      metrics.bindTo(shop.engine);
      shop.importOrders("1001", "1002");
      shop.importOrders("1001"); // a second notice of an imported order: one more job
      shop.orders.entitiesDone = java.util.OptionalLong.of(2);
      shop.stock.pending.add(NewJob.builder().flow("StockPublish").key("sku:ABC-M").reference("ABC-M").build());
      shop.engine.runOnce("StockPublish");

      assertThat(registry.get("sync.jobs.succeeded").tag("flow", "OrderImport").counter().count()).isEqualTo(3);
      assertThat(registry.get("sync.done").tag("flow", "OrderImport").gauge().value()).isEqualTo(2);
      assertThat(registry.get("sync.done").tag("flow", "StockPublish").gauge().value()).as("one job per SKU push")
          .isEqualTo(1);
    }
  }

  @Test
  void aTransientFailureCountsAsRetriedWithItsKind() {
    SyncMetrics metrics = SyncMetrics.create(registry);
    try (TestShop shop = new TestShop(metrics)) {
      shop.stock.failTransiently.add("ABC-M");
      shop.stock.pending.add(NewJob.builder().flow("StockPublish").key("sku:ABC-M").reference("ABC-M").build());
      shop.engine.runOnce("StockPublish");

      assertThat(registry.get("sync.jobs.retried").tags("flow", "StockPublish", "kind", "transient").counter().count())
          .isEqualTo(1);
    }
  }

  @Test
  void gaugesShowQueueDepthParkedOldestAgeAndCursorLag() {
    SyncMetrics metrics = SyncMetrics.create(registry, Duration.ofSeconds(5));
    try (TestShop shop = new TestShop(metrics)) {
      metrics.bindTo(shop.engine);
      shop.orders.broken.put("1002", "Unknown SKU ABC-M");
      shop.importOrders("1001", "1002");
      shop.store.enqueue(NewJob.builder().flow("OrderImport").key("order:1004").build());
      shop.store.enqueue(NewJob.builder().flow("OrderImport").key("order:1005").build());
      shop.clock.advance(Duration.ofMinutes(2));

      assertThat(registry.get("sync.queue.depth").tag("flow", "OrderImport").gauge().value()).isEqualTo(2);
      assertThat(registry.get("sync.parked").tag("flow", "OrderImport").gauge().value()).isEqualTo(1);
      assertThat(registry.get("sync.oldest.job.age").tag("flow", "OrderImport").timeGauge().value(TimeUnit.SECONDS))
          .isEqualTo(120);
      assertThat(registry.get("sync.cursor.lag").tag("flow", "OrderImport").timeGauge().value(TimeUnit.SECONDS))
          .isEqualTo(120);
      assertThat(registry.get("sync.cursor.lag").tag("flow", "StockPublish").timeGauge().value(TimeUnit.SECONDS))
          .isNaN();

      // within the cache time the snapshot is reused; after it, the gauges read the store again
      shop.engine.runOnce("OrderImport");
      assertThat(registry.get("sync.queue.depth").tag("flow", "OrderImport").gauge().value()).isEqualTo(2);
      shop.clock.advance(Duration.ofSeconds(5));
      assertThat(registry.get("sync.queue.depth").tag("flow", "OrderImport").gauge().value()).isZero();
      // the cycle moved the cursor to its own time, 5 s ago
      assertThat(registry.get("sync.cursor.lag").tag("flow", "OrderImport").timeGauge().value(TimeUnit.SECONDS))
          .isEqualTo(5);
    }
  }

  @Test
  void bindsToOneEngineOnly() {
    SyncMetrics metrics = SyncMetrics.create(registry);
    try (TestShop shop = new TestShop(metrics)) {
      metrics.bindTo(shop.engine);
      assertThatThrownBy(() -> metrics.bindTo(shop.engine)).isInstanceOf(IllegalStateException.class);
    }
    assertThatThrownBy(() -> SyncMetrics.create(registry, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
