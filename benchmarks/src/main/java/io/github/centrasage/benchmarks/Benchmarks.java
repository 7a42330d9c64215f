package io.github.centrasage.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Runs every scenario and prints one {@code BENCH} line each. Arguments name the scenarios to run
 * (default: all); {@code -Dbench.scale=0.2} scales the order and SKU counts down.
 *
 * <p>Run with {@code mvn -B -ntp -Pbench -pl benchmarks -am verify -DskipTests}.
 */
public final class Benchmarks {
  static final List<String> ALL = List.of("order-backlog", "stock-fanout", "flash-sale", "reconcile-memory", "jmh");

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    List<String> scenarios = args.length == 0 || (args.length == 1 && args[0].isBlank()) ? ALL : Arrays.asList(args);
    double scale = Double.parseDouble(System.getProperty("bench.scale", "1"));
    for (String scenario : scenarios) {
      run(scenario.trim(), scale);
    }
  }

  static void run(String scenario, double scale) throws Exception {
    switch (scenario) {
      case "order-backlog" -> OrderBacklog.run(scaled(1000, scale), Duration.ofMillis(Long.getLong("bench.latencyMs", 20)), 4, scaled(300, scale));
      case "stock-fanout" -> StockFanout.run(scaled(10_000, scale), Duration.ofMillis(20));
      default -> throw new IllegalArgumentException("unknown scenario '" + scenario + "', known: " + ALL);
    }
  }

  static int scaled(int n, double scale) {
    return Math.max(1, (int) Math.round(n * scale));
  }
}
