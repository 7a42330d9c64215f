package io.github.centrasage.benchmarks;

import io.github.centrasage.sync.stock.StockPublishOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Runs every scenario and prints one {@code BENCH} line each. Arguments name the scenarios to run
 * (default: all); {@code -Dbench.scale=2} multiplies the order and SKU counts, {@code -Dbench.seeds=11}
 * runs the seeded scenarios on those seeds only (comma separated). The defaults are the
 * issue's counts where they fit ten minutes on a shared two-core machine (5,000 orders, 10,000 SKUs
 * fanned out); the naive script's rate is taken on the first 500 orders, and the reconciliation
 * runs 20,000 SKUs instead of 100,000 (BENCHMARKS.md says why). Every line states its counts.
 *
 * <p>Run with {@code mvn -B -ntp -Pbench -pl benchmarks -am verify -DskipTests}.
 */
public final class Benchmarks {
  static final List<String> ALL = List.of("flash-sale", "flash-sale-multi", "order-backlog", "stock-fanout", "catalogue-full-pass", "reconcile-memory",
      "jmh");

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    for (String scenario : scenarios(args)) {
      run(scenario, Double.parseDouble(System.getProperty("bench.scale", "1")));
    }
  }

  /** The scenarios {@code args} name, or all of them. */
  static List<String> scenarios(String[] args) {
    // Maven passes -Dbench.args="a b" as one argument (an empty one as null or blank): split on blanks
    List<String> named = Arrays.stream(args).filter(a -> a != null && !a.isBlank())
        .flatMap(a -> Arrays.stream(a.trim().split("\\s+"))).collect(java.util.stream.Collectors.toList());
    return named.isEmpty() ? ALL : named;
  }

  static void run(String scenario, double scale) throws Exception {
    switch (scenario) {
      case "flash-sale" -> FlashSale.run(Duration.ofSeconds(scaled(300, scale)), Duration.ofMillis(20),
          Duration.ofSeconds(5), Duration.ofSeconds(60));
      case "flash-sale-multi" -> FlashSaleMulti.run(Duration.ofSeconds(scaled(180, scale)), Duration.ofMillis(20),
          Duration.ofSeconds(1), Duration.ofSeconds(5), StockPublishOptions.defaults().discoverInterval(), seeds(List.of(11L, 22L, 33L)));
      case "order-backlog" -> OrderBacklog.run(scaled(5_000, scale), Duration.ofMillis(20), 4,
          scaled(100, scale), scaled(500, scale));
      case "stock-fanout" -> StockFanout.run(scaled(10_000, scale), Duration.ofMillis(20));
      case "catalogue-full-pass" -> CatalogueFullPass.run(scaled(10_000, scale));
      case "reconcile-memory" -> ReconcileMemory.run(scaled(20_000, scale));
      case "jmh" -> MicroBenchmarks.run(10);
      default -> throw new IllegalArgumentException("unknown scenario '" + scenario + "', known: " + ALL);
    }
  }

  /** {@code -Dbench.seeds=11,22} runs those seeds only (the scenarios that take seeds). */
  static List<Long> seeds(List<Long> defaults) {
    String given = System.getProperty("bench.seeds", "");
    return given.isBlank() ? defaults
        : Arrays.stream(given.split(",")).map(String::trim).map(Long::parseLong).collect(java.util.stream.Collectors.toList());
  }

  static int scaled(int n, double scale) {
    return Math.max(1, (int) Math.round(n * scale));
  }
}
