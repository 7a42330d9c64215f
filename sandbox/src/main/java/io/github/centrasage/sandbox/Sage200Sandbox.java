package io.github.centrasage.sandbox;

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
public final class Sage200Sandbox extends EmulatedApi {
  private final Options options;
  private final SageEmulator emulator;

  private Sage200Sandbox(Options options, SageEmulator emulator) {
    super("sage200", options, emulator);
    this.options = options;
    this.emulator = emulator;
  }

  /** Starts a sandbox seeded with {@link SandboxCatalog#fashionShop()} on an ephemeral port. */
  public static Sage200Sandbox start() {
    return start(options());
  }

  /** Starts a sandbox with {@code options}. */
  public static Sage200Sandbox start(Options options) {
    Objects.requireNonNull(options, "options");
    return new Sage200Sandbox(options, new SageEmulator(options.basePath, options.token, options.siteId,
        options.companyId, options.clock, options.catalog, options.allocateOnOrderEntry, options.sopReturns));
  }

  /** Default options, to adjust before {@link #start(Options)}. */
  public static Options options() {
    return new Options();
  }

  /**
   * The value for {@code Sage200Client.builder().baseUrl(..)}: the API base URL with its path, e.g.
   * {@code http://127.0.0.1:54321/uk/sage200/accounts/v1}, as Sage publishes its API's address.
   * ({@link CentraSandbox#baseUrl()} is the Centra tenant root, which the Centra client takes.)
   */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + options.basePath;
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

  /** Every SOP return entered through {@code sop_returns}, oldest first. */
  public List<SageSalesReturn> salesReturns() {
    return emulator.returnSnapshots();
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

  /** Ids of seeded records by natural key; {@code kind} is {@code warehouse}, {@code customer}, {@code bank}, {@code product} or {@code courier} (by code, {@code "DHL"}). */
  public Map<String, Long> ids(String kind) {
    return emulator.ids(kind);
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

  /**
   * Deletes sales order {@code documentNo} as a desktop user would (a customer cancelled by phone):
   * what it allocated goes back to free stock. Refused for an order with despatched lines.
   */
  public void deleteOrder(String documentNo) {
    emulator.deleteOrderByDocumentNo(Objects.requireNonNull(documentNo, "documentNo"));
  }

  /** Despatches everything allocated on order {@code documentNo}, as a warehouse user would. */
  public SageDespatch despatch(String documentNo, String consignmentNo) {
    return emulator.despatchAllocated(documentNo, consignmentNo);
  }

  /**
   * Runs Sage's SOP invoicing for despatched orders, as the desktop's invoice run would: every order
   * despatched in full gets one sales-ledger invoice (reference {@code INV<document no>}, second
   * reference the customer order number), so receipts can be allocated to it. Returns how many
   * invoices were posted; an order is invoiced once.
   */
  public int invoiceDespatchedOrders() {
    return emulator.invoiceDespatchedOrders();
  }

  /**
   * Changes the price of {@code sku} in price band {@code band} (e.g. {@code "Standard"} or
   * {@code "EURO"}) and stamps the {@code product_price_views} row as updated now, as an edit of the
   * price book in Sage would. Returns the price before.
   */
  public BigDecimal changePrice(String sku, String band, BigDecimal price) {
    if (price == null || price.signum() < 0) {
      throw new IllegalArgumentException("price must not be negative, was " + price);
    }
    return emulator.changePrice(Objects.requireNonNull(sku, "sku"), Objects.requireNonNull(band, "band"), price);
  }

  /**
   * Deletes the product record {@code sku} (one Sage item, one SKU) with its price-book rows, as a
   * person would in Sage 200: it no longer appears in {@code products} or {@code product_price_views}.
   */
  public void deleteProduct(String sku) {
    emulator.deleteProduct(Objects.requireNonNull(sku, "sku"));
  }

  /**
   * Deletes the price of {@code sku} in price band {@code band} from the price book. Nothing else
   * is stamped as updated, so only a full pass sees that the price is gone.
   */
  public void removePrice(String sku, String band) {
    emulator.removePrice(Objects.requireNonNull(sku, "sku"), Objects.requireNonNull(band, "band"));
  }

  /**
   * Edits a field of the product record {@code sku} as a person would in Sage 200 ({@code barcode},
   * {@code weight} as a {@link BigDecimal}, {@code product_status_type}, {@code allow_sales_order},
   * {@code name}, {@code description}) and stamps it as updated now, so a change poll sees it. A
   * field the sandbox does not model (one whose REST name is unconfirmed, such as an intrastat
   * commodity code) is stored and returned as given; the fields the sandbox keeps itself are refused.
   */
  public void editProduct(String sku, String field, Object value) {
    if (java.util.Set.of("id", "code", "product_group_id", "tax_code_id", "free_stock_quantity", "date_time_updated")
        .contains(field)) {
      throw new IllegalArgumentException("editProduct does not edit " + field
          + "; use barcode, weight, product_status_type, allow_sales_order, name, description or an unmodelled field");
    }
    emulator.editProduct(Objects.requireNonNull(sku, "sku"), field, value);
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

  /**
   * While {@code lags}, Sage's e-mail searches ({@code customer_views}, {@code customer_emails}) do
   * not see accounts created from now on, as a search index not yet updated would; the accounts
   * are there by id and reference. Switching it off makes them visible.
   */
  public void emailSearchLags(boolean lags) {
    emulator.emailSearchLags(lags);
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
  public static final class Options extends Settings<Options> {
    private String basePath = "/uk/sage200/accounts/v1";
    private String siteId = "5f1c2a8e-3b7d-4e2a-9c41-0d6e8b7a1f23";
    private long companyId = 1;
    private boolean allocateOnOrderEntry = true;
    private boolean sopReturns = true;

    Options() {
      super("sage-sandbox-token");
    }

    @Override
    Options self() {
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

    /** {@code X-Site} to accept. */
    public Options siteId(String siteId) {
      this.siteId = notBlank(siteId, "siteId");
      return this;
    }

    /**
     * The SOP setting "allocate stock on order entry" (default on). Off, order lines allocate only
     * their {@code to_allocate_quantity}, and unallocated lines cannot be despatched.
     */
    public Options allocateOnOrderEntry(boolean allocateOnOrderEntry) {
      this.allocateOnOrderEntry = allocateOnOrderEntry;
      return this;
    }

    /**
     * Whether the site has the {@code sop_returns} endpoints of Sage 200 2025 R1 (default on). Off,
     * every {@code sop_returns} call answers 404, as on a Professional site before 2025 R1.
     */
    public Options sopReturns(boolean sopReturns) {
      this.sopReturns = sopReturns;
      return this;
    }

    /** {@code X-Company} to accept. */
    public Options companyId(long companyId) {
      this.companyId = companyId;
      return this;
    }

    @Override
    public String toString() {
      return "Sage200Sandbox.Options[port=" + port + ", basePath=" + basePath + ", siteId=" + siteId
          + ", companyId=" + companyId + ", sopReturns=" + sopReturns + ", items=" + catalog.items().size() + ", token=***]";
    }
  }
}
