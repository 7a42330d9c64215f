package io.github.centrasage.benchmarks;

import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sandbox.SandboxClock;
import io.github.centrasage.sync.Mappings;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.stock.ReconciliationReport;
import io.github.centrasage.sync.stock.StockPublishOptions;
import io.github.centrasage.sync.stock.StockReconcile;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A full stock reconciliation of a large catalogue in a JVM of its own started with a small heap:
 * it completes only if the pass streams (pages of holdings and Centra stock) instead of holding
 * everything. The sandboxes run in that JVM too, so the heap figure includes them.
 */
final class ReconcileMemory {
  static final String HEAP = "128m";

  private ReconcileMemory() {}

  /** Forks the JVM, relays its {@code BENCH} line and returns it. */
  static String run(int skus) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        new File(System.getProperty("java.home"), "bin/java").getPath(), "-Xmx" + HEAP,
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classPath(),
        ReconcileMemory.class.getName(), Integer.toString(skus)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String bench = null;
    StringBuilder rest = new StringBuilder();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("BENCH")) {
          bench = line;
        } else {
          rest.append(line).append('\n');
        }
      }
    }
    int exit = process.waitFor();
    if (bench != null && exit == 0) {
      System.out.println(bench);
      return bench;
    }
    System.out.println(rest);
    Bench.Line failed = new Bench.Line("reconcile-memory").put("skus", skus).put("xmx", HEAP).put("completed", false)
        .put("exit", exit);
    failed.print();
    return failed.toString();
  }

  /**
   * The classpath this class was loaded from: under {@code mvn exec:java} that is a class loader of
   * the plugin's, not {@code java.class.path} (which is Maven's own).
   */
  static String classPath() {
    if (ReconcileMemory.class.getClassLoader() instanceof URLClassLoader loader) {
      StringBuilder out = new StringBuilder();
      for (URL url : loader.getURLs()) {
        try {
          out.append(out.length() == 0 ? "" : File.pathSeparator).append(new File(url.toURI()).getPath());
        } catch (URISyntaxException e) {
          throw new IllegalStateException("class path entry " + url + " is not a file", e);
        }
      }
      return out.toString();
    }
    return System.getProperty("java.class.path");
  }

  /** The forked side: one full pass, then the line. */
  public static void main(String[] args) {
    int skus = Integer.parseInt(args[0]);
    SandboxClock clock = SandboxClock.startingAt(SandboxClock.DEFAULT_START);
    SandboxCatalog catalog = SandboxCatalog.generated(skus, 13);
    try (Shop shop = new Shop(catalog, clock, Duration.ZERO, 4)) {
      catalog = null; // the sandboxes hold their own copies; this one would only inflate the figure
      String centraLeeds = shop.centraWarehouse(Shop.LEEDS);
      Mappings mappings = Mappings.builder().putWarehouses(centraLeeds, shop.sageWarehouse(Shop.LEEDS)).build();
      StockReconcile reconcile = new StockReconcile(StockPublishOptions.builder().batchSize(200).build());
      HeapPeak.reset();
      long started = System.nanoTime();
      try (SyncEngine engine = SyncEngine.builder().store(new InMemorySyncStateStore(clock)).mappings(mappings)
          .clock(clock).centra(shop.centraClient).sage(shop.sageClient).flow(reconcile).build()) {
        engine.runOnce(StockReconcile.NAME);
      }
      long nanos = System.nanoTime() - started;
      ReconciliationReport report = reconcile.lastReports().get(centraLeeds);
      new Bench.Line("reconcile-memory").put("skus", skus).put("xmx", HEAP).put("completed", report != null)
          .put("checked", report == null ? 0 : report.checked()).put("pushed", report == null ? 0 : report.pushed())
          .put("seconds", nanos / 1e9).put("peak_heap_mb", HeapPeak.megabytes())
          .put("peak_heap_includes", "sandboxes").print();
    }
  }
}
