package io.github.centrasage.benchmarks;

import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sandbox.CentraSandbox;
import io.github.centrasage.sandbox.Fault;
import io.github.centrasage.sandbox.FaultScope;
import io.github.centrasage.sandbox.SageSalesOrder;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sandbox.SandboxClock;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;

/**
 * A backlog of Centra orders imported into Sage with the same latency on every request and the
 * Sage pipe capped: the library (OrderImport, batched lookups, {@code sageConcurrency} workers)
 * against the naive script (one order after another). A second, smaller run injects faults on 5%
 * of Sage order requests and counts Sage orders created twice.
 */
final class OrderBacklog {
  /** The one Sage request an order cannot do without: its create. Lookups are shared by a batch. */
  static final int MIN_SAGE_REQUESTS_PER_ORDER = 1;

  /**
   * Workers per Sage slot: a worker waiting on Centra leaves its Sage slot to another, so twice as
   * many workers as Sage slots keep the capped pipe full.
   */
  static final int WORKERS_PER_SAGE_SLOT = Integer.getInteger("bench.backlog.workersPerSlot", 2);
  /** Orders per job batch (one Sage lookup request per batch). */
  static final int BATCH = Integer.getInteger("bench.backlog.batch", 5);

  private OrderBacklog() {}

  /**
   * @param naiveOrders the naive script's share of the backlog: it works one order after another at
   *     a steady rate, so its first {@code naiveOrders} orders give its rate without spending the
   *     time budget on the rest (its tables stay smaller, which if anything flatters it)
   */
  static Map<String, Object> run(int orders, Duration latency, int sageConcurrency, int faultOrders, int naiveOrders) {
    Bench.Line line = new Bench.Line("order-backlog");
    line.put("orders", orders).put("latency_ms", latency.toMillis()).put("sage_concurrency", sageConcurrency);
    Result library = library(orders, latency, sageConcurrency, 0);
    Result naive = naive(Math.min(orders, naiveOrders), latency, sageConcurrency, 0);
    line.put("naive_orders", naive.orders);
    double limit = sageConcurrency / (latency.toMillis() / 1000.0 * MIN_SAGE_REQUESTS_PER_ORDER);
    line.put("library_orders_per_s", library.perSecond()).put("naive_orders_per_s", naive.perSecond())
        .put("limit_orders_per_s", limit).put("library_vs_limit", library.perSecond() / limit)
        .put("library_vs_naive", library.perSecond() / naive.perSecond())
        .put("library_sage_requests_per_order", library.sageRequests / (double) orders)
        .put("naive_sage_requests_per_order", naive.sageRequests / (double) naive.orders)
        .put("library_centra_requests_per_order", library.centraRequests / (double) orders)
        .put("library_missing", library.missing).put("naive_missing", naive.missing)
        // how long a request held a Sage slot, and how much of the pipe's capacity the library used:
        // a pipe near 100% busy is the limit, whatever the workers do while they wait on Centra
        .put("library_sage_slot_ms", library.slotNanos / 1e6 / Math.max(1, library.slotHolds))
        .put("library_sage_pipe_busy", library.slotNanos / (double) library.nanos / sageConcurrency)
        .put("workers", sageConcurrency * WORKERS_PER_SAGE_SLOT).put("batch", BATCH);
    // Faults: the sandbox applies the first matching fault, so this run has no injected latency
    // (an always-on latency would shadow the one-shot faults).
    Result libraryFaults = library(faultOrders, Duration.ZERO, sageConcurrency, 0.05);
    Result naiveFaults = naive(faultOrders, Duration.ZERO, sageConcurrency, 0.05);
    line.put("fault_orders", faultOrders).put("fault_rate", 0.05)
        .put("library_duplicates", libraryFaults.duplicates).put("naive_duplicates", naiveFaults.duplicates)
        .put("library_missing_under_faults", libraryFaults.missing)
        .put("naive_missing_under_faults", naiveFaults.missing);
    return line.print();
  }

  record Result(int orders, long nanos, long sageRequests, long centraRequests, long duplicates, long missing,
      long slotNanos, long slotHolds) {
    double perSecond() {
      return orders / (nanos / 1e9);
    }
  }

  private static Shop shop(Duration latency, int cap, double faultRate, Random random) {
    Shop shop = Shop.fashion(latency, cap);
    if (faultRate > 0) {
      List<Fault> createFaults = List.of(Fault.connectionReset(), Fault.resetAfterCommit(),
          Fault.httpStatusAfterCommit(500), Fault.httpStatus(503));
      // decides per request, just before it is sent, whether the sandbox answers it with a fault
      OkHttpClient faulty = new OkHttpClient.Builder().addInterceptor(chain -> {
        String path = chain.request().url().encodedPath();
        if (path.endsWith("/sop_orders") && random.nextDouble() < faultRate) {
          boolean create = chain.request().method().equals("POST");
          Fault fault = create ? createFaults.get(random.nextInt(createFaults.size())) : Fault.httpStatus(503);
          shop.sage.faults().inject(fault, FaultScope.nextCalls(1).on(create ? "POST /sop_orders" : "GET /sop_orders"));
        }
        return chain.proceed(chain.request());
      }).build();
      Sage200Client sage = Sage200Client.builder().baseUrl(shop.sage.baseUrl()).siteId(shop.sage.siteId())
          .companyId(shop.sage.companyId())
          .tokenProvider(io.github.centrasage.sage200.TokenProvider.staticToken(shop.sage.token()))
          .allowPlainHttp(true).sleeper(d -> { }).retrySettings(io.github.centrasage.http.RetrySettings.none())
          .okHttpClient(faulty).build();
      shop.sageClient = sage;
    }
    return shop;
  }

  /** Places {@code orders} one-unit orders spread over the catalogue; returns how many were placed. */
  static int placeOrders(CentraSandbox centra, int orders) {
    List<String> skus = SandboxCatalog.fashionShop().items().stream().map(SandboxCatalog.Item::sku).toList();
    int placed = 0;
    for (int i = 0; placed < orders && i < orders * 3; i++) {
      try {
        centra.placeOrder(i % 3 == 0 ? "EUR" : "GBP", Map.of(skus.get((i * 7) % skus.size()), 1));
        placed++;
      } catch (IllegalStateException soldOut) {
        // that SKU ran out: the next one
      }
    }
    return placed;
  }

  static Result library(int orders, Duration latency, int cap, double faultRate) {
    try (Shop shop = shop(latency, cap, faultRate, new Random(42))) {
      int placed;
      long started;
      var mappings = shop.orderMappings();
      InMemorySyncStateStore store = new InMemorySyncStateStore(Clock.systemUTC());
      RetrySettings fast = SyncEngine.defaultRetrySettings().toBuilder().maxAttempts(10).initialDelay(Duration.ofMillis(1))
          .maxDelay(Duration.ofMillis(5)).build();
      // Centra's event queue (the default discovery): the first cycle subscribes, so it runs before
      // the shoppers arrive
      OrderImport flow = new OrderImport(shop.integration(store, mappings), OrderImportOptions.builder()
          .batchSize(BATCH).defaultWarehouse(shop.centraWarehouse(Shop.LEEDS)).build());
      try (SyncEngine engine = SyncEngine.builder().store(store).flow(flow).clock(Clock.systemUTC())
          .workers(cap * WORKERS_PER_SAGE_SLOT)
          .queuePollInterval(Duration.ofMillis(2)).defaultDiscoverInterval(Duration.ofMillis(100))
          .retryPolicy(fast).lockRetryPolicy(fast).build()) {
        engine.runOnce(OrderImport.NAME);
        placed = placeOrders(shop.centra, orders);
        shop.sage.resetRequestCounts();
        shop.centra.resetRequestCounts();
        shop.sageSlotNanos.reset();
        shop.sageSlotHolds.reset();
        started = System.nanoTime();
        engine.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
          Map<JobState, Long> counts = store.count(OrderImport.NAME);
          if (counts.get(JobState.SUCCEEDED) + counts.get(JobState.PARKED) >= placed
              && counts.get(JobState.QUEUED) + counts.get(JobState.RUNNING) + counts.get(JobState.RETRYING) == 0) {
            break;
          }
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
      }
      long nanos = System.nanoTime() - started;
      return result(shop, placed, nanos);
    }
  }

  static Result naive(int orders, Duration latency, int cap, double faultRate) {
    try (Shop shop = shop(latency, cap, faultRate, new Random(42))) {
      int placed = placeOrders(shop.centra, orders);
      shop.sage.resetRequestCounts();
      shop.centra.resetRequestCounts();
      NaiveScript script = new NaiveScript(shop.centraClient, shop.sageClient,
          shop.sage.ids("customer").get("WEBGBP"), shop.sage.ids("warehouse").get(Shop.LEEDS),
          SandboxClock.DEFAULT_START.minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC));
      long started = System.nanoTime();
      script.importOrders();
      return result(shop, placed, System.nanoTime() - started);
    }
  }

  private static Result result(Shop shop, int placed, long nanos) {
    Map<String, Long> perDocument = shop.sage.salesOrders().stream()
        .filter(o -> o.customerDocumentNo() != null && o.customerDocumentNo().startsWith("CENTRA-"))
        .collect(Collectors.groupingBy(SageSalesOrder::customerDocumentNo, Collectors.counting()));
    long duplicates = perDocument.values().stream().mapToLong(n -> n - 1).sum();
    long missing = placed - perDocument.size();
    long sage = shop.sage.requestCounts().values().stream().mapToLong(Long::longValue).sum();
    long centra = shop.centra.requestCounts().values().stream().mapToLong(Long::longValue).sum();
    return new Result(placed, nanos, sage, centra, duplicates, missing, shop.sageSlotNanos.sum(),
        shop.sageSlotHolds.sum());
  }
}
