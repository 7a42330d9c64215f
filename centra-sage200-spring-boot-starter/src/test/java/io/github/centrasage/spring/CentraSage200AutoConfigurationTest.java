package io.github.centrasage.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.dashboard.DashboardRecorder;
import io.github.centrasage.dashboard.DashboardServlet;
import io.github.centrasage.micrometer.SyncEngineMetrics;
import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sandbox.CentraSandbox;
import io.github.centrasage.sandbox.Sage200Sandbox;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.stock.StockPublish;
import io.github.centrasage.sync.store.JdbcSyncStateStore;
import io.github.centrasage.sync.store.SyncStateStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class CentraSage200AutoConfigurationTest {
  private static CentraSandbox centra;
  private static Sage200Sandbox sage;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    centra = CentraSandbox.start();
    sage = Sage200Sandbox.start();
  }

  @AfterAll
  static void stop() {
    centra.close();
    sage.close();
  }

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(CentraSage200AutoConfiguration.class));

  private DataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + dir.resolve("sync"));
    return ds;
  }

  private String[] sandboxProperties() {
    return sandboxProperties(centra, sage);
  }

  /** The sandboxes' addresses and credentials, the engine not started, and mappings the flows accept. */
  static String[] sandboxProperties(CentraSandbox centra, Sage200Sandbox sage) {
    return new String[] {
        "centra-sage200.centra.base-url=" + centra.baseUrl(),
        "centra-sage200.centra.token=" + centra.token(),
        "centra-sage200.centra.allow-plain-http=true",
        "centra-sage200.sage.base-url=" + sage.baseUrl(),
        "centra-sage200.sage.site-id=" + sage.siteId(),
        "centra-sage200.sage.company-id=" + sage.companyId(),
        "centra-sage200.sage.access-token=" + sage.token(),
        "centra-sage200.sage.allow-plain-http=true",
        "centra-sage200.engine.auto-startup=false",
        "centra-sage200.flows.order-import.default-warehouse=1",
        "centra-sage200.mappings.currency.GBP=1",
        "centra-sage200.mappings[tax.*.20]=1",
        "centra-sage200.mappings.warehouse.1=1",
        "centra-sage200.mappings.customer.UK=account:WEBGBP",
        "centra-sage200.mappings.payment.adyen.clearingBank=1210",
        "centra-sage200.mappings.payment.adyen.currentBank=1200",
        "centra-sage200.mappings.payment.adyen.feesNominal=7901",
        "centra-sage200.mappings.payment.adyen.varianceNominal=9999",
    };
  }

  /** The {@link CentraSage200ConfigurationException} among the causes of the context's startup failure. */
  private static CentraSage200ConfigurationException configurationFailure(
      org.springframework.boot.test.context.assertj.AssertableApplicationContext context) {
    Throwable failure = context.getStartupFailure();
    while (failure != null && !(failure instanceof CentraSage200ConfigurationException)) {
      failure = failure.getCause();
    }
    assertThat(failure).as("a CentraSage200ConfigurationException among the startup failure's causes").isNotNull();
    return (CentraSage200ConfigurationException) failure;
  }

  @Test
  void aStartWithNothingConfiguredListsEveryProblemAtOnce() {
    runner.run(context -> {
      assertThat(context).hasFailed();
      assertThat(configurationFailure(context).problems()).anySatisfy(
          p -> assertThat(p).contains("centra-sage200.centra.base-url")).anySatisfy(
          p -> assertThat(p).contains("centra-sage200.centra.token")).anySatisfy(
          p -> assertThat(p).contains("centra-sage200.sage.site-id")).anySatisfy(
          p -> assertThat(p).contains("centra-sage200.sage.company-id")).anySatisfy(
          p -> assertThat(p).contains("client-id, client-secret and refresh-token")).anySatisfy(
          p -> assertThat(p).contains("no DataSource")).anySatisfy(
          p -> assertThat(p).contains("no mappings"));
    });
  }

  @Test
  void badValuesAndBadMappingsAreListedTogether() {
    runner.withBean(DataSource.class, this::h2)
        .withPropertyValues(sandboxProperties())
        .withPropertyValues("centra-sage200.engine.workers=0", "centra-sage200.store.table-prefix=bad prefix",
            "centra-sage200.sage.client-id=abc", "centra-sage200.mappings.currency.GBP=")
        .run(context -> {
          assertThat(context).hasFailed();
          String message = context.getStartupFailure().getMessage();
          assertThat(message).contains("centra-sage200.engine.workers", "centra-sage200.store.table-prefix",
              "either access-token or client-id", "mappings:");
          assertThat(message).as("secrets stay out of the failure").doesNotContain(sage.token(), centra.token());
        });
  }

  @Test
  void theStartersFlowProblemsAreListedWithThePropertiesProblems() {
    runner.withBean(DataSource.class, this::h2)
        .withPropertyValues(sandboxProperties())
        .withPropertyValues("centra-sage200.engine.workers=0", "centra-sage200.flows.order-import.default-warehouse=99",
            "centra-sage200.mappings.warehouse.1=x")
        .run(context -> {
          assertThat(context).hasFailed();
          String message = context.getStartupFailure().getMessage();
          assertThat(message).contains("centra-sage200.engine.workers",
              "flow OrderImport: default warehouse '99' has no Sage warehouse mapping",
              "flow StockPublish: warehouse mapping '1' → 'x' must map a Centra warehouse id to a Sage warehouse id");
        });
  }

  /** A flow of the application's own that reports a problem. */
  static final class Misconfigured extends AlwaysParks {
    @Override
    public String name() {
      return "Misconfigured";
    }

    @Override
    public java.util.List<String> problems() {
      return java.util.List.of("no target account set");
    }
  }

  @Test
  void anApplicationFlowsProblemsFailTheStartAsAConfigurationProblem() {
    runner.withBean(DataSource.class, this::h2)
        .withBean(Misconfigured.class, Misconfigured::new)
        .withPropertyValues(sandboxProperties())
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(configurationFailure(context).problems())
              .containsExactly("flow Misconfigured: no target account set");
        });
  }

  @Test
  void wiresClientsStoreFlowsEngineHealthAndMeters() {
    runner.withBean(DataSource.class, this::h2)
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues(sandboxProperties())
        .withPropertyValues("centra-sage200.store.table-prefix=cs2_")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasSingleBean(SyncEngine.class).hasSingleBean(OrderImport.class)
              .hasSingleBean(StockPublish.class).hasSingleBean(SyncEngineMetrics.class).hasSingleBean(Integration.class);
          assertThat(context.getBean(SyncStateStore.class)).isInstanceOf(JdbcSyncStateStore.class);
          SyncEngine engine = context.getBean(SyncEngine.class);
          Integration integration = context.getBean(Integration.class);
          assertThat(integration.store()).isSameAs(context.getBean(SyncStateStore.class)).isSameAs(engine.store());
          assertThat(integration.centra()).isSameAs(context.getBean(CentraClient.class));
          assertThat(integration.sage()).isSameAs(context.getBean(Sage200Client.class));
          engine.runOnce("OrderImport");

          Health health = context.getBean("centraSage200HealthIndicator", SyncEngineHealthIndicator.class).health();
          assertThat(health.getStatus()).isEqualTo(Status.UP);
          assertThat(health.getDetails()).containsKeys("OrderImport", "StockPublish");
          @SuppressWarnings("unchecked")
          Map<String, Object> orders = (Map<String, Object>) health.getDetails().get("OrderImport");
          assertThat(orders).containsKeys("queued", "parked", "lastCleanCycle");

          MeterRegistry registry = context.getBean(MeterRegistry.class);
          assertThat(registry.get("centra_sage200.queue.depth").tag("flow", "OrderImport").gauge()).isNotNull();
          try (java.sql.Connection c = context.getBean(DataSource.class).getConnection();
              java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM cs2_job")) {
            assertThat(rs.next()).isTrue();
          }
        });
  }

  @Test
  void theLifecycleStartsAndDrainsTheEngine() {
    runner.withBean(DataSource.class, this::h2)
        .withPropertyValues(sandboxProperties())
        .withPropertyValues("centra-sage200.engine.auto-startup=true")
        .run(context -> {
          SyncEngineLifecycle lifecycle = context.getBean(SyncEngineLifecycle.class);
          assertThat(lifecycle.isRunning()).isTrue();
          context.close();
          assertThat(lifecycle.isRunning()).isFalse();
        });
  }

  /** The application's own order import, built with the starter's Integration. */
  @Configuration(proxyBeanMethods = false)
  static class OwnOrderImport {
    @Bean
    OrderImport orderImport(Integration integration) {
      return new OrderImport(integration, OrderImportOptions.builder().defaultWarehouse("1").build());
    }
  }

  @Test
  void anApplicationBeanReplacesThePartItNames() {
    runner.withBean(DataSource.class, this::h2)
        .withUserConfiguration(OwnOrderImport.class)
        .withPropertyValues(sandboxProperties())
        .withPropertyValues("centra-sage200.flows.stock-publish.enabled=false")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(OrderImport.class).doesNotHaveBean(StockPublish.class);
          assertThat(context.getBean(SyncEngine.class).status()).extracting(s -> s.flow()).containsExactly("OrderImport");
        });
  }

  @Test
  void theFlowPropertiesOfAFlowTheApplicationReplacedAreNotChecked() {
    runner.withBean(DataSource.class, this::h2)
        .withUserConfiguration(OwnOrderImport.class)
        .withPropertyValues(sandboxProperties())
        // the starter's OrderImport would have no fulfilment warehouse; the application's own has one
        .withPropertyValues("centra-sage200.flows.order-import.default-warehouse=")
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(OrderImport.class));
  }

  /** A flow of the application's own whose every job parks. */
  static class AlwaysParks implements io.github.centrasage.sync.spi.SyncFlow {
    @Override
    public String name() {
      return "AlwaysParks";
    }

    @Override
    public void discover(io.github.centrasage.sync.spi.DiscoverContext context) {
      context.enqueue(java.util.List.of(io.github.centrasage.sync.spi.NewJob.builder().flow(name()).key("k1")
          .reference("R1").build()), "done");
    }

    @Override
    public void process(io.github.centrasage.sync.spi.JobContext context) {
      throw io.github.centrasage.sync.JobFailure.permanent("always");
    }
  }

  @Test
  void theEndpointShowsStatusAndReplaysAParkedJobOfAnApplicationFlow() {
    runner.withBean(DataSource.class, this::h2)
        .withBean(AlwaysParks.class, AlwaysParks::new)
        .withPropertyValues(sandboxProperties())
        .run(context -> {
          SyncEngine engine = context.getBean(SyncEngine.class);
          engine.runOnce("AlwaysParks");
          SyncEngineEndpoint endpoint = new SyncEngineEndpoint(engine);
          @SuppressWarnings("unchecked")
          Map<String, Map<String, Object>> flows = (Map<String, Map<String, Object>>) endpoint.status().get("flows");
          assertThat(flows).containsKeys("OrderImport", "StockPublish", "AlwaysParks");
          assertThat(flows.get("AlwaysParks")).containsEntry("parked", 1L);

          long jobId = context.getBean(SyncStateStore.class).search("R1", 5).get(0).id();
          assertThat(endpoint.replay(jobId)).containsEntry("replayed", true);
          assertThat(engine.status("AlwaysParks").queued()).isEqualTo(1);
          assertThat(endpoint.replay(jobId)).as("no longer parked").containsEntry("replayed", false);
        });
  }

  private final WebApplicationContextRunner webRunner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(CentraSage200AutoConfiguration.class));

  @Test
  void inAServletApplicationWithATokenTheDashboardIsRegisteredAtItsPathWithTheRecorderAsAListener() {
    webRunner.withBean(DataSource.class, this::h2).withPropertyValues(sandboxProperties())
        .withPropertyValues("centra-sage200.dashboard.token=a-dashboard-token-0123", "centra-sage200.dashboard.path=/ops/sync")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(DashboardRecorder.class);
          ServletRegistrationBean<?> dashboard = context.getBean("centraSage200Dashboard", ServletRegistrationBean.class);
          assertThat(dashboard.getServlet()).isInstanceOf(DashboardServlet.class);
          assertThat(dashboard.getUrlMappings()).containsExactly("/ops/sync/*");
          assertThat(context.getBean(CentraSage200Properties.class).toString()).doesNotContain("a-dashboard-token-0123");
        });
    // no token, or switched off: not served, and nothing fails
    webRunner.withBean(DataSource.class, this::h2).withPropertyValues(sandboxProperties()).run(context ->
        assertThat(context).hasNotFailed().doesNotHaveBean("centraSage200Dashboard"));
    webRunner.withBean(DataSource.class, this::h2).withPropertyValues(sandboxProperties())
        .withPropertyValues("centra-sage200.dashboard.token=a-dashboard-token-0123", "centra-sage200.dashboard.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("centraSage200Dashboard"));
  }

  @Test
  void badDashboardSettingsAreListedWithTheOtherProblemsAndTheTokenStaysOut() {
    webRunner.withBean(DataSource.class, this::h2).withPropertyValues(sandboxProperties())
        .withPropertyValues("centra-sage200.dashboard.token=short-secret", "centra-sage200.dashboard.path=/ops/",
            "centra-sage200.engine.workers=0")
        .run(context -> {
          assertThat(context).hasFailed();
          String message = context.getStartupFailure().getMessage();
          assertThat(message).contains("centra-sage200.dashboard.token must have at least 16 characters",
              "centra-sage200.dashboard.path must be a path", "centra-sage200.engine.workers")
              .doesNotContain("short-secret");
        });
    webRunner.withBean(DataSource.class, this::h2).withPropertyValues(sandboxProperties())
        .withPropertyValues("centra-sage200.dashboard.enabled=true")
        .run(context -> assertThat(context.getStartupFailure().getMessage())
            .contains("centra-sage200.dashboard.token is not set"));
    webRunner.withBean(DataSource.class, this::h2).withPropertyValues(sandboxProperties())
        .withPropertyValues("centra-sage200.dashboard.token=a-dashboard-token-0123",
            "centra-sage200.dashboard.reading=application-security")
        .run(context -> assertThat(context.getStartupFailure().getMessage())
            .contains("centra-sage200.dashboard.reader-role must name the role"));
  }

  @Test
  void theConfigurationMetadataIsGenerated() throws Exception {
    try (var in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).isNotNull();
      String json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(json).contains("\"centra-sage200.centra.base-url\"", "\"centra-sage200.store.schema-management\"",
          "\"centra-sage200.flows.order-import.default-warehouse\"", "\"centra-sage200.dashboard.path\"",
          "\"centra-sage200.dashboard.token\"");
    }
  }

  @Test
  void canBeSwitchedOff() {
    runner.withPropertyValues("centra-sage200.enabled=false").run(context ->
        assertThat(context).hasNotFailed().doesNotHaveBean(SyncEngine.class));
  }
}
