package io.github.centrasage.spring.internal;

import io.github.centrasage.spring.CentraSage200ConfigurationException;
import io.github.centrasage.spring.CentraSage200Properties;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.integration.MappingsInvalidException;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.stock.StockPublish;
import io.github.centrasage.sync.stock.StockPublishOptions;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Reads and checks all of {@code centra-sage200.*} at once, so a start with a bad configuration
 * fails with the whole list (properties, mappings, each flow's checks) instead of the first problem.
 */
public final class CheckedSetup {
  /** What parts the starter itself builds (a user's own bean replaces a part, and its checks). */
  public static final class Parts {
    public boolean centraClient;
    public boolean sageClient;
    public boolean sageRefreshTokenStore;
    public boolean store;
    /** The starter builds the order import (the application declares no OrderImport bean). */
    public boolean orderImport;
    /** The starter builds the stock publish (the application declares no StockPublish bean). */
    public boolean stockPublish;
    public boolean dataSource;
    /** The application serves the dashboard (a servlet web application with a dashboard token). */
    public boolean dashboard;
  }


  private final Mappings mappings;
  private final OrderImportOptions orderImport;
  private final StockPublishOptions stockPublish;

  private CheckedSetup(Mappings mappings, OrderImportOptions orderImport, StockPublishOptions stockPublish) {
    this.mappings = mappings;
    this.orderImport = orderImport;
    this.stockPublish = stockPublish;
  }

  public Mappings mappings() {
    return mappings;
  }

  public OrderImportOptions orderImportOptions() {
    return orderImport;
  }

  public StockPublishOptions stockPublishOptions() {
    return stockPublish;
  }

  /**
   * Checks {@code p}.
   *
   * @throws CentraSage200ConfigurationException listing every problem
   */
  public static CheckedSetup check(CentraSage200Properties p, ResourceLoader resources, Parts parts, Instant now) {
    List<String> problems = new ArrayList<>();
    if (parts.centraClient) {
      CentraSage200Properties.Centra c = p.getCentra();
      require(problems, c.getBaseUrl(), "centra-sage200.centra.base-url is not set (the Integration API endpoint)");
      require(problems, c.getToken(), "centra-sage200.centra.token is not set");
      positive(problems, c.getReadTimeout(), "centra-sage200.centra.read-timeout");
    }
    if (parts.sageClient) {
      CentraSage200Properties.Sage s = p.getSage();
      require(problems, s.getBaseUrl(), "centra-sage200.sage.base-url is not set");
      require(problems, s.getSiteId(), "centra-sage200.sage.site-id is not set (the X-Site header)");
      if (s.getCompanyId() == null) {
        problems.add("centra-sage200.sage.company-id is not set (the X-Company header)");
      }
      positive(problems, s.getReadTimeout(), "centra-sage200.sage.read-timeout");
      boolean fixed = present(s.getAccessToken());
      boolean sageId = present(s.getClientId()) || present(s.getClientSecret());
      if (fixed && sageId) {
        problems.add("centra-sage200.sage: set either access-token or client-id/client-secret, not both");
      } else if (!fixed && !sageId) {
        problems.add("centra-sage200.sage: set client-id, client-secret and refresh-token (Sage ID),"
            + " or access-token for a sandbox");
      } else if (sageId) {
        require(problems, s.getClientId(), "centra-sage200.sage.client-id is not set");
        require(problems, s.getClientSecret(), "centra-sage200.sage.client-secret is not set");
        if (!parts.sageRefreshTokenStore) {
          problems.add("centra-sage200.sage.refresh-token-file is not set and there is no SageRefreshTokenStore"
              + " bean: Sage ID rotates the refresh token, and an unsaved one is lost at the next restart");
        }
      }
    }
    if (parts.store && !parts.dataSource) {
      problems.add("no DataSource bean for the state store: add spring-boot-starter-jdbc and spring.datasource.*,"
          + " or declare a SyncStateStore bean");
    }
    if (parts.store) {
      check(problems, "centra-sage200.store.table-prefix", () -> io.github.centrasage.sync.store.JdbcSyncStateStore
          .builder(NoDataSource.create()).tablePrefix(p.getStore().getTablePrefix()));
      if (p.getStore().getSchemaName() != null) {
        check(problems, "centra-sage200.store.schema-name", () -> io.github.centrasage.sync.store.JdbcSyncStateStore
            .builder(NoDataSource.create()).schemaName(p.getStore().getSchemaName()));
      }
    }
    checkEngine(problems, p.getEngine());
    if (parts.dashboard || Boolean.TRUE.equals(p.getDashboard().getEnabled())) {
      problems.addAll(DashboardSetup.problems(p.getDashboard()));
    }

    Mappings mappings = mappings(problems, p, resources);
    OrderImportOptions orderImport = null;
    if (parts.orderImport && p.getFlows().getOrderImport().isEnabled()) {
      orderImport = options(problems, "centra-sage200.flows.order-import", () -> orderImportOptions(p));
    }
    StockPublishOptions stockPublish = null;
    if (parts.stockPublish && p.getFlows().getStockPublish().isEnabled()) {
      stockPublish = options(problems, "centra-sage200.flows.stock-publish", () -> stockPublishOptions(p, now));
    }
    if (mappings != null) {
      List<String> invalid = mappings.validate();
      problems.addAll(invalid.stream().map(m -> "mappings: " + m).toList());
      flowProblems(problems, mappings, orderImport, stockPublish);
    }
    if (!problems.isEmpty()) {
      throw new CentraSage200ConfigurationException(problems);
    }
    return new CheckedSetup(mappings, orderImport, stockPublish);
  }

  /**
   * The starter's own flows' problems, found now so they are listed with every other problem: the
   * clients, store and Integration the flows are built with do not exist yet (the clients wait for
   * this check), and a flow's problems come from its options and the mappings only.
   */
  private static void flowProblems(List<String> problems, Mappings mappings, OrderImportOptions orderImport,
      StockPublishOptions stockPublish) {
    if (orderImport != null) {
      OrderImport.problems(mappings, orderImport).forEach(m -> problems.add("flow " + OrderImport.NAME + ": " + m));
    }
    if (stockPublish != null) {
      StockPublish.problems(mappings).forEach(m -> problems.add("flow " + StockPublish.NAME + ": " + m));
    }
  }

  private static Mappings mappings(List<String> problems, CentraSage200Properties p, ResourceLoader resources) {
    Properties props = new Properties();
    if (p.getMappingsFile() != null) {
      Resource file = resources.getResource(p.getMappingsFile());
      try (InputStream in = file.getInputStream()) {
        props.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
      } catch (IOException e) {
        problems.add("centra-sage200.mappings-file " + p.getMappingsFile() + " cannot be read: " + e.getMessage());
        return null;
      }
    }
    props.putAll(p.getMappings());
    if (props.isEmpty()) {
      problems.add("no mappings: set centra-sage200.mappings-file or centra-sage200.mappings.* (docs/mappings.md)");
      return null;
    }
    try {
      return Mappings.fromProperties(props);
    } catch (MappingsInvalidException e) {
      e.problems().forEach(m -> problems.add("mappings: " + m));
    } catch (RuntimeException e) {
      problems.add("mappings: " + e.getMessage());
    }
    return null;
  }

  private static OrderImportOptions orderImportOptions(CentraSage200Properties p) {
    CentraSage200Properties.OrderImport o = p.getFlows().getOrderImport();
    var b = OrderImportOptions.builder().discovery(o.getDiscovery()).putAllWarehouseByMarket(o.getWarehouseByMarket());
    Optional.ofNullable(o.getDefaultWarehouse()).ifPresent(b::defaultWarehouse);
    Optional.ofNullable(o.getBatchSize()).ifPresent(b::batchSize);
    Optional.ofNullable(o.getPollStart()).ifPresent(b::pollStart);
    return b.build();
  }

  private static StockPublishOptions stockPublishOptions(CentraSage200Properties p, Instant now) {
    CentraSage200Properties.StockPublish s = p.getFlows().getStockPublish();
    var b = StockPublishOptions.builder().initialCursor(Optional.ofNullable(s.getInitialCursor()).orElse(now));
    Optional.ofNullable(s.getBatchSize()).ifPresent(b::batchSize);
    Optional.ofNullable(s.getDiscoverInterval()).ifPresent(b::discoverInterval);
    return b.build();
  }

  private static void checkEngine(List<String> problems, CentraSage200Properties.Engine e) {
    SyncEngine.Builder b = SyncEngine.builder();
    String k = "centra-sage200.engine.";
    setting(problems, k + "workers", e.getWorkers(), b::workers);
    setting(problems, k + "default-discover-interval", e.getDefaultDiscoverInterval(), b::defaultDiscoverInterval);
    setting(problems, k + "queue-poll-interval", e.getQueuePollInterval(), b::queuePollInterval);
    setting(problems, k + "lease-duration", e.getLeaseDuration(), b::leaseDuration);
    setting(problems, k + "drain-timeout", e.getDrainTimeout(), b::drainTimeout);
    setting(problems, k + "instance-id", e.getInstanceId(), b::instanceId);
  }

  /** Applies the engine settings that are set; {@link #check} has checked them. */
  public static SyncEngine.Builder engineSettings(SyncEngine.Builder b, CentraSage200Properties.Engine e) {
    Optional.ofNullable(e.getWorkers()).ifPresent(b::workers);
    Optional.ofNullable(e.getDefaultDiscoverInterval()).ifPresent(b::defaultDiscoverInterval);
    Optional.ofNullable(e.getQueuePollInterval()).ifPresent(b::queuePollInterval);
    Optional.ofNullable(e.getLeaseDuration()).ifPresent(b::leaseDuration);
    Optional.ofNullable(e.getDrainTimeout()).ifPresent(b::drainTimeout);
    Optional.ofNullable(e.getInstanceId()).ifPresent(b::instanceId);
    return b;
  }

  private static <T> void setting(List<String> problems, String key, T value, Consumer<T> setter) {
    if (value != null) {
      check(problems, key, () -> setter.accept(value));
    }
  }

  private static void check(List<String> problems, String key, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      problems.add(key + ": " + e.getMessage());
    }
  }

  private static <T> T options(List<String> problems, String key, java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (RuntimeException e) {
      problems.add(key + ": " + e.getMessage());
      return null;
    }
  }

  private static void positive(List<String> problems, Duration d, String key) {
    if (d == null || d.isZero() || d.isNegative()) {
      problems.add(key + " must be positive, was " + d);
    }
  }

  private static void require(List<String> problems, String value, String problem) {
    if (!present(value)) {
      problems.add(problem);
    }
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  /** Lets the store builder check names without a database. */
  private static final class NoDataSource {
    static javax.sql.DataSource create() {
      return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(CheckedSetup.class.getClassLoader(),
          new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
            throw new UnsupportedOperationException("only names are checked here");
          });
    }
  }
}
