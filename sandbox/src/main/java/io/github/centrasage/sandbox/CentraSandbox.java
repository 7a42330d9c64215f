package io.github.centrasage.sandbox;

import io.github.centrasage.sandbox.internal.CentraEmulator;
import io.github.centrasage.sandbox.internal.EmulatorServer;
import io.github.centrasage.sandbox.internal.FaultRegistry;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A stateful Centra Integration API (GraphQL) emulator on an ephemeral localhost port: products →
 * variants → sizes with SKU and EAN, warehouses with physical / allocated / free-to-allocate stock,
 * pricelists, orders that allocate on placement, shipments that decrement stock when completed,
 * returns, the event queue, {@code setStock}/{@code changeStock}, Bearer token checks and fault
 * injection.
 *
 * <pre>{@code
 * try (CentraSandbox centra = CentraSandbox.start()) {
 *   CentraOrder order = centra.placeOrder("GBP", Map.of("P00001-BLK-M", 1));
 *   // point the Centra client at centra.graphqlUrl() with centra.token()
 * }
 * }</pre>
 */
public final class CentraSandbox implements AutoCloseable {
  private final Options options;
  private final SandboxClock clock;
  private final SandboxFaults faults;
  private final CentraEmulator emulator;
  private final EmulatorServer server;

  private CentraSandbox(Options options) {
    this.options = options;
    this.clock = options.clock;
    FaultRegistry registry = new FaultRegistry(clock);
    this.faults = new SandboxFaults(registry);
    this.emulator = new CentraEmulator(options.token, clock, options.catalog, options.ftaQuantityType);
    this.server = new EmulatorServer("centra", options.port, emulator, registry, clock);
  }

  /** Starts a sandbox seeded with {@link SandboxCatalog#fashionShop()} on an ephemeral port. */
  public static CentraSandbox start() {
    return start(options());
  }

  /** Starts a sandbox with {@code options}. */
  public static CentraSandbox start(Options options) {
    return new CentraSandbox(Objects.requireNonNull(options, "options"));
  }

  /** Default options, to adjust before {@link #start(Options)}. */
  public static Options options() {
    return new Options();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:54321}; the API is at {@code /graphql} below it. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** The GraphQL endpoint URL. */
  public String graphqlUrl() {
    return baseUrl() + "/graphql";
  }

  /** The TCP port the sandbox listens on. */
  public int port() {
    return server.port();
  }

  /** The bearer token the sandbox accepts. */
  public String token() {
    return options.token;
  }

  /** The sandbox clock (order dates, event times, shipment times). */
  public SandboxClock clock() {
    return clock;
  }

  /** Fault injection. Operation names are GraphQL root fields, e.g. {@code "setStock"}. */
  public SandboxFaults faults() {
    return faults;
  }

  // ---- inspection

  /** Stock of {@code sku} in {@code warehouse} (a warehouse name, e.g. {@code "Leeds DC"}). */
  public CentraStock stock(String sku, String warehouse) {
    return emulator.stock(sku, warehouse);
  }

  /** The shipments of order {@code orderNumber}. */
  public List<CentraShipment> shipments(int orderNumber) {
    return emulator.shipments(orderNumber);
  }

  /** Every order, by number. */
  public List<CentraOrder> orders() {
    return emulator.orders();
  }

  /** Events queued and not yet confirmed. */
  public int queuedEvents() {
    return emulator.queuedEvents();
  }

  /**
   * Centra ids by natural key: {@code warehouse} (name → id), {@code pricelist} (currency → id),
   * {@code variant} and {@code product} (SKU → id).
   */
  public Map<String, Long> ids(String kind) {
    return emulator.ids(kind);
  }

  /** Requests received whose root field is {@code operation}, e.g. {@code "setStock"}. */
  public long requestCount(String operation) {
    return server.requestCount(operation);
  }

  /** Request counts of every operation seen (several root fields in one document count as one joined name). */
  public Map<String, Long> requestCounts() {
    return server.requestCounts();
  }

  // ---- simulation

  /**
   * Places a web order as a shopper would: prices from the currency's pricelist, 20% VAT included,
   * free-to-allocate stock allocated from the warehouses in order. Refused with
   * {@link IllegalStateException} when the shop has too little stock, as checkout would be.
   */
  public CentraOrder placeOrder(String currency, Map<String, Integer> skuQuantities) {
    return emulator.placeOrder(Objects.requireNonNull(currency, "currency"), Objects.requireNonNull(skuQuantities, "skuQuantities"));
  }

  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "CentraSandbox[" + graphqlUrl() + "]";
  }

  /**
   * Options for {@link CentraSandbox#start(Options)}. The token is a sandbox secret only and is
   * still kept out of {@code toString}.
   *
   * <pre>{@code CentraSandbox.start(CentraSandbox.options().port(8100).token("dev"))}</pre>
   */
  public static final class Options {
    private int port;
    private String token = "centra-sandbox-token";
    private SandboxCatalog catalog = SandboxCatalog.fashionShop();
    private SandboxClock clock = SandboxClock.startingAt(SandboxClock.DEFAULT_START);
    private String ftaQuantityType = "FREE_TO_ALLOCATE";

    Options() {}

    /** Listen port; 0 (the default) picks a free one. */
    public Options port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0-65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** Bearer token to accept. */
    public Options token(String token) {
      if (token == null || token.isBlank()) {
        throw new IllegalArgumentException("token must not be blank");
      }
      this.token = token;
      return this;
    }

    /** Seed catalogue (use the same one as the Sage sandbox). */
    public Options catalog(SandboxCatalog catalog) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    /** Clock (share one between both sandboxes for a coherent scenario). */
    public Options clock(SandboxClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The {@code StockQuantityType} value accepted for free-to-allocate levels in {@code setStock};
     * Centra's docs only spell out {@code PHYSICAL}, so the default {@code FREE_TO_ALLOCATE} is a guess.
     */
    public Options ftaQuantityType(String ftaQuantityType) {
      if (ftaQuantityType == null || ftaQuantityType.isBlank()) {
        throw new IllegalArgumentException("ftaQuantityType must not be blank");
      }
      this.ftaQuantityType = ftaQuantityType;
      return this;
    }

    @Override
    public String toString() {
      return "CentraSandbox.Options[port=" + port + ", items=" + catalog.items().size() + ", ftaQuantityType="
          + ftaQuantityType + ", token=***]";
    }
  }
}
