package io.github.centrasage.examples.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.SetStockRequest;
import io.github.centrasage.centra.SizeStockLevel;
import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.CentraSandbox;
import io.github.centrasage.sandbox.CentraShipment;
import io.github.centrasage.sandbox.Fault;
import io.github.centrasage.sandbox.FaultScope;
import io.github.centrasage.sandbox.Sage200Sandbox;
import io.github.centrasage.sandbox.SageSalesOrder;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sandbox.SandboxClock;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.stock.internal.StockFormula;
import io.github.centrasage.sync.store.JdbcSyncStateStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #15, part 1: the engine in its own JVM on an H2 file store, SIGKILLed at random moments
 * while orders are placed, goods despatched and faults injected, then restarted on the same store.
 * At the end nothing is lost, nothing doubled, Centra stock equals the formula, and every job
 * succeeded or was parked with a reason. The worker logs at TRACE; its output must not contain a
 * token.
 */
class CrashTest {
  static final long SEED = Long.getLong("reliability.seed", 15L);
  static final int KILLS = Integer.getInteger("reliability.kills", 12);
  static final String LEEDS = "Leeds DC";
  static final List<SandboxCatalog.Item> ITEMS = List.of(SandboxCatalog.fashionShop().items().get(0),
      SandboxCatalog.fashionShop().items().get(1), SandboxCatalog.fashionShop().items().get(12));
  static final List<String> SKUS = ITEMS.stream().map(SandboxCatalog.Item::sku).collect(Collectors.toList());

  final SandboxClock clock = SandboxClock.ticking();
  final CentraSandbox centraSandbox = CentraSandbox.start(CentraSandbox.options().clock(clock).token("centra-SECRET-token-7f3a"));
  final Sage200Sandbox sageSandbox = Sage200Sandbox.start(Sage200Sandbox.options().clock(clock).token("sage-SECRET-token-91bc"));
  @TempDir Path dir;
  Process worker;

  @AfterEach
  void stop() throws InterruptedException {
    if (worker != null && worker.isAlive()) {
      worker.destroyForcibly().waitFor();
    }
    centraSandbox.close();
    sageSandbox.close();
  }

  @Test
  void killedAtRandomMomentsTheEngineLosesNothingAndDoublesNothing() throws Exception {
    Random random = new Random(SEED);
    Path h2 = dir.resolve("sync");
    Path log = dir.resolve("worker.log");
    Instant pollStart = clock.instant().minus(Duration.ofHours(1));
    stockUp(300);

    Set<String> despatched = new HashSet<>();
    List<CentraOrder> placed = new ArrayList<>();
    int consignment = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      worker = startWorker(h2, pollStart, log);
      for (int i = 0; i < 2; i++) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        lines.put(SKUS.get(random.nextInt(SKUS.size())), 1 + random.nextInt(3));
        if (random.nextBoolean()) {
          lines.put(SKUS.get(random.nextInt(SKUS.size())), 1);
        }
        placed.add(centraSandbox.placeOrder("GBP", lines));
      }
      for (SageSalesOrder order : sageSandbox.salesOrders()) {
        if (order.customerDocumentNo() != null && order.customerDocumentNo().startsWith("CENTRA-")
            && despatched.add(order.documentNo())) {
          sageSandbox.despatch(order.documentNo(), "CONS" + (++consignment));
        }
      }
      injectFault(random);
      // the worker lives a random 0.3 to 2.3 s, then dies without warning
      if (!worker.waitFor(300 + random.nextInt(2000), TimeUnit.MILLISECONDS)) {
        worker.destroyForcibly().waitFor();
      }
      assertThat(worker.exitValue()).as("the worker was killed, it did not crash on its own").isNotZero();
    }
    centraSandbox.faults().clear();
    sageSandbox.faults().clear();
    // the last despatches, then one more life to converge
    worker = startWorker(h2, pollStart, log);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      for (SageSalesOrder order : sageSandbox.salesOrders()) {
        if (order.customerDocumentNo() != null && order.customerDocumentNo().startsWith("CENTRA-")
            && !despatched.contains(order.documentNo())) {
          despatched.add(order.documentNo());
          sageSandbox.despatch(order.documentNo(), "LAST" + despatched.size());
        }
      }
      return despatched.size() >= placed.size()
          && placed.stream().allMatch(o -> !centraSandbox.shipments(o.number()).isEmpty());
    });
    // let the stock recomputes queued by the last despatches finish
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(this::stockMatchesSage);
    worker.destroyForcibly().waitFor();

    try (JdbcSyncStateStore store = JdbcSyncStateStore.embeddedH2(h2)) {
      Map<String, Long> sagePerCentra = sageSandbox.salesOrders().stream()
          .filter(o -> o.customerDocumentNo() != null && o.customerDocumentNo().startsWith("CENTRA-"))
          .collect(Collectors.groupingBy(SageSalesOrder::customerDocumentNo, Collectors.counting()));
      long duplicates = sagePerCentra.values().stream().filter(n -> n > 1).count();
      long lost = placed.stream().filter(o -> !sagePerCentra.containsKey("CENTRA-" + o.number())).count();
      long doubleApplied = placed.stream().filter(o -> centraSandbox.shipments(o.number()).size() != 1).count();
      List<Job> jobs = new ArrayList<>();
      for (String flow : List.of("OrderImport", "StockPublish", "DespatchToCentra")) {
        jobs.addAll(store.list(flow, EnumSet.allOf(JobState.class), 0, 100_000));
      }
      List<Job> unsettled = jobs.stream().filter(j -> !(j.state() == JobState.SUCCEEDED
          || j.state() == JobState.PARKED && !j.parkReasons().isEmpty())).collect(Collectors.toList());
      String output = Files.readString(log, StandardCharsets.UTF_8);
      long leaked = List.of(centraSandbox.token(), sageSandbox.token()).stream().filter(output::contains).count();

      ReliabilityResult.report("crash", "kills", KILLS, "orders", placed.size(), "jobs", jobs.size(), "parked",
          jobs.stream().filter(j -> j.state() == JobState.PARKED).count(), "duplicates", duplicates, "lost", lost,
          "double_applied", doubleApplied, "leaked_secrets", leaked, "log_lines", output.lines().count());

      assertThat(duplicates).as("Sage orders doubled").isZero();
      assertThat(lost).as("Centra orders without a Sage order").isZero();
      assertThat(doubleApplied).as("orders without exactly one Centra shipment").isZero();
      assertThat(unsettled).as("jobs neither succeeded nor parked with a reason").isEmpty();
      assertThat(leaked).as("tokens in the worker's TRACE output").isZero();
      assertThat(output).contains("TRACE");
      String sageLeeds = Long.toString(sageSandbox.ids("warehouse").get(LEEDS));
      for (String sku : SKUS) {
        assertThat(centraSandbox.stock(sku, LEEDS).physical().intValueExact()).as("Centra stock of %s", sku)
            .isEqualTo(StockFormula.centraPhysical(sageSandbox.holding(sku, LEEDS).freeStockAvailable(),
                store.allocatedQuantity(sku, sageLeeds), 0));
      }
    }
  }

  private boolean stockMatchesSage() {
    // the ledger is in the worker's store; with every order despatched nothing is allocated any more
    return SKUS.stream().allMatch(sku -> centraSandbox.stock(sku, LEEDS).physical().intValueExact()
        == StockFormula.centraPhysical(sageSandbox.holding(sku, LEEDS).freeStockAvailable(), BigDecimal.ZERO, 0));
  }

  private void injectFault(Random random) {
    String[] sage = {"POST /sop_orders", "GET /sop_orders", "GET /sop_order_despatch_views",
        "GET /warehouses/{id}/warehouse_holdings", "GET /customers/{id}/sop_orders"};
    String[] centra = {"orders", "setStock", "createShipment", "completeShipment"};
    Fault fault = switch (random.nextInt(4)) {
      case 0 -> Fault.httpStatus(503);
      case 1 -> Fault.connectionReset();
      case 2 -> Fault.resetAfterCommit();
      default -> Fault.httpStatusAfterCommit(502);
    };
    if (random.nextBoolean()) {
      sageSandbox.faults().inject(fault, FaultScope.nextCalls(1 + random.nextInt(2)).on(sage[random.nextInt(sage.length)]));
    } else {
      centraSandbox.faults().inject(fault,
          FaultScope.nextCalls(1 + random.nextInt(2)).on(centra[random.nextInt(centra.length)]));
    }
  }

  private void stockUp(int quantity) {
    CentraClient centra = CentraClient.builder().baseUrl(centraSandbox.baseUrl()).token(centraSandbox.token())
        .allowInsecureHttp().build();
    long warehouse = centraSandbox.ids("warehouse").get(LEEDS);
    var request = SetStockRequest.builder().warehouseId(warehouse);
    for (SandboxCatalog.Item item : ITEMS) {
      request.addLevels(SizeStockLevel.ofSizeName(centraSandbox.ids("variant").get(item.sku()), item.sizeName(),
          quantity));
      sageSandbox.receiveGoods(item.sku(), LEEDS, BigDecimal.valueOf(quantity));
    }
    centra.stock().set(request.build());
  }

  private Process startWorker(Path h2, Instant pollStart, Path log) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace",
        "-cp", System.getProperty("java.class.path"), CrashWorker.class.getName(),
        centraSandbox.baseUrl(), centraSandbox.token(), sageSandbox.baseUrl(), sageSandbox.token(),
        sageSandbox.siteId(), Long.toString(sageSandbox.companyId()), h2.toString(),
        Long.toString(centraSandbox.ids("warehouse").get(LEEDS)),
        Long.toString(sageSandbox.ids("warehouse").get(LEEDS)),
        Long.toString(sageSandbox.ids("courier").get("DHL")), Long.toString(pollStart.toEpochMilli())));
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
  }
}
