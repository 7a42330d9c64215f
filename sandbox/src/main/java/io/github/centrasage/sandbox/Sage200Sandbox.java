package io.github.centrasage.sandbox;

import io.github.centrasage.sandbox.internal.EmulatorServer;
import io.github.centrasage.sandbox.internal.FaultRegistry;
import io.github.centrasage.sandbox.internal.SageEmulator;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A stateful Sage 200 REST API emulator on an ephemeral localhost port: customers, products,
 * warehouse holdings, SOP orders that allocate on entry, despatch confirmation, postings with URNs
 * and bank balances, OData queries, {@code Authorization}/{@code X-Site}/{@code X-Company} checks,
 * fault injection and record locks.
 *
 * <pre>{@code
 * try (Sage200Sandbox sage = Sage200Sandbox.start()) {
 *   String baseUrl = sage.baseUrl();   // http://127.0.0.1:PORT/uk/sage200/accounts/v1
 *   ...
 *   assertThat(sage.salesOrders()).hasSize(1);
 * }
 * }</pre>
 */
public final class Sage200Sandbox implements AutoCloseable {
  private final Options options;
  private final SandboxClock clock;
  private final FaultRegistry faultRegistry;
  private final SandboxFaults faults;
  private final SageEmulator emulator;
  private final EmulatorServer server;

  private Sage200Sandbox(Options options) {
    this.options = options;
    this.clock = options.clock;
    this.faultRegistry = new FaultRegistry(clock);
    this.faults = new SandboxFaults(faultRegistry);
    this.emulator = new SageEmulator(options.basePath, options.token, options.siteId, options.companyId, clock,
        options.catalog);
    this.server = new EmulatorServer("sage200", options.port, emulator, faultRegistry, clock);
  }

  /** Starts a sandbox seeded with {@link SandboxCatalog#fashionShop()} on an ephemeral port. */
  public static Sage200Sandbox start() {
    return start(options());
  }

  /** Starts a sandbox with {@code options}. */
  public static Sage200Sandbox start(Options options) {
    return new Sage200Sandbox(Objects.requireNonNull(options, "options"));
  }

  /** Default options, to adjust before {@link #start(Options)}. */
  public static Options options() {
    return new Options();
  }

  /** The API base URL, e.g. {@code http://127.0.0.1:54321/uk/sage200/accounts/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.port() + options.basePath;
  }

  /** The TCP port the sandbox listens on. */
  public int port() {
    return server.port();
  }

  /** The bearer token the sandbox accepts. */
  public String token() {
    return options.token;
  }

  /** The {@code X-Site} value the sandbox accepts (also returned by {@code GET /sites}). */
  public String siteId() {
    return options.siteId;
  }

  /** The {@code X-Company} value the sandbox accepts. */
  public long companyId() {
    return options.companyId;
  }

  /** The clock behind {@code date_time_updated} and document dates. */
  public SandboxClock clock() {
    return clock;
  }

  /** Fault injection. */
  public SandboxFaults faults() {
    return faults;
  }

  // ---- inspection

  /** Every SOP order, oldest first. */
  public List<SageSalesOrder> salesOrders() {
    return emulator.orderSnapshots();
  }

  /** The orders whose {@code customer_document_no} equals {@code customerDocumentNo} (Sage does not keep it unique). */
  public List<SageSalesOrder> salesOrdersWithCustomerDocumentNo(String customerDocumentNo) {
    return salesOrders().stream().filter(o -> customerDocumentNo.equals(o.customerDocumentNo())).toList();
  }

  /** The holding of {@code sku} in {@code warehouse} (a warehouse name, e.g. {@code "Leeds DC"}). */
  public SageHolding holding(String sku, String warehouse) {
    return emulator.holdingSnapshot(sku, warehouse);
  }

  /** Every despatch confirmed, oldest first. */
  public List<SageDespatch> despatches() {
    return emulator.despatchSnapshots();
  }

  /** Every sales-ledger and cash-book transaction posted. */
  public List<SagePostedTransaction> postedTransactions() {
    return emulator.postedTransactionSnapshots();
  }

  /** The balance of the bank account with nominal-style code {@code code} ({@code "1200"} current, {@code "1210"} clearing). */
  public BigDecimal bankBalance(String code) {
    return emulator.bankBalance(code);
  }

  /** Ids of seeded records by natural key; {@code kind} is {@code warehouse}, {@code customer}, {@code bank} or {@code product}. */
  public Map<String, Long> ids(String kind) {
    return emulator.ids(kind);
  }

  /** Requests received for {@code operation}, e.g. {@code "POST /sop_orders"} or {@code "PUT /sop_orders/{id}"}. */
  public long requestCount(String operation) {
    return server.requestCount(operation);
  }

  /** Request counts of every operation seen. */
  public Map<String, Long> requestCounts() {
    return server.requestCounts();
  }

  // ---- simulation

  /** Books goods into stock (a goods-received note or positive adjustment). */
  public SageHolding receiveGoods(String sku, String warehouse, BigDecimal quantity) {
    if (quantity == null || quantity.signum() <= 0) {
      throw new IllegalArgumentException("quantity must be positive, was " + quantity);
    }
    return emulator.adjustStock(sku, warehouse, quantity);
  }

  /** Adjusts physical stock by {@code delta} (negative for write-offs); stock never goes below zero. */
  public SageHolding adjustStock(String sku, String warehouse, BigDecimal delta) {
    return emulator.adjustStock(sku, warehouse, Objects.requireNonNull(delta, "delta"));
  }

  /**
   * Enters a sales order that did not come from the web shop (a trade customer's phone order), which
   * allocates stock and so lowers free stock.
   */
  public SageSalesOrder allocateNonWebOrder(String customerReference, String sku, String warehouse, BigDecimal quantity) {
    return emulator.createOrderFor(customerReference, null, Map.of(sku, quantity), warehouse);
  }

  /** Despatches everything allocated on order {@code documentNo}, as a warehouse user would. */
  public SageDespatch despatch(String documentNo, String consignmentNo) {
    return emulator.despatchAllocated(documentNo, consignmentNo);
  }

  /** Locks order {@code documentNo} for the next {@code attempts} writes to it, which answer 400 "in use". */
  public void lockOrder(String documentNo, int attempts) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
    }
    emulator.lockRecord(documentNo, attempts);
  }

  /** Locks order {@code documentNo} until {@link #releaseOrder(String)}. */
  public void lockOrder(String documentNo) {
    emulator.lockRecord(documentNo, -1);
  }

  /** Releases a lock taken with {@link #lockOrder}. */
  public void releaseOrder(String documentNo) {
    emulator.releaseRecord(documentNo);
  }

  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "Sage200Sandbox[" + baseUrl() + "]";
  }

  /**
   * Options for {@link Sage200Sandbox#start(Options)}. The token is a sandbox secret only, never a
   * real credential, and is still kept out of {@code toString}.
   *
   * <pre>{@code Sage200Sandbox.start(Sage200Sandbox.options().port(8200).basePath("/uk/sage200extra/accounts/v1"))}</pre>
   */
  public static final class Options {
    private int port;
    private String basePath = "/uk/sage200/accounts/v1";
    private String token = "sage-sandbox-token";
    private String siteId = "5f1c2a8e-3b7d-4e2a-9c41-0d6e8b7a1f23";
    private long companyId = 1;
    private SandboxCatalog catalog = SandboxCatalog.fashionShop();
    private SandboxClock clock = SandboxClock.startingAt(SandboxClock.DEFAULT_START);

    Options() {}

    /** Listen port; 0 (the default) picks a free one. */
    public Options port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0-65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** API base path; default {@code /uk/sage200/accounts/v1} (Standard Online). */
    public Options basePath(String basePath) {
      if (basePath == null || !basePath.startsWith("/")) {
        throw new IllegalArgumentException("basePath must start with '/', was " + basePath);
      }
      this.basePath = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
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

    /** {@code X-Site} to accept. */
    public Options siteId(String siteId) {
      if (siteId == null || siteId.isBlank()) {
        throw new IllegalArgumentException("siteId must not be blank");
      }
      this.siteId = siteId;
      return this;
    }

    /** {@code X-Company} to accept. */
    public Options companyId(long companyId) {
      this.companyId = companyId;
      return this;
    }

    /** Seed catalogue. */
    public Options catalog(SandboxCatalog catalog) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    /** Clock (share one between both sandboxes for a coherent scenario). */
    public Options clock(SandboxClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    @Override
    public String toString() {
      return "Sage200Sandbox.Options[port=" + port + ", basePath=" + basePath + ", siteId=" + siteId
          + ", companyId=" + companyId + ", items=" + catalog.items().size() + ", token=***]";
    }
  }
}
