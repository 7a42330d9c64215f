package io.github.centrasage.examples.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.CentraSandbox;
import io.github.centrasage.sandbox.Sage200Sandbox;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sandbox.SandboxClock;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.SyncListener;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #15, part 6 (Centra): the integration token is revoked while orders wait to be imported.
 * The work is parked with a reason that says so, nothing is written, the engine keeps running;
 * once a new token is configured (through {@code tokenSupplier}) the parked jobs are replayed and
 * every order is imported exactly once. The revoked token appears in no reason or error.
 */
@ExtendWith(ReliabilityResult.class)
class CentraTokenRevocationTest {
  static final String SKU = SandboxCatalog.fashionShop().items().get(0).sku();
  static final String REVOKED = "revoked-SECRET-centra-token";

  final SandboxClock clock = SandboxClock.ticking();
  final CentraSandbox centraSandbox = CentraSandbox.start(CentraSandbox.options().clock(clock));
  final Sage200Sandbox sageSandbox = Sage200Sandbox.start(Sage200Sandbox.options().clock(clock));
  final AtomicReference<String> centraToken = new AtomicReference<>(centraSandbox.token());
  final CentraClient centra = CentraClient.builder().baseUrl(centraSandbox.baseUrl()).tokenSupplier(centraToken::get)
      .allowPlainHttp(true).retrySettings(RetrySettings.none()).readTimeout(Duration.ofSeconds(2)).build();
  final Sage200Client sage = Sage200Client.builder().baseUrl(sageSandbox.baseUrl()).siteId(sageSandbox.siteId())
      .companyId(sageSandbox.companyId()).tokenProvider(TokenProvider.staticToken(sageSandbox.token()))
      .allowPlainHttp(true).sleeper(d -> { }).retrySettings(RetrySettings.none()).readTimeout(Duration.ofSeconds(2))
      .build();
  final AtomicBoolean revokeOnDiscovery = new AtomicBoolean();
  final InMemorySyncStateStore store = new InMemorySyncStateStore(Clock.systemUTC());

  @AfterEach
  void stop() {
    centraSandbox.close();
    sageSandbox.close();
  }

  @Test
  void aRevokedCentraTokenParksTheWorkWithAReasonAndANewTokenRecoversIt() {
    String centraLeeds = Long.toString(centraSandbox.ids("warehouse").get("Leeds DC"));
    String sageLeeds = Long.toString(sageSandbox.ids("warehouse").get("Leeds DC"));
    RetrySettings fast = SyncEngine.defaultRetrySettings().toBuilder().maxAttempts(4).initialDelay(Duration.ofMillis(1)).multiplier(1)
        .maxDelay(Duration.ofMillis(1)).jitter(0).build();
    // one order per job, so jobs are discovered before the token is revoked and run after
    Integration link = Integration.builder().centra(centra).sage(sage).store(store)
        .mappings(CrashWorker.mappings(sage, centraLeeds, sageLeeds)).build();
    SyncEngine engine = SyncEngine.builder().store(link.store()).retryPolicy(fast).lockRetryPolicy(fast)
        // the token is revoked right after discovery found the orders, before their jobs read them
        .listener(new SyncListener() {
          @Override
          public void jobEnqueued(Job job) {
            if (revokeOnDiscovery.get()) {
              centraToken.set(REVOKED);
            }
          }
        })
        .flow(new OrderImport(link, OrderImportOptions.builder().discovery(OrderImportOptions.Discovery.POLLING)
            .pollStart(clock.instant().minus(Duration.ofHours(1))).defaultWarehouse(centraLeeds).batchSize(1).build()))
        .build();
    List<CentraOrder> before = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      before.add(centraSandbox.placeOrder("GBP", Map.of(SKU, 1)));
    }
    HostileInputTest.drain(engine);
    assertThat(before).allSatisfy(o ->
        assertThat(sageSandbox.salesOrdersWithCustomerDocumentNo("CENTRA-" + o.number())).hasSize(1));

    // revoked between discovery and the jobs
    revokeOnDiscovery.set(true);
    List<CentraOrder> during = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      during.add(centraSandbox.placeOrder("GBP", Map.of(SKU, 1)));
    }
    for (int cycle = 0; cycle < 5; cycle++) {
      engine.runOnce(OrderImport.NAME); // the engine keeps running: a failed cycle is reported, not thrown
    }
    List<Job> parked = store.list(OrderImport.NAME, EnumSet.of(JobState.PARKED), 0, 100);
    assertThat(parked).as("jobs parked for the revoked token").hasSize(during.size());
    assertThat(during).allSatisfy(o ->
        assertThat(sageSandbox.salesOrdersWithCustomerDocumentNo("CENTRA-" + o.number())).isEmpty());
    assertThat(parked).allSatisfy(j -> {
      assertThat(String.join(" ", j.parkReasons()) + j.lastError().orElse("")).doesNotContain(REVOKED);
      assertThat(String.join(" ", j.parkReasons()).toLowerCase()).containsAnyOf("token", "auth", "401");
    });

    // a new token is configured: the cursor was not moved past unread orders, and parked work is replayed
    revokeOnDiscovery.set(false);
    centraToken.set(centraSandbox.token());
    parked.forEach(j -> engine.replay(j.id()));
    HostileInputTest.drain(engine);

    List<CentraOrder> all = new ArrayList<>(before);
    all.addAll(during);
    long lost = all.stream().filter(o -> sageSandbox.salesOrdersWithCustomerDocumentNo("CENTRA-" + o.number())
        .isEmpty()).count();
    long duplicates = all.stream().filter(o -> sageSandbox.salesOrdersWithCustomerDocumentNo("CENTRA-" + o.number())
        .size() > 1).count();
    ReliabilityResult.report("centra-token-revocation", "parked", parked.size(), "lost", lost, "duplicates",
        duplicates);
    assertThat(lost).isZero();
    assertThat(duplicates).isZero();
    assertThat(store.list(OrderImport.NAME, EnumSet.of(JobState.PARKED), 0, 100)).isEmpty();
  }
}
