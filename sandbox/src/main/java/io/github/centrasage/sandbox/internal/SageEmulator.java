package io.github.centrasage.sandbox.internal;

import static io.github.centrasage.sandbox.internal.Rows.decimal;
import static io.github.centrasage.sandbox.internal.Rows.objects;
import static io.github.centrasage.sandbox.internal.Rows.optionalDecimal;
import static io.github.centrasage.sandbox.internal.Rows.optionalLong;
import static io.github.centrasage.sandbox.internal.Rows.optionalString;
import static io.github.centrasage.sandbox.internal.Rows.required;
import static io.github.centrasage.sandbox.internal.Rows.requiredDecimal;
import static io.github.centrasage.sandbox.internal.Rows.requiredLong;
import static io.github.centrasage.sandbox.internal.Rows.row;

import io.github.centrasage.sage200.internal.SageContract;
import io.github.centrasage.sandbox.SageDespatch;
import io.github.centrasage.sandbox.SageHolding;
import io.github.centrasage.sandbox.SagePostedTransaction;
import io.github.centrasage.sandbox.SageSalesOrder;
import io.github.centrasage.sandbox.SageSalesReturn;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sandbox.internal.HttpExchange.Answer;
import io.github.centrasage.sandbox.internal.HttpExchange.Call;
import io.github.centrasage.sandbox.internal.HttpExchange.Emulator;
import io.github.centrasage.sandbox.internal.HttpExchange.Request;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The Sage 200 REST emulator: state (tables of snake_case rows keyed by id, with indexes for the
 * lookups flows do) and the routes the sage200-client calls. One monitor guards all state, so each
 * request is atomic, as a Sage transaction would be.
 */
public final class SageEmulator implements Emulator {
  private static final Pattern NUMERIC = Pattern.compile("\\d+");
  private static final BigDecimal HUNDRED = new BigDecimal("100");
  private static final String LIVE = "EnumDocumentStatusLive";

  private static final SageContractCheck CONTRACT = new SageContractCheck(SageContract.standard());

  static {
    ContractLedger.inferredNames(ContractLedger.Api.SAGE, CONTRACT.inferredOperations());
  }

  private final SageContractCheck contract = CONTRACT;
  private final Object lock = new Object();
  private final String basePath;
  private final String token;
  private final String siteId;
  private final long companyId;
  private final Clock clock;
  /** The SOP setting "allocate stock on order entry"; without it lines allocate only what to_allocate_quantity asks. */
  private final boolean allocateOnOrderEntry;
  /** Orders the SOP invoice run has invoiced (kept apart from the order rows, which are Sage's fields only). */
  private final java.util.Set<Long> invoicedOrders = new java.util.HashSet<>();
  /** Whether the site has the 2025 R1 {@code sop_returns} endpoints; older Professional sites answer 404. */
  private final boolean sopReturns;
  private boolean emailSearchLags;
  private final Set<Object> unindexedCustomers = new HashSet<>();

  private long nextId = 1000;
  private long nextUrn = 50_000;
  private long nextDocumentNo = 1;
  private long nextDespatchNo = 1;
  private long nextReturnNo = 1;

  private final Map<Long, Map<String, Object>> customers = new TreeMap<>();
  private final Map<Long, Map<String, Object>> products = new TreeMap<>();
  private final Map<Long, Map<String, Object>> warehouses = new TreeMap<>();
  private final Map<Long, Map<String, Object>> holdings = new TreeMap<>();
  private final Map<Long, Map<String, Object>> orders = new TreeMap<>();
  private final Map<Long, Map<String, Object>> despatches = new TreeMap<>();
  private final Map<Long, Map<String, Object>> salesReturns = new TreeMap<>();
  private final Map<Long, Map<String, Object>> taxCodes = new TreeMap<>();
  private final Map<Long, Map<String, Object>> currencies = new TreeMap<>();
  private final Map<Long, Map<String, Object>> banks = new TreeMap<>();
  private final Map<Long, Map<String, Object>> nominalCodes = new TreeMap<>();
  private final Map<Long, Map<String, Object>> priceBands = new TreeMap<>();
  private final Map<Long, Map<String, Object>> productPrices = new TreeMap<>();
  private final Map<Long, Map<String, Object>> couriers = new TreeMap<>();
  private final Map<Long, Map<String, Object>> salesTransactions = new TreeMap<>();
  private final Map<Long, Map<String, Object>> bankTransactions = new TreeMap<>();

  private final Map<String, Long> productByCode = new HashMap<>();
  private final Map<String, Long> warehouseByName = new HashMap<>();
  private final Map<String, Long> holdingByProductWarehouse = new HashMap<>();
  private final Map<String, Long> customerByReference = new HashMap<>();
  private final Map<String, Long> orderByDocumentNo = new HashMap<>();
  private final Map<String, Long> bankByCode = new HashMap<>();
  private final Map<String, Map.Entry<Map<Long, Map<String, Object>>, String>> plainTables = buildPlainTables();
  /** Injected record locks: document no → attempts left (-1: until released). */
  private final Map<String, Integer> recordLocks = new HashMap<>();

  public SageEmulator(String basePath, String token, String siteId, long companyId, Clock clock, SandboxCatalog catalog,
      boolean allocateOnOrderEntry, boolean sopReturns) {
    this.allocateOnOrderEntry = allocateOnOrderEntry;
    this.sopReturns = sopReturns;
    this.basePath = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
    this.token = token;
    this.siteId = siteId;
    this.companyId = companyId;
    this.clock = clock;
    seed(catalog);
  }

  // ------------------------------------------------------------------ seed

  private long id() {
    return nextId++;
  }

  private void seed(SandboxCatalog catalog) {
    Instant now = clock.instant();
    long gbp = add(currencies, row("symbol", "£", "name", "Pound Sterling", "core_currency_rate", BigDecimal.ONE,
        "euro_currency_rate", new BigDecimal("1.170000"), "is_base_currency", true, "is_euro_currency", false,
        "currency_iso_code", row("code", "GBP", "name", "Pound Sterling")));
    long eur = add(currencies, row("symbol", "€", "name", "Euro", "core_currency_rate", new BigDecimal("1.170000"),
        "euro_currency_rate", BigDecimal.ONE, "is_base_currency", false, "is_euro_currency", true,
        "currency_iso_code", row("code", "EUR", "name", "Euro")));
    // UK VAT codes as a default Sage 200 company has them (T0 zero, T1 standard, T2 exempt, T5 reduced, T9 outside scope).
    long standard = 0;
    for (Object[] t : new Object[][] {{0, "Zero rated", "0.00"}, {1, "Standard rated", "20.00"}, {2, "Exempt", "0.00"},
        {5, "Reduced rate", "5.00"}, {9, "Outside the scope of VAT", "0.00"}}) {
      long id = add(taxCodes, row("code", t[0], "name", t[1], "tax_rate", new BigDecimal((String) t[2]),
          "terms", "EnumTaxTermsDomestic", "is_notional_acquisition_tax", false));
      if ((int) t[0] == 1) {
        standard = id;
      }
    }
    for (String[] n : new String[][] {{"1200", "Bank current account"}, {"1210", "Payment gateway clearing"},
        {"2200", "Sales tax control account"}, {"4000", "Sales - web"}, {"4010", "Sales - returns"},
        {"4900", "Carriage"}, {"7901", "Bank charges and interest"}, {"9999", "Rounding"},
        // Balance-sheet and expense codes a site keeps for its payment service provider's bookings.
        {"1105", "PSP security deposit"}, {"1106", "PSP rolling reserve"}, {"1215", "PSP balance in transit"},
        {"2105", "PSP invoices"}, {"7910", "Chargebacks"}, {"9998", "PSP corrections"}}) {
      add(nominalCodes, row("reference", n[0], "name", n[1], "cost_centre_code", "", "department_code", "",
          "account_status_type", "EnumAccountStatusActive", "balance_year_to_date", BigDecimal.ZERO.setScale(2)));
    }
    for (String[] b : new String[][] {{"1200", "Current account", "40-11-62", "41234567", "GBP"},
        {"1210", "Adyen clearing", "00-00-00", "ADYEN001", "GBP"},
        {"1201", "Euro current account", "40-11-62", "41234575", "EUR"},
        {"1211", "Adyen clearing EUR", "00-00-00", "ADYEN002", "EUR"}}) {
      long id = add(banks, row("code", b[0], "description", b[1], "sort_code", b[2], "account_no", b[3],
          "account_type", "EnumBankAccountTypeCurrent", "account_status_type", "EnumAccountStatusActive",
          "account_currency_id", b[4].equals("EUR") ? eur : gbp, "balance", BigDecimal.ZERO.setScale(2), "bank_account_nominal_reference", b[0],
          "bank_charges_nominal_reference", "7901", "date_time_updated", now));
      bankByCode.put(b[0], id);
    }
    long standardBand = add(priceBands, row("name", "Standard", "description", "Standard GBP prices",
        "is_standard_band", true, "currency_id", gbp, "price_band_type", "Universal", "is_active", true,
        "is_time_based", false, "date_time_updated", now));
    long euroBand = add(priceBands, row("name", "EURO", "description", "Euro web prices", "is_standard_band", false,
        "currency_id", eur, "price_band_type", "Universal", "is_active", true, "is_time_based", false,
        "date_time_updated", now));
    for (String[] c : new String[][] {{"DPD", "DPD UK"}, {"RMAIL", "Royal Mail"}, {"DHL", "DHL Express"}}) {
      add(couriers, row("code", c[0], "name", c[1]));
    }
    for (Object[] c : new Object[][] {{"WEBGBP", "Web sales GBP", gbp, standardBand}, {"WEBEUR", "Web sales EUR", eur, euroBand},
        {"HARR001", "Harrow Boutique Ltd", gbp, standardBand}, {"NORD001", "Nordic Concept Store AB", eur, euroBand}}) {
      createCustomer(row("reference", c[0], "name", c[1], "currency_id", c[2], "price_band_id", c[3],
          "default_tax_code_id", standard, "country_code_id", 13L));
    }
    for (String name : catalog.warehouses()) {
      long id = add(warehouses, row("name", name, "description", name, "date_time_updated", now));
      warehouseByName.put(name, id);
    }
    for (SandboxCatalog.Item item : catalog.items()) {
      long pid = add(products, row("code", item.sku(), "name", item.productName() + " " + item.variantName() + " " + item.sizeName(),
          "description", item.productName(), "product_group_id", 1L, "barcode", item.ean(), "tax_code_id", standard,
          "allow_sales_order", true, "product_status_type", "EnumStockItemStatusTypeActive",
          "free_stock_quantity", BigDecimal.ZERO, "date_time_created", now, "date_time_updated", now));
      productByCode.put(item.sku(), pid);
      for (Map.Entry<String, BigDecimal> s : item.stock().entrySet()) {
        Long wid = warehouseByName.get(s.getKey());
        if (wid == null) {
          throw new IllegalArgumentException("catalog item " + item.sku() + " names unknown warehouse " + s.getKey());
        }
        holding(pid, wid).put("quantity_in_stock", s.getValue());
        refreshHolding(holding(pid, wid), now);
      }
      add(productPrices, priceRow(pid, item, standardBand, gbp, item.priceGbp(), now));
      add(productPrices, priceRow(pid, item, euroBand, eur, item.priceEur(), now));
    }
  }

  private Map<String, Object> priceRow(long productId, SandboxCatalog.Item item, long band, long currency,
      BigDecimal price, Instant now) {
    Map<String, Object> bandRow = priceBands.get(band);
    Map<String, Object> cur = currencies.get(currency);
    return row("product_price_id", null, "product_id", productId, "product_code", item.sku(),
        "product_name", products.get(productId).get("name"), "product_stock_unit_name", "Each",
        "price_band_id", band, "price_band_name", bandRow.get("name"), "product_price_use_standard", false,
        "product_price_price", price, "currency_id", currency, "currency_name", cur.get("name"),
        "currency_symbol", cur.get("symbol"), "date_time_updated", now);
  }

  private long add(Map<Long, Map<String, Object>> table, Map<String, Object> row) {
    long id = id();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", id);
    r.putAll(row);
    if (table == productPrices) {
      // product_price_views rows have no id of their own: product_price_id is their key
      r.remove("id");
      r.put("product_price_id", id);
    }
    table.put(id, r);
    return id;
  }

  private Map<String, Object> holding(long productId, long warehouseId) {
    String key = productId + ":" + warehouseId;
    Long id = holdingByProductWarehouse.get(key);
    if (id != null) {
      return holdings.get(id);
    }
    Instant now = clock.instant();
    long hid = add(holdings, row("product_id", productId, "warehouse_id", warehouseId,
        "warehouse_name", warehouses.get(warehouseId).get("name"), "quantity_in_stock", BigDecimal.ZERO,
        "confirmed_qty_in_stock", BigDecimal.ZERO, "unconfirmed_qty_in_stock", BigDecimal.ZERO,
        "quantity_reserved", BigDecimal.ZERO, "quantity_in_stock_less_reserved", BigDecimal.ZERO,
        "quantity_allocated", BigDecimal.ZERO, "quantity_allocated_stock", BigDecimal.ZERO,
        "quantity_allocated_sop", BigDecimal.ZERO, "quantity_allocated_bom", BigDecimal.ZERO,
        "free_stock_available", BigDecimal.ZERO, "free_stock_available_less_reserved", BigDecimal.ZERO,
        "quantity_on_order", BigDecimal.ZERO, "reorder_level", BigDecimal.ZERO, "minimum_level", BigDecimal.ZERO,
        "maximum_level", BigDecimal.ZERO, "date_time_created", now, "date_time_updated", now));
    holdingByProductWarehouse.put(key, hid);
    return holdings.get(hid);
  }

  /** Recomputes the derived holding figures and the product's free stock; stamps date_time_updated. */
  private void refreshHolding(Map<String, Object> h, Instant now) {
    BigDecimal inStock = (BigDecimal) h.get("quantity_in_stock");
    BigDecimal allocated = ((BigDecimal) h.get("quantity_allocated_sop")).add((BigDecimal) h.get("quantity_allocated_stock"))
        .add((BigDecimal) h.get("quantity_allocated_bom"));
    BigDecimal reserved = (BigDecimal) h.get("quantity_reserved");
    h.put("confirmed_qty_in_stock", inStock);
    h.put("quantity_in_stock_less_reserved", inStock.subtract(reserved));
    h.put("quantity_allocated", allocated);
    h.put("free_stock_available", inStock.subtract(allocated));
    h.put("free_stock_available_less_reserved", inStock.subtract(allocated).subtract(reserved));
    h.put("date_time_updated", now);
    long productId = (Long) h.get("product_id");
    BigDecimal free = BigDecimal.ZERO;
    for (Map<String, Object> other : holdingsOf(productId)) {
      free = free.add((BigDecimal) other.get("free_stock_available"));
    }
    Map<String, Object> product = products.get(productId);
    product.put("free_stock_quantity", free);
    product.put("date_time_updated", now);
  }

  private List<Map<String, Object>> holdingsOf(long productId) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (long wid : warehouses.keySet()) {
      Long hid = holdingByProductWarehouse.get(productId + ":" + wid);
      if (hid != null) {
        out.add(holdings.get(hid));
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ routing

  @Override
  public Call recognise(Request request) {
    String path = request.path();
    if (!path.startsWith(basePath + "/")) {
      throw new BadRequest(404, "No HTTP resource was found that matches the request URI '" + path + "'.");
    }
    String[] segments = path.substring(basePath.length() + 1).split("/");
    StringBuilder pattern = new StringBuilder();
    List<Long> ids = new ArrayList<>();
    for (String s : segments) {
      if (NUMERIC.matcher(s).matches()) {
        pattern.append("/{id}");
        ids.add(Long.parseLong(s));
      } else {
        pattern.append('/').append(s);
      }
    }
    String operation = request.method() + " " + pattern;
    Supplier<Answer> route = route(operation, request, ids);
    // Checked here, before any injected fault, so a request that is faulted is still held to the contract.
    contract.check(operation, request);
    return new Call(operation, () -> {
      synchronized (lock) {
        if (!operation.equals("GET /sites")) {
          authenticate(request);
        } else if (!("Bearer " + token).equals(request.header("Authorization"))) {
          throw new BadRequest(401, "Authorization has been denied for this request.");
        }
        Answer answer = route.get();
        if (answer.status() / 100 == 2) {
          contract.checkAnswer(operation, answer.body());
        }
        return answer;
      }
    });
  }

  private void authenticate(Request request) {
    boolean ok = ("Bearer " + token).equals(request.header("Authorization"))
        && siteId.equalsIgnoreCase(String.valueOf(request.header("X-Site")))
        && String.valueOf(companyId).equals(request.header("X-Company"));
    if (!ok) {
      throw new BadRequest(401, "Authorization has been denied for this request.");
    }
  }

  private Supplier<Answer> route(String op, Request rq, List<Long> ids) {
    long id = ids.isEmpty() ? 0 : ids.get(0);
    Map.Entry<Map<Long, Map<String, Object>>, String> table = plainTables.get(op.replace("/{id}", ""));
    if (table != null && op.startsWith("GET ")) {
      return op.endsWith("/{id}") ? () -> one(rq, table.getKey(), id, table.getValue())
          : () -> listTable(rq, table.getKey());
    }
    switch (op) {
      case "GET /sites":
        return () -> ok(List.of(row("company_id", companyId, "company_name", "Sandbox Fashion Ltd", "site_id", siteId,
            "site_name", "Sandbox", "site_short_name", "sandbox")));
      case "GET /lookup_customers":
        return () -> listTable(rq, customers);
      case "GET /customer_views":
        return () -> list(rq, customerViews());
      case "GET /customer_contacts":
        return () -> list(rq, contacts(null));
      case "GET /customer_contacts/{id}":
        // The client resolves a customer_emails row to its customer through this (reference notes, "find by e-mail").
        return () -> contact(rq, id);
      case "GET /customers/{id}/customer_contacts":
        return () -> list(rq, contacts(requireRow(customers, id, "customer")));
      case "GET /customer_emails":
        return () -> list(rq, emails());
      case "POST /customers":
        return () -> created(createCustomer(Json.parseObject(rq.body())));
      case "GET /customers/{id}/sop_orders":
        return () -> list(rq, ordersWhere(o -> o.get("customer_id").equals(id)));
      case "GET /lookup_products":
        return () -> listTable(rq, products);
      case "GET /products/{id}/warehouse_holdings":
        return () -> list(rq, holdingsOf(requireRow(products, id, "product")));
      case "GET /warehouses/{id}/warehouse_holdings": {
        return () -> {
          requireRow(warehouses, id, "warehouse");
          List<Map<String, Object>> out = new ArrayList<>();
          for (Map<String, Object> h : holdings.values()) {
            if (h.get("warehouse_id").equals(id)) {
              out.add(h);
            }
          }
          return list(rq, out);
        };
      }
      case "GET /sop_orders":
        return () -> listTable(rq, orders);
      case "GET /lookup_sop_orders":
        return () -> list(rq, lookupOrders());
      case "GET /sop_order_return_views":
        return () -> list(rq, lookupOrders());
      case "POST /sop_orders":
        return () -> created(createOrder(Json.parseObject(rq.body())));
      case "GET /sop_orders/{id}":
        return () -> getOrder(rq, id);
      case "PUT /sop_orders/{id}":
        return () -> ok(updateOrder(id, Json.parseObject(rq.body())));
      case "DELETE /sop_orders/{id}":
        return () -> {
          deleteOrder(id);
          return new Answer(200, Map.of(), "");
        };
      case "GET /sop_orders/{id}/sop_order_lines":
        return () -> list(rq, lines(requireOrder(id)));
      case "GET /sop_confirm_despatch":
        return () -> ok(despatchableOrders(ODataQuery.parse(rq.query())));
      case "POST /sop_confirm_despatch":
        return () -> {
          Map<String, Object> body = Json.parseObject(rq.body());
          confirmDespatch(body);
          return created(body);
        };
      case "GET /sop_order_despatch_views":
        return () -> {
          List<Map<String, Object>> rows = new ArrayList<>();
          for (Map<String, Object> d : despatches.values()) {
            rows.add(despatchView(d));
          }
          // Sage's default order for this view: newest despatch first.
          java.util.Collections.reverse(rows);
          return list(rq, rows);
        };
      case "GET /sop_order_despatch_line_views":
        return () -> list(rq, despatchLines());
      case "GET /sop_despatch_receipts":
        return () -> list(rq, despatchReceipts());
      case "GET /sop_despatch_receipts/{id}":
        return () -> ok(despatchReceipt(despatches.get(requireRow(despatches, id, "despatch receipt"))));
      case "PUT /sop_despatch_receipts/{id}":
        return () -> ok(updateDespatchReceipt(id, Json.parseObject(rq.body())));
      case "GET /bank_views":
        return () -> list(rq, banks.values());
      case "GET /product_price_views":
        return () -> list(rq, productPrices.values());
      case "GET /couriers":
        return () -> list(rq, couriers.values());
      case "GET /sop_returns":
        return () -> list(rq, requireSopReturns(rq).values());
      case "GET /sop_returns/{id}":
        return () -> one(rq, requireSopReturns(rq), id, "sales return");
      case "GET /customers/{id}/sop_returns":
        return () -> list(rq, where(requireSopReturns(rq).values(), "customer_id", id));
      case "POST /sop_returns":
        return () -> {
          requireSopReturns(rq);
          return created(createReturn(Json.parseObject(rq.body())));
        };
      case "POST /sales_credit_notes":
        return () -> created(urn(postSalesDocument(Json.parseObject(rq.body()), "TradingAccountEntryTypeCreditNote")));
      case "POST /sales_invoices":
        return () -> created(urn(postSalesDocument(Json.parseObject(rq.body()), "TradingAccountEntryTypeInvoice")));
      case "POST /sales_receipts":
        return () -> created(urn(postSalesReceipt(Json.parseObject(rq.body()), false)));
      case "POST /sales_payments":
        return () -> created(urn(postSalesReceipt(Json.parseObject(rq.body()), true)));
      case "POST /sales_allocations":
        return () -> created(allocate(Json.parseObject(rq.body())));
      case "GET /customers/{id}/sales_posted_transactions":
        return () -> list(rq, where(salesTransactions.values(), "customer_id", id));
      case "POST /bank_payment":
        return () -> created(urn(postBankEntry(Json.parseObject(rq.body()), false)));
      case "POST /bank_receipt":
        return () -> created(urn(postBankEntry(Json.parseObject(rq.body()), true)));
      case "POST /bank_transfer":
        return () -> created(urn(postBankTransfer(Json.parseObject(rq.body()))));
      case "GET /banks/{id}/bank_posted_transactions":
        return () -> list(rq, where(bankTransactions.values(), "bank_id", id));
      default:
        throw notFound(rq);
    }
  }

  private static BadRequest notFound(Request rq) {
    return new BadRequest(404, "No HTTP resource was found that matches the request URI '" + rq.path() + "'.");
  }

  /** The returns table, or the 404 a site before Sage 200 2025 R1 answers for any sop_returns call. */
  private Map<Long, Map<String, Object>> requireSopReturns(Request rq) {
    if (!sopReturns) {
      throw notFound(rq);
    }
    return salesReturns;
  }

  /** Resources read straight from one table: "GET /resource" → (table, singular name for errors). */
  private Map<String, Map.Entry<Map<Long, Map<String, Object>>, String>> buildPlainTables() {
    Map<String, Map.Entry<Map<Long, Map<String, Object>>, String>> t = new HashMap<>();
    t.put("GET /customers", Map.entry(customers, "customer"));
    t.put("GET /products", Map.entry(products, "product"));
    t.put("GET /warehouses", Map.entry(warehouses, "warehouse"));
    t.put("GET /warehouse_holdings", Map.entry(holdings, "warehouse holding"));
    t.put("GET /tax_codes", Map.entry(taxCodes, "tax code"));
    t.put("GET /currencies", Map.entry(currencies, "currency"));
    t.put("GET /banks", Map.entry(banks, "bank"));
    t.put("GET /nominal_codes", Map.entry(nominalCodes, "nominal code"));
    t.put("GET /price_bands", Map.entry(priceBands, "price band"));
    t.put("GET /sales_posted_transactions", Map.entry(salesTransactions, "posted transaction"));
    t.put("GET /bank_posted_transactions", Map.entry(bankTransactions, "bank posted transaction"));
    return t;
  }

  private static List<Map<String, Object>> where(Collection<Map<String, Object>> rows, String field, Object value) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      if (value.equals(r.get(field))) {
        out.add(r);
      }
    }
    return out;
  }

  private List<Map<String, Object>> ordersWhere(java.util.function.Predicate<Map<String, Object>> p) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> o : orders.values()) {
      if (p.test(o)) {
        out.add(o);
      }
    }
    return out;
  }

  private Answer list(Request rq, Collection<Map<String, Object>> rows) {
    ODataQuery query = ODataQuery.parse(rq.query());
    return ok(query.apply(expand(rows, query)));
  }

  /** A list over a whole table, whose rows a TreeMap keeps in id order (see {@link ODataQuery#apply(Iterable, boolean)}). */
  private Answer listTable(Request rq, Map<Long, Map<String, Object>> table) {
    if (!(table instanceof SortedMap)) {
      return list(rq, table.values());
    }
    ODataQuery query = ODataQuery.parse(rq.query());
    return ok(query.apply(expand(table.values(), query), true));
  }

  private Answer one(Request rq, Map<Long, Map<String, Object>> table, long id, String what) {
    requireRow(table, id, what);
    ODataQuery query = ODataQuery.parse(rq.query());
    return ok(query.project(expand(List.of(table.get(id)), query).iterator().next()));
  }

  /**
   * Applies {@code $expand} of related records ({@code customer}, {@code currency}, {@code product},
   * {@code warehouse}) to copies of the rows, so filters and selects can reach into them.
   */
  private Collection<Map<String, Object>> expand(Collection<Map<String, Object>> rows, ODataQuery query) {
    Map<String, Map<Long, Map<String, Object>>> related = new LinkedHashMap<>();
    for (String name : query.expansions()) {
      Map<Long, Map<String, Object>> table = name.equals("customer") ? customers : name.equals("currency") ? currencies
          : name.equals("product") ? products : name.equals("warehouse") ? warehouses : null;
      if (table != null) {
        related.put(name, table);
      }
    }
    if (related.isEmpty()) {
      return rows;
    }
    // copied as the query reads them, so a page that stops early copies only the rows it read
    return new AbstractCollection<>() {
      @Override
      public Iterator<Map<String, Object>> iterator() {
        Iterator<Map<String, Object>> it = rows.iterator();
        return new Iterator<>() {
          @Override
          public boolean hasNext() {
            return it.hasNext();
          }

          @Override
          public Map<String, Object> next() {
            Map<String, Object> row = it.next();
            Map<String, Object> copy = new LinkedHashMap<>(row);
            related.forEach((name, table) -> {
              Object id = row.get(name + "_id");
              if (id != null) {
                copy.put(name, table.get((Long) id));
              }
            });
            return copy;
          }
        };
      }

      @Override
      public int size() {
        return rows.size();
      }
    };
  }

  private static long requireRow(Map<Long, Map<String, Object>> table, long id, String what) {
    if (!table.containsKey(id)) {
      throw new BadRequest(404, "The " + what + " with id " + id + " does not exist.");
    }
    return id;
  }

  private static Answer ok(Object body) {
    return Answer.json(200, body);
  }

  private static Answer created(Object body) {
    return Answer.json(201, body);
  }

  private static Map<String, Object> urn(long urn) {
    return row("urn", String.valueOf(urn));
  }

  @Override
  public Answer error(BadRequest e) {
    return Answer.json(e.status(), row("Message", e.getMessage()));
  }

  @Override
  public Answer injectedStatus(int status) {
    String message = status == 429 ? "Rate limit is exceeded. Try again later."
        : status == 504 ? "The gateway did not receive a response from the on-premise API in time."
        : "An error has occurred.";
    return Answer.json(status, row("Message", message));
  }

  // ------------------------------------------------------------------ customers

  private Map<String, Object> createCustomer(Map<String, Object> body) {
    String reference = optionalString(body, "reference", 8);
    if (reference == null || reference.isBlank()) {
      throw new BadRequest("The reference field is required.");
    }
    String name = optionalString(body, "name", 60);
    if (name == null || name.isBlank()) {
      throw new BadRequest("The name field is required.");
    }
    if (customerByReference.containsKey(reference.toUpperCase())) {
      throw new BadRequest("A customer with the reference " + reference + " already exists.");
    }
    long currencyId = body.get("currency_id") == null ? baseCurrencyId() : requiredLong(body, "currency_id");
    requireRow(currencies, currencyId, "currency");
    Instant now = clock.instant();
    Map<String, Object> r = row("reference", reference.toUpperCase(), "name", name,
        "short_name", optionalString(body, "short_name", 8), "currency_id", currencyId,
        "default_tax_code_id", optionalLong(body, "default_tax_code_id"), "vat_number", body.get("vat_number"),
        "country_code_id", body.get("country_code_id"), "credit_limit", optionalDecimal(body, "credit_limit", BigDecimal.ZERO),
        "balance", BigDecimal.ZERO.setScale(2), "on_hold", Boolean.TRUE.equals(body.get("on_hold")),
        "account_status_type", body.getOrDefault("account_status_type", "AccountStatusActive"),
        "price_band_id", optionalLong(body, "price_band_id"), "main_address", body.get("main_address"),
        "contacts", contactsWithIds(body.get("contacts")), "date_time_created", now, "date_time_updated", now);
    long id = add(customers, r);
    customerByReference.put(reference.toUpperCase(), id);
    if (emailSearchLags) {
      unindexedCustomers.add(id);
    }
    return customers.get(id);
  }

  /** Copies the posted contacts, giving each contact and e-mail an id as Sage does. */
  private List<Object> contactsWithIds(Object posted) {
    List<Object> out = new ArrayList<>();
    for (Map<String, Object> contact : objects(posted, "contacts")) {
      Map<String, Object> c = new LinkedHashMap<>(contact);
      c.put("id", id());
      List<Object> emails = new ArrayList<>();
      for (Map<String, Object> email : objects(contact.get("emails"), "contacts[].emails")) {
        Map<String, Object> e = new LinkedHashMap<>(email);
        e.put("id", id());
        emails.add(e);
      }
      c.put("emails", emails);
      out.add(c);
    }
    return out;
  }

  private List<Map<String, Object>> contacts(Long customerId) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> customer : customers.values()) {
      if (customerId != null && !customerId.equals(customer.get("id"))) {
        continue;
      }
      for (Map<String, Object> c : objects(customer.get("contacts"), "contacts")) {
        Object defaultEmail = null;
        for (Map<String, Object> e : objects(c.get("emails"), "emails")) {
          if (defaultEmail == null || Boolean.TRUE.equals(e.get("is_default"))) {
            defaultEmail = e.get("email");
          }
        }
        String name = (c.get("first_name") == null ? "" : c.get("first_name") + " ")
            + (c.get("last_name") == null ? "" : c.get("last_name"));
        out.add(row("id", c.get("id"), "customer_id", customer.get("id"), "first_name", c.get("first_name"),
            "last_name", c.get("last_name"), "name", c.getOrDefault("name", name.trim()),
            "is_default", Boolean.TRUE.equals(c.get("is_default")), "default_email", defaultEmail,
            "emails", c.get("emails"), "date_time_updated", customer.get("date_time_updated")));
      }
    }
    return out;
  }

  private Answer contact(Request rq, long id) {
    for (Map<String, Object> c : contacts(null)) {
      if (Long.valueOf(id).equals(c.get("id"))) {
        return ok(ODataQuery.parse(rq.query()).project(c));
      }
    }
    throw new BadRequest(404, "No customer contact with id " + id + ".");
  }

  /** While set, the e-mail searches (customer_views, customer_emails) do not see accounts created from now on. */
  public void emailSearchLags(boolean lags) {
    synchronized (lock) {
      emailSearchLags = lags;
      if (!lags) {
        unindexedCustomers.clear();
      }
    }
  }

  private List<Map<String, Object>> emails() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> contact : contacts(null)) {
      if (unindexedCustomers.contains(contact.get("customer_id"))) {
        continue;
      }
      for (Map<String, Object> e : objects(contact.get("emails"), "emails")) {
        out.add(row("id", e.get("id"), "customer_contact_id", contact.get("id"), "email", e.get("email"),
            "is_default", Boolean.TRUE.equals(e.get("is_default"))));
      }
    }
    return out;
  }

  private long baseCurrencyId() {
    for (Map<String, Object> c : currencies.values()) {
      if (Boolean.TRUE.equals(c.get("is_base_currency"))) {
        return (Long) c.get("id");
      }
    }
    throw new IllegalStateException("no base currency");
  }

  private List<Map<String, Object>> customerViews() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> c : customers.values()) {
      if (unindexedCustomers.contains(c.get("id"))) {
        continue;
      }
      Object email = null;
      for (Map<String, Object> contact : objects(c.get("contacts"), "contacts")) {
        for (Map<String, Object> e : objects(contact.get("emails"), "emails")) {
          if (email == null || Boolean.TRUE.equals(e.get("is_default"))) {
            email = e.get("email");
          }
        }
      }
      out.add(row("id", c.get("id"), "reference", c.get("reference"), "name", c.get("name"),
          "currency_id", c.get("currency_id"), "contact_default_email_address", email,
          "account_is_on_hold", c.get("on_hold"),
          "date_time_updated", c.get("date_time_updated")));
    }
    return out;
  }

  // ------------------------------------------------------------------ SOP orders

  private Map<String, Object> requireOrder(long id) {
    Map<String, Object> o = orders.get(id);
    if (o == null) {
      throw new BadRequest(404, "The sales order with id " + id + " does not exist.");
    }
    return o;
  }

  /** The name of a line's warehouse (Sage's order lines carry only warehouse_id). */
  private String warehouseName(Map<String, Object> line) {
    Object id = line.get("warehouse_id");
    return id == null ? null : (String) warehouses.get((Long) id).get("name");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> lines(Map<String, Object> order) {
    return (List<Map<String, Object>>) order.get("lines");
  }

  private Map<String, Object> createOrder(Map<String, Object> body) {
    Map<String, Object> customer = requireCustomer(body);
    long customerId = (Long) customer.get("id");
    List<Map<String, Object>> inputLines = requireLines(body, "sales order");
    Instant now = clock.instant();
    // Validate every line before touching stock: a Sage POST is all-or-nothing.
    List<Map<String, Object>> lines = new ArrayList<>();
    for (Map<String, Object> in : inputLines) {
      lines.add(newLine(in, customer));
    }
    String documentNo = String.format("%010d", nextDocumentNo++);
    Map<String, Object> order = row("document_no", documentNo, "document_date", dateOr(body.get("document_date"), now),
        "customer_id", customerId, "customer_document_no", optionalString(body, "customer_document_no", 30),
        "currency_id", customer.get("currency_id"), "exchange_rate", optionalDecimal(body, "exchange_rate", BigDecimal.ONE),
        "requested_delivery_date", body.get("requested_delivery_date"), "promised_delivery_date", body.get("promised_delivery_date"),
        "delivery_address", body.get("delivery_address"), "use_invoice_address", body.getOrDefault("use_invoice_address", true),
        "payment_with_order", Boolean.TRUE.equals(body.get("payment_with_order")), "payment_value",
        optionalDecimal(body, "payment_value", BigDecimal.ZERO), "payment_reference", optionalString(body, "payment_reference", 20),
        "payment_method_id", body.get("payment_method_id"), "document_status", LIVE,
        "despatch_receipt_status", "EnumDocumentStatusNone", "is_draft", false, "lock_id", null);
    for (String copy : new String[] {"analysis_code_1", "analysis_code_2", "analysis_code_3", "analysis_code_4",
        "analysis_code_5", "spare_text_1", "spare_text_2", "spare_text_3", "document_created_by", "order_priority"}) {
      order.put(copy, body.get(copy));
    }
    order.put("lines", lines);
    order.put("date_time_created", now);
    order.put("date_time_updated", now);
    long id = add(orders, order);
    Map<String, Object> stored = orders.get(id);
    int n = 1;
    for (Map<String, Object> line : lines) {
      line.put("sop_order_id", id);
      line.put("line_number", n++);
      allocate(line, (BigDecimal) line.remove("_to_allocate"), now);
    }
    recalculate(stored, now);
    orderByDocumentNo.put(documentNo, id);
    return stored;
  }

  private Object dateOr(Object v, Instant dflt) {
    if (v == null) {
      return dflt;
    }
    return ODataQuery.parseInstant(v.toString().length() > 10 && !v.toString().endsWith("Z")
        ? v.toString() + "Z" : v.toString());
  }

  private Map<String, Object> newLine(Map<String, Object> in, Map<String, Object> customer) {
    String type = (String) in.getOrDefault("line_type", "EnumLineTypeStandard");
    Map<String, Object> line = row("id", id(), "line_type", type);
    BigDecimal qty = optionalDecimal(in, "line_quantity", BigDecimal.ZERO);
    Long taxCodeId = optionalLong(in, "tax_code_id");
    if (taxCodeId == null) {
      taxCodeId = (Long) customer.get("default_tax_code_id");
    }
    if (taxCodeId != null && !taxCodes.containsKey(taxCodeId)) {
      throw new BadRequest("The tax_code_id " + taxCodeId + " is not a valid tax code.");
    }
    BigDecimal price = optionalDecimal(in, "selling_unit_price", BigDecimal.ZERO);
    switch (type) {
      case "EnumLineTypeStandard": {
        long productId = requiredLong(in, "product_id");
        long warehouseId = requiredLong(in, "warehouse_id");
        Map<String, Object> product = products.get(productId);
        if (product == null) {
          throw new BadRequest("The product_id " + productId + " is not a valid product.");
        }
        if (!warehouses.containsKey(warehouseId)) {
          throw new BadRequest("The warehouse_id " + warehouseId + " is not a valid warehouse.");
        }
        if (qty.signum() <= 0) {
          throw new BadRequest("The line_quantity must be greater than zero for product " + product.get("code") + ".");
        }
        line.put("product_id", productId);
        line.put("code", product.get("code"));
        line.put("description", product.get("name"));
        line.put("warehouse_id", warehouseId);
        BigDecimal toAllocate = optionalDecimal(in, "to_allocate_quantity", allocateOnOrderEntry ? qty : BigDecimal.ZERO);
        line.put("_to_allocate", toAllocate.min(qty));
        break;
      }
      case "EnumLineTypeCharge":
        if (in.get("code") == null && in.get("description") == null) {
          throw new BadRequest("The description field is required for a charge line without a code.");
        }
        line.put("code", in.get("code"));
        line.put("description", in.getOrDefault("description", in.get("code")));
        qty = BigDecimal.ONE;
        line.put("_to_allocate", BigDecimal.ZERO);
        break;
      case "EnumLineTypeFreeText":
      case "EnumLineTypeComment":
        if (in.get("description") == null) {
          throw new BadRequest("The description field is required for " + type + " lines.");
        }
        line.put("description", in.get("description"));
        line.put("_to_allocate", BigDecimal.ZERO);
        break;
      default:
        throw new BadRequest("The line_type '" + type + "' is not valid.");
    }
    line.put("line_quantity", qty);
    line.put("allocated_quantity", BigDecimal.ZERO);
    line.put("despatch_receipt_quantity", BigDecimal.ZERO);
    line.put("selling_unit_price", price);
    line.put("unit_discount_percent", optionalDecimal(in, "unit_discount_percent", BigDecimal.ZERO));
    line.put("tax_code_id", taxCodeId);
    line.put("nominal_reference", in.get("nominal_reference"));
    line.put("allocation_status", "EnumAllocationStatusNone");
    line.put("is_complete", false);
    return line;
  }

  /** Allocates up to {@code wanted} from free stock, as Sage does with allocate-on-order-entry. */
  private void allocate(Map<String, Object> line, BigDecimal wanted, Instant now) {
    if (line.get("product_id") == null || wanted == null || wanted.signum() <= 0) {
      return;
    }
    Map<String, Object> h = holding((Long) line.get("product_id"), (Long) line.get("warehouse_id"));
    BigDecimal free = ((BigDecimal) h.get("free_stock_available")).max(BigDecimal.ZERO);
    BigDecimal take = wanted.min(free);
    if (take.signum() == 0) {
      return;
    }
    h.put("quantity_allocated_sop", ((BigDecimal) h.get("quantity_allocated_sop")).add(take));
    refreshHolding(h, now);
    BigDecimal allocated = ((BigDecimal) line.get("allocated_quantity")).add(take);
    line.put("allocated_quantity", allocated);
  }

  private void deallocate(Map<String, Object> line, Instant now) {
    BigDecimal allocated = (BigDecimal) line.get("allocated_quantity");
    if (line.get("product_id") == null || allocated.signum() == 0) {
      return;
    }
    Map<String, Object> h = holding((Long) line.get("product_id"), (Long) line.get("warehouse_id"));
    h.put("quantity_allocated_sop", ((BigDecimal) h.get("quantity_allocated_sop")).subtract(allocated));
    refreshHolding(h, now);
    line.put("allocated_quantity", BigDecimal.ZERO);
  }

  private void recalculate(Map<String, Object> order, Instant now) {
    BigDecimal net = BigDecimal.ZERO;
    BigDecimal tax = BigDecimal.ZERO;
    boolean allDespatched = true;
    boolean anyDespatched = false;
    for (Map<String, Object> line : lines(order)) {
      BigDecimal qty = (BigDecimal) line.get("line_quantity");
      net = net.add(lineValues(line));
      tax = tax.add((BigDecimal) line.get("line_tax_value"));
      if (line.get("product_id") != null) {
        BigDecimal despatched = (BigDecimal) line.get("despatch_receipt_quantity");
        BigDecimal allocated = (BigDecimal) line.get("allocated_quantity");
        boolean complete = despatched.compareTo(qty) >= 0;
        line.put("is_complete", complete);
        line.put("available_for_despatch", allocated);
        line.put("allocation_status", allocated.signum() == 0 ? "EnumAllocationStatusNone"
            : allocated.add(despatched).compareTo(qty) >= 0 ? "EnumAllocationStatusFull" : "EnumAllocationStatusPartial");
        line.put("despatch_receipt_status", despatched.signum() == 0 ? "EnumDocumentStatusNone"
            : complete ? "EnumDocumentStatusComplete" : "EnumDocumentStatusPartial");
        allDespatched &= complete;
        anyDespatched |= despatched.signum() > 0;
      }
    }
    order.put("subtotal_goods_value", net);
    order.put("total_net_value", net);
    order.put("total_tax_value", tax);
    order.put("total_gross_value", net.add(tax));
    order.put("despatch_receipt_status", !anyDespatched ? "EnumDocumentStatusNone"
        : allDespatched ? "EnumDocumentStatusComplete" : "EnumDocumentStatusPartial");
    order.put("date_time_updated", now);
  }

  /** Sets a line's net and tax value as Sage computes them (net rounded per line, tax on the net); returns the net. */
  private BigDecimal lineValues(Map<String, Object> line) {
    BigDecimal qty = (BigDecimal) line.get("line_quantity");
    BigDecimal price = (BigDecimal) line.get("selling_unit_price");
    BigDecimal discount = (BigDecimal) line.get("unit_discount_percent");
    BigDecimal lineNet = qty.multiply(price).multiply(HUNDRED.subtract(discount)).divide(HUNDRED)
        .setScale(2, RoundingMode.HALF_UP);
    BigDecimal rate = line.get("tax_code_id") == null ? BigDecimal.ZERO
        : (BigDecimal) taxCodes.get((Long) line.get("tax_code_id")).get("tax_rate");
    BigDecimal lineTax = lineNet.multiply(rate).divide(HUNDRED).setScale(2, RoundingMode.HALF_UP);
    line.put("line_total_value", lineNet);
    line.put("line_tax_value", lineTax);
    return lineNet;
  }

  // ------------------------------------------------------------------ SOP returns (2025 R1)

  /**
   * Enters a sales return as the 2025 R1 API would (schema inferred from sop_orders): customer,
   * lines of product/warehouse/quantity/price/tax code, free-text lines (a negative price is allowed,
   * as on the desktop screen), totals computed per line. Stock does not move: receipt of the goods
   * and the credit note are confirmed in the Sage desktop. Fields the emulator does not model
   * (a return reason, spare texts) are stored as sent so lookups by them work.
   */
  private Map<String, Object> createReturn(Map<String, Object> body) {
    Map<String, Object> customer = requireCustomer(body);
    long customerId = (Long) customer.get("id");
    List<Map<String, Object>> inputLines = requireLines(body, "sales return");
    Instant now = clock.instant();
    Map<String, Object> ret = new LinkedHashMap<>();
    // Every return has the fields sop_orders have, set or not, so filters on them work across rows.
    for (String field : new String[] {"analysis_code_1", "analysis_code_2", "analysis_code_3", "analysis_code_4",
        "analysis_code_5", "spare_text_1", "spare_text_2", "spare_text_3"}) {
      ret.put(field, null);
    }
    body.forEach((k, v) -> {
      if (!(v instanceof Map) && !(v instanceof List)) {
        ret.put(k, v);
      }
    });
    List<Map<String, Object>> lines = new ArrayList<>();
    BigDecimal net = BigDecimal.ZERO;
    BigDecimal tax = BigDecimal.ZERO;
    int n = 1;
    for (Map<String, Object> in : inputLines) {
      Map<String, Object> line = newLine(in, customer);
      line.remove("_to_allocate");
      line.remove("allocated_quantity");
      line.remove("allocation_status");
      line.remove("despatch_receipt_quantity");
      line.put("line_number", n++);
      net = net.add(lineValues(line));
      tax = tax.add((BigDecimal) line.get("line_tax_value"));
      lines.add(line);
    }
    if (net.add(tax).signum() < 0) {
      throw new BadRequest("The return cannot be saved because the gross or tax total is negative.");
    }
    ret.put("document_no", String.format("R%09d", nextReturnNo++));
    ret.put("document_date", dateOr(body.get("document_date"), now));
    ret.put("customer_id", customerId);
    ret.put("customer_document_no", optionalString(body, "customer_document_no", 30));
    ret.put("currency_id", customer.get("currency_id"));
    ret.put("document_status", LIVE);
    ret.put("lines", lines);
    ret.put("total_net_value", net);
    ret.put("total_tax_value", tax);
    ret.put("total_gross_value", net.add(tax));
    ret.put("date_time_created", now);
    ret.put("date_time_updated", now);
    long id = add(salesReturns, ret);
    return salesReturns.get(id);
  }

  private List<Map<String, Object>> lookupOrders() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> o : orders.values()) {
      out.add(row("id", o.get("id"), "document_no", o.get("document_no"), "customer_id", o.get("customer_id"),
          "customer_document_no", o.get("customer_document_no"), "document_status", o.get("document_status"),
          "despatch_receipt_status", o.get("despatch_receipt_status"), "date_time_updated", o.get("date_time_updated")));
    }
    return out;
  }

  /** Answers the injected record lock for {@code order}, if one is active, consuming one attempt. */
  private void checkRecordLock(Map<String, Object> order) {
    String documentNo = (String) order.get("document_no");
    Integer left = recordLocks.get(documentNo);
    if (left == null) {
      return;
    }
    if (left > 0) {
      if (left == 1) {
        recordLocks.remove(documentNo);
      } else {
        recordLocks.put(documentNo, left - 1);
      }
    }
    throw new BadRequest("The sales order " + documentNo + " is in use by another user and is locked for editing.");
  }

  private Answer getOrder(Request rq, long id) {
    Map<String, Object> order = requireOrder(id);
    ODataQuery query = ODataQuery.parse(rq.query());
    if (query.expands("is_to_lock")) {
      checkRecordLock(order);
      if (order.get("lock_id") != null) {
        throw new BadRequest("The sales order " + order.get("document_no") + " is in use by another user and is locked for editing.");
      }
      order.put("lock_id", 7_000_000L + id());
    }
    return ok(query.project(expand(List.of(order), query).iterator().next()));
  }

  private Map<String, Object> updateOrder(long id, Map<String, Object> body) {
    Map<String, Object> order = requireOrder(id);
    checkRecordLock(order);
    Object held = order.get("lock_id");
    Long given = optionalLong(body, "lock_id");
    if (held != null && !held.equals(given)) {
      throw new BadRequest("The sales order " + order.get("document_no") + " is in use by another user and is locked for editing.");
    }
    Instant now = clock.instant();
    for (String field : new String[] {"customer_document_no", "requested_delivery_date", "promised_delivery_date",
        "analysis_code_1", "analysis_code_2", "analysis_code_3", "spare_text_1", "spare_text_2", "spare_text_3",
        "delivery_address", "order_priority"}) {
      if (body.containsKey(field)) {
        order.put(field, field.equals("customer_document_no") ? optionalString(body, field, 30) : body.get(field));
      }
    }
    Map<String, Object> customer = customers.get((Long) order.get("customer_id"));
    for (Map<String, Object> in : objects(body.get("lines"), "lines")) {
      Long lineId = optionalLong(in, "id");
      if (lineId == null) {
        Map<String, Object> line = newLine(in, customer);
        line.put("sop_order_id", id);
        line.put("line_number", lines(order).size() + 1);
        lines(order).add(line);
        allocate(line, (BigDecimal) line.remove("_to_allocate"), now);
        continue;
      }
      Map<String, Object> line = null;
      for (Map<String, Object> l : lines(order)) {
        if (lineId.equals(l.get("id"))) {
          line = l;
        }
      }
      if (line == null) {
        throw new BadRequest("The line id " + lineId + " does not belong to sales order " + order.get("document_no") + ".");
      }
      if (Boolean.TRUE.equals(in.get("is_to_delete"))) {
        if (((BigDecimal) line.get("despatch_receipt_quantity")).signum() > 0) {
          throw new BadRequest("The line " + lineId + " has been despatched and cannot be deleted.");
        }
        deallocate(line, now);
        lines(order).remove(line);
      } else if (in.containsKey("line_quantity")) {
        BigDecimal qty = decimal(in.get("line_quantity"), "line_quantity");
        if (qty.compareTo((BigDecimal) line.get("despatch_receipt_quantity")) < 0 || qty.signum() <= 0) {
          throw new BadRequest("The line_quantity " + qty + " is below the quantity already despatched.");
        }
        deallocate(line, now);
        line.put("line_quantity", qty);
        allocate(line, qty.subtract((BigDecimal) line.get("despatch_receipt_quantity")), now);
      }
      if (in.containsKey("selling_unit_price")) {
        line.put("selling_unit_price", decimal(in.get("selling_unit_price"), "selling_unit_price"));
      }
    }
    if (held != null && Boolean.FALSE.equals(body.get("is_editing"))) {
      order.put("lock_id", null);
    }
    recalculate(order, now);
    return order;
  }

  private void deleteOrder(long id) {
    Map<String, Object> order = requireOrder(id);
    checkRecordLock(order);
    for (Map<String, Object> line : lines(order)) {
      if (((BigDecimal) line.get("despatch_receipt_quantity")).signum() > 0) {
        throw new BadRequest("The sales order " + order.get("document_no") + " has despatched lines and cannot be deleted.");
      }
    }
    Instant now = clock.instant();
    for (Map<String, Object> line : lines(order)) {
      deallocate(line, now);
    }
    orders.remove(id);
    orderByDocumentNo.remove((String) order.get("document_no"));
  }

  // ------------------------------------------------------------------ despatch

  /**
   * {@code GET /sop_confirm_despatch}: one {@code sop_confirm_despatch_adjustment} per order with
   * lines to despatch, the lines in {@code items}. The filter names Sage documents for it
   * (confirmation_intent_type, trader_id, warehouse_id, document_no, document_date) select lines.
   */
  private List<Map<String, Object>> despatchableOrders(ODataQuery query) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> o : orders.values()) {
      Map<String, Object> customer = customers.get((Long) o.get("customer_id"));
      List<Object> items = new ArrayList<>();
      for (Map<String, Object> line : lines(o)) {
        if (line.get("product_id") == null || Boolean.TRUE.equals(line.get("is_complete"))) {
          continue;
        }
        Map<String, Object> filterable = row("confirmation_intent_type", "ConfirmOnDespatch",
            "trader_id", o.get("customer_id"), "warehouse_id", line.get("warehouse_id"),
            "document_no", o.get("document_no"), "document_date", o.get("document_date"));
        if (!query.matches(filterable)) {
          continue;
        }
        BigDecimal qty = (BigDecimal) line.get("line_quantity");
        BigDecimal despatched = (BigDecimal) line.get("despatch_receipt_quantity");
        items.add(row("id", line.get("id"), "sop_order_return_id", o.get("id"), "document_no", o.get("document_no"),
            "customer_id", customer.get("id"), "customer_reference", customer.get("reference"),
            "customer_name", customer.get("name"), "product_id", line.get("product_id"),
            "item_code", line.get("code"), "item_name", line.get("description"),
            "warehouse_name", warehouseName(line), "line_quantity", qty,
            "despatch_receipt_quantity", despatched, "outstanding_quantity", qty.subtract(despatched),
            "available_quantity", line.get("allocated_quantity"), "document_date", o.get("document_date"),
            "requested_delivery_date", o.get("requested_delivery_date"),
            "promised_delivery_date", o.get("promised_delivery_date")));
      }
      if (!items.isEmpty()) {
        out.add(row("sop_order_return_id", o.get("id"), "confirmation_intent_type", "ConfirmOnDespatch", "items", items));
      }
    }
    return out;
  }

  /** Posts a despatch of the body's items; returns the despatch's id. */
  private long confirmDespatch(Map<String, Object> body) {
    long orderId = requiredLong(body, "sop_order_return_id");
    Map<String, Object> order = orders.get(orderId);
    if (order == null) {
      throw new BadRequest("The sop_order_return_id " + orderId + " is not a valid sales order.");
    }
    checkRecordLock(order);
    List<Map<String, Object>> items = objects(required(body, "items"), "items");
    if (items.isEmpty()) {
      throw new BadRequest("The items field must contain at least one line to despatch.");
    }
    Map<Long, Map<String, Object>> byId = new HashMap<>();
    for (Map<String, Object> l : lines(order)) {
      byId.put((Long) l.get("id"), l);
    }
    Map<Long, BigDecimal> wanted = new LinkedHashMap<>();
    for (Map<String, Object> item : items) {
      long lineId = requiredLong(item, "id");
      BigDecimal qty = requiredDecimal(item, "quantity");
      Map<String, Object> line = byId.get(lineId);
      if (line == null || line.get("product_id") == null) {
        throw new BadRequest("The line id " + lineId + " is not a stock line of sales order " + order.get("document_no") + ".");
      }
      BigDecimal total = wanted.getOrDefault(lineId, BigDecimal.ZERO).add(qty);
      if (qty.signum() <= 0 || total.compareTo((BigDecimal) line.get("allocated_quantity")) > 0) {
        throw new BadRequest("The quantity " + qty + " for line " + lineId + " (" + line.get("code")
            + ") is greater than the quantity allocated available for despatch (" + line.get("allocated_quantity") + ").");
      }
      wanted.put(lineId, total);
    }
    Instant now = clock.instant();
    List<Object> despatchedLines = new ArrayList<>();
    for (Map.Entry<Long, BigDecimal> w : wanted.entrySet()) {
      Map<String, Object> line = byId.get(w.getKey());
      BigDecimal q = w.getValue();
      Map<String, Object> h = holding((Long) line.get("product_id"), (Long) line.get("warehouse_id"));
      h.put("quantity_in_stock", ((BigDecimal) h.get("quantity_in_stock")).subtract(q));
      h.put("quantity_allocated_sop", ((BigDecimal) h.get("quantity_allocated_sop")).subtract(q));
      refreshHolding(h, now);
      line.put("allocated_quantity", ((BigDecimal) line.get("allocated_quantity")).subtract(q));
      line.put("despatch_receipt_quantity", ((BigDecimal) line.get("despatch_receipt_quantity")).add(q));
      despatchedLines.add(row("sop_order_line_id", line.get("id"), "item_code", line.get("code"),
          "item_description", line.get("description"), "product_id", line.get("product_id"),
          "warehouse_id", line.get("warehouse_id"), "warehouse_name", warehouseName(line), "quantity", q));
    }
    recalculate(order, now);
    Map<String, Object> tracking = objects(body.get("tracking_items"), "tracking_items").stream().findFirst().orElse(Map.of());
    Long courierId = optionalLong(tracking, "courier_id");
    Object courierName = courierId == null || !couriers.containsKey(courierId) ? null : couriers.get(courierId).get("name");
    Map<String, Object> customer = customers.get((Long) order.get("customer_id"));
    String despatchNo = String.format("DN%08d", nextDespatchNo++);
    Map<String, Object> despatch = row("sop_despatch_id", null, "sop_despatch_document_no", despatchNo,
        "sop_despatch_date", dateOr(body.get("despatch_receipt_date"), now), "sop_despatch_courier_id", courierId,
        "sop_despatch_courier_name", courierName, "sop_despatch_consignment_no", tracking.get("consignment_no"),
        "sop_despatch_pieces", tracking.get("pieces"), "sop_despatch_weight", tracking.get("weight"),
        "sop_despatch_notes", tracking.get("notes"), "sop_despatch_user_name", "api",
        "sop_order_id", order.get("id"), "sop_order_document_no", order.get("document_no"),
        "sop_order_customer_document_no", order.get("customer_document_no"),
        "customer_id", customer.get("id"), "customer_reference", customer.get("reference"),
        "sop_order_document_date", order.get("document_date"),
        "customer_name", customer.get("name"), "lines", despatchedLines, "date_time_updated", now);
    long id = add(despatches, despatch);
    despatches.get(id).put("sop_despatch_id", id);
    return id;
  }

  /** A despatch as {@code sop_order_despatch_views} shows it (the view's fields only). */
  private static Map<String, Object> despatchView(Map<String, Object> d) {
    Map<String, Object> view = new LinkedHashMap<>(d);
    view.remove("id");
    view.remove("lines");
    view.remove("date_time_updated");
    return view;
  }

  /** One row per line of every despatch, as {@code sop_order_despatch_line_views} lists them. */
  private List<Map<String, Object>> despatchLines() {
    List<Map<String, Object>> out = new ArrayList<>();
    long rowId = 1;
    for (Map<String, Object> d : despatches.values()) {
      for (Object line : (List<?>) d.get("lines")) {
        Map<?, ?> l = (Map<?, ?>) line;
        Map<String, Object> view = despatchView(d);
        view.remove("sop_despatch_courier_id"); // the line view names the courier only
        view.put("sop_despatch_line_id", rowId++);
        view.put("sop_despatch_line_quantity", l.get("quantity"));
        view.put("sop_order_line_id", l.get("sop_order_line_id"));
        view.put("sop_order_line_item_code", l.get("item_code"));
        view.put("sop_order_line_item_description", l.get("item_description"));
        view.put("product_id", l.get("product_id"));
        view.put("product_code", l.get("item_code"));
        view.put("warehouse_id", l.get("warehouse_id"));
        view.put("warehouse_name", l.get("warehouse_name"));
        out.add(view);
      }
    }
    return out;
  }

  private List<Map<String, Object>> despatchReceipts() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> d : despatches.values()) {
      out.add(despatchReceipt(d));
    }
    return out;
  }

  private static Map<String, Object> despatchReceipt(Map<String, Object> d) {
    return row("id", d.get("id"), "despatch_no", d.get("sop_despatch_document_no"), "despatch_date", d.get("sop_despatch_date"),
        "despatched_by", d.get("sop_despatch_user_name"),
        "courier_id", d.get("sop_despatch_courier_id"), "consignment_no", d.get("sop_despatch_consignment_no"),
        "weight", d.get("sop_despatch_weight"), "pieces", d.get("sop_despatch_pieces"), "notes", d.get("sop_despatch_notes"),
        "date_time_updated", d.get("date_time_updated"));
  }

  private Map<String, Object> updateDespatchReceipt(long id, Map<String, Object> body) {
    Map<String, Object> d = despatches.get(requireRow(despatches, id, "despatch receipt"));
    if (body.containsKey("courier_id")) {
      Long courierId = optionalLong(body, "courier_id");
      if (courierId != null && !couriers.containsKey(courierId)) {
        throw new BadRequest("The courier_id " + courierId + " is not a valid courier.");
      }
      d.put("sop_despatch_courier_id", courierId);
      d.put("sop_despatch_courier_name", courierId == null ? null : couriers.get(courierId).get("name"));
    }
    for (String[] f : new String[][] {{"consignment_no", "sop_despatch_consignment_no"}, {"weight", "sop_despatch_weight"},
        {"pieces", "sop_despatch_pieces"}, {"notes", "sop_despatch_notes"}}) {
      if (body.containsKey(f[0])) {
        d.put(f[1], body.get(f[0]));
      }
    }
    d.put("date_time_updated", clock.instant());
    return despatchReceipt(d);
  }

  // ------------------------------------------------------------------ postings

  private static List<Map<String, Object>> requireLines(Map<String, Object> body, String document) {
    List<Map<String, Object>> lines = objects(body.get("lines"), "lines");
    if (lines.isEmpty()) {
      throw new BadRequest("A " + document + " must have at least one line.");
    }
    return lines;
  }

  private Map<String, Object> requireCustomer(Map<String, Object> body) {
    long customerId = requiredLong(body, "customer_id");
    Map<String, Object> c = customers.get(customerId);
    if (c == null) {
      throw new BadRequest("The customer_id " + customerId + " is not a valid customer.");
    }
    return c;
  }

  private Map<String, Object> requireBank(Map<String, Object> body, String field) {
    long bankId = requiredLong(body, field);
    Map<String, Object> b = banks.get(bankId);
    if (b == null) {
      throw new BadRequest("The " + field + " " + bankId + " is not a valid bank account.");
    }
    return b;
  }

  private long postSalesDocument(Map<String, Object> body, String type) {
    Map<String, Object> customer = requireCustomer(body);
    BigDecimal goods = optionalDecimal(body, "document_goods_value", BigDecimal.ZERO);
    BigDecimal tax = optionalDecimal(body, "document_tax_value", BigDecimal.ZERO);
    List<Map<String, Object>> taxItems = objects(body.get("tax_analysis_items"), "tax_analysis_items");
    if (!taxItems.isEmpty()) {
      BigDecimal g = BigDecimal.ZERO;
      BigDecimal t = BigDecimal.ZERO;
      for (Map<String, Object> item : taxItems) {
        if (item.get("id") == null) {
          // target-sage-200 saw exactly this exception name for a tax analysis item without id.
          throw new BadRequest("SageNullFieldException: tax_analysis_items.id must be set.");
        }
        long taxId = requiredLong(item, "id");
        if (!taxCodes.containsKey(taxId)) {
          throw new BadRequest("The tax code id " + taxId + " is not valid.");
        }
        g = g.add(optionalDecimal(item, "goods_amount", BigDecimal.ZERO));
        t = t.add(optionalDecimal(item, "tax_amount", BigDecimal.ZERO));
      }
      if (g.compareTo(goods) != 0 || t.compareTo(tax) != 0) {
        throw new BadRequest("The tax analysis totals (goods " + g + ", tax " + t
            + ") do not match the document values (goods " + goods + ", tax " + tax + ").");
      }
    }
    List<Map<String, Object>> nominal = objects(body.get("nominal_analysis_items"), "nominal_analysis_items");
    if (!nominal.isEmpty()) {
      BigDecimal n = BigDecimal.ZERO;
      for (Map<String, Object> item : nominal) {
        requireNominal(item);
        n = n.add(optionalDecimal(item, "value", BigDecimal.ZERO));
      }
      if (n.compareTo(goods) != 0) {
        throw new BadRequest("The nominal analysis total " + n + " does not match the goods value " + goods + ".");
      }
    }
    BigDecimal gross = goods.add(tax);
    if (gross.signum() <= 0) {
      throw new BadRequest("The document value must be greater than zero.");
    }
    BigDecimal sign = type.endsWith("Invoice") ? BigDecimal.ONE : BigDecimal.ONE.negate();
    customer.put("balance", ((BigDecimal) customer.get("balance")).add(gross.multiply(sign)));
    customer.put("date_time_updated", clock.instant());
    return salesTransaction(customer, type, body, gross, null);
  }

  private void requireNominal(Map<String, Object> item) {
    Object code = required(item, "code");
    for (Map<String, Object> n : nominalCodes.values()) {
      if (n.get("reference").equals(code.toString())) {
        return;
      }
    }
    throw new BadRequest("The nominal code " + code + " does not exist.");
  }

  private long salesTransaction(Map<String, Object> customer, String type, Map<String, Object> body, BigDecimal gross,
      Long bankId) {
    long urn = nextUrn++;
    Instant now = clock.instant();
    add(salesTransactions, row("customer_id", customer.get("id"),
        "trader_transaction_type", type, "reference", optionalString(body, "reference", 20),
        "second_reference", optionalString(body, "second_reference", 20),
        "transaction_date", dateOr(body.get("transaction_date"), now), "posted_date", now,
        "document_gross_value", gross, "document_allocated_value", BigDecimal.ZERO.setScale(2),
        "document_outstanding_value", gross, "exchange_rate", optionalDecimal(body, "exchange_rate", BigDecimal.ONE),
        "urn", urn, "user_name", "api", "queried", false, "date_time_updated", now));
    return urn;
  }

  /** A receipt from a customer, or ({@code payment}) money paid back to one: a refund. */
  private long postSalesReceipt(Map<String, Object> body, boolean payment) {
    Map<String, Object> customer = requireCustomer(body);
    Map<String, Object> bank = requireBank(body, "bank_id");
    BigDecimal value = requiredDecimal(body, "cheque_value");
    if (value.signum() <= 0) {
      throw new BadRequest("The cheque_value must be greater than zero.");
    }
    // customer_cheque_value: what the customer account (in its own currency) moves by, when the bank's currency differs.
    BigDecimal customerValue = optionalDecimal(body, "customer_cheque_value", value);
    if (customerValue.signum() <= 0) {
      throw new BadRequest("The customer_cheque_value must be greater than zero.");
    }
    customer.put("balance", ((BigDecimal) customer.get("balance")).add(payment ? customerValue : customerValue.negate()));
    long urn = salesTransaction(customer, payment ? "TradingAccountEntryTypeSalesPayment"
        : "TradingAccountEntryTypePurchasePaymentSalesReceipt", body, customerValue, (Long) bank.get("id"));
    bankTransaction(bank, payment ? "BankAccountEntryTypeSalesPayment" : "BankAccountEntryTypeSalesReceipt", body,
        payment ? value.negate() : value, urn);
    return urn;
  }

  private void bankTransaction(Map<String, Object> bank, String type, Map<String, Object> body, BigDecimal signedValue, long urn) {
    Instant now = clock.instant();
    bank.put("balance", ((BigDecimal) bank.get("balance")).add(signedValue));
    bank.put("date_time_updated", now);
    add(bankTransactions, row("bank_id", bank.get("id"), "bank_transaction_type", type,
        "reference", optionalString(body, "reference", 20), "second_reference", optionalString(body, "second_reference", 20),
        "transaction_date", dateOr(body.get("transaction_date"), now),
        "posted_date", now, "cheque_value", signedValue, "urn", urn, "user_name", "api", "source", "api",
        "date_time_updated", now));
  }

  private long postBankEntry(Map<String, Object> body, boolean receipt) {
    Map<String, Object> bank = requireBank(body, "bank_id");
    List<Map<String, Object>> items = objects(body.get("nominal_analysis_items"), "nominal_analysis_items");
    if (items.isEmpty()) {
      items = objects(body.get("nominal_journal_items"), "nominal_journal_items");
    }
    if (items.isEmpty()) {
      throw new BadRequest("The nominal_analysis_items field must contain at least one item.");
    }
    BigDecimal total = BigDecimal.ZERO;
    for (Map<String, Object> item : items) {
      requireNominal(item);
      BigDecimal gross = optionalDecimal(item, "gross_value", null);
      if (gross == null) {
        gross = optionalDecimal(item, "goods_value", BigDecimal.ZERO).add(optionalDecimal(item, "tax_value", BigDecimal.ZERO));
      }
      total = total.add(gross);
    }
    if (total.signum() <= 0) {
      throw new BadRequest("The total of the nominal analysis items must be greater than zero.");
    }
    long urn = nextUrn++;
    bankTransaction(bank, receipt ? "BankAccountEntryTypeReceipt" : "BankAccountEntryTypePayment", body,
        receipt ? total : total.negate(), urn);
    return urn;
  }

  private long postBankTransfer(Map<String, Object> body) {
    Map<String, Object> from = requireBank(body, "bank_from_id");
    Map<String, Object> to = requireBank(body, "bank_to_id");
    if (from == to) {
      throw new BadRequest("The bank_from_id and bank_to_id must be different bank accounts.");
    }
    BigDecimal value = requiredDecimal(body, "payment_value");
    if (value.signum() <= 0) {
      throw new BadRequest("The payment_value must be greater than zero.");
    }
    long urn = nextUrn++;
    bankTransaction(from, "BankAccountEntryTypeTransferPayment", body, value.negate(), urn);
    bankTransaction(to, "BankAccountEntryTypeTransferReceipt", body, value, urn);
    return urn;
  }

  private Map<String, Object> allocate(Map<String, Object> body) {
    Map<String, Object> customer = requireCustomer(body);
    List<Map<String, Object>> lines = objects(required(body, "allocation_lines"), "allocation_lines");
    if (lines.size() < 2) {
      throw new BadRequest("An allocation needs at least two allocation_lines (e.g. a receipt and an invoice).");
    }
    List<Object[]> planned = new ArrayList<>();
    for (Map<String, Object> line : lines) {
      long tranId = requiredLong(line, "posted_tran_id");
      Map<String, Object> t = salesTransactions.get(tranId);
      if (t == null || !t.get("customer_id").equals(customer.get("id"))) {
        throw new BadRequest("The posted_tran_id " + tranId + " is not a transaction of customer " + customer.get("reference") + ".");
      }
      // Sign convention undocumented: the magnitude is what gets allocated.
      BigDecimal value = requiredDecimal(line, "value_to_allocate").abs();
      if (value.compareTo((BigDecimal) t.get("document_outstanding_value")) > 0) {
        throw new BadRequest("The value_to_allocate " + value + " exceeds the outstanding value "
            + t.get("document_outstanding_value") + " of transaction " + tranId + ".");
      }
      planned.add(new Object[] {t, value});
    }
    Instant now = clock.instant();
    for (Object[] p : planned) {
      @SuppressWarnings("unchecked")
      Map<String, Object> t = (Map<String, Object>) p[0];
      BigDecimal v = (BigDecimal) p[1];
      t.put("document_allocated_value", ((BigDecimal) t.get("document_allocated_value")).add(v));
      t.put("document_outstanding_value", ((BigDecimal) t.get("document_outstanding_value")).subtract(v));
      t.put("date_time_updated", now);
    }
    return row("customer_id", customer.get("id"), "allocation_date", dateOr(body.get("allocation_date"), now),
        "allocation_lines", lines);
  }

  // ------------------------------------------------------------------ simulation & inspection (Java API)

  private Map<String, Object> holdingFor(String sku, String warehouse) {
    Long pid = productByCode.get(sku);
    if (pid == null) {
      throw new IllegalArgumentException("unknown SKU " + sku);
    }
    Long wid = warehouseByName.get(warehouse);
    if (wid == null) {
      throw new IllegalArgumentException("unknown warehouse " + warehouse + "; known: " + warehouseByName.keySet());
    }
    return holding(pid, wid);
  }

  public SageHolding holdingSnapshot(String sku, String warehouse) {
    synchronized (lock) {
      Map<String, Object> h = holdingFor(sku, warehouse);
      return new SageHolding((Long) h.get("id"), sku, warehouse, (BigDecimal) h.get("quantity_in_stock"),
          (BigDecimal) h.get("quantity_allocated"), (BigDecimal) h.get("free_stock_available"),
          (Instant) h.get("date_time_updated"));
    }
  }

  /** Moves physical stock by {@code delta} (goods received, stock count adjustments). */
  public SageHolding adjustStock(String sku, String warehouse, BigDecimal delta) {
    synchronized (lock) {
      Map<String, Object> h = holdingFor(sku, warehouse);
      BigDecimal after = ((BigDecimal) h.get("quantity_in_stock")).add(delta);
      if (after.signum() < 0) {
        throw new IllegalArgumentException("stock of " + sku + " in " + warehouse + " would become negative (" + after + ")");
      }
      h.put("quantity_in_stock", after);
      refreshHolding(h, clock.instant());
    }
    return holdingSnapshot(sku, warehouse);
  }

  public SageSalesOrder createOrderFor(String customerReference, String customerDocumentNo, Map<String, BigDecimal> skuQuantities,
      String warehouse) {
    synchronized (lock) {
      Long customerId = customerByReference.get(customerReference.toUpperCase());
      if (customerId == null) {
        throw new IllegalArgumentException("unknown customer reference " + customerReference);
      }
      Long wid = warehouseByName.get(warehouse);
      if (wid == null) {
        throw new IllegalArgumentException("unknown warehouse " + warehouse);
      }
      List<Object> lines = new ArrayList<>();
      for (Map.Entry<String, BigDecimal> e : skuQuantities.entrySet()) {
        Long pid = productByCode.get(e.getKey());
        if (pid == null) {
          throw new IllegalArgumentException("unknown SKU " + e.getKey());
        }
        lines.add(row("line_type", "EnumLineTypeStandard", "product_id", pid, "warehouse_id", wid,
            "line_quantity", e.getValue(), "selling_unit_price", BigDecimal.ZERO));
      }
      Map<String, Object> order = createOrder(row("customer_id", customerId, "customer_document_no", customerDocumentNo,
          "lines", lines));
      return orderSnapshot(order);
    }
  }

  /** Deletes order {@code documentNo} as a desktop user would (nothing despatched yet): its allocations go back to free stock. */
  public void deleteOrderByDocumentNo(String documentNo) {
    synchronized (lock) {
      Long id = orderByDocumentNo.get(documentNo);
      if (id == null) {
        throw new IllegalArgumentException("unknown sales order " + documentNo);
      }
      deleteOrder(id);
    }
  }

  /**
   * The SOP invoice run: every order despatched in full and not invoiced yet gets its sales-ledger
   * invoice for the order's gross, referenced {@code INV<document no>} with the customer order
   * number as second reference. Returns how many invoices were posted.
   */
  public int invoiceDespatchedOrders() {
    synchronized (lock) {
      int invoiced = 0;
      for (Map<String, Object> order : orders.values()) {
        boolean despatched = "EnumDocumentStatusComplete".equals(order.get("despatch_receipt_status"));
        if (!despatched || invoicedOrders.contains((Long) order.get("id"))) {
          continue;
        }
        Map<String, Object> customer = customers.get((Long) order.get("customer_id"));
        BigDecimal gross = (BigDecimal) order.get("total_gross_value");
        customer.put("balance", ((BigDecimal) customer.get("balance")).add(gross));
        salesTransaction(customer, "TradingAccountEntryTypeInvoice", row("reference", "INV" + order.get("document_no"),
            "second_reference", order.get("customer_document_no"), "exchange_rate", order.get("exchange_rate")), gross, null);
        invoicedOrders.add((Long) order.get("id"));
        invoiced++;
      }
      return invoiced;
    }
  }

  /** Despatches everything allocated and not yet despatched on the order. */
  public SageDespatch despatchAllocated(String documentNo, String consignmentNo) {
    synchronized (lock) {
      Long id = orderByDocumentNo.get(documentNo);
      if (id == null) {
        throw new IllegalArgumentException("unknown sales order " + documentNo);
      }
      List<Object> items = new ArrayList<>();
      for (Map<String, Object> line : lines(orders.get(id))) {
        BigDecimal allocated = (BigDecimal) line.get("allocated_quantity");
        if (line.get("product_id") != null && allocated.signum() > 0) {
          items.add(row("id", line.get("id"), "quantity", allocated));
        }
      }
      if (items.isEmpty()) {
        throw new IllegalStateException("sales order " + documentNo + " has nothing allocated to despatch");
      }
      long despatchId = confirmDespatch(row("sop_order_return_id", id, "items", items,
          "tracking_items", List.of(row("courier_id", couriers.keySet().iterator().next(), "consignment_no", consignmentNo, "pieces", 1))));
      return despatchSnapshot(despatches.get(despatchId));
    }
  }

  /** Changes the price of {@code sku} in the band named {@code band}, as a price-book edit in Sage would. */
  /** Edits one field of a product record and stamps it as updated now, as an edit in Sage would. */
  public void editProduct(String sku, String field, Object value) {
    synchronized (lock) {
      Long pid = productByCode.get(sku);
      if (pid == null) {
        throw new IllegalArgumentException("unknown product " + sku);
      }
      Map<String, Object> row = products.get(pid);
      row.put(field, value);
      row.put("date_time_updated", clock.instant());
    }
  }

  /** Deletes the product record {@code sku} and its price-book rows, as a person would in Sage 200. */
  public void deleteProduct(String sku) {
    synchronized (lock) {
      Long pid = productByCode.remove(sku);
      if (pid == null) {
        throw new IllegalArgumentException("unknown product " + sku);
      }
      products.remove(pid);
      productPrices.values().removeIf(row -> pid.equals(row.get("product_id")));
      holdings.values().removeIf(row -> pid.equals(row.get("product_id")));
    }
  }

  /** Deletes the price-book row of {@code sku} in {@code band}; nothing else is stamped as changed. */
  public void removePrice(String sku, String band) {
    synchronized (lock) {
      Long pid = productByCode.get(sku);
      if (pid == null) {
        throw new IllegalArgumentException("unknown product " + sku);
      }
      if (!productPrices.values().removeIf(row -> pid.equals(row.get("product_id")) && band.equals(row.get("price_band_name")))) {
        throw new IllegalArgumentException("product " + sku + " has no price in band " + band);
      }
    }
  }

  public BigDecimal changePrice(String sku, String band, BigDecimal price) {
    synchronized (lock) {
      Long pid = productByCode.get(sku);
      if (pid == null) {
        throw new IllegalArgumentException("unknown product " + sku);
      }
      for (Map<String, Object> row : productPrices.values()) {
        if (pid.equals(row.get("product_id")) && band.equals(row.get("price_band_name"))) {
          BigDecimal before = (BigDecimal) row.get("product_price_price");
          row.put("product_price_price", price);
          row.put("date_time_updated", clock.instant());
          return before;
        }
      }
      throw new IllegalArgumentException("product " + sku + " has no price in band " + band);
    }
  }

  public void lockRecord(String documentNo, int attempts) {
    synchronized (lock) {
      if (!orderByDocumentNo.containsKey(documentNo)) {
        throw new IllegalArgumentException("unknown sales order " + documentNo);
      }
      recordLocks.put(documentNo, attempts);
    }
  }

  public void releaseRecord(String documentNo) {
    synchronized (lock) {
      recordLocks.remove(documentNo);
    }
  }

  public List<SageSalesOrder> orderSnapshots() {
    synchronized (lock) {
      List<SageSalesOrder> out = new ArrayList<>();
      for (Map<String, Object> o : orders.values()) {
        out.add(orderSnapshot(o));
      }
      return out;
    }
  }

  private SageSalesOrder orderSnapshot(Map<String, Object> o) {
    List<SageSalesOrder.Line> lines = new ArrayList<>();
    for (Map<String, Object> l : lines(o)) {
      lines.add(new SageSalesOrder.Line((Long) l.get("id"), (String) l.get("line_type"),
          l.get("product_id") == null ? null : (String) l.get("code"), warehouseName(l),
          (BigDecimal) l.get("line_quantity"), (BigDecimal) l.get("allocated_quantity"),
          (BigDecimal) l.get("despatch_receipt_quantity"), (BigDecimal) l.get("selling_unit_price"),
          (BigDecimal) l.get("line_total_value")));
    }
    Map<String, Object> c = customers.get((Long) o.get("customer_id"));
    return new SageSalesOrder((Long) o.get("id"), (String) o.get("document_no"), (String) o.get("customer_document_no"),
        (String) c.get("reference"), (String) o.get("document_status"), (String) o.get("despatch_receipt_status"), lines,
        (BigDecimal) o.get("total_net_value"), (BigDecimal) o.get("total_tax_value"), (BigDecimal) o.get("total_gross_value"),
        (Instant) o.get("date_time_created"), (Instant) o.get("date_time_updated"));
  }

  public List<SageSalesReturn> returnSnapshots() {
    synchronized (lock) {
      List<SageSalesReturn> out = new ArrayList<>();
      for (Map<String, Object> r : salesReturns.values()) {
        List<SageSalesReturn.Line> lines = new ArrayList<>();
        for (Map<String, Object> l : lines(r)) {
          Long taxCode = (Long) l.get("tax_code_id");
          lines.add(new SageSalesReturn.Line((String) l.get("line_type"),
              l.get("product_id") == null ? null : (String) l.get("code"), warehouseName(l),
              (String) l.get("description"), (BigDecimal) l.get("line_quantity"), (BigDecimal) l.get("selling_unit_price"),
              taxCode == null ? null : ((Number) taxCodes.get(taxCode).get("code")).intValue(),
              (BigDecimal) l.get("line_total_value"), (BigDecimal) l.get("line_tax_value"),
              (String) l.get("nominal_reference")));
        }
        Map<String, String> other = new TreeMap<>();
        r.forEach((k, v) -> {
          if (v instanceof String && !k.equals("document_no") && !k.equals("customer_document_no")
              && !k.equals("document_status")) {
            other.put(k, (String) v);
          }
        });
        Map<String, Object> c = customers.get((Long) r.get("customer_id"));
        out.add(new SageSalesReturn((Long) r.get("id"), (String) r.get("document_no"), (String) c.get("reference"),
            (String) r.get("customer_document_no"), other, lines, (BigDecimal) r.get("total_net_value"),
            (BigDecimal) r.get("total_tax_value"), (BigDecimal) r.get("total_gross_value"),
            (Instant) r.get("date_time_created")));
      }
      return out;
    }
  }

  public List<SageDespatch> despatchSnapshots() {
    synchronized (lock) {
      List<SageDespatch> out = new ArrayList<>();
      for (Map<String, Object> d : despatches.values()) {
        out.add(despatchSnapshot(d));
      }
      return out;
    }
  }

  private static SageDespatch despatchSnapshot(Map<String, Object> d) {
    Map<String, BigDecimal> q = new LinkedHashMap<>();
    for (Map<String, Object> line : lines(d)) {
      q.merge((String) line.get("item_code"), (BigDecimal) line.get("quantity"), BigDecimal::add);
    }
    return new SageDespatch((Long) d.get("id"), (String) d.get("sop_despatch_document_no"), (Long) d.get("sop_order_id"),
        (String) d.get("sop_order_document_no"), (String) d.get("sop_order_customer_document_no"),
        (Instant) d.get("sop_despatch_date"), (String) d.get("sop_despatch_consignment_no"), q);
  }

  public List<SagePostedTransaction> postedTransactionSnapshots() {
    synchronized (lock) {
      List<SagePostedTransaction> out = new ArrayList<>();
      for (Map<String, Object> t : salesTransactions.values()) {
        out.add(new SagePostedTransaction((Long) t.get("id"), (Long) t.get("urn"), "sales",
            (String) t.get("trader_transaction_type"), (String) customers.get((Long) t.get("customer_id")).get("reference"),
            (String) t.get("reference"),
            (String) t.get("second_reference"), (BigDecimal) t.get("document_gross_value"),
            (BigDecimal) t.get("document_outstanding_value"), (Instant) t.get("transaction_date")));
      }
      for (Map<String, Object> t : bankTransactions.values()) {
        out.add(new SagePostedTransaction((Long) t.get("id"), (Long) t.get("urn"), "bank",
            (String) t.get("bank_transaction_type"), (String) banks.get((Long) t.get("bank_id")).get("code"),
            (String) t.get("reference"),
            (String) t.get("second_reference"), (BigDecimal) t.get("cheque_value"), BigDecimal.ZERO,
            (Instant) t.get("transaction_date")));
      }
      return out;
    }
  }

  public BigDecimal bankBalance(String code) {
    synchronized (lock) {
      Long id = bankByCode.get(code);
      if (id == null) {
        throw new IllegalArgumentException("unknown bank account " + code + "; known: " + bankByCode.keySet());
      }
      return (BigDecimal) banks.get(id).get("balance");
    }
  }

  public Map<String, Long> ids(String kind) {
    synchronized (lock) {
      switch (kind) {
        case "warehouse":
          return Map.copyOf(warehouseByName);
        case "customer":
          return Map.copyOf(customerByReference);
        case "bank":
          return Map.copyOf(bankByCode);
        case "product":
          return Map.copyOf(productByCode);
        case "courier": {
          Map<String, Long> byCode = new HashMap<>();
          couriers.forEach((id, c) -> byCode.put((String) c.get("code"), id));
          return byCode;
        }
        default:
          throw new IllegalArgumentException(kind);
      }
    }
  }
}
