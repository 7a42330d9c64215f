package io.github.centrasage.examples.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.CentraSandbox;
import io.github.centrasage.sandbox.Sage200Sandbox;
import io.github.centrasage.sandbox.SageSalesOrder;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sandbox.SandboxClock;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.SyncListener;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.spi.Coalescing;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.spi.NewJob;
import io.github.centrasage.sync.store.JdbcSyncStateStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Issue #15, part 2: two engines on one PostgreSQL store import orders together; both take work,
 * no job succeeds twice, no order is doubled; a job claimed by an instance that then died (its
 * lease never released) is taken over only after the lease expired in database time.
 */
@ExtendWith(ReliabilityResult.class)
class TwoInstancesTest {
  static final List<SandboxCatalog.Item> ITEMS = SandboxCatalog.fashionShop().items();

  final SandboxClock clock = SandboxClock.ticking();
  final CentraSandbox centraSandbox = CentraSandbox.start(CentraSandbox.options().clock(clock));
  final Sage200Sandbox sageSandbox = Sage200Sandbox.start(Sage200Sandbox.options().clock(clock));
  final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
    centraSandbox.close();
    sageSandbox.close();
  }

  @Test
  void twoEnginesShareTheWorkAndTakeOverADeadInstancesLeaseAfterItExpires() throws Exception {
    EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
    resources.add(postgres);
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(postgres.getJdbcUrl("postgres", "postgres"));
    dataSource.setUser("postgres");
    JdbcSyncStateStore store = JdbcSyncStateStore.builder(dataSource).idleConnections(6).build();
    resources.add(store);
    String centraLeeds = Long.toString(centraSandbox.ids("warehouse").get("Leeds DC"));
    String sageLeeds = Long.toString(sageSandbox.ids("warehouse").get("Leeds DC"));
    Instant pollStart = clock.instant().minus(Duration.ofHours(1));

    // a job the dead instance claimed (and never finished) for an order placed before any engine ran
    CentraOrder orphan = centraSandbox.placeOrder("GBP", Map.of(ITEMS.get(0).sku(), 1));
    store.enqueue(NewJob.builder().flow(OrderImport.NAME).key(OrderImport.jobKey(orphan.number()))
        .reference(Integer.toString(orphan.number())).coalescing(Coalescing.KEEP_EXISTING).build());
    Duration deadLease = Duration.ofSeconds(3);
    Job claimed = store.claim(OrderImport.NAME, "dead-instance", 1, deadLease).get(0);
    Instant leaseEnd = claimed.leaseUntil().orElseThrow();

    List<CentraOrder> orders = new ArrayList<>(List.of(orphan));
    for (int i = 0; i < 20; i++) {
      orders.add(centraSandbox.placeOrder("GBP", Map.of(ITEMS.get(1 + i).sku(), 1)));
    }
    Map<Long, List<String>> finishedBy = new ConcurrentHashMap<>();
    Map<Long, Instant> finishedAt = new ConcurrentHashMap<>();
    for (String instance : List.of("a", "b")) {
      SyncEngine engine = engine(store, instance, centraLeeds, sageLeeds, pollStart, new SyncListener() {
        @Override
        public void jobSucceeded(Job job) {
          finishedBy.computeIfAbsent(job.id(), id -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(instance);
          finishedAt.putIfAbsent(job.id(), store.now());
        }
      });
      resources.add(engine);
      engine.start();
    }

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
        orders.stream().allMatch(o -> !sageSandbox.salesOrdersWithCustomerDocumentNo("CENTRA-" + o.number()).isEmpty())
            && store.count(OrderImport.NAME).getOrDefault(JobState.RUNNING, 0L)
            + store.count(OrderImport.NAME).getOrDefault(JobState.QUEUED, 0L) == 0);

    Map<String, Long> perOrder = sageSandbox.salesOrders().stream()
        .collect(Collectors.groupingBy(SageSalesOrder::customerDocumentNo, Collectors.counting()));
    long duplicates = perOrder.values().stream().filter(n -> n > 1).count();
    long processedTwice = finishedBy.values().stream().filter(l -> l.size() > 1).count();
    long lost = orders.stream().filter(o -> !perOrder.containsKey("CENTRA-" + o.number())).count();
    Map<String, Long> perInstance = finishedBy.values().stream().flatMap(List::stream)
        .collect(Collectors.groupingBy(i -> i, Collectors.counting()));
    Job orphanJob = store.job(claimed.id()).orElseThrow();
    ReliabilityResult.report("two-instances-postgres", "orders", orders.size(), "jobs_a", perInstance.getOrDefault("a", 0L),
        "jobs_b", perInstance.getOrDefault("b", 0L), "duplicates", duplicates + processedTwice, "lost", lost);

    assertThat(duplicates).isZero();
    assertThat(processedTwice).isZero();
    assertThat(lost).isZero();
    assertThat(perInstance).as("both instances took work").containsKeys("a", "b");
    assertThat(orphanJob.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(finishedAt.get(claimed.id())).as("taken over only after the dead lease expired (DB time)")
        .isAfterOrEqualTo(leaseEnd);
    assertThat(store.list(OrderImport.NAME, EnumSet.of(JobState.PARKED), 0, 100)).isEmpty();
  }

  private SyncEngine engine(JdbcSyncStateStore store, String instance, String centraLeeds, String sageLeeds,
      Instant pollStart, SyncListener listener) {
    CentraClient centra = CentraClient.builder().baseUrl(centraSandbox.baseUrl()).token(centraSandbox.token())
        .allowPlainHttp(true).retrySettings(RetrySettings.none()).readTimeout(Duration.ofSeconds(2)).build();
    Sage200Client sage = Sage200Client.builder().baseUrl(sageSandbox.baseUrl()).siteId(sageSandbox.siteId())
        .companyId(sageSandbox.companyId()).tokenProvider(TokenProvider.staticToken(sageSandbox.token()))
        .allowPlainHttp(true).sleeper(d -> { }).retrySettings(RetrySettings.none())
        .readTimeout(Duration.ofSeconds(2)).build();
    Mappings mappings = CrashWorker.mappings(sage, centraLeeds, sageLeeds);
    RetrySettings fast = SyncEngine.defaultRetrySettings().toBuilder().maxAttempts(6).initialDelay(Duration.ofMillis(5)).multiplier(1)
        .maxDelay(Duration.ofMillis(5)).jitter(0).build();
    Integration link = Integration.builder().centra(centra).sage(sage).store(store).mappings(mappings).build();
    return SyncEngine.builder().store(link.store()).instanceId(instance)
        .retryPolicy(fast).lockRetryPolicy(fast).workers(2).queuePollInterval(Duration.ofMillis(20))
        .defaultDiscoverInterval(Duration.ofMillis(200)).leaseDuration(Duration.ofSeconds(10)).listener(listener)
        .flow(new OrderImport(link, OrderImportOptions.builder().discovery(OrderImportOptions.Discovery.POLLING)
            .pollStart(pollStart).defaultWarehouse(centraLeeds).batchSize(1).build()))
        .build();
  }
}
