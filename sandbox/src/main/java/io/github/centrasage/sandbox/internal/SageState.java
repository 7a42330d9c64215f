package io.github.centrasage.sandbox.internal;

import static io.github.centrasage.sandbox.internal.Rows.required;
import static io.github.centrasage.sandbox.internal.Rows.requiredLong;
import static io.github.centrasage.sandbox.internal.Rows.row;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Sage sandbox's state: its tables (snake_case rows keyed by id, in TreeMaps so a whole-table
 * read comes in id order), the indexes the Java hooks look records up by, the id and number
 * counters, and the switches tests set (record locks, a lagging e-mail search). All of it lives
 * here so the route classes hold none; one monitor ({@link #lock}) guards it, and every method
 * below runs under that monitor (the emulator takes it per request and per Java hook), so each
 * request is atomic, as a Sage transaction would be.
 */
final class SageState {
  static final String LIVE = "EnumDocumentStatusLive";

  final Object lock = new Object();
  final Clock clock;
  final String siteId;
  final long companyId;
  /** The SOP setting "allocate stock on order entry"; without it lines allocate only what to_allocate_quantity asks. */
  final boolean allocateOnOrderEntry;
  /** Whether the site has the 2025 R1 {@code sop_returns} endpoints; older Professional sites answer 404. */
  final boolean sopReturns;

  private long nextId = 1000;
  long nextUrn = 50_000;
  long nextDocumentNo = 1;
  long nextDespatchNo = 1;
  long nextReturnNo = 1;

  final Map<Long, Map<String, Object>> customers = new TreeMap<>();
  final Map<Long, Map<String, Object>> products = new TreeMap<>();
  final Map<Long, Map<String, Object>> warehouses = new TreeMap<>();
  final Map<Long, Map<String, Object>> holdings = new TreeMap<>();
  final Map<Long, Map<String, Object>> orders = new TreeMap<>();
  final Map<Long, Map<String, Object>> despatches = new TreeMap<>();
  final Map<Long, Map<String, Object>> salesReturns = new TreeMap<>();
  final Map<Long, Map<String, Object>> taxCodes = new TreeMap<>();
  final Map<Long, Map<String, Object>> currencies = new TreeMap<>();
  final Map<Long, Map<String, Object>> banks = new TreeMap<>();
  final Map<Long, Map<String, Object>> nominalCodes = new TreeMap<>();
  final Map<Long, Map<String, Object>> priceBands = new TreeMap<>();
  final Map<Long, Map<String, Object>> productPrices = new TreeMap<>();
  final Map<Long, Map<String, Object>> couriers = new TreeMap<>();
  final Map<Long, Map<String, Object>> salesTransactions = new TreeMap<>();
  final Map<Long, Map<String, Object>> bankTransactions = new TreeMap<>();

  final Map<String, Long> productByCode = new HashMap<>();
  final Map<String, Long> warehouseByName = new HashMap<>();
  final Map<String, Long> customerByReference = new HashMap<>();
  final Map<String, Long> orderByDocumentNo = new HashMap<>();
  final Map<String, Long> bankByCode = new HashMap<>();
  private final Map<String, Long> holdingByProductWarehouse = new HashMap<>();

  /** Orders the SOP invoice run has invoiced (kept apart from the order rows, which are Sage's fields only). */
  final Set<Long> invoicedOrders = new HashSet<>();
  /** Injected record locks: document no → attempts left (-1: until released). */
  final Map<String, Integer> recordLocks = new HashMap<>();
  /** While set, accounts created from now on are left out of the e-mail searches (see {@link #unindexedCustomers}). */
  boolean emailSearchLags;
  final Set<Object> unindexedCustomers = new HashSet<>();

  SageState(Clock clock, String siteId, long companyId, boolean allocateOnOrderEntry, boolean sopReturns) {
    this.clock = clock;
    this.siteId = siteId;
    this.companyId = companyId;
    this.allocateOnOrderEntry = allocateOnOrderEntry;
    this.sopReturns = sopReturns;
  }

  // ------------------------------------------------------------------ rows and ids

  long id() {
    return nextId++;
  }

  /** Adds {@code row} to {@code table} under a new id; returns the id. */
  long add(Map<Long, Map<String, Object>> table, Map<String, Object> row) {
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

  static long requireRow(Map<Long, Map<String, Object>> table, long id, String what) {
    if (!table.containsKey(id)) {
      throw new BadRequest(404, "The " + what + " with id " + id + " does not exist.");
    }
    return id;
  }

  Map<String, Object> requireOrder(long id) {
    Map<String, Object> o = orders.get(id);
    if (o == null) {
      throw new BadRequest(404, "The sales order with id " + id + " does not exist.");
    }
    return o;
  }

  Map<String, Object> requireCustomer(Map<String, Object> body) {
    long customerId = requiredLong(body, "customer_id");
    Map<String, Object> c = customers.get(customerId);
    if (c == null) {
      throw new BadRequest("The customer_id " + customerId + " is not a valid customer.");
    }
    return c;
  }

  Map<String, Object> requireBank(Map<String, Object> body, String field) {
    long bankId = requiredLong(body, field);
    Map<String, Object> b = banks.get(bankId);
    if (b == null) {
      throw new BadRequest("The " + field + " " + bankId + " is not a valid bank account.");
    }
    return b;
  }

  void requireNominal(Map<String, Object> item) {
    Object code = required(item, "code");
    for (Map<String, Object> n : nominalCodes.values()) {
      if (n.get("reference").equals(code.toString())) {
        return;
      }
    }
    throw new BadRequest("The nominal code " + code + " does not exist.");
  }

  long baseCurrencyId() {
    for (Map<String, Object> c : currencies.values()) {
      if (Boolean.TRUE.equals(c.get("is_base_currency"))) {
        return (Long) c.get("id");
      }
    }
    throw new IllegalStateException("no base currency");
  }

  /** The name of a line's warehouse (Sage's order lines carry only warehouse_id). */
  String warehouseName(Map<String, Object> line) {
    Object id = line.get("warehouse_id");
    return id == null ? null : (String) warehouses.get((Long) id).get("name");
  }

  /** The lines of an order, return or despatch row. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> lines(Map<String, Object> document) {
    return (List<Map<String, Object>>) document.get("lines");
  }

  /** A posted date-time, a date (read as midnight UTC), or {@code dflt} when none was posted. */
  static Object dateOr(Object v, Instant dflt) {
    if (v == null) {
      return dflt;
    }
    return ODataQuery.parseInstant(v.toString().length() > 10 && !v.toString().endsWith("Z")
        ? v.toString() + "Z" : v.toString());
  }

  /** Answers the injected record lock for {@code order}, if one is active, consuming one attempt. */
  void checkRecordLock(Map<String, Object> order) {
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

  // ------------------------------------------------------------------ warehouse holdings

  /** The holding of a product in a warehouse, created empty on first use as Sage does. */
  Map<String, Object> holding(long productId, long warehouseId) {
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

  /** The holding of {@code sku} in the warehouse named {@code warehouse}, for the Java hooks. */
  Map<String, Object> holdingFor(String sku, String warehouse) {
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

  /** Recomputes the derived holding figures and the product's free stock; stamps date_time_updated. */
  void refreshHolding(Map<String, Object> h, Instant now) {
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

  /** A product's holdings, in warehouse id order. */
  List<Map<String, Object>> holdingsOf(long productId) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (long wid : warehouses.keySet()) {
      Long hid = holdingByProductWarehouse.get(productId + ":" + wid);
      if (hid != null) {
        out.add(holdings.get(hid));
      }
    }
    return out;
  }
}
