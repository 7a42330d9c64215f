package io.github.centrasage.sage200;

import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.http.Sleeper;
import io.github.centrasage.http.internal.ClientSettings;
import io.github.centrasage.sage200.internal.SageTransport;
import io.github.centrasage.sage200.model.Bank;
import io.github.centrasage.sage200.model.BankEntry;
import io.github.centrasage.sage200.model.BankPostedTransaction;
import io.github.centrasage.sage200.model.BankTransfer;
import io.github.centrasage.sage200.model.Currency;
import io.github.centrasage.sage200.model.NominalCode;
import io.github.centrasage.sage200.model.PriceBand;
import io.github.centrasage.sage200.model.ProductPriceView;
import io.github.centrasage.sage200.model.SalesCreditNote;
import io.github.centrasage.sage200.model.SalesPostedTransaction;
import io.github.centrasage.sage200.model.SalesReceipt;
import io.github.centrasage.sage200.model.Site;
import io.github.centrasage.sage200.model.TaxCode;
import io.github.centrasage.sage200.model.Warehouse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Typed client for one Sage 200 site and company. Build one and share it across threads; every
 * resource accessor returns a thread-safe view.
 *
 * <p>Usage:
 * <pre>{@code
 * Sage200Client sage = Sage200Client.builder()
 *     .baseUrl(Sage200Client.PROFESSIONAL)
 *     .siteId("2b7c…").companyId(123)
 *     .tokenProvider(tokens)
 *     .build();
 * SalesOrder order = sage.salesOrders().getWithLines(1388180);
 * }</pre>
 */
public final class Sage200Client {
  /** Base URL of Sage 200 Standard Online. */
  public static final String STANDARD_ONLINE = "https://api.columbus.sage.com/uk/sage200/accounts/v1";
  /** Base URL of Sage 200 Professional (formerly "Extra"), reached through Sage's cloud API. */
  public static final String PROFESSIONAL = "https://api.columbus.sage.com/uk/sage200extra/accounts/v1";

  private final SiteDirectory siteDirectory;
  private final Customers customers;
  private final SalesOrders salesOrders;
  private final SalesOrderDespatches despatches;
  private final Products products;
  private final SageResource<Warehouse> warehouses;
  private final WarehouseHoldings warehouseHoldings;
  private final SageResource<ProductPriceView> productPrices;
  private final SageResource<PriceBand> priceBands;
  private final SageResource<TaxCode> taxCodes;
  private final SageResource<Currency> currencies;
  private final SageResource<Bank> banks;
  private final SageResource<NominalCode> nominalCodes;
  private final PostingResource<SalesCreditNote> salesCreditNotes;
  private final SalesReturns salesReturns;
  private final PostingResource<SalesReceipt> salesReceipts;
  private final PostingResource<SalesReceipt> salesPayments;
  private final SalesAllocations salesAllocations;
  private final PostedTransactions<SalesPostedTransaction> salesPostedTransactions;
  private final PostingResource<BankEntry> bankPayments;
  private final PostingResource<BankEntry> bankReceipts;
  private final PostingResource<BankTransfer> bankTransfers;
  private final PostedTransactions<BankPostedTransaction> bankPostedTransactions;
  private final String description;
  private final String baseUrl;
  private final String siteId;
  private final long companyId;

  private Sage200Client(Builder b, SageTransport transport) {
    this.siteDirectory = new SiteDirectory(transport);
    this.customers = new Customers(transport);
    this.salesOrders = new SalesOrders(transport, b.maxKeysPerLookup);
    this.despatches = new SalesOrderDespatches(transport);
    this.products = new Products(transport);
    this.warehouses = new SageResource<>(transport, List.of("warehouses"), Warehouse.class, "id", Warehouse::id);
    this.warehouseHoldings = new WarehouseHoldings(transport);
    this.productPrices = new SageResource<>(transport, List.of("product_price_views"), ProductPriceView.class,
        "product_price_id", ProductPriceView::productPriceId);
    this.priceBands = new SageResource<>(transport, List.of("price_bands"), PriceBand.class, "id", PriceBand::id);
    this.taxCodes = new SageResource<>(transport, List.of("tax_codes"), TaxCode.class, "id", TaxCode::id);
    this.currencies = new SageResource<>(transport, List.of("currencies"), Currency.class, "id", Currency::id);
    this.banks = new SageResource<>(transport, List.of("banks"), Bank.class, "id", Bank::id);
    this.nominalCodes = new SageResource<>(transport, List.of("nominal_codes"), NominalCode.class, "id",
        NominalCode::id);
    this.salesCreditNotes = new PostingResource<>(transport, "sales_credit_notes");
    this.salesReturns = new SalesReturns(transport, b.salesReturnsResource, b.salesReturnReferenceField);
    this.salesReceipts = new PostingResource<>(transport, "sales_receipts");
    this.salesPayments = new PostingResource<>(transport, "sales_payments");
    this.salesAllocations = new SalesAllocations(transport);
    this.salesPostedTransactions = new PostedTransactions<>(transport, "sales_posted_transactions",
        SalesPostedTransaction.class, SalesPostedTransaction::id);
    this.bankPayments = new PostingResource<>(transport, "bank_payment");
    this.bankReceipts = new PostingResource<>(transport, "bank_receipt");
    this.bankTransfers = new PostingResource<>(transport, "bank_transfer");
    this.bankPostedTransactions = new PostedTransactions<>(transport, "bank_posted_transactions",
        BankPostedTransaction.class, BankPostedTransaction::id);
    this.baseUrl = b.baseUrl;
    this.siteId = b.siteId;
    this.companyId = b.companyId;
    this.description = "Sage200Client{baseUrl=" + b.baseUrl + ", siteId=" + b.siteId + ", companyId=" + b.companyId + "}";
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code GET /sites}: the sites and companies the token can reach (sent without X-Site/X-Company). */
  public List<Site> sites() {
    return siteDirectory.sites();
  }

  public Customers customers() {
    return customers;
  }

  public SalesOrders salesOrders() {
    return salesOrders;
  }

  /** {@code sop_confirm_despatch}, {@code sop_order_despatch_views}, {@code sop_despatch_receipts}. */
  public SalesOrderDespatches despatches() {
    return despatches;
  }

  public Products products() {
    return products;
  }

  public SageResource<Warehouse> warehouses() {
    return warehouses;
  }

  public WarehouseHoldings warehouseHoldings() {
    return warehouseHoldings;
  }

  /** {@code product_price_views}: one row per product and price band. */
  public SageResource<ProductPriceView> productPrices() {
    return productPrices;
  }

  public SageResource<PriceBand> priceBands() {
    return priceBands;
  }

  public SageResource<TaxCode> taxCodes() {
    return taxCodes;
  }

  public SageResource<Currency> currencies() {
    return currencies;
  }

  public SageResource<Bank> banks() {
    return banks;
  }

  public SageResource<NominalCode> nominalCodes() {
    return nominalCodes;
  }

  /** {@code POST /sales_credit_notes}: a ledger-only credit note; answers with a URN. */
  public PostingResource<SalesCreditNote> salesCreditNotes() {
    return salesCreditNotes;
  }

  /** {@code sop_returns} (Sage 200 2025 R1 and later; the resource name is a builder setting). */
  public SalesReturns salesReturns() {
    return salesReturns;
  }

  /** {@code POST /sales_receipts}: a customer receipt; answers with a URN. */
  public PostingResource<SalesReceipt> salesReceipts() {
    return salesReceipts;
  }

  /**
   * {@code POST /sales_payments}: money paid back to a customer (a refund), the same shape as a
   * receipt; answers with a URN.
   */
  public PostingResource<SalesReceipt> salesPayments() {
    return salesPayments;
  }

  public SalesAllocations salesAllocations() {
    return salesAllocations;
  }

  public PostedTransactions<SalesPostedTransaction> salesPostedTransactions() {
    return salesPostedTransactions;
  }

  /** {@code POST /bank_payment}: cash-book payment, e.g. gateway fees from a clearing account. */
  public PostingResource<BankEntry> bankPayments() {
    return bankPayments;
  }

  /** {@code POST /bank_receipt}: cash-book receipt of non-customer money. */
  public PostingResource<BankEntry> bankReceipts() {
    return bankReceipts;
  }

  /** {@code POST /bank_transfer}: between two bank accounts, e.g. a payout from clearing. */
  public PostingResource<BankTransfer> bankTransfers() {
    return bankTransfers;
  }

  public PostedTransactions<BankPostedTransaction> bankPostedTransactions() {
    return bankPostedTransactions;
  }

  /** The API base URL the client calls. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The Sage site id ({@code X-Site}) the client works in. */
  public String siteId() {
    return siteId;
  }

  /** The Sage company id ({@code X-Company}) the client works in. */
  public long companyId() {
    return companyId;
  }

  @Override
  public String toString() {
    return description;
  }

  private static String version() {
    String version = Sage200Client.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  /** Configures a {@link Sage200Client}; {@link #build()} names every wrong or missing setting. */
  public static final class Builder {
    private String baseUrl;
    private String siteId;
    private long companyId;
    private boolean companyIdSet;
    private TokenProvider tokenProvider;
    private Duration connectTimeout;
    private Duration readTimeout;
    private Duration callTimeout;
    private OkHttpClient okHttpClient;
    private RetrySettings retrySettings = RetrySettings.defaults();
    private String userAgentSuffix;
    private boolean allowPlainHttp;
    private RecordLockMatcher recordLockMatcher = RecordLockMatcher.defaultMatcher();
    private Sleeper sleeper = Sleeper.threadSleeper();
    private Clock clock = Clock.systemUTC();
    private int maxKeysPerLookup = 20;
    private String salesReturnsResource = "sop_returns";
    private String salesReturnReferenceField = SalesReturns.DEFAULT_REFERENCE_FIELD;

    private Builder() {}

    /** {@link #STANDARD_ONLINE}, {@link #PROFESSIONAL}, or any URL (sandbox, proxy). */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /** The {@code site_id} from {@code GET /sites}, sent as {@code X-Site}. */
    public Builder siteId(String siteId) {
      this.siteId = siteId;
      return this;
    }

    /** The {@code company_id} from {@code GET /sites}, sent as {@code X-Company}. */
    public Builder companyId(long companyId) {
      this.companyId = companyId;
      this.companyIdSet = true;
      return this;
    }

    public Builder tokenProvider(TokenProvider tokenProvider) {
      this.tokenProvider = tokenProvider;
      return this;
    }

    /** Connect timeout; default 10 s, or the {@link #okHttpClient(OkHttpClient) caller's client}'s own. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /**
     * Read and write timeout; large {@code $top} reads can be slow on Professional. Default 60 s, or
     * the caller's client's own.
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    /** The whole call including redirects and body; default 120 s, or the caller's client's own. */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = timeout;
      return this;
    }

    /**
     * Shares the host's connection pool and dispatcher. It is copied with {@code newBuilder()} (the
     * original is not changed), keeps its own timeouts unless one is set here, and OkHttp's silent
     * retry is switched off in the copy.
     */
    public Builder okHttpClient(OkHttpClient okHttpClient) {
      this.okHttpClient = okHttpClient;
      return this;
    }

    public Builder retrySettings(RetrySettings retrySettings) {
      this.retrySettings = retrySettings;
      return this;
    }

    /** Appended to the {@code User-Agent}, e.g. {@code "acme-shop/2.1"}. */
    public Builder userAgentSuffix(String suffix) {
      this.userAgentSuffix = suffix;
      return this;
    }

    /** Allows {@code http://} base URLs: only for a local sandbox or tests. */
    public Builder allowPlainHttp(boolean allow) {
      this.allowPlainHttp = allow;
      return this;
    }

    /** Replaces the guess at Sage's undocumented record-lock answer. */
    public Builder recordLockMatcher(RecordLockMatcher matcher) {
      this.recordLockMatcher = matcher;
      return this;
    }

    /** How the client waits between retries (tests pass one that returns at once). */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /** The clock used to read {@code Retry-After} dates. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How many customer document numbers go into one {@code or} lookup; default 20 (URL length). */
    public Builder maxKeysPerLookup(int max) {
      this.maxKeysPerLookup = max;
      return this;
    }

    /**
     * The resource SOP returns are created and read at; default {@code sop_returns}. Sage has not
     * published the 2025 R1 schema in the sources used, so a site that names it differently can be
     * matched without a new release.
     */
    public Builder salesReturnsResource(String resource) {
      this.salesReturnsResource = resource;
      return this;
    }

    /**
     * The field of a SOP return that carries the caller's reference (the idempotency key); default
     * {@code customer_document_no}, as on sales orders (inferred).
     */
    public Builder salesReturnReferenceField(String field) {
      this.salesReturnReferenceField = field;
      return this;
    }

    /** Validates the settings and builds the client; the message lists every problem at once. */
    public Sage200Client build() {
      ClientSettings settings = new ClientSettings("Sage200Client");
      HttpUrl url = checkCommon(settings);
      if (siteId == null || siteId.isBlank()) {
        settings.problem("siteId is missing: take site_id from GET /sites (buildSiteDirectory().sites())");
      }
      if (!companyIdSet) {
        settings.problem("companyId is missing: take company_id from GET /sites (buildSiteDirectory().sites())");
      } else if (companyId <= 0) {
        settings.problem("companyId must be positive, was " + companyId);
      }
      if (salesReturnsResource == null || !salesReturnsResource.matches("[a-z0-9_]+")) {
        settings.problem("salesReturnsResource must be a resource name such as sop_returns, was " + salesReturnsResource);
      }
      if (salesReturnReferenceField == null || !salesReturnReferenceField.matches("[a-z0-9_]+")) {
        settings.problem("salesReturnReferenceField must be a field name such as customer_document_no, was "
            + salesReturnReferenceField);
      }
      String userAgent = settings.userAgent(version(), userAgentSuffix);
      settings.check();
      return new Sage200Client(this, transport(url, userAgent));
    }

    /** Builds the one view that needs no site or company yet: {@code GET /sites}. */
    public SiteDirectory buildSiteDirectory() {
      ClientSettings settings = new ClientSettings("Sage200Client");
      HttpUrl url = checkCommon(settings);
      String userAgent = settings.userAgent(version(), userAgentSuffix);
      settings.check();
      return new SiteDirectory(transport(url, userAgent));
    }

    private SageTransport transport(HttpUrl url, String userAgent) {
      // Timeouts: explicit settings win; a caller's own client keeps its timeouts otherwise.
      OkHttpClient http = ClientSettings.withTimeouts(okHttpClient, connectTimeout, readTimeout, callTimeout,
          Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(120));
      return new SageTransport(url, siteId, companyId, tokenProvider, http, retrySettings, sleeper,
          recordLockMatcher, userAgent, clock);
    }

    private HttpUrl checkCommon(ClientSettings settings) {
      HttpUrl url = settings.baseUrl(baseUrl, allowPlainHttp,
          "use Sage200Client.STANDARD_ONLINE, Sage200Client.PROFESSIONAL or a URL");
      settings.required("tokenProvider", tokenProvider,
          "TokenProvider.staticToken(…) or SageIdTokenProvider.builder()…");
      settings.positiveIfSet("connectTimeout", connectTimeout);
      settings.positiveIfSet("readTimeout", readTimeout);
      settings.positiveIfSet("callTimeout", callTimeout);
      if (retrySettings == null) {
        settings.problem("retrySettings must not be null (RetrySettings.none() disables retries)");
      }
      if (recordLockMatcher == null) {
        settings.problem("recordLockMatcher must not be null");
      }
      if (sleeper == null || clock == null) {
        settings.problem("sleeper and clock must not be null");
      }
      if (maxKeysPerLookup < 1 || maxKeysPerLookup > 100) {
        settings.problem("maxKeysPerLookup must be between 1 and 100, was " + maxKeysPerLookup);
      }
      return url;
    }
  }
}
