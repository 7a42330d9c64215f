package io.github.centrasage.sync.order;

import io.github.centrasage.sync.integration.Integration;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.Fault;
import io.github.centrasage.sandbox.FaultScope;
import io.github.centrasage.sandbox.SageSalesOrder;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.SyncStatus;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many orders with random sandbox faults on one in ten Sage order requests (creates and lookups):
 * no duplicate, none missing, every job succeeded or parked with a reason. The default suite runs
 * 300 orders; {@code -Dorderimport.bulk.orders=1000} runs the full thousand.
 */
class OrderImportBulkTest {
  static final int ORDERS = Integer.getInteger("orderimport.bulk.orders", 300);
  static final double FAULT_RATE = 0.10;

  final OrderImportFixture f = new OrderImportFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void importsEveryOrderExactlyOnceUnderRandomFaults() {
    Random random = new Random(42);
    AtomicInteger faults = new AtomicInteger();
    List<Fault> createFaults = List.of(Fault.connectionReset(), Fault.resetAfterCommit(), Fault.httpStatusAfterCommit(500),
        Fault.httpStatus(503));
    // Decides per request, just before it is sent, whether the sandbox answers it with a fault.
    OkHttpClient faulty = new OkHttpClient.Builder().addInterceptor(chain -> {
      String path = chain.request().url().encodedPath();
      if (path.endsWith("/sop_orders") && random.nextDouble() < FAULT_RATE) {
        boolean create = chain.request().method().equals("POST");
        Fault fault = create ? createFaults.get(random.nextInt(createFaults.size())) : Fault.httpStatus(503);
        f.sage.faults().inject(fault, FaultScope.nextCalls(1).on(create ? "POST /sop_orders" : "GET /sop_orders"));
        faults.incrementAndGet();
      }
      return chain.proceed(chain.request());
    }).build();
    Sage200Client sage = Sage200Client.builder().baseUrl(f.sage.baseUrl()).siteId(f.sage.siteId())
        .companyId(f.sage.companyId()).tokenProvider(TokenProvider.staticToken(f.sage.token())).allowPlainHttp(true)
        .sleeper(d -> { }).retrySettings(RetrySettings.none()).okHttpClient(faulty).build();
    InMemorySyncStateStore store = new InMemorySyncStateStore(f.clock);
    Integration link = Integration.builder().store(store).mappings(f.mappings().build()).centra(f.centraClient)
        .sage(sage).build();
    SyncEngine engine = f.engine(store)
        .flow(new OrderImport(link, f.options().discovery(OrderImportOptions.Discovery.EVENTS).build())).build();
    engine.runOnce(OrderImport.NAME); // subscribes to Order events
    List<CentraOrder> orders = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      orders.add(f.centra.placeOrder(i % 3 == 0 ? "EUR" : "GBP", Map.of(OrderImportFixture.sku(i), 1 + i % 2)));
    }

    long started = System.nanoTime();
    SyncStatus status = OrderImportFixture.drain(engine, f.clock);
    long millis = (System.nanoTime() - started) / 1_000_000;

    Map<String, Long> perKey = f.sage.salesOrders().stream()
        .collect(Collectors.groupingBy(SageSalesOrder::customerDocumentNo, Collectors.counting()));
    List<Job> parked = store.list(OrderImport.NAME, Set.of(JobState.PARKED), 0, ORDERS);
    assertThat(perKey.values()).as("no duplicates").allMatch(n -> n == 1);
    assertThat(parked).allSatisfy(j -> assertThat(j.parkReasons()).isNotEmpty());
    Set<String> parkedRefs = parked.stream().map(Job::reference).collect(Collectors.toSet());
    assertThat(orders).as("every order imported or parked with a reason").allMatch(o ->
        perKey.containsKey("CENTRA-" + o.number()) || parkedRefs.contains(Integer.toString(o.number())));
    assertThat(status.queued() + status.retrying() + status.running()).isZero();
    assertThat(faults.get()).isGreaterThan(ORDERS / 20);
    Map<String, Long> requests = f.sage.requestCounts();
    System.out.printf("OrderImport bulk: %d orders, %d faults injected, %d imported, %d parked, %d ms;"
        + " Sage POST /sop_orders %d, GET /sop_orders %d, GET /sop_orders/{id} %d%n", ORDERS, faults.get(),
        perKey.size(), parked.size(), millis, requests.getOrDefault("POST /sop_orders", 0L),
        requests.getOrDefault("GET /sop_orders", 0L), requests.getOrDefault("GET /sop_orders/{id}", 0L));
  }
}
