package io.github.centrasage.spring;

import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.store.JdbcSyncStateStore.SchemaManagement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Everything the starter reads from {@code application.yml}, under {@code centra-sage200}. Checked
 * when the context starts; every problem is listed in one failure (see docs/spring-boot.md).
 * Secrets are never part of {@link #toString()}.
 *
 * <p>Over 600 lines on purpose: Spring binds and documents (IDE metadata) one tree of plain getters
 * and setters, which reads best as one file in the order of {@code application.yml}.
 */
@ConfigurationProperties(prefix = "centra-sage200")
public class CentraSage200Properties {
  /** Whether the starter configures anything at all. */
  private boolean enabled = true;

  private final Centra centra = new Centra();
  private final Sage sage = new Sage();
  private final Engine engine = new Engine();
  private final Store store = new Store();
  private final Flows flows = new Flows();
  private final Health health = new Health();
  private final Dashboard dashboard = new Dashboard();

  /**
   * A Spring resource ({@code classpath:mappings.properties}, {@code file:/etc/...}) in the
   * mappings file format of docs/mappings.md.
   */
  private String mappingsFile;

  /**
   * Mappings in the keys of the mappings file format (for example {@code currency.GBP: 1});
   * keys holding {@code *} need brackets in YAML ({@code "[tax.*.20]": 1729}). Added to (and
   * overriding) {@link #getMappingsFile()}.
   */
  private Map<String, String> mappings = new LinkedHashMap<>();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Centra getCentra() {
    return centra;
  }

  public Sage getSage() {
    return sage;
  }

  public Engine getEngine() {
    return engine;
  }

  public Store getStore() {
    return store;
  }

  public Flows getFlows() {
    return flows;
  }

  public Health getHealth() {
    return health;
  }

  public Dashboard getDashboard() {
    return dashboard;
  }

  public String getMappingsFile() {
    return mappingsFile;
  }

  public void setMappingsFile(String mappingsFile) {
    this.mappingsFile = mappingsFile;
  }

  public Map<String, String> getMappings() {
    return mappings;
  }

  public void setMappings(Map<String, String> mappings) {
    this.mappings = mappings;
  }

  @Override
  public String toString() {
    return "CentraSage200Properties[enabled=" + enabled + ", centra=" + centra.baseUrl + ", sage=" + sage.baseUrl
        + ", flows=" + flows.orderImport.enabled + "/" + flows.stockPublish.enabled + "]";
  }

  /** The Centra Integration API. */
  public static class Centra {
    /** The Integration API endpoint, such as {@code https://yourshop.centra.com/graphql/integration}. */
    private String baseUrl;
    /**
     * The API token. Read again before every attempt (from the Spring environment), so a rotated
     * token is picked up without a restart. A {@code CentraClient} bean of your own replaces all this.
     */
    private String token;
    /** Allow {@code http://} (sandboxes only). */
    private boolean allowPlainHttp;
    /** How long one response may take. */
    private Duration readTimeout = Duration.ofSeconds(30);

    public String getBaseUrl() {
      return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    public String getToken() {
      return token;
    }

    public void setToken(String token) {
      this.token = token;
    }

    public boolean isAllowPlainHttp() {
      return allowPlainHttp;
    }

    public void setAllowPlainHttp(boolean allowPlainHttp) {
      this.allowPlainHttp = allowPlainHttp;
    }

    public Duration getReadTimeout() {
      return readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
      this.readTimeout = readTimeout;
    }

    @Override
    public String toString() {
      return "Centra[baseUrl=" + baseUrl + ", token=" + (token == null ? "unset" : "***") + "]";
    }
  }

  /** The Sage 200 API and its Sage ID credentials. */
  public static class Sage {
    /** The API base URL: Sage200Client.PROFESSIONAL (the default) or STANDARD_ONLINE's URL. */
    private String baseUrl = io.github.centrasage.sage200.Sage200Client.PROFESSIONAL;
    /** The {@code X-Site} header: the Sage 200 site id. */
    private String siteId;
    /** The {@code X-Company} header: the Sage 200 company id. */
    private Long companyId;
    /** Sage ID application client id. */
    private String clientId;
    /** Sage ID application client secret. */
    private String clientSecret;
    /**
     * The first refresh token, used only while the {@code SageRefreshTokenStore} bean holds none.
     * Sage ID rotates it on every refresh; the store bean keeps the newest.
     */
    private String refreshToken;
    /**
     * Where the default {@code SageRefreshTokenStore} keeps the newest refresh token; required with
     * a client id unless you declare your own {@code SageRefreshTokenStore} bean.
     */
    private String refreshTokenFile;
    /** A fixed bearer token instead of Sage ID (sandboxes and tests). */
    private String accessToken;
    /** Allow {@code http://} (sandboxes only). */
    private boolean allowPlainHttp;
    /** How long one response may take. */
    private Duration readTimeout = Duration.ofSeconds(60);

    public String getBaseUrl() {
      return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    public String getSiteId() {
      return siteId;
    }

    public void setSiteId(String siteId) {
      this.siteId = siteId;
    }

    public Long getCompanyId() {
      return companyId;
    }

    public void setCompanyId(Long companyId) {
      this.companyId = companyId;
    }

    public String getClientId() {
      return clientId;
    }

    public void setClientId(String clientId) {
      this.clientId = clientId;
    }

    public String getClientSecret() {
      return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
      this.clientSecret = clientSecret;
    }

    public String getRefreshToken() {
      return refreshToken;
    }

    public void setRefreshToken(String refreshToken) {
      this.refreshToken = refreshToken;
    }

    public String getRefreshTokenFile() {
      return refreshTokenFile;
    }

    public void setRefreshTokenFile(String refreshTokenFile) {
      this.refreshTokenFile = refreshTokenFile;
    }

    public String getAccessToken() {
      return accessToken;
    }

    public void setAccessToken(String accessToken) {
      this.accessToken = accessToken;
    }

    public boolean isAllowPlainHttp() {
      return allowPlainHttp;
    }

    public void setAllowPlainHttp(boolean allowPlainHttp) {
      this.allowPlainHttp = allowPlainHttp;
    }

    public Duration getReadTimeout() {
      return readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
      this.readTimeout = readTimeout;
    }

    @Override
    public String toString() {
      return "Sage[baseUrl=" + baseUrl + ", siteId=" + siteId + ", companyId=" + companyId + ", secrets=***]";
    }
  }

  /** The engine's schedule and workers (the SyncEngine.Builder defaults when unset). */
  public static class Engine {
    /** Start the engine with the application context (else call {@code SyncEngineLifecycle.start()}). */
    private boolean autoStartup = true;
    /** Worker threads that run jobs. */
    private Integer workers;
    /** How often a flow without its own interval discovers new work (default 1 min). */
    private Duration defaultDiscoverInterval;
    /** How often idle workers look at the job queue for due jobs (default 1 s). */
    private Duration queuePollInterval;
    /** How long a worker holds a job before another may take it. */
    private Duration leaseDuration;
    /** How long shutdown waits for running jobs to finish. */
    private Duration drainTimeout;
    /** This instance's name in leases and logs (default: host name and a random suffix). */
    private String instanceId;

    public boolean isAutoStartup() {
      return autoStartup;
    }

    public void setAutoStartup(boolean autoStartup) {
      this.autoStartup = autoStartup;
    }

    public Integer getWorkers() {
      return workers;
    }

    public void setWorkers(Integer workers) {
      this.workers = workers;
    }

    public Duration getDefaultDiscoverInterval() {
      return defaultDiscoverInterval;
    }

    public void setDefaultDiscoverInterval(Duration defaultDiscoverInterval) {
      this.defaultDiscoverInterval = defaultDiscoverInterval;
    }

    public Duration getQueuePollInterval() {
      return queuePollInterval;
    }

    public void setQueuePollInterval(Duration queuePollInterval) {
      this.queuePollInterval = queuePollInterval;
    }

    public Duration getLeaseDuration() {
      return leaseDuration;
    }

    public void setLeaseDuration(Duration leaseDuration) {
      this.leaseDuration = leaseDuration;
    }

    public Duration getDrainTimeout() {
      return drainTimeout;
    }

    public void setDrainTimeout(Duration drainTimeout) {
      this.drainTimeout = drainTimeout;
    }

    public String getInstanceId() {
      return instanceId;
    }

    public void setInstanceId(String instanceId) {
      this.instanceId = instanceId;
    }
  }

  /** The JDBC state store on the application's DataSource. */
  public static class Store {
    /** Create and migrate the tables (MIGRATE), only check them (VALIDATE) or neither (NONE). */
    private SchemaManagement schemaManagement = SchemaManagement.MIGRATE;
    /** Prefix of every table, sequence and index name. */
    private String tablePrefix = "sync_";
    /** Database schema of the tables (default: the connection's). */
    private String schemaName;

    public SchemaManagement getSchemaManagement() {
      return schemaManagement;
    }

    public void setSchemaManagement(SchemaManagement schemaManagement) {
      this.schemaManagement = schemaManagement;
    }

    public String getTablePrefix() {
      return tablePrefix;
    }

    public void setTablePrefix(String tablePrefix) {
      this.tablePrefix = tablePrefix;
    }

    public String getSchemaName() {
      return schemaName;
    }

    public void setSchemaName(String schemaName) {
      this.schemaName = schemaName;
    }
  }

  /** The flows the starter adds; declare an {@code OrderImport} or {@code StockPublish} bean for full control. */
  public static class Flows {
    private final OrderImport orderImport = new OrderImport();
    private final StockPublish stockPublish = new StockPublish();

    public OrderImport getOrderImport() {
      return orderImport;
    }

    public StockPublish getStockPublish() {
      return stockPublish;
    }
  }

  /** Centra orders become Sage sales orders. */
  public static class OrderImport {
    /** Whether the flow runs. */
    private boolean enabled = true;
    /** EVENTS (Centra's event queue) or POLLING (order list by date). */
    private OrderImportOptions.Discovery discovery = OrderImportOptions.Discovery.EVENTS;
    /** The Centra warehouse (a key of the warehouse mappings) orders ship from by default. */
    private String defaultWarehouse;
    /** Centra market → Centra warehouse, for shops that ship each market from its own. */
    private Map<String, String> warehouseByMarket = new LinkedHashMap<>();
    /** Orders read per discovery request. */
    private Integer batchSize;
    /** With POLLING: the order date the first poll starts at. */
    private Instant pollStart;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public OrderImportOptions.Discovery getDiscovery() {
      return discovery;
    }

    public void setDiscovery(OrderImportOptions.Discovery discovery) {
      this.discovery = discovery;
    }

    public String getDefaultWarehouse() {
      return defaultWarehouse;
    }

    public void setDefaultWarehouse(String defaultWarehouse) {
      this.defaultWarehouse = defaultWarehouse;
    }

    public Map<String, String> getWarehouseByMarket() {
      return warehouseByMarket;
    }

    public void setWarehouseByMarket(Map<String, String> warehouseByMarket) {
      this.warehouseByMarket = warehouseByMarket;
    }

    public Integer getBatchSize() {
      return batchSize;
    }

    public void setBatchSize(Integer batchSize) {
      this.batchSize = batchSize;
    }

    public Instant getPollStart() {
      return pollStart;
    }

    public void setPollStart(Instant pollStart) {
      this.pollStart = pollStart;
    }
  }

  /** Sage stock levels reach Centra. */
  public static class StockPublish {
    /** Whether the flow runs. */
    private boolean enabled = true;
    /** Stock rows read per request. */
    private Integer batchSize;
    /** How often Sage stock is read for changes (default 30 s). */
    private Duration discoverInterval;
    /** Sage stock changes older than this are not looked for on the first run (default: now). */
    private Instant initialCursor;

    public Duration getDiscoverInterval() {
      return discoverInterval;
    }

    public void setDiscoverInterval(Duration discoverInterval) {
      this.discoverInterval = discoverInterval;
    }

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Integer getBatchSize() {
      return batchSize;
    }

    public void setBatchSize(Integer batchSize) {
      this.batchSize = batchSize;
    }

    public Instant getInitialCursor() {
      return initialCursor;
    }

    public void setInitialCursor(Instant initialCursor) {
      this.initialCursor = initialCursor;
    }
  }

  /**
   * The operations dashboard, served by the application under {@link #getPath() path} (a servlet
   * web application only). It is served once a token is set; see docs/spring-boot.md.
   */
  public static class Dashboard {
    /**
     * Whether to serve it. Unset: served when {@code token} is set. {@code true} without a token is
     * a configuration problem; {@code false} never serves it.
     */
    private Boolean enabled;
    /** Where it is served, under the application's context path. */
    private String path = "/centra-sage200";
    /**
     * The token replay and discard need (at least 16 characters), and with {@code reading: token}
     * the sign-in too. Never logged or shown.
     */
    private String token;
    /**
     * Who may read the pages: TOKEN (the default: a sign-in with the token; scripts send
     * X-Dashboard-Token) or APPLICATION_SECURITY (signed-in users of the application who have
     * {@code reader-role}; anonymous requests and other users are refused).
     */
    private Reading reading;
    /**
     * With {@code reading: application-security}, the role a signed-in user needs to read the
     * pages (as {@code HttpServletRequest.isUserInRole} checks it, e.g. {@code SYNC_OPERATOR}).
     * Required then: the pages show orders and customers' details, which an application's own
     * customers must not see.
     */
    private String readerRole;
    /** The zone absolute times are shown in (default UTC). */
    private java.time.ZoneId zone;
    /** The page title. */
    private String title;
    /**
     * Extra host names the Host header may carry on requests that arrive on a loopback address
     * (behind a local proxy); loopback names are always allowed.
     */
    private java.util.List<String> allowedHostNames = new java.util.ArrayList<>();

    /** Who may read the dashboard. */
    public enum Reading {
      TOKEN,
      APPLICATION_SECURITY
    }

    public Boolean getEnabled() {
      return enabled;
    }

    public void setEnabled(Boolean enabled) {
      this.enabled = enabled;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public String getToken() {
      return token;
    }

    public String getReaderRole() {
      return readerRole;
    }

    public void setReaderRole(String readerRole) {
      this.readerRole = readerRole;
    }

    public void setToken(String token) {
      this.token = token;
    }

    public Reading getReading() {
      return reading;
    }

    public void setReading(Reading reading) {
      this.reading = reading;
    }

    public java.time.ZoneId getZone() {
      return zone;
    }

    public void setZone(java.time.ZoneId zone) {
      this.zone = zone;
    }

    public String getTitle() {
      return title;
    }

    public void setTitle(String title) {
      this.title = title;
    }

    public java.util.List<String> getAllowedHostNames() {
      return allowedHostNames;
    }

    public void setAllowedHostNames(java.util.List<String> allowedHostNames) {
      this.allowedHostNames = allowedHostNames;
    }

    @Override
    public String toString() {
      return "Dashboard[enabled=" + enabled + ", path=" + path + ", token=" + (token == null ? "unset" : "***") + "]";
    }
  }

  /** What {@code /actuator/health} reports as DOWN. */
  public static class Health {
    /** More parked jobs than this (in any flow) is DOWN; unset: parked jobs never are. */
    private Integer maxParked;
    /** A cursor further behind than this is DOWN; unset: lag never is. */
    private Duration maxCursorLag;

    public Integer getMaxParked() {
      return maxParked;
    }

    public void setMaxParked(Integer maxParked) {
      this.maxParked = maxParked;
    }

    public Duration getMaxCursorLag() {
      return maxCursorLag;
    }

    public void setMaxCursorLag(Duration maxCursorLag) {
      this.maxCursorLag = maxCursorLag;
    }
  }
}
