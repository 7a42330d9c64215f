package io.github.centrasage.benchmarks;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sandbox.SandboxClock;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.stock.ReconciliationReport;
import io.github.centrasage.sync.stock.StockPublishOptions;
import io.github.centrasage.sync.stock.StockReconcile;
import io.github.centrasage.sync.store.JdbcSyncStateStore;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A full stock reconciliation of a large catalogue in a JVM of its own started with a small heap:
 * it completes only if the pass streams (pages of holdings and Centra stock) instead of holding
 * everything. The sandboxes, which hold the whole catalogue twice, run in the parent JVM; the small
 * heap holds only what a user's process would: the engine, a JDBC store on an H2 file and both clients.
 */
final class ReconcileMemory {
  static final String HEAP = "128m";

  private ReconcileMemory() {}

  /** Starts the sandboxes, forks the JVM that reconciles against them, relays its {@code BENCH} line and returns it. */
  static String run(int skus) throws Exception {
    SandboxClock clock = SandboxClock.startingAt(SandboxClock.DEFAULT_START);
    SandboxCatalog catalog = SandboxCatalog.generated(skus, 13);
    try (Shop shop = new Shop(catalog, clock, Duration.ZERO, 4)) {
      // both sandboxes seed the same counts: one more unit in Sage per SKU makes the pass repair every
      // SKU, so it measures a first pass against a Centra that is off everywhere, not a pass that only reads
      catalog.items().forEach(item -> shop.sage.adjustStock(item.sku(), Shop.LEEDS, java.math.BigDecimal.ONE));
      return fork(skus, shop);
    }
  }

  private static String fork(int skus, Shop shop) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        new File(System.getProperty("java.home"), "bin/java").getPath(), "-Xmx" + HEAP,
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classPath(),
        ReconcileMemory.class.getName(), Integer.toString(skus), shop.centra.baseUrl(), shop.sage.baseUrl(),
        shop.sage.siteId(), Long.toString(shop.sage.companyId()), shop.centraWarehouse(Shop.LEEDS),
        shop.sageWarehouse(Shop.LEEDS)));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // the sandboxes' tokens go through the environment, not the command line
    builder.environment().put("BENCH_CENTRA_TOKEN", shop.centra.token());
    builder.environment().put("BENCH_SAGE_TOKEN", shop.sage.token());
    Process process = builder.start();
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

  /**
   * The forked side: one full pass against the parent's sandboxes, then the line. Arguments: SKU
   * count, Centra and Sage base URLs, Sage site and company, Centra and Sage Leeds warehouse ids.
   */
  public static void main(String[] args) throws IOException {
    int skus = Integer.parseInt(args[0]);
    CentraClient centra = CentraClient.builder().baseUrl(args[1]).token(System.getenv("BENCH_CENTRA_TOKEN"))
        .allowPlainHttp(true).readTimeout(Duration.ofSeconds(60)).build();
    Sage200Client sage = Sage200Client.builder().baseUrl(args[2]).siteId(args[3]).companyId(Long.parseLong(args[4]))
        .tokenProvider(TokenProvider.staticToken(System.getenv("BENCH_SAGE_TOKEN"))).allowPlainHttp(true)
        .readTimeout(Duration.ofSeconds(60)).build();
    String centraLeeds = args[5];
    Mappings mappings = Mappings.builder().putWarehouse(centraLeeds, args[6]).build();
    SandboxClock clock = SandboxClock.startingAt(SandboxClock.DEFAULT_START);
    HeapPeak.reset();
    HeapPeak.watchCollections();
    long started = System.nanoTime();
    // the store a user with a large catalogue runs: bindings and stock versions on disk, not on the heap
    Path dir = Files.createTempDirectory("reconcile-memory");
    StockReconcile reconcile;
    try (JdbcSyncStateStore store = JdbcSyncStateStore.embeddedH2(dir.resolve("sync"))) {
      Integration link = Integration.builder().centra(centra).sage(sage).store(store).mappings(mappings).build();
      reconcile = new StockReconcile(link, StockPublishOptions.builder().batchSize(200).build());
      try (SyncEngine engine = SyncEngine.builder().store(store).clock(clock).flow(reconcile).build()) {
        engine.runOnce(StockReconcile.NAME);
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    long nanos = System.nanoTime() - started;
    ReconciliationReport report = reconcile.lastReports().get(centraLeeds);
    new Bench.Line("reconcile-memory").put("skus", skus).put("xmx", HEAP).put("completed", report != null)
        .put("checked", report == null ? 0 : report.checked()).put("pushed", report == null ? 0 : report.pushed())
        .put("seconds", nanos / 1e9).put("peak_heap_mb", HeapPeak.megabytes())
        .put("peak_live_heap_after_gc_mb", HeapPeak.liveMegabytes())
        .put("peak_heap_includes", "engine, store, clients").print();
  }
}
