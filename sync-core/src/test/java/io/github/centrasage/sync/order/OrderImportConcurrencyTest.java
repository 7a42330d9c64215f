package io.github.centrasage.sync.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.centrasage.sage200.model.Customer;
import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.Fault;
import io.github.centrasage.sandbox.FaultScope;
import io.github.centrasage.sandbox.SageSalesOrder;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.store.SyncStateStore;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import io.github.centrasage.sync.store.JdbcSyncStateStore;
import io.github.centrasage.sync.store.PooledDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several workers and engine instances at once: a new shopper's account is created once, and two
 * engines sharing one store (H2 file, PostgreSQL) import every order exactly once.
 */
class OrderImportConcurrencyTest {
  final OrderImportFixture f = new OrderImportFixture();
  final List<AutoCloseable> resources = new ArrayList<>();
  @TempDir Path dir;

  @AfterEach
  void close() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
    f.close();
  }

  /** A started engine on the real clock (retries are due within milliseconds), one job per batch. */
  SyncEngine started(SyncStateStore store, String instance, Mappings mappings) {
    OrderImport flow = new OrderImport(f.integration(store, mappings), f.options().batchSize(1).build());
    SyncEngine engine = f.engine(store).flow(flow).clock(Clock.systemUTC()).instanceId(instance).workers(3)
        .queuePollInterval(Duration.ofMillis(20)).defaultDiscoverInterval(Duration.ofMillis(200)).build();
    resources.add(engine);
    engine.start();
    return engine;
  }

  static void awaitAllDone(SyncStateStore store, int orders) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
      Map<JobState, Long> counts = store.count(OrderImport.NAME);
      return counts.get(JobState.QUEUED) + counts.get(JobState.RUNNING) + counts.get(JobState.RETRYING) == 0
          && counts.get(JobState.SUCCEEDED) + counts.get(JobState.PARKED) >= orders;
    });
  }

  @Test
  void twoOrdersOfANewShopperProcessedAtOnceCreateOneCustomerAccount() {
    String email = "ann.new@example.com";
    Mappings perShopper = Mappings.builder().from(f.mappings().build())
        .putCustomerStrategy("UK", Mappings.CustomerStrategy.perShopper("WEB")).build();
    CentraOrder first = f.centra.placeOrder("GBP", Map.of("P00001-BLK-M", 1), email);
    CentraOrder second = f.centra.placeOrder("GBP", Map.of("P00002-NVY-S", 1), email);
    InMemorySyncStateStore store = new InMemorySyncStateStore(Clock.systemUTC());

    started(store, "a", perShopper);
    started(store, "b", perShopper);
    awaitAllDone(store, 2);

    List<Customer> accounts = f.sageClient.customers().findByEmail(email);
    assertThat(accounts).singleElement().satisfies(c -> assertThat(c.reference()).startsWith("WEB").hasSizeLessThanOrEqualTo(8));
    assertThat(f.sage.requestCount("POST /customers")).isEqualTo(1);
    assertThat(List.of(first, second)).allSatisfy(o -> assertThat(
        f.sage.salesOrdersWithCustomerDocumentNo("CENTRA-" + o.number())).singleElement()
        .extracting(SageSalesOrder::customerReference).isEqualTo(accounts.get(0).reference()));
    assertThat(store.bindingByCentraId("customer", email)).hasValueSatisfying(
        b -> assertThat(b.sageId()).isEqualTo(Long.toString(accounts.get(0).id())));
  }

  @Test
  void twoEnginesOnOneH2FileStoreImportEveryOrderOnce() {
    JdbcSyncStateStore one = JdbcSyncStateStore.embeddedH2(dir.resolve("sync"));
    JdbcSyncStateStore two = JdbcSyncStateStore.embeddedH2(dir.resolve("sync"));
    resources.add(one);
    resources.add(two);
    runTwoEngines(one, two);
  }

  @Test
  void twoEnginesOnOnePostgresStoreImportEveryOrderOnce() throws Exception {
    EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
    resources.add(postgres);
    PooledDataSource dataSource = new PooledDataSource(postgres.getPostgresDatabase(), 8);
    resources.add(dataSource);
    runTwoEngines(JdbcSyncStateStore.builder(dataSource).dialect(JdbcSyncStateStore.Dialect.POSTGRESQL).build(),
        JdbcSyncStateStore.builder(dataSource).dialect(JdbcSyncStateStore.Dialect.POSTGRESQL).build());
  }

  private void runTwoEngines(SyncStateStore one, SyncStateStore two) {
    List<CentraOrder> orders = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      orders.add(f.centra.placeOrder(i % 2 == 0 ? "GBP" : "EUR", Map.of(OrderImportFixture.sku(i), 1)));
    }
    f.sage.faults().inject(Fault.resetAfterCommit(), FaultScope.nextCalls(3).on("POST /sop_orders"));
    f.sage.faults().inject(Fault.httpStatusAfterCommit(502), FaultScope.nextCalls(2).on("POST /sop_orders"));

    started(one, "engine-1", f.mappings().build());
    started(two, "engine-2", f.mappings().build());
    awaitAllDone(one, orders.size());

    assertThat(one.count(OrderImport.NAME).get(JobState.PARKED)).isZero();
    for (CentraOrder order : orders) {
      assertThat(f.sage.salesOrdersWithCustomerDocumentNo("CENTRA-" + order.number())).as("order %s", order.number())
          .hasSize(1);
      assertThat(OrderImport.binding(two, order.number())).isPresent();
    }
    assertThat(f.sage.salesOrders()).hasSize(orders.size());
  }
}
