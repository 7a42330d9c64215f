package io.github.centrasage.examples.spring;

import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.sandbox.CentraSandbox;
import io.github.centrasage.sandbox.Sage200Sandbox;
import io.github.centrasage.sandbox.SandboxClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.order.OrderImport;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Both sandboxes for one test class (closed after it), and what the sample application needs to
 * run against them: only the addresses, the sandboxes' credentials and the ids their seeds
 * assigned; everything else is application.yml.
 */
final class Sandboxes implements AfterAllCallback {
  static final String LEEDS = "Leeds DC";
  /** The dashboard token the tests sign in with (application.yml reads it from DASHBOARD_TOKEN). */
  static final String DASHBOARD_TOKEN = "sample-dashboard-token-0123";

  final CentraSandbox centra;
  final Sage200Sandbox sage;

  private Sandboxes(CentraSandbox centra, Sage200Sandbox sage) {
    this.centra = centra;
    this.sage = sage;
  }

  static Sandboxes start() {
    // the application runs on real time, so the sandboxes do too (their default clock stands still)
    SandboxClock clock = SandboxClock.ticking();
    return new Sandboxes(CentraSandbox.start(CentraSandbox.options().clock(clock)),
        Sage200Sandbox.start(Sage200Sandbox.options().clock(clock)));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    centra.close();
    sage.close();
  }

  /**
   * Waits for the engine's first order discovery: it subscribes to Centra's events then, and an
   * order placed before that is not in the queue (the application starts the engine in the
   * background).
   */
  static void awaitFirstOrderDiscovery(SyncEngine engine) {
    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> engine.status(OrderImport.NAME).lastRunFinishedAt().isPresent());
  }

  void register(DynamicPropertyRegistry registry) throws IOException {
    Path data = Files.createTempDirectory("sample-app");
    registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + data.resolve("sync"));
    registry.add("centra-sage200.centra.base-url", centra::baseUrl);
    registry.add("centra-sage200.centra.token", centra::token);
    registry.add("centra-sage200.centra.allow-plain-http", () -> "true");
    registry.add("centra-sage200.sage.base-url", sage::baseUrl);
    registry.add("centra-sage200.sage.site-id", sage::siteId);
    registry.add("centra-sage200.sage.company-id", sage::companyId);
    // a sandbox takes a fixed token instead of Sage ID
    registry.add("centra-sage200.sage.client-id", () -> "");
    registry.add("centra-sage200.sage.client-secret", () -> "");
    registry.add("centra-sage200.sage.access-token", sage::token);
    registry.add("centra-sage200.sage.allow-plain-http", () -> "true");
    registry.add("centra-sage200.engine.default-discover-interval", () -> "100ms");
    registry.add("centra-sage200.engine.queue-poll-interval", () -> "50ms");
    registry.add("centra-sage200.flows.stock-publish.discover-interval", () -> "200ms");
    registry.add("centra-sage200.dashboard.token", () -> DASHBOARD_TOKEN);
    String centraLeeds = Long.toString(centra.ids("warehouse").get(LEEDS));
    registry.add("centra-sage200.flows.order-import.default-warehouse", () -> centraLeeds);
    registry.add("centra-sage200.mappings.warehouse." + centraLeeds, () -> sage.ids("warehouse").get(LEEDS));
    // ids the Sage sandbox assigned when it seeded
    Sage200Client setup = Sage200Client.builder().baseUrl(sage.baseUrl()).siteId(sage.siteId())
        .companyId(sage.companyId()).tokenProvider(TokenProvider.staticToken(sage.token())).allowPlainHttp(true)
        .readTimeout(Duration.ofSeconds(20)).build();
    long gbp = setup.currencies().list(ODataQuery.all()).stream()
        .filter(c -> c.isBaseCurrency().orElse(false)).findFirst().orElseThrow().id();
    var taxCodes = setup.taxCodes().list(ODataQuery.all());
    long standard = taxCodes.stream().filter(t -> t.code().orElse(-1) == 1).findFirst().orElseThrow().id();
    long zero = taxCodes.stream().filter(t -> t.code().orElse(-1) == 0).findFirst().orElseThrow().id();
    registry.add("centra-sage200.mappings.currency.GBP", () -> gbp);
    registry.add("centra-sage200.mappings[tax.*.20]", () -> standard);
    registry.add("centra-sage200.mappings[tax.*.0]", () -> zero);
  }
}
