package io.github.centrasage.spring;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.dashboard.DashboardRecorder;
import io.github.centrasage.dashboard.DashboardServlet;
import io.github.centrasage.micrometer.SyncEngineMetrics;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.SageIdCredentials;
import io.github.centrasage.sage200.SageIdTokenProvider;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.spring.internal.ActivityTracker;
import io.github.centrasage.spring.internal.CheckedSetup;
import io.github.centrasage.spring.internal.DashboardServedCondition;
import io.github.centrasage.spring.internal.DashboardSetup;
import io.github.centrasage.spring.internal.FileSageRefreshTokenStore;
import io.github.centrasage.spring.internal.SpringSecurityForms;
import io.github.centrasage.sync.SyncConfigurationException;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.SyncListener;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.spi.FailureClassifier;
import io.github.centrasage.sync.spi.SyncFlow;
import io.github.centrasage.sync.stock.StockPublish;
import io.github.centrasage.sync.store.JdbcSyncStateStore;
import io.github.centrasage.sync.store.SyncStateStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * Wires both clients, the JDBC store on the application's {@code DataSource}, the mappings, the
 * {@link Integration} joining them, the order-import and stock-publish flows built with it and the
 * engine on its store from {@code centra-sage200.*}, and runs the engine with the application
 * ({@link SyncEngineLifecycle}). Every part is a bean of its own: a
 * bean of the same type declared by the application replaces it. With Actuator on the classpath a
 * health indicator ({@code centraSage200}) reports the flows; with a {@code MeterRegistry} and
 * {@code centra-sage200-micrometer}, the engine's meters are registered.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration"})
@ConditionalOnClass(SyncEngine.class)
@ConditionalOnProperty(prefix = "centra-sage200", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(CentraSage200Properties.class)
public class CentraSage200AutoConfiguration {
  static final String CENTRA_CLIENT = "centraSage200CentraClient";
  static final String SAGE_CLIENT = "centraSage200SageClient";
  static final String STORE = "centraSage200Store";
  static final String ORDER_IMPORT = "centraSage200OrderImport";
  static final String STOCK_PUBLISH = "centraSage200StockPublish";
  static final String REFRESH_TOKENS = "centraSage200RefreshTokenStore";
  static final String DASHBOARD = "centraSage200Dashboard";

  /** Checks the whole configuration once, before any part is built, and lists every problem. */
  @Bean
  CheckedSetup centraSage200Setup(CentraSage200Properties properties, ResourceLoader resources,
      ListableBeanFactory beans) {
    CheckedSetup.Parts parts = new CheckedSetup.Parts();
    parts.centraClient = ours(beans, CentraClient.class, CENTRA_CLIENT);
    parts.sageClient = ours(beans, Sage200Client.class, SAGE_CLIENT);
    parts.store = ours(beans, SyncStateStore.class, STORE);
    parts.orderImport = ours(beans, OrderImport.class, ORDER_IMPORT);
    parts.stockPublish = ours(beans, StockPublish.class, STOCK_PUBLISH);
    parts.sageRefreshTokenStore = beans.getBeanNamesForType(SageRefreshTokenStore.class, true, false).length > 0;
    parts.dataSource = beans.getBeanNamesForType(DataSource.class, true, false).length > 0;
    // defined only when the dashboard is served (a servlet web application with a token)
    parts.dashboard = beans.containsBeanDefinition(DASHBOARD);
    return CheckedSetup.check(properties, resources, parts, Clock.systemUTC().instant());
  }

  /** Whether this configuration builds the {@code type} part: the application declares none of its own. */
  private static boolean ours(ListableBeanFactory beans, Class<?> type, String name) {
    String[] names = beans.getBeanNamesForType(type, true, false);
    return names.length == 0 || Arrays.asList(names).contains(name);
  }

  @Bean(REFRESH_TOKENS)
  @ConditionalOnMissingBean(SageRefreshTokenStore.class)
  @ConditionalOnProperty(prefix = "centra-sage200.sage", name = "refresh-token-file")
  SageRefreshTokenStore centraSage200RefreshTokenStore(CentraSage200Properties properties) {
    return new FileSageRefreshTokenStore(Path.of(properties.getSage().getRefreshTokenFile()));
  }

  @Bean(CENTRA_CLIENT)
  @ConditionalOnMissingBean(CentraClient.class)
  CentraClient centraSage200CentraClient(CheckedSetup setup, CentraSage200Properties properties, Environment env) {
    CentraSage200Properties.Centra c = properties.getCentra();
    CentraClient.Builder b = CentraClient.builder().baseUrl(c.getBaseUrl()).readTimeout(c.getReadTimeout())
        // read before every attempt: a token rotated in the environment needs no restart
        .tokenSupplier(() -> env.getProperty("centra-sage200.centra.token", c.getToken()));
    return b.allowPlainHttp(c.isAllowPlainHttp()).build();
  }

  @Bean(SAGE_CLIENT)
  @ConditionalOnMissingBean(Sage200Client.class)
  Sage200Client centraSage200SageClient(CheckedSetup setup, CentraSage200Properties properties,
      ObjectProvider<SageRefreshTokenStore> refreshTokens) {
    CentraSage200Properties.Sage s = properties.getSage();
    TokenProvider tokens;
    if (s.getAccessToken() != null && !s.getAccessToken().isBlank()) {
      tokens = TokenProvider.staticToken(s.getAccessToken());
    } else {
      SageRefreshTokenStore store = refreshTokens.getObject();
      String refresh = store.load().orElse(s.getRefreshToken());
      tokens = SageIdTokenProvider.builder()
          .credentials(SageIdCredentials.of(s.getClientId(), s.getClientSecret()))
          .refreshToken(refresh)
          .onRefreshTokenRotated(store::save)
          .build();
    }
    return Sage200Client.builder().baseUrl(s.getBaseUrl()).siteId(s.getSiteId()).companyId(s.getCompanyId())
        .tokenProvider(tokens).readTimeout(s.getReadTimeout()).allowPlainHttp(s.isAllowPlainHttp()).build();
  }

  @Bean(STORE)
  @ConditionalOnMissingBean(SyncStateStore.class)
  @ConditionalOnBean(DataSource.class)
  JdbcSyncStateStore centraSage200Store(CheckedSetup setup, CentraSage200Properties properties, DataSource dataSource) {
    CentraSage200Properties.Store s = properties.getStore();
    JdbcSyncStateStore.Builder b = JdbcSyncStateStore.builder(dataSource)
        .schemaManagement(s.getSchemaManagement()).tablePrefix(s.getTablePrefix());
    Optional.ofNullable(s.getSchemaName()).ifPresent(b::schemaName);
    return b.build();
  }

  /**
   * The two clients, the store and the mappings joined: the flows are built with it and the engine
   * runs on its store. Building it claims the store for this Centra tenant and Sage company.
   */
  @Bean
  @ConditionalOnMissingBean(Integration.class)
  Integration centraSage200Integration(CheckedSetup setup, CentraClient centra, Sage200Client sage,
      SyncStateStore store) {
    return Integration.builder().centra(centra).sage(sage).store(store).mappings(setup.mappings()).build();
  }

  @Bean(ORDER_IMPORT)
  @ConditionalOnMissingBean(OrderImport.class)
  @ConditionalOnProperty(prefix = "centra-sage200.flows.order-import", name = "enabled", matchIfMissing = true)
  OrderImport centraSage200OrderImport(CheckedSetup setup, Integration integration) {
    return new OrderImport(integration, setup.orderImportOptions());
  }

  @Bean(STOCK_PUBLISH)
  @ConditionalOnMissingBean(StockPublish.class)
  @ConditionalOnProperty(prefix = "centra-sage200.flows.stock-publish", name = "enabled", matchIfMissing = true)
  StockPublish centraSage200StockPublish(CheckedSetup setup, Integration integration) {
    return new StockPublish(integration, setup.stockPublishOptions());
  }

  @Bean
  ActivityTracker centraSage200Activity() {
    return new ActivityTracker(Clock.systemUTC());
  }

  /**
   * The engine on the {@link Integration}'s store: every {@link SyncFlow}, {@link SyncListener} and
   * {@link FailureClassifier} bean of the application goes in. Closed by {@link SyncEngineLifecycle},
   * not by the bean factory.
   *
   * @throws CentraSage200ConfigurationException listing every problem the flows report (the
   *     starter's own flows were checked with the properties; this catches the application's)
   */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean(SyncEngine.class)
  SyncEngine centraSage200Engine(CheckedSetup setup, CentraSage200Properties properties, Integration integration,
      ObjectProvider<SyncFlow> flows, ObjectProvider<SyncListener> listeners,
      ObjectProvider<FailureClassifier> classifiers) {
    SyncEngine.Builder b = SyncEngine.builder().store(integration.store());
    flows.orderedStream().forEach(b::flow);
    listeners.orderedStream().forEach(b::listener);
    classifiers.orderedStream().forEach(b::classifier);
    try {
      return CheckedSetup.engineSettings(b, properties.getEngine()).build();
    } catch (SyncConfigurationException e) {
      throw new CentraSage200ConfigurationException(e.problems().stream().map(p -> "flow " + p).toList());
    }
  }

  @Bean
  @ConditionalOnMissingBean(SyncEngineLifecycle.class)
  SyncEngineLifecycle centraSage200Lifecycle(SyncEngine engine, CentraSage200Properties properties) {
    return new SyncEngineLifecycle(engine, properties.getEngine().isAutoStartup());
  }

  /**
   * The Actuator health indicator, shown as {@code centraSage200} under {@code /actuator/health}.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  static class Health {
    @Bean
    @ConditionalOnMissingBean(name = "centraSage200HealthIndicator")
    SyncEngineHealthIndicator centraSage200HealthIndicator(SyncEngine engine, ActivityTracker activity,
        CentraSage200Properties properties) {
      return new SyncEngineHealthIndicator(engine, activity, properties.getHealth());
    }
  }

  /** The {@code centrasage200} Actuator endpoint (status, replay), when exposed. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint")
  static class Endpoint {
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    SyncEngineEndpoint centraSage200Endpoint(SyncEngine engine) {
      return new SyncEngineEndpoint(engine);
    }
  }

  /**
   * The operations dashboard at {@code centra-sage200.dashboard.path} (default
   * {@code /centra-sage200}), served by the application's servlet container: the same pages and
   * guards as the standalone {@code SyncDashboard}. A {@link DashboardRecorder} (a listener of the
   * engine) feeds the retries chart.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(name = {"jakarta.servlet.Servlet", "io.github.centrasage.dashboard.DashboardServlet"})
  @Conditional(DashboardServedCondition.class)
  static class Dashboard {
    private static final String SPRING_SECURITY = "org.springframework.security.web.csrf.CsrfToken";

    @Bean
    @ConditionalOnMissingBean(DashboardRecorder.class)
    DashboardRecorder centraSage200DashboardRecorder() {
      return DashboardRecorder.create();
    }

    @Bean(DASHBOARD)
    ServletRegistrationBean<DashboardServlet> centraSage200Dashboard(CheckedSetup setup, SyncEngine engine,
        CentraSage200Properties properties, DashboardRecorder recorder) {
      CentraSage200Properties.Dashboard d = properties.getDashboard();
      boolean springSecurity = ClassUtils.isPresent(SPRING_SECURITY, Dashboard.class.getClassLoader());
      CentraSage200Properties.Dashboard.Reading reading = Optional.ofNullable(d.getReading())
          .orElse(CentraSage200Properties.Dashboard.Reading.TOKEN);
      DashboardServlet servlet = DashboardServlet.create(engine, DashboardSetup.options(d, Optional.of(recorder)),
          reading == CentraSage200Properties.Dashboard.Reading.TOKEN ? DashboardServlet.Reading.NEEDS_TOKEN
              : DashboardServlet.Reading.APPLICATION_SECURITY,
          springSecurity ? SpringSecurityForms::csrfField : request -> Map.of(), d.getReaderRole());
      ServletRegistrationBean<DashboardServlet> registration = new ServletRegistrationBean<>(servlet,
          d.getPath() + "/*");
      registration.setName(DASHBOARD);
      return registration;
    }
  }

  /** Micrometer meters, when a registry and centra-sage200-micrometer are present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({MeterRegistry.class, SyncEngineMetrics.class})
  static class Metrics {
    @Bean
    @ConditionalOnBean(MeterRegistry.class)
    @ConditionalOnMissingBean(SyncEngineMetrics.class)
    SyncEngineMetrics centraSage200Metrics(MeterRegistry registry) {
      return SyncEngineMetrics.create(registry);
    }

    /** Registers the per-flow gauges once the engine exists (the listener must exist before it). */
    @Bean
    @ConditionalOnBean(SyncEngineMetrics.class)
    SmartInitializingSingleton centraSage200MetricsBinder(SyncEngineMetrics metrics, SyncEngine engine) {
      return () -> metrics.bindTo(engine);
    }
  }
}
