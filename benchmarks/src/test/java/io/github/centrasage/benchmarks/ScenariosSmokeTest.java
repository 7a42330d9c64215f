package io.github.centrasage.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each scenario runs end to end at a tiny scale and reports what it measured. Nothing timed is
 * asserted: only counts the scenarios are built to guarantee.
 */
class ScenariosSmokeTest {
  @Test
  void microBenchmarksDecodeAPageAndMapEveryOrderOfIt() throws Exception {
    OrderCodecBenchmarks benchmarks = new OrderCodecBenchmarks();
    benchmarks.capture();

    assertThat(benchmarks.decodeOrderPage()).hasSize(OrderCodecBenchmarks.PAGE)
        .allSatisfy(order -> assertThat(order.lines()).isNotEmpty());
    // one product line per order, plus whatever charge lines the mapping adds
    assertThat(benchmarks.mapOrderToSageDraft()).isGreaterThanOrEqualTo(OrderCodecBenchmarks.PAGE);
  }

  @Test
  void flashSaleCountsOversoldUnitsAndStockWritesForEachSide() {
    Map<String, Object> line = FlashSale.run(Duration.ofSeconds(30), Duration.ZERO, Duration.ofSeconds(5),
        Duration.ofSeconds(15));

    assertThat(line).containsEntry("scenario", "flash-sale").containsEntry("skus", FlashSale.SKUS)
        .containsEntry("sale_s", 30L);
    assertThat((Integer) line.get("library_orders")).isPositive();
    assertThat((Integer) line.get("shoppers")).isGreaterThanOrEqualTo((Integer) line.get("library_orders"));
    // the script writes each sale SKU once per run: 2 runs in the sale and 3 catching up after it
    assertThat(line).containsEntry("naive_stock_writes", 5L * FlashSale.SKUS);
    assertThat((Long) line.get("library_oversold_units")).isNotNegative();
  }

  @Test
  void flashSaleMultiCountsSalesRowsAndLagAgainstSagesOwnState() {
    Map<String, Object> line = FlashSaleMulti.run(Duration.ofSeconds(20), Duration.ZERO, Duration.ofSeconds(1),
        Duration.ofSeconds(5), Duration.ofSeconds(30), java.util.List.of(11L));

    assertThat(line).containsEntry("scenario", "flash-sale-multi").containsEntry("skus", FlashSaleMulti.SKUS)
        .containsEntry("buffer", 0).containsKeys("sold_vs_perfect", "rows_vs_minimum", "lag_p99_s");
    assertThat((Long) line.get("perfect_units_sold")).isPositive();
    assertThat((Long) line.get("library_oversold_units")).isNotNegative();
  }

  @Test
  void orderBacklogImportsEveryOrderOnceWithTheLibrary() {
    Map<String, Object> line = OrderBacklog.run(6, Duration.ZERO, 4, 6, 4);

    assertThat(line).containsEntry("scenario", "order-backlog").containsEntry("orders", 6)
        .containsEntry("naive_orders", 4).containsEntry("library_missing", 0L).containsEntry("naive_missing", 0L)
        .containsEntry("library_duplicates", 0L).containsEntry("library_missing_under_faults", 0L);
    assertThat((Double) line.get("library_orders_per_s")).isPositive();
    assertThat((Double) line.get("naive_sage_requests_per_order")).isEqualTo(2.0); // a product lookup and the create
  }

  @Test
  void stockFanoutConvergesWithTheMinimumOfMutations() {
    Map<String, Object> line = StockFanout.run(120, Duration.ZERO);

    assertThat(line).containsEntry("skus", 120).containsEntry("skus_not_converged", 0)
        .containsEntry("minimum_mutations", 3).containsEntry("mutations", 3L);
  }

  @Test
  void reconcileMemoryCompletesInASmallForkedHeap() throws Exception {
    String line = ReconcileMemory.run(100);

    assertThat(line).startsWith("BENCH scenario=reconcile-memory skus=100 xmx=128m completed=true checked=100");
  }
}
