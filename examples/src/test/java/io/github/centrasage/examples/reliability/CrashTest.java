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
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #15, part 1: the engine in its own JVM on an H2 file store, SIGKILLed at random moments
 * while orders are placed, goods despatched and faults injected, then restarted on the same store.
 * At the end nothing is lost, nothing doubled, Centra stock equals the formula, and every job
 * succeeded or was parked with a reason. The worker logs at TRACE; its output must not contain a
 * token.
 */
@ExtendWith(ReliabilityResult.class)
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
  final List<Process> workers = new ArrayList<>();
  /** Sage ID stand-in: access tokens live 2 s, so the workers refresh (and rotate) throughout. */
  SageIdEndpoint sageId;

  @AfterEach
  void stop() throws InterruptedException {
    for (Process p : workers) {
      p.destroyForcibly().waitFor();
    }
    centraSandbox.close();
    sageSandbox.close();
    if (sageId != null) {
      sageId.close();
    }
  }

  @Test
  void killedAtRandomMomentsTheEngineLosesNothingAndDoublesNothing() throws Exception {
    sageId = new SageIdEndpoint(sageSandbox.token(), 2);
    run("crash-h2", dir.resolve("sync").toString(), 1, KILLS);
  }

  @Test
  void twoEnginesOnOnePostgresBothTakeWorkAndOneKeepsBeingKilled() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      String url = postgres.getJdbcUrl("postgres", "postgres");
      run("crash-postgres-2-instances", url, 2, KILLS / 2);
    }
  }

  /**
   * Places orders, despatches what was imported, injects a fault and kills worker 0 at a random
   * moment, {@code kills} times; the other workers (if any) keep running. Then lets everything
   * converge and checks the invariants.
   */
  private void run(String part, String storeSpec, int instances, int kills) throws Exception {
    Random random = new Random(SEED);
    Instant pollStart = clock.instant().minus(Duration.ofHours(1));
    stockUp(300);
    List<Path> logs = new ArrayList<>();
    // kept under target/ so a failed run can be read afterwards
    Path logDir = Files.createDirectories(Path.of("target", "reliability-logs", part));
    for (int i = 0; i < instances; i++) {
      logs.add(logDir.resolve("worker-" + i + ".log"));
      Files.deleteIfExists(logs.get(i));
    }
    List<Process> others = new ArrayList<>();
    for (int i = 1; i < instances; i++) {
      others.add(startWorker(storeSpec, pollStart, logs.get(i), "w" + i));
    }
    workers.addAll(others);

    Set<String> despatched = new HashSet<>();
    List<CentraOrder> placed = new ArrayList<>();
    for (int kill = 0; kill < kills; kill++) {
      Process victim = startWorker(storeSpec, pollStart, logs.get(0), "w0-life" + kill);
      workers.add(victim);
      for (int i = 0; i < 2; i++) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        lines.put(SKUS.get(random.nextInt(SKUS.size())), 1 + random.nextInt(3));
        if (random.nextBoolean()) {
          lines.put(SKUS.get(random.nextInt(SKUS.size())), 1);
        }
        placed.add(centraSandbox.placeOrder("GBP", lines));
      }
      despatchImported(despatched);
      injectFault(random);
      // the worker lives a random 0.3 to 2.3 s, then dies without warning
      if (!victim.waitFor(300 + random.nextInt(2000), TimeUnit.MILLISECONDS)) {
        victim.destroyForcibly().waitFor();
      }
      assertThat(victim.exitValue()).as("the worker was killed, it did not crash on its own").isNotZero();
    }
    centraSandbox.faults().clear();
    sageSandbox.faults().clear();
    // one more life to converge, despatching the last imported orders
    workers.add(startWorker(storeSpec, pollStart, logs.get(0), "w0-last"));
    try {
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
        despatchImported(despatched);
        return despatched.size() >= placed.size()
            && placed.stream().allMatch(o -> !centraSandbox.shipments(o.number()).isEmpty());
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      System.out.println("NOT CONVERGED: despatched=" + despatched.size() + " placed=" + placed.size() + " unshipped="
          + placed.stream().filter(o -> centraSandbox.shipments(o.number()).isEmpty()).map(CentraOrder::number)
          .collect(Collectors.toList()));
      for (Path log : logs) {
        Files.readString(log).lines().filter(l -> l.contains("WARN") || l.contains("ERROR") || l.contains("FAILED"))
            .limit(40).forEach(l -> System.out.println(log.getFileName() + ": " + l));
      }
      throw e;
    }
    // the stock recomputes queued by the last despatches
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(this::stockMatchesSage);
    for (Process p : workers) {
      p.destroyForcibly().waitFor();
    }
    // a last life that finishes what the kills left running (after their leases expire), then exits
    Process drain = startWorker(storeSpec, pollStart, logs.get(0), "w0-drain", "drain");
    workers.add(drain);
    if (!drain.waitFor(90, TimeUnit.SECONDS)) {
      drain.destroyForcibly().waitFor();
      try (JdbcSyncStateStore store = openStore(storeSpec)) {
        for (String flow : List.of("OrderImport", "StockPublish", "DespatchToCentra")) {
          store.list(flow, EnumSet.of(JobState.QUEUED, JobState.RUNNING, JobState.RETRYING), 0, 20)
              .forEach(j -> System.out.println("UNFINISHED " + j));
        }
      }
      throw new AssertionError("the drain worker did not finish");
    }
    assertThat(drain.exitValue()).isZero();

    try (JdbcSyncStateStore store = openStore(storeSpec)) {
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
      StringBuilder output = new StringBuilder();
      for (Path log : logs) {
        output.append(Files.readString(log, StandardCharsets.UTF_8));
      }
      List<String> secrets = new ArrayList<>(List.of(centraSandbox.token(), sageSandbox.token()));
      if (sageId != null) {
        secrets.add(SageIdEndpoint.CLIENT_SECRET);
        secrets.addAll(sageId.issuedRefreshTokens());
        ReliabilityResult.report("sage-token-rotation", "refreshes", sageId.refreshes(), "rejected_refreshes",
            sageId.rejected());
        assertThat(sageId.refreshes()).as("access tokens refreshed mid-run").isGreaterThan(1);
        assertThat(sageId.rejected()).as("refreshes refused (a spent refresh token presented)").isZero();
      }
      long leaked = secrets.stream().filter(t -> output.indexOf(t) >= 0).count();
      // who finished which job: a job finished twice was processed twice
      // (StockPublish reuses a key's job row for each recompute, so only one-off jobs are counted)
      Map<String, Long> successesPerJob = output.toString().lines().filter(l -> l.startsWith("SUCCEEDED "))
          .filter(l -> !l.contains(" StockPublish "))
          .collect(Collectors.groupingBy(l -> l.split(" ")[3], Collectors.counting()));
      Set<String> finishers = output.toString().lines().filter(l -> l.startsWith("SUCCEEDED "))
          .map(l -> l.split(" ")[1].replaceAll("-.*", "")).collect(Collectors.toSet());
      long processedTwice = successesPerJob.values().stream().filter(n -> n > 1).count();

      ReliabilityResult.report(part, "kills", kills, "instances", instances, "orders", placed.size(), "jobs",
          jobs.size(), "parked", jobs.stream().filter(j -> j.state() == JobState.PARKED).count(), "duplicates",
          duplicates + processedTwice, "lost", lost, "double_applied", doubleApplied, "leaked_secrets", leaked,
          "log_lines", output.toString().lines().count());

      assertThat(duplicates).as("Sage orders doubled").isZero();
      assertThat(processedTwice).as("jobs that succeeded twice").isZero();
      assertThat(lost).as("Centra orders without a Sage order").isZero();
      assertThat(doubleApplied).as("orders without exactly one Centra shipment").isZero();
      assertThat(unsettled).as("jobs neither succeeded nor parked with a reason").isEmpty();
      assertThat(leaked).as("tokens in the workers' TRACE output").isZero();
      assertThat(output.toString()).contains("TRACE");
      // a life that died of its own error (e.g. a store it could not open) would also end non-zero
      assertThat(output.toString()).as("worker lives that crashed instead of being killed")
          .doesNotContain("Exception in thread \"main\"");
      assertThat(finishers).as("instances that finished jobs").hasSize(instances);
      String sageLeeds = Long.toString(sageSandbox.ids("warehouse").get(LEEDS));
      for (String sku : SKUS) {
        assertThat(centraSandbox.stock(sku, LEEDS).physical().intValueExact()).as("Centra stock of %s", sku)
            .isEqualTo(StockFormula.centraPhysical(sageSandbox.holding(sku, LEEDS).freeStockAvailable(),
                store.allocatedQuantity(sku, sageLeeds), 0));
      }
    }
  }

  private static JdbcSyncStateStore openStore(String spec) {
    if (spec.startsWith("jdbc:postgresql:")) {
      PGSimpleDataSource postgres = new PGSimpleDataSource();
      postgres.setUrl(spec);
      postgres.setUser("postgres");
      return JdbcSyncStateStore.builder(postgres).idleConnections(2).build();
    }
    return JdbcSyncStateStore.embeddedH2(Path.of(spec));
  }

  /** Despatches (in full) every Sage order the engine imported and the test has not despatched yet. */
  private void despatchImported(Set<String> despatched) {
    for (SageSalesOrder order : sageSandbox.salesOrders()) {
      if (order.customerDocumentNo() != null && order.customerDocumentNo().startsWith("CENTRA-")
          && despatched.add(order.documentNo())) {
        sageSandbox.despatch(order.documentNo(), "CONS" + despatched.size());
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
        .allowPlainHttp(true).build();
    long warehouse = centraSandbox.ids("warehouse").get(LEEDS);
    var request = SetStockRequest.builder().warehouseId(warehouse);
    for (SandboxCatalog.Item item : ITEMS) {
      request.addLevels(SizeStockLevel.ofSizeName(centraSandbox.ids("variant").get(item.sku()), item.sizeName(),
          quantity));
      sageSandbox.receiveGoods(item.sku(), LEEDS, BigDecimal.valueOf(quantity));
    }
    centra.stock().set(request.build());
  }

  private Process startWorker(String storeSpec, Instant pollStart, Path log, String... instanceAndMode)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace",
        "-cp", System.getProperty("java.class.path"), CrashWorker.class.getName(),
        centraSandbox.baseUrl(), centraSandbox.token(), sageSandbox.baseUrl(), sageSandbox.token(),
        sageSandbox.siteId(), Long.toString(sageSandbox.companyId()), storeSpec,
        Long.toString(centraSandbox.ids("warehouse").get(LEEDS)),
        Long.toString(sageSandbox.ids("warehouse").get(LEEDS)),
        Long.toString(sageSandbox.ids("courier").get("DHL")), Long.toString(pollStart.toEpochMilli())));
    command.addAll(List.of(instanceAndMode));
    ProcessBuilder builder = new ProcessBuilder(command);
    if (sageId != null) {
      command.addAll(1, List.of("-Dsageid.url=" + sageId.tokenUrl(), "-Dsageid.clientId=" + SageIdEndpoint.CLIENT_ID,
          "-Dsageid.refreshFile=" + dir.resolve("refresh-token")));
      // secrets through the environment, as in production, not on the command line
      builder.environment().put("SAGE_CLIENT_SECRET", SageIdEndpoint.CLIENT_SECRET);
      builder.environment().put("SAGE_REFRESH_TOKEN", SageIdEndpoint.FIRST_REFRESH_TOKEN);
    }
    return builder.redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
  }
}
