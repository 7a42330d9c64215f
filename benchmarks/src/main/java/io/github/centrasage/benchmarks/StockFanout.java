package io.github.centrasage.benchmarks;

import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sandbox.SandboxClock;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.stock.StockPublish;
import io.github.centrasage.sync.stock.StockPublishOptions;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Every SKU of a large catalogue changes in Sage at once (a stock count): StockPublish's Centra
 * {@code setStock} mutations against the minimum (changed SKUs / batch size), the wall time until
 * Centra agrees with Sage, and the peak heap of the run.
 */
final class StockFanout {
  private StockFanout() {}

  static Map<String, Object> run(int skus, Duration latency) {
    HeapPeak.reset();
    SandboxClock clock = SandboxClock.startingAt(SandboxClock.DEFAULT_START);
    try (Shop shop = new Shop(SandboxCatalog.generated(skus, 11), clock, latency, 4)) {
      String centraLeeds = shop.centraWarehouse(Shop.LEEDS);
      Mappings mappings = Mappings.builder().putWarehouse(centraLeeds, shop.sageWarehouse(Shop.LEEDS)).build();
      StockPublishOptions options = StockPublishOptions.builder().initialCursor(SandboxClock.DEFAULT_START)
          .overlap(Duration.ZERO).build();
      InMemorySyncStateStore store = new InMemorySyncStateStore(clock);
      try (SyncEngine engine = SyncEngine.builder().store(store).clock(clock)
          .flow(new StockPublish(shop.integration(store, mappings), options))
          .retryPolicy(SyncEngine.defaultRetrySettings().toBuilder().maxAttempts(50).initialDelay(Duration.ofMillis(1))
              .maxDelay(Duration.ofMillis(1)).build())
          .build()) {
        List<String> all = SandboxCatalog.generated(skus, 11).items().stream().map(SandboxCatalog.Item::sku).toList();
        clock.advance(Duration.ofSeconds(1));
        for (String sku : all) {
          shop.sage.adjustStock(sku, Shop.LEEDS, BigDecimal.valueOf(3));
        }
        shop.centra.resetRequestCounts();
        shop.sage.resetRequestCounts();
        long started = System.nanoTime();
        int cycles = 0;
        do {
          clock.advance(Duration.ofSeconds(10));
          engine.runOnce(StockPublish.NAME);
          cycles++;
        } while (cycles < 50 && !store.list(StockPublish.NAME,
            EnumSet.of(JobState.QUEUED, JobState.RETRYING, JobState.RUNNING), 0, 1).isEmpty());
        long nanos = System.nanoTime() - started;
        int wrong = 0;
        for (String sku : all) {
          BigDecimal free = shop.sage.holding(sku, Shop.LEEDS).freeStockAvailable().max(BigDecimal.ZERO);
          if (shop.centra.stock(sku, Shop.LEEDS).physical().compareTo(free) != 0) {
            wrong++;
          }
        }
        long mutations = shop.centra.requestCount("setStock");
        int minimum = (skus + options.batchSize() - 1) / options.batchSize();
        return new Bench.Line("stock-fanout").put("skus", skus).put("latency_ms", latency.toMillis())
            .put("batch_size", options.batchSize()).put("mutations", mutations).put("minimum_mutations", minimum)
            .put("mutations_vs_minimum", mutations / (double) minimum)
            .put("sage_reads", shop.sage.requestCounts().values().stream().mapToLong(Long::longValue).sum())
            .put("converge_s", nanos / 1e9).put("cycles", cycles).put("skus_not_converged", wrong)
            .put("peak_heap_mb", HeapPeak.megabytes()).print();
      }
    }
  }
}
