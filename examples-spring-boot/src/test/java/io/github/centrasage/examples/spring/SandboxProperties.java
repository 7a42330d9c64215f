package io.github.centrasage.examples.spring;

import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.sandbox.CentraSandbox;
import io.github.centrasage.sandbox.Sage200Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the sample application needs to run against the sandboxes: only the addresses, the
 * sandboxes' credentials and the ids their seeds assigned; everything else is application.yml.
 */
final class SandboxProperties {
  static final String LEEDS = "Leeds DC";
  /** The dashboard token the tests sign in with (application.yml reads it from DASHBOARD_TOKEN). */
  static final String DASHBOARD_TOKEN = "sample-dashboard-token-0123";

  private SandboxProperties() {}

  static void register(DynamicPropertyRegistry registry, CentraSandbox centra, Sage200Sandbox sage)
      throws IOException {
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
    registry.add("centra-sage200.engine.discover-interval", () -> "100ms");
    registry.add("centra-sage200.engine.poll-interval", () -> "50ms");
    registry.add("centra-sage200.flows.stock-publish.poll-interval", () -> "200ms");
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
