package io.github.centrasage.sandbox.internal;

import static io.github.centrasage.sandbox.internal.Rows.object;
import static io.github.centrasage.sandbox.internal.Rows.objects;
import static io.github.centrasage.sandbox.internal.Rows.row;

import io.github.centrasage.sandbox.CentraCatalogItem;
import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.CentraShipment;
import io.github.centrasage.sandbox.CentraStock;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sandbox.internal.HttpExchange.Answer;
import io.github.centrasage.sandbox.internal.HttpExchange.Call;
import io.github.centrasage.sandbox.internal.HttpExchange.Emulator;
import io.github.centrasage.sandbox.internal.HttpExchange.Request;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The Centra Integration API emulator: catalogue, warehouses and stock (physical / allocated /
 * free to allocate), pricelists, orders that allocate on placement, shipments that decrement
 * physical stock when completed, returns, and the per-integration event queue. Requests are parsed,
 * validated and executed by graphql-java against Centra's SDL ({@link CentraSchema}): root fields
 * render full objects and graphql-java applies the selection sets. One monitor guards all state.
 */
public final class CentraEmulator implements Emulator {
  private static final BigDecimal HUNDRED = new BigDecimal("100");
  private static final int MAX_LIMIT = 200;

  private final Object lock = new Object();
  private final String token;
  private final Clock clock;
  private final String ftaQuantityType;

  // --- catalogue
  private final Map<Long, Product> products = new TreeMap<>();
  private final Map<Long, Variant> variants = new HashMap<>();
  private final Map<Long, Size> sizes = new HashMap<>();
  private final Map<String, Size> sizeBySku = new HashMap<>();
  private final Map<Long, Warehouse> warehouses = new TreeMap<>();
  private final Map<String, Warehouse> warehouseByName = new HashMap<>();
  private final Map<Long, Pricelist> pricelists = new TreeMap<>();
  // --- orders and fulfilment
  private final Map<Integer, Order> orders = new TreeMap<>();
  private final Map<String, Order> orderById = new HashMap<>();
  private final Map<Long, Shipment> shipments = new TreeMap<>();
  private final Map<Long, Return> returns = new TreeMap<>();
  /** VAT rates other than the standard 20% (children's clothing, books), for orders placed afterwards. */
  private final Map<String, BigDecimal> taxPercentBySku = new HashMap<>();
  // --- events: listeners per object type (empty set = every change type), queue in id order
  private final Map<String, Set<String>> listeners = new LinkedHashMap<>();
  private final Map<Long, Event> events = new TreeMap<>();
  /** "objectType|internalId" → externalId, the per-integration ID conversion table. */
  private final Map<String, String> idConversions = new TreeMap<>();
  /** The one size chart: size name → size id. */
  private final Map<String, Long> chartSizeIds = new LinkedHashMap<>();

  private long nextId = 1;
  private int nextOrderNumber = 100001;

  static final class Product {
    long id;
    String name;
    String productNumber;
    String status = "ACTIVE";
    Long brandId = 1L;
    Long collectionId;
    Long folderId;
    String countryOfOrigin;
    String commodityCode;
    String commodityCodeDescription;
    BigDecimal weight;
    String weightUnit;
    List<Variant> variants = new ArrayList<>();
  }

  static final class Variant {
    long id;
    Product product;
    String name;
    String variantNumber;
    String status = "ACTIVE";
    List<Size> sizes = new ArrayList<>();
  }

  static final class Size {
    long id;
    long sizeId;
    Variant variant;
    String name;
    String sku;
    String ean;
    String sizeNumber;
    /** warehouse id → {physical, allocated} */
    Map<Long, long[]> stock = new TreeMap<>();
  }

  static final class Warehouse {
    long id;
    String name;
  }

  static final class Pricelist {
    long id;
    String name;
    String currency;
    Map<Long, BigDecimal> productPrices = new HashMap<>();
    Map<Long, BigDecimal> variantPrices = new HashMap<>();
  }

  static final class Order {
    String id;
    int number;
    String status;
    Instant createdAt;
    Pricelist pricelist;
    String currency;
    BigDecimal shipping;
    String email;
    String paymentReference;
    List<OrderLine> lines = new ArrayList<>();
    boolean isLocked;
    boolean onHold;
  }

  static final class OrderLine {
    long id;
    Size size;
    int quantity;
    BigDecimal unitPrice;
    BigDecimal taxPercent;
    /** warehouse id → allocated quantity not yet shipped */
    Map<Long, Integer> allocations = new LinkedHashMap<>();
    int shippedQuantity;
    int inShipments;
    int cancelledQuantity;
    int returnedQuantity;
  }

  static final class Shipment {
    long id;
    String number;
    Order order;
    boolean goodToGo;
    boolean paid;
    boolean shipped;
    boolean captured;
    Instant createdAt;
    Instant shippedAt;
    Instant capturedAt;
    String trackingNumber;
    String returnTrackingNumber;
    String carrier;
    String service;
    Integer packages;
    String additionalMessage;
    List<ShipmentLine> lines = new ArrayList<>();
  }

  static final class ShipmentLine {
    long id;
    OrderLine orderLine;
    int quantity;
    int returned;
    /** warehouse id → quantity taken from it when shipped */
    Map<Long, Integer> fromWarehouses = new LinkedHashMap<>();
  }

  static final class Return {
    long id;
    Shipment shipment;
    String status = "IN_PROGRESS";
    Instant createdAt;
    Instant completedAt;
    boolean releaseToWarehouse;
    String comment;
    List<long[]> lines = new ArrayList<>(); // {returnLineId, shipmentLineId, quantity}
    BigDecimal shippingRefund = BigDecimal.ZERO;
    /** The PSP refund made when the return was completed (goods plus shipping refund), if any. */
    BigDecimal refunded;
  }

  static final class Event {
    long id;
    String objectType;
    String changeType;
    String objectReference;
    Instant createdAt;
    Object subject;
  }

  public CentraEmulator(String token, Clock clock, SandboxCatalog catalog, String ftaQuantityType) {
    this.token = token;
    this.clock = clock;
    this.ftaQuantityType = ftaQuantityType;
    // The names the SDL could not confirm from Centra's reference, for the CONTRACT RESULT line.
    ContractLedger.inferredNames(ContractLedger.Api.CENTRA, CentraSchema.get().inferredNames());
    seed(catalog);
  }

  private long id() {
    return nextId++;
  }

  private void seed(SandboxCatalog catalog) {
    for (String name : catalog.warehouses()) {
      Warehouse w = new Warehouse();
      w.id = id();
      w.name = name;
      warehouses.put(w.id, w);
      warehouseByName.put(name, w);
    }
    Pricelist gbp = pricelist("UK Retail", "GBP");
    Pricelist eur = pricelist("EU Retail", "EUR");
    Map<String, Product> byNumber = new HashMap<>();
    Map<String, Variant> variantByKey = new HashMap<>();
    Map<String, Long> sizeIds = chartSizeIds;
    for (SandboxCatalog.Item item : catalog.items()) {
      Product p = byNumber.computeIfAbsent(item.productNumber(), n -> {
        Product np = new Product();
        np.id = id();
        np.name = item.productName();
        np.productNumber = n;
        products.put(np.id, np);
        return np;
      });
      gbp.productPrices.put(p.id, item.priceGbp());
      eur.productPrices.put(p.id, item.priceEur());
      Variant v = variantByKey.computeIfAbsent(item.productNumber() + "/" + item.variantNumber(), k -> {
        Variant nv = new Variant();
        nv.id = id();
        nv.product = p;
        nv.name = item.variantName();
        nv.variantNumber = item.variantNumber();
        p.variants.add(nv);
        variants.put(nv.id, nv);
        return nv;
      });
      Size s = new Size();
      s.id = id();
      s.sizeId = sizeIds.computeIfAbsent(item.sizeName(), n -> 9000L + sizeIds.size());
      s.variant = v;
      s.name = item.sizeName();
      s.sku = item.sku();
      s.ean = item.ean();
      s.sizeNumber = item.sizeName();
      for (Map.Entry<String, BigDecimal> st : item.stock().entrySet()) {
        s.stock.put(warehouseByName.get(st.getKey()).id, new long[] {st.getValue().longValueExact(), 0});
      }
      v.sizes.add(s);
      sizes.put(s.id, s);
      sizeBySku.put(s.sku, s);
    }
  }

  private Pricelist pricelist(String name, String currency) {
    Pricelist p = new Pricelist();
    p.id = id();
    p.name = name;
    p.currency = currency;
    pricelists.put(p.id, p);
    return p;
  }

  // ------------------------------------------------------------------ transport

  @Override
  public Call recognise(Request request) {
    if (!request.path().equals("/graphql")) {
      throw new BadRequest(404, "Not found: " + request.path());
    }
    if (!request.method().equals("POST")) {
      throw new BadRequest(405, "Use POST for /graphql");
    }
    boolean authorised = ("Bearer " + token).equals(request.header("Authorization"));
    CentraSchema engine = CentraSchema.get();
    Map<String, Object> variables;
    CentraSchema.Prepared prepared;
    try {
      Map<String, Object> envelope;
      try {
        envelope = Json.parseObject(request.body());
      } catch (BadRequest e) {
        throw new ContractViolation("The request body is not a JSON object: " + e.getMessage());
      }
      Object query = envelope.get("query");
      if (!(query instanceof String)) {
        // Centra's error-handling page: a missing query is HTTP 400, as is a syntax error.
        throw new ContractViolation("The request has no \"query\" string");
      }
      Object variablesValue = envelope.get("variables");
      if (variablesValue != null && !(variablesValue instanceof Map)) {
        throw new ContractViolation("\"variables\" must be a JSON object");
      }
      variables = object(variablesValue, "variables");
      Object operationName = envelope.get("operationName");
      prepared = engine.prepare((String) query, operationName instanceof String ? (String) operationName : null);
      engine.checkVariables(prepared, variables);
    } catch (ContractViolation e) {
      if (!authorised) {
        return new Call("unauthorised", this::unauthorised);
      }
      throw e;
    }
    CentraSchema.Prepared document = prepared;
    return new Call(document.rootFields, () -> {
      if (!authorised) {
        return unauthorised();
      }
      ContractLedger.centraDocument(document.text);
      synchronized (lock) {
        graphql.ExecutionResult result = engine.execute(document, variables, resolver);
        Map<String, Object> body = new LinkedHashMap<>(result.toSpecification());
        body.put("extensions", row("complexity", 1, "permissionsUsed", List.of(), "appVersion", "sandbox"));
        return Answer.json(200, body);
      }
    });
  }

  /** Centra's error-handling page: HTTP 403 when the token is invalid or expired. */
  private Answer unauthorised() {
    return Answer.json(403, row("errors", List.of(row("message", "Invalid or expired token", "extensions",
        row("category", "authorization")))));
  }

  @Override
  public Answer error(BadRequest e) {
    if (e instanceof ContractViolation) {
      return Answer.json(e.status(), row("errors", List.of(row("message", e.getMessage(), "extensions",
          row("category", "graphql")))));
    }
    if (e.status() == 400 || e.status() == 500) {
      return Answer.json(e.status() == 500 ? 500 : 200, row("errors", List.of(row("message", e.getMessage()))));
    }
    return Answer.json(e.status(), row("errors", List.of(row("message", e.getMessage()))));
  }

  @Override
  public Answer injectedStatus(int status) {
    if (status == 429) {
      return Answer.json(429, row("errors", List.of(row("message", "Too Many Requests", "extensions",
          row("category", "rateLimit")))));
    }
    return new Answer(status, Map.of("Content-Type", "text/html"), "<html><body><h1>" + status + "</h1></body></html>");
  }

  /** The root fields and nested pages graphql-java asks for; selection sets are applied by graphql-java. */
  private final CentraSchema.Resolver resolver = new CentraSchema.Resolver() {
    @Override
    public Object query(String field, Map<String, Object> arguments) {
      return resolveQuery(field, arguments);
    }

    @Override
    public Object mutation(String field, Map<String, Object> arguments) {
      return resolveMutation(field, arguments);
    }

    @Override
    public Object warehouseStock(Map<String, Object> warehouse, Map<String, Object> arguments) {
      // Warehouse.stock is paged itself: limit 1-200, default 20 (Centra's schema reference). Only
      // the page is rendered, so a full pass over a large catalogue costs O(rows), not O(rows x pages).
      Warehouse w = warehouses.get(Rows.toLong(warehouse.get("id"), "warehouse.id"));
      long[] range = pageRange(arguments);
      return warehouseJson(w, range[0], range[1]).getOrDefault("stock", List.of());
    }
  };

  private Object resolveMutation(String name, Map<String, Object> a) {
    switch (name) {
      case "setStock":
        return setStock(input(a));
      case "changeStock":
        return changeStock(input(a));
      case "createShipment":
        return createShipment(input(a));
      case "completeShipment":
        return completeShipment(longArg(a, "id"), object(a.get("input"), "input"));
      case "captureShipment":
        return captureShipment(longArg(a, "id"));
      case "updateShipment":
        return updateShipment(longArg(a, "id"), input(a));
      case "createReturn":
        return createReturn(input(a));
      case "completeReturn":
        return completeReturn(longArg(a, "id"));
      case "setEventListeners":
        return setEventListeners(a.get("input"));
      case "confirmEvents":
        return confirmEvents(input(a));
      case "setPrices":
        return setPrices(input(a));
      case "updateProduct":
        return updateProduct(longArg(a, "id"), input(a));
      case "createProduct":
        return createProduct(input(a));
      case "createProductVariant":
        return createProductVariant(input(a));
      case "createProductSize":
        return createProductSize(input(a));
      case "updateProductSize":
        return updateProductSize(longArg(a, "id"), input(a));
      case "setIdConversions":
        return setIdConversions(a.get("input"), true);
      default:
        throw new IllegalStateException("Mutation." + name + " is in the SDL but the sandbox does not emulate it");
    }
  }

  private Object resolveQuery(String name, Map<String, Object> a) {
    switch (name) {
      case "orders":
        return page(filterOrders(object(a.get("where"), "where")), a, this::orderJson);
      case "order": {
        Order o = findOrder(a);
        return o == null ? null : orderJson(o);
      }
      case "returns":
        return page(new ArrayList<>(returns.values()), a, this::returnJson);
      case "products":
        return page(filterProducts(object(a.get("where"), "where")), a, p -> productJson(p, true));
      case "warehouse": {
        Warehouse w = warehouses.get(longArg(a, "id"));
        return w == null ? null : warehouseJson(w, false);
      }
      case "orderConnection":
        return orderConnection(object(a.get("where"), "where"), a);
      case "idConversions":
        return idConversions(object(a.get("where"), "where"));
      case "pricelists":
        return page(new ArrayList<>(pricelists.values()), a, this::pricelistJson);
      case "prices":
        return page(prices(object(a.get("where"), "where")), a, x -> x);
      case "events":
        return events(object(a.get("where"), "where"), a);
      case "rateLimits":
        return rateLimits();
      case "currencies":
        return currencies(object(a.get("where"), "where"));
      default:
        throw new IllegalStateException("Query." + name + " is in the SDL but the sandbox does not emulate it");
    }
  }

  private static Map<String, Object> input(Map<String, Object> a) {
    Map<String, Object> in = object(a.get("input"), "input");
    if (in == null) {
      throw new BadRequest("Argument \"input\" of required type was not provided.");
    }
    return in;
  }

  private static long longArg(Map<String, Object> a, String name) {
    Object v = a.get(name);
    if (v == null) {
      throw new BadRequest("Argument \"" + name + "\" of required type was not provided.");
    }
    return Rows.toLong(v, name);
  }

  private <T> List<Object> page(List<T> all, Map<String, Object> a, java.util.function.Function<T, Object> render) {
    long[] range = pageRange(a);
    List<Object> out = new ArrayList<>();
    for (long i = range[0]; i < Math.min(all.size(), range[1]); i++) {
      out.add(render.apply(all.get((int) i)));
    }
    return out;
  }

  /** The rows [from, to) that the {@code limit} and {@code page} arguments ask for, validated like Centra. */
  private static long[] pageRange(Map<String, Object> a) {
    int limit = a.get("limit") == null ? 20 : (int) Rows.toLong(a.get("limit"), "limit");
    int page = a.get("page") == null ? 1 : (int) Rows.toLong(a.get("page"), "page");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadRequest("Limit must be in range 1 - " + MAX_LIMIT);
    }
    if (page < 1) {
      throw new BadRequest("Page must be 1 or greater");
    }
    long from = (long) (page - 1) * limit;
    return new long[] {from, from + limit};
  }

  private static Map<String, Object> payload(String key, Object value, List<Object> errors, List<Object> warnings) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(key, errors.isEmpty() ? value : null);
    p.put("userErrors", errors);
    p.put("userWarnings", warnings);
    return p;
  }

  private static Map<String, Object> userError(String message, Object... path) {
    return row("message", message, "path", List.of(path));
  }

  // ------------------------------------------------------------------ JSON renderings

  private static Map<String, Object> money(BigDecimal value, String currency) {
    BigDecimal v = value.setScale(2, RoundingMode.HALF_UP);
    return row("value", v, "currency", row("id", currency.equals("GBP") ? 1 : 2, "code", currency),
        "conversionRate", currency.equals("GBP") ? BigDecimal.ONE : new BigDecimal("0.854700"),
        "formattedValue", (currency.equals("GBP") ? "£" : "€") + v.toPlainString());
  }

  private Map<String, Object> sizeJson(Size s) {
    long physical = 0;
    long allocated = 0;
    for (long[] st : s.stock.values()) {
      physical += st[0];
      allocated += st[1];
    }
    return row("id", s.id, "SKU", s.sku, "EAN", s.ean, "GTIN", s.ean, "UPC", null, "sizeNumber", s.sizeNumber,
        "description", s.variant.product.name + " " + s.variant.name + " " + s.name, "preorder", false,
        "size", row("id", s.sizeId, "name", s.name), "productVariant", row("id", s.variant.id),
        "stockTotals", row("physicalQuantity", physical, "allocatedQuantity", allocated,
            "availableQuantity", physical - allocated, "freeToAllocateQuantity", physical - allocated,
            "demandQuantity", 0, "unshippedQuantity", allocated, "onDeliveryQuantity", 0,
            "linkedIncomingQuantity", 0, "unlinkedIncomingQuantity", 0));
  }

  private Map<String, Object> variantJson(Variant v, boolean withSizes) {
    Map<String, Object> m = row("id", v.id, "name", v.name, "variantNumber", v.variantNumber, "status", v.status,
        "product", row("id", v.product.id, "name", v.product.name));
    if (withSizes) {
      m.put("productSizes", v.sizes.stream().map(this::sizeJson).collect(Collectors.toList()));
    }
    return m;
  }

  private Map<String, Object> productJson(Product p, boolean deep) {
    return row("id", p.id, "name", p.name, "productNumber", p.productNumber, "status", p.status,
        "brand", p.brandId == null ? null : row("id", p.brandId, "name", p.brandId == 1L ? "Sandbox Studio" : "Brand " + p.brandId),
        "collection", p.collectionId == null ? null : row("id", p.collectionId, "name", "Collection " + p.collectionId),
        "folder", p.folderId == null ? null : row("id", p.folderId, "name", "Folder " + p.folderId),
        "countryOfOrigin", p.countryOfOrigin == null ? null : row("code", p.countryOfOrigin, "name", p.countryOfOrigin),
        "harmonizedCommodityCode", p.commodityCode, "harmonizedCommodityCodeDescription", p.commodityCodeDescription,
        "weight", p.weight == null ? null : row("value", p.weight, "unit", p.weightUnit),
        "variants", p.variants.stream().map(v -> variantJson(v, deep)).collect(Collectors.toList()));
  }

  private Map<String, Object> warehouseJson(Warehouse w, boolean withStock) {
    return withStock ? warehouseJson(w, 0, Long.MAX_VALUE) : warehouseJson(w, 0, 0);
  }

  /** The warehouse with its stock rows {@code from} (inclusive) to {@code to} (exclusive), in catalogue order. */
  private Map<String, Object> warehouseJson(Warehouse w, long from, long to) {
    Map<String, Object> m = row("id", w.id, "name", w.name, "status", "ACTIVE", "stockMasterPolicy", "EXTERNAL",
        "allocationPolicy", "CHECK_FIRST");
    if (to > from) {
      List<Object> stock = new ArrayList<>();
      long index = 0;
      for (Product p : products.values()) {
        for (Variant v : p.variants) {
          for (Size s : v.sizes) {
            if (index++ < from || index > to) {
              continue; // counting is cheap; rendering a row is what costs
            }
            long[] st = s.stock.getOrDefault(w.id, new long[2]);
            stock.add(row("productSize", row("id", s.id, "SKU", s.sku, "EAN", s.ean, "size", row("id", s.sizeId, "name", s.name)),
                "productVariant", row("id", v.id), "product", row("id", p.id), "physicalQuantity", st[0],
                "allocatedQuantity", st[1], "freeToAllocateQuantity", st[0] - st[1], "availableQuantity", st[0] - st[1]));
          }
        }
      }
      m.put("stock", stock);
    }
    return m;
  }

  private Map<String, Object> pricelistJson(Pricelist p) {
    return row("id", p.id, "name", p.name, "status", "ACTIVE",
        "currency", row("code", p.currency, "name", p.currency.equals("GBP") ? "Pound Sterling" : "Euro"),
        "store", row("id", 1, "type", "DIRECT_TO_CONSUMER"));
  }

  private BigDecimal linesTotal(Order o) {
    BigDecimal total = BigDecimal.ZERO;
    for (OrderLine l : o.lines) {
      total = total.add(l.unitPrice.multiply(BigDecimal.valueOf(l.quantity)));
    }
    return total;
  }

  private static BigDecimal includedTax(BigDecimal gross, BigDecimal percent) {
    return gross.multiply(percent).divide(HUNDRED.add(percent), 2, RoundingMode.HALF_UP);
  }

  private static Map<String, Object> marketOf(Order o) {
    return o.currency.equals("GBP") ? row("id", 1, "name", "UK") : row("id", 2, "name", "EU");
  }

  private Map<String, Object> orderJson(Order o) {
    List<Object> lines = new ArrayList<>();
    BigDecimal tax = BigDecimal.ZERO;
    for (OrderLine l : o.lines) {
      BigDecimal lineValue = l.unitPrice.multiply(BigDecimal.valueOf(l.quantity));
      tax = tax.add(includedTax(lineValue, l.taxPercent));
      List<Object> allocations = new ArrayList<>();
      l.allocations.forEach((wid, q) -> allocations.add(row("id", l.id * 100 + wid, "quantity", q,
          "warehouse", row("id", wid, "name", warehouses.get(wid).name))));
      Variant v = l.size.variant;
      lines.add(row("id", l.id, "quantity", l.quantity, "cancelledQuantity", l.cancelledQuantity, "shippedQuantity", l.shippedQuantity,
          "returnedQuantity", l.returnedQuantity, "taxPercent", l.taxPercent, "discountPercent", BigDecimal.ZERO,
          "hasAnyDiscount", false, "comment", "", "product", row("id", v.product.id, "name", v.product.name),
          "productVariant", row("id", v.id, "name", v.name),
          "productSize", row("id", l.size.id, "SKU", l.size.sku, "GTIN", l.size.ean, "EAN", l.size.ean,
              "sizeNumber", l.size.name, "description", l.size.name, "preorder", false,
              "size", row("id", l.size.sizeId, "name", l.size.name)),
          "brand", row("id", 1, "name", "Sandbox Studio"), "unitOriginalPrice", money(l.unitPrice, o.currency),
          "unitPrice", money(l.unitPrice, o.currency), "lineValue", money(lineValue, o.currency),
          "allocations", allocations));
    }
    BigDecimal shippingTax = includedTax(o.shipping, new BigDecimal("20"));
    BigDecimal grand = linesTotal(o).add(o.shipping);
    Map<String, Object> address = row("companyName", null, "attention", null, "firstName", "Alex", "lastName", "Morgan",
        "address1", "1 High Street", "address2", null, "city", o.currency.equals("GBP") ? "Leeds" : "Dublin",
        "stateOrProvince", null, "zipCode", o.currency.equals("GBP") ? "LS1 1AA" : "D02 X285",
        "country", o.currency.equals("GBP") ? row("code", "GB", "name", "United Kingdom") : row("code", "IE", "name", "Ireland"),
        "email", o.email, "phoneNumber", "+441130000000", "cellPhoneNumber", null, "faxNumber", null, "vatNumber", null);
    return row("__typename", "DirectToConsumerOrder", "id", o.id, "number", o.number, "status", o.status,
        "createdAt", o.createdAt, "orderDate", o.createdAt, "isOnHold", o.onHold, "isWaitingForPayment", false,
        "isLocked", o.isLocked, "store", row("id", 1, "name", "Web", "type", "DIRECT_TO_CONSUMER"),
        "market", marketOf(o),
        "pricelist", row("id", o.pricelist.id, "name", o.pricelist.name), "currency", row("code", o.currency),
        "grandTotal", money(grand, o.currency),
        "totals", row("itemsSubtotal", money(linesTotal(o), o.currency), "shipping", money(o.shipping, o.currency),
            "shippingTaxIncluded", money(shippingTax, o.currency), "handling", money(BigDecimal.ZERO, o.currency),
            "taxAdded", money(BigDecimal.ZERO, o.currency), "taxDeducted", money(BigDecimal.ZERO, o.currency),
            "taxIncluded", money(tax.add(shippingTax), o.currency), "discounts", money(BigDecimal.ZERO, o.currency),
            "grandTotal", money(grand, o.currency)),
        "shippingPriceGroup", row("shippingOption", row("id", 1, "name", "Standard", "uri", "standard")),
        "discountsApplied", List.of(),
        "paymentMethod", row("uri", "adyen-drop-in", "plugin", "adyen", "name", "Adyen Drop-In"),
        "paymentHistory", List.of(row("id", o.number * 10L, "createdAt", o.createdAt, "status", "SUCCESS",
            "entryType", "AUTHORIZATION", "externalReference", o.paymentReference, "paymentMethod", "adyen",
            "value", money(grand, o.currency), "paramsJSON", "{}")),
        "lines", lines, "billingAddress", address, "shippingAddress", address, "internalComment", null,
        "customer", row("id", 500000 + o.number, "email", o.email, "firstName", "Alex", "lastName", "Morgan"),
        "shipments", shipmentsOf(o).stream().map(this::shipmentJson).collect(Collectors.toList()));
  }

  private List<Shipment> shipmentsOf(Order o) {
    List<Shipment> out = new ArrayList<>();
    for (Shipment s : shipments.values()) {
      if (s.order == o) {
        out.add(s);
      }
    }
    return out;
  }

  private Map<String, Object> shipmentJson(Shipment s) {
    List<Object> lines = new ArrayList<>();
    BigDecimal total = BigDecimal.ZERO;
    for (ShipmentLine l : s.lines) {
      BigDecimal value = l.orderLine.unitPrice.multiply(BigDecimal.valueOf(l.quantity));
      total = total.add(value);
      lines.add(row("id", l.id, "quantity", l.quantity, "orderLine", row("id", l.orderLine.id),
          "productSize", row("id", l.orderLine.size.id, "SKU", l.orderLine.size.sku),
          "lineValue", money(value, s.order.currency)));
    }
    return row("__typename", "DirectToConsumerShipment", "id", s.id, "number", s.number,
        "order", row("id", s.order.id, "number", s.order.number), "isGoodToGo", s.goodToGo, "isPaid", s.paid,
        "isShipped", s.shipped, "isCaptured", s.captured, "capturedAt", s.capturedAt, "paidAt", s.paid ? s.createdAt : null,
        "createdAt", s.createdAt, "shippedAt", s.shippedAt, "trackingNumber", s.trackingNumber,
        "returnTrackingNumber", s.returnTrackingNumber, "numberOfPackages", s.packages == null ? 0 : s.packages,
        "carrierInformation", row("carrierName", s.carrier, "serviceName", s.service),
        "additionalMessage", s.additionalMessage, "grandTotal", money(total, s.order.currency), "lines", lines);
  }

  private Map<String, Object> returnJson(Return r) {
    List<Object> lines = new ArrayList<>();
    BigDecimal total = BigDecimal.ZERO;
    for (long[] l : r.lines) {
      ShipmentLine sl = shipmentLine(r.shipment, l[1]);
      BigDecimal value = sl.orderLine.unitPrice.multiply(BigDecimal.valueOf(l[2]));
      total = total.add(value);
      lines.add(row("id", l[0], "quantity", l[2], "shipmentLine", row("id", l[1]),
          "orderLine", row("id", sl.orderLine.id, "returnedQuantity", sl.orderLine.returnedQuantity,
              "lineValue", money(value, r.shipment.order.currency)),
          "productSize", row("id", sl.orderLine.size.id, "SKU", sl.orderLine.size.sku)));
    }
    return row("__typename", "DirectToConsumerReturn", "id", r.id, "status", r.status, "returnStatus", r.status,
        "createdAt", r.createdAt, "completedAt", r.completedAt, "comment", r.comment,
        "returnedToStock", r.releaseToWarehouse && r.completedAt != null,
        "shipment", row("id", r.shipment.id, "number", r.shipment.number),
        "order", row("id", r.shipment.order.id, "number", r.shipment.order.number),
        "grandTotal", money(total.add(r.shippingRefund), r.shipment.order.currency),
        "refundPaymentHistory", r.refunded == null ? List.of() : List.of(row("id", r.id * 10L, "createdAt", r.completedAt,
            "status", "SUCCESS", "entryType", "REFUND", "externalReference", "RF" + r.id, "paymentMethod", "adyen",
            "value", money(r.refunded, r.shipment.order.currency), "paramsJSON", "{}")),
        "lines", lines);
  }

  private static ShipmentLine shipmentLine(Shipment s, long id) {
    for (ShipmentLine l : s.lines) {
      if (l.id == id) {
        return l;
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ queries

  private Order findOrder(Map<String, Object> a) {
    if (a.get("id") != null) {
      return orderById.get(a.get("id").toString());
    }
    if (a.get("number") != null) {
      return orders.get((int) Rows.toLong(a.get("number"), "number"));
    }
    throw new BadRequest("Argument \"id\" of required type \"String!\" was not provided.");
  }

  private static Instant dateTime(Object v, String field) {
    if (v == null) {
      return null;
    }
    String s = v.toString();
    try {
      if (s.length() == 10) {
        return java.time.LocalDate.parse(s).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      }
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadRequest("Expected type \"DateTimeTz\" for " + field + ", found \"" + s + "\".");
    }
  }

  private static Set<String> stringSet(Object v) {
    Set<String> out = new HashSet<>();
    if (v instanceof Collection) {
      for (Object o : (Collection<?>) v) {
        out.add(o instanceof BigDecimal ? ((BigDecimal) o).toPlainString() : String.valueOf(o));
      }
    } else if (v != null) {
      out.add(v instanceof BigDecimal ? ((BigDecimal) v).toPlainString() : String.valueOf(v));
    }
    return out;
  }

  private List<Order> filterOrders(Map<String, Object> where) {
    Map<String, Object> w = where == null ? Map.of() : where;
    Set<String> numbers = stringSet(w.get("number"));
    Set<String> ids = stringSet(w.get("id"));
    Set<String> statuses = stringSet(w.get("status"));
    Map<String, Object> created = object(w.get("createdAt"), "createdAt");
    Map<String, Object> orderDate = object(w.get("orderDate"), "orderDate");
    Map<String, Object> range = created != null ? created : orderDate;
    Instant from = range == null ? null : dateTime(range.get("from"), "from");
    Instant to = range == null ? null : dateTime(range.get("to"), "to");
    return select(orders.values(), o -> wanted(numbers, o.number) && wanted(ids, o.id) && wanted(statuses, o.status)
        && (from == null || !o.createdAt.isBefore(from)) && (to == null || !o.createdAt.isAfter(to)));
  }

  private List<Shipment> filterShipments(Map<String, Object> where) {
    Map<String, Object> w = where == null ? Map.of() : where;
    Set<String> orderNumbers = stringSet(w.get("orderNumber"));
    Set<String> ids = stringSet(w.get("id"));
    return select(shipments.values(), s -> wanted(orderNumbers, s.order.number) && wanted(ids, s.id));
  }

  private List<Product> filterProducts(Map<String, Object> where) {
    Map<String, Object> w = where == null ? Map.of() : where;
    Set<String> ids = stringSet(w.get("id"));
    Set<String> numbers = stringSet(w.get("productNumber"));
    return select(products.values(), p -> wanted(ids, p.id) && wanted(numbers, p.productNumber));
  }

  /** An absent filter (empty set) matches everything; otherwise the value must be one of the set. */
  private static boolean wanted(Set<String> filter, Object value) {
    return filter.isEmpty() || filter.contains(String.valueOf(value));
  }

  private static <T> List<T> select(Collection<T> items, java.util.function.Predicate<T> keep) {
    List<T> out = new ArrayList<>();
    for (T item : items) {
      if (keep.test(item)) {
        out.add(item);
      }
    }
    return out;
  }

  private List<Object> prices(Map<String, Object> where) {
    Map<String, Object> w = where == null ? Map.of() : where;
    Set<String> pricelistIds = stringSet(w.get("pricelistId"));
    Set<String> productIds = stringSet(w.get("productId"));
    List<Object> out = new ArrayList<>();
    for (Pricelist pl : pricelists.values()) {
      if (!pricelistIds.isEmpty() && !pricelistIds.contains(String.valueOf(pl.id))) {
        continue;
      }
      for (Product p : products.values()) {
        if (!productIds.isEmpty() && !productIds.contains(String.valueOf(p.id))) {
          continue;
        }
        BigDecimal price = pl.productPrices.get(p.id);
        if (price != null) {
          out.add(row("pricelist", row("id", pl.id, "name", pl.name), "product", row("id", p.id, "name", p.name),
              "productVariant", null, "price", money(price, pl.currency)));
        }
        for (Variant v : p.variants) {
          BigDecimal vp = pl.variantPrices.get(v.id);
          if (vp != null) {
            out.add(row("pricelist", row("id", pl.id, "name", pl.name), "product", row("id", p.id, "name", p.name),
                "productVariant", row("id", v.id, "name", v.name), "price", money(vp, pl.currency)));
          }
        }
      }
    }
    return out;
  }

  private List<Object> currencies(Map<String, Object> where) {
    List<Object> out = new ArrayList<>();
    Object isBase = where == null ? null : where.get("isBase");
    for (Object[] c : new Object[][] {{1, "GBP", "Pound Sterling", true}, {2, "EUR", "Euro", false}}) {
      if (isBase == null || isBase.equals(c[3])) {
        out.add(row("id", c[0], "code", c[1], "name", c[2], "isBase", c[3]));
      }
    }
    return out;
  }

  private static List<Object> rateLimits() {
    List<Object> out = new ArrayList<>();
    for (Object[] r : new Object[][] {{"REQUEST_COUNT", "TEN_SECONDS", 60}, {"REQUEST_COUNT", "ONE_HOUR", 5000},
        {"MUTATION_COUNT", "TEN_SECONDS", 20}, {"MUTATION_COUNT", "ONE_HOUR", 1800},
        {"QUERY_COMPLEXITY", "TEN_SECONDS", 250000}, {"QUERY_COMPLEXITY", "ONE_HOUR", 30000000}}) {
      out.add(row("type", r[0], "intervalSeconds", r[1], "quota", r[2], "usedQuota", 0, "remainingQuota", r[2]));
    }
    return out;
  }

  private Map<String, Object> orderConnection(Map<String, Object> where, Map<String, Object> a) {
    List<Order> all = filterOrders(where);
    if (a.get("last") != null || a.get("before") != null) {
      throw new BadRequest("The sandbox pages orderConnection forwards only (first/after)");
    }
    int first = a.get("first") == null ? 20 : (int) Rows.toLong(a.get("first"), "first");
    if (first < 1 || first > MAX_LIMIT) {
      throw new BadRequest("first must be in range 1 - " + MAX_LIMIT);
    }
    // Cursors are opaque to clients; here the base64 of the order number.
    int after = a.get("after") == null ? Integer.MIN_VALUE : Integer.parseInt(decodeCursor(a.get("after").toString()));
    List<Object> edges = new ArrayList<>();
    boolean more = false;
    for (Order o : all) {
      if (o.number <= after) {
        continue;
      }
      if (edges.size() == first) {
        more = true;
        break;
      }
      edges.add(row("cursor", cursor(o.number), "node", orderJson(o)));
    }
    Object start = edges.isEmpty() ? null : ((Map<?, ?>) edges.get(0)).get("cursor");
    Object end = edges.isEmpty() ? null : ((Map<?, ?>) edges.get(edges.size() - 1)).get("cursor");
    return row("totalCount", all.size(), "pageInfo", row("hasNextPage", more, "hasPreviousPage", after != Integer.MIN_VALUE,
        "startCursor", start, "endCursor", end), "edges", edges);
  }

  private static String cursor(int number) {
    return java.util.Base64.getEncoder().encodeToString(("order:" + number).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String decodeCursor(String cursor) {
    try {
      String plain = new String(java.util.Base64.getDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
      if (!plain.startsWith("order:")) {
        throw new IllegalArgumentException(plain);
      }
      Integer.parseInt(plain.substring(6));
      return plain.substring(6);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("Invalid cursor \"" + cursor + "\"");
    }
  }

  // ------------------------------------------------------------------ id conversions

  private Map<String, Object> setIdConversions(Object input, boolean set) {
    List<Object> errors = new ArrayList<>();
    int index = 0;
    for (Map<String, Object> entry : objects(input, "input")) {
      Object type = entry.get("objectType");
      Object internal = entry.get("internalId");
      Object external = entry.get("externalId");
      if (type == null || internal == null || set && external == null) {
        errors.add(userError("objectType, internalId" + (set ? " and externalId" : "") + " are required", "input", index));
      } else if (set && external.toString().length() > 255) {
        errors.add(userError("externalId must be at most 255 characters", "input", index, "externalId"));
      }
      index++;
    }
    if (!errors.isEmpty()) {
      return payload("idConversions", null, errors, List.of());
    }
    for (Map<String, Object> entry : objects(input, "input")) {
      String key = entry.get("objectType") + "|" + Rows.toLong(entry.get("internalId"), "internalId");
      if (set) {
        // Batch and idempotent: a colliding entry is overwritten, as Centra documents.
        idConversions.put(key, entry.get("externalId").toString());
      } else {
        idConversions.remove(key);
      }
    }
    return payload("idConversions", idConversions(null), List.of(), List.of());
  }

  private List<Object> idConversions(Map<String, Object> where) {
    Map<String, Object> w = where == null ? Map.of() : where;
    Set<String> types = stringSet(w.get("objectType"));
    Set<String> internalIds = stringSet(w.get("internalId"));
    Object external = w.get("externalId");
    if (external instanceof Map) {
      external = ((Map<?, ?>) external).get("equals");
    }
    List<Object> out = new ArrayList<>();
    for (Map.Entry<String, String> e : idConversions.entrySet()) {
      String[] key = e.getKey().split("\\|", 2);
      if ((types.isEmpty() || types.contains(key[0])) && (internalIds.isEmpty() || internalIds.contains(key[1]))
          && (external == null || external.toString().equals(e.getValue()))) {
        out.add(row("objectType", key[0], "internalId", Long.parseLong(key[1]), "externalId", e.getValue()));
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ stock

  private Warehouse warehouseRef(Object ref, String field) {
    Map<String, Object> m = object(ref, field);
    if (m == null || m.get("id") == null) {
      throw new BadRequest("Field \"" + field + ".id\" of required type was not provided.");
    }
    return warehouses.get(Rows.toLong(m.get("id"), field + ".id"));
  }

  private Size sizeOf(Variant v, Map<String, Object> sizeRef) {
    if (sizeRef == null) {
      return null;
    }
    for (Size s : v.sizes) {
      if (sizeRef.get("id") != null && Rows.toLong(sizeRef.get("id"), "size.id") == s.sizeId
          || s.name.equals(sizeRef.get("name"))) {
        return s;
      }
    }
    return null;
  }

  private Variant variantRef(Map<String, Object> item) {
    Map<String, Object> ref = object(item.get("productVariant"), "productVariant");
    if (ref == null || ref.get("id") == null) {
      return null;
    }
    return variants.get(Rows.toLong(ref.get("id"), "productVariant.id"));
  }

  private Map<String, Object> setStock(Map<String, Object> in) {
    List<Object> errors = new ArrayList<>();
    List<Object> warnings = new ArrayList<>();
    Warehouse w = warehouseRef(in.get("warehouse"), "warehouse");
    if (w == null) {
      errors.add(userError("Warehouse not found", "input", "warehouse", "id"));
      return payload("stockChanges", null, errors, warnings);
    }
    String type = String.valueOf(in.getOrDefault("stockQuantityType", "PHYSICAL"));
    if (!type.equals("PHYSICAL") && !type.equals(ftaQuantityType)) {
      throw new BadRequest("Value \"" + type + "\" does not exist in \"StockQuantityType\" enum.");
    }
    List<Map<String, Object>> items = objects(in.get("productVariants"), "productVariants");
    int index = 0;
    boolean changed = false;
    for (Map<String, Object> item : items) {
      Variant v = variantRef(item);
      if (v == null) {
        warnings.add(userError("Product variant not found; row skipped", "input", "productVariants", index));
        index++;
        continue;
      }
      for (Map<String, Object> level : objects(item.get("sizeStockLevels"), "sizeStockLevels")) {
        Size s = sizeOf(v, object(level.get("size"), "size"));
        long qty = Rows.toLong(level.get("quantity"), "quantity");
        if (s == null || qty < 0) {
          warnings.add(userError(s == null ? "Size not found on variant " + v.id + "; row skipped"
              : "Quantity must not be negative; row skipped", "input", "productVariants", index));
          continue;
        }
        long[] st = s.stock.computeIfAbsent(w.id, k -> new long[2]);
        st[0] = type.equals("PHYSICAL") ? qty : qty + st[1];
        changed = true;
      }
      index++;
    }
    List<Object> changes = changed ? List.of(row("id", id())) : List.of();
    return payload("stockChanges", changes, errors, warnings);
  }

  private Map<String, Object> changeStock(Map<String, Object> in) {
    List<Object> errors = new ArrayList<>();
    Warehouse into = in.get("intoWarehouse") == null ? null : warehouseRef(in.get("intoWarehouse"), "intoWarehouse");
    Warehouse out = in.get("outFromWarehouse") == null ? null : warehouseRef(in.get("outFromWarehouse"), "outFromWarehouse");
    if (into == null && out == null) {
      errors.add(userError("Either intoWarehouse or outFromWarehouse must be given", "input"));
      return payload("stockChange", null, errors, List.of());
    }
    List<Object[]> planned = new ArrayList<>();
    for (Map<String, Object> item : objects(in.get("productVariants"), "productVariants")) {
      Variant v = variantRef(item);
      if (v == null) {
        errors.add(userError("Product variant not found", "input", "productVariants"));
        continue;
      }
      for (Map<String, Object> change : objects(item.get("sizeChanges"), "sizeChanges")) {
        Size s = sizeOf(v, object(change.get("size"), "size"));
        long qty = Rows.toLong(change.get("deliveredQuantity"), "deliveredQuantity");
        if (s == null) {
          errors.add(userError("Size not found on variant " + v.id, "input", "productVariants"));
          continue;
        }
        if (out != null) {
          long[] st = s.stock.computeIfAbsent(out.id, k -> new long[2]);
          if (qty > st[0] - st[1]) {
            errors.add(userError("Cannot move " + qty + " of " + s.sku + ": only " + (st[0] - st[1])
                + " free to allocate in " + out.name, "input", "productVariants"));
            continue;
          }
        }
        planned.add(new Object[] {s, qty});
      }
    }
    if (!errors.isEmpty()) {
      return payload("stockChange", null, errors, List.of());
    }
    for (Object[] p : planned) {
      Size s = (Size) p[0];
      long qty = (Long) p[1];
      if (out != null) {
        s.stock.computeIfAbsent(out.id, k -> new long[2])[0] -= qty;
      }
      if (into != null) {
        s.stock.computeIfAbsent(into.id, k -> new long[2])[0] += qty;
      }
    }
    return payload("stockChange", row("id", id()), errors, List.of());
  }

  // ------------------------------------------------------------------ prices

  private Map<String, Object> setPrices(Map<String, Object> in) {
    List<Object> warnings = new ArrayList<>();
    Map<String, Object> ref = object(in.get("pricelist"), "pricelist");
    Pricelist pl = ref == null || ref.get("id") == null ? null : pricelists.get(Rows.toLong(ref.get("id"), "pricelist.id"));
    if (pl == null) {
      return payload("pricelist", null, List.of(userError("Pricelist not found", "input", "pricelist")), warnings);
    }
    int index = 0;
    for (Map<String, Object> pp : objects(in.get("productPrices"), "productPrices")) {
      Map<String, Object> productRef = object(pp.get("product"), "product");
      Product p = productRef == null ? null : products.get(Rows.toLong(productRef.get("id"), "product.id"));
      Map<String, Object> price = object(pp.get("price"), "price");
      if (p == null || price == null || !pl.currency.equals(price.get("currencyIsoCode"))) {
        warnings.add(userError(p == null ? "Product not found; row skipped"
            : "Price currency must be " + pl.currency + "; row skipped", "input", "productPrices", index++));
        continue;
      }
      BigDecimal value = Rows.decimal(price.get("value"), "price.value");
      pl.productPrices.put(p.id, value);
      if (Boolean.TRUE.equals(pp.get("overrideIndividualVariantPrices"))) {
        for (Variant v : p.variants) {
          pl.variantPrices.remove(v.id);
        }
      }
      for (Map<String, Object> vp : objects(pp.get("individualVariantPrices"), "individualVariantPrices")) {
        Variant v = variantRef(vp);
        Map<String, Object> vprice = object(vp.get("price"), "price");
        if (v == null || v.product != p || vprice == null) {
          warnings.add(userError("Variant not found on product " + p.id + "; row skipped", "input", "productPrices", index));
          continue;
        }
        pl.variantPrices.put(v.id, Rows.decimal(vprice.get("value"), "price.value"));
      }
      index++;
    }
    return payload("pricelist", pricelistJson(pl), List.of(), warnings);
  }

  // ------------------------------------------------------------------ product writes

  /** Centra's product statuses as far as the docs show them; anything else is a user error. */
  private static final Set<String> PRODUCT_STATUSES = Set.of("ACTIVE", "INACTIVE", "CANCELLED");

  private Map<String, Object> updateProduct(long id, Map<String, Object> in) {
    Product p = products.get(id);
    if (p == null) {
      return payload("product", null, List.of(userError("Product not found", "id")), List.of());
    }
    List<Object> errors = checkProductInput(in);
    if (!errors.isEmpty()) {
      return payload("product", null, errors, List.of());
    }
    applyProductInput(p, in);
    return payload("product", productJson(p, true), List.of(), List.of());
  }

  private Map<String, Object> createProduct(Map<String, Object> in) {
    List<Object> errors = checkProductInput(in);
    for (String required : List.of("name", "productNumber", "status")) {
      if (in.get(required) == null) {
        errors.add(userError(required + " is required", "input", required));
      }
    }
    if (!errors.isEmpty()) {
      return payload("product", null, errors, List.of());
    }
    Product p = new Product();
    p.id = id();
    p.brandId = null;
    applyProductInput(p, in);
    products.put(p.id, p);
    return payload("product", productJson(p, true), List.of(), List.of());
  }

  private static List<Object> checkProductInput(Map<String, Object> in) {
    List<Object> errors = new ArrayList<>();
    if (in.get("status") != null && !PRODUCT_STATUSES.contains(in.get("status").toString())) {
      errors.add(userError("Unknown product status " + in.get("status"), "input", "status"));
    }
    Map<String, Object> weight = object(in.get("weight"), "weight");
    if (weight != null && (weight.get("value") == null || Rows.decimal(weight.get("value"), "weight.value").signum() < 0)) {
      errors.add(userError("Weight must be a value of 0 or more", "input", "weight"));
    }
    return errors;
  }

  /** Sets the fields present in {@code in}; a field the input leaves out keeps its value, as in Centra. */
  private static void applyProductInput(Product p, Map<String, Object> in) {
    if (in.containsKey("name")) {
      p.name = (String) in.get("name");
    }
    if (in.containsKey("status")) {
      p.status = (String) in.get("status");
    }
    if (in.containsKey("productNumber")) {
      p.productNumber = (String) in.get("productNumber");
    }
    if (in.containsKey("brand")) {
      p.brandId = refId(in.get("brand"), "brand");
    }
    if (in.containsKey("collection")) {
      p.collectionId = refId(in.get("collection"), "collection");
    }
    if (in.containsKey("folder")) {
      p.folderId = refId(in.get("folder"), "folder");
    }
    if (in.containsKey("countryOfOrigin")) {
      Map<String, Object> country = object(in.get("countryOfOrigin"), "countryOfOrigin");
      p.countryOfOrigin = country == null || country.get("code") == null ? null : country.get("code").toString();
    }
    if (in.containsKey("harmonizedCommodityCode")) {
      p.commodityCode = (String) in.get("harmonizedCommodityCode");
    }
    if (in.containsKey("harmonizedCommodityCodeDescription")) {
      p.commodityCodeDescription = (String) in.get("harmonizedCommodityCodeDescription");
    }
    if (in.containsKey("weight")) {
      Map<String, Object> weight = object(in.get("weight"), "weight");
      p.weight = weight == null ? null : Rows.decimal(weight.get("value"), "weight.value");
      p.weightUnit = weight == null || weight.get("unit") == null ? null : weight.get("unit").toString();
    }
  }

  private static Long refId(Object ref, String field) {
    Map<String, Object> m = object(ref, field);
    return m == null || m.get("id") == null ? null : Rows.toLong(m.get("id"), field + ".id");
  }

  private Map<String, Object> createProductVariant(Map<String, Object> in) {
    Long productId = refId(in.get("product"), "product");
    Product p = productId == null ? null : products.get(productId);
    List<Object> errors = new ArrayList<>();
    if (p == null) {
      errors.add(userError("Product not found", "input", "product"));
    }
    if (in.get("name") == null) {
      errors.add(userError("name is required", "input", "name"));
    }
    List<Map<String, Object>> sizeInputs = objects(in.get("productSizes"), "productSizes");
    for (int i = 0; i < sizeInputs.size(); i++) {
      sizeError(sizeInputs.get(i), null).ifPresent(m -> errors.add(userError(m, "input", "productSizes")));
    }
    if (!errors.isEmpty()) {
      return payload("productVariant", null, errors, List.of());
    }
    Variant v = new Variant();
    v.id = id();
    v.product = p;
    v.name = in.get("name").toString();
    v.variantNumber = (String) in.get("variantNumber");
    if (in.get("status") != null) {
      v.status = in.get("status").toString();
    }
    p.variants.add(v);
    variants.put(v.id, v);
    sizeInputs.forEach(si -> addSize(v, si));
    return payload("productVariant", variantJson(v, true), List.of(), List.of());
  }

  private Map<String, Object> createProductSize(Map<String, Object> in) {
    Long variantId = refId(in.get("productVariant"), "productVariant");
    Variant v = variantId == null ? null : variants.get(variantId);
    if (v == null) {
      return payload("productSize", null, List.of(userError("Product variant not found", "input", "productVariant")), List.of());
    }
    Optional<String> error = sizeError(in, v);
    if (error.isPresent()) {
      return payload("productSize", null, List.of(userError(error.get(), "input", "size")), List.of());
    }
    return payload("productSize", sizeJson(addSize(v, in)), List.of(), List.of());
  }

  /** Why a size input cannot be created on {@code v} (null: a new variant), if it cannot. */
  private Optional<String> sizeError(Map<String, Object> in, Variant v) {
    Map<String, Object> size = object(in.get("size"), "size");
    Long chartId = size == null ? null : chartSizeId(size);
    if (chartId == null) {
      return Optional.of("Size not found in the size chart " + chartSizeIds.keySet());
    }
    if (in.get("isActive") == null) {
      return Optional.of("isActive is required");
    }
    if (v != null && v.sizes.stream().anyMatch(s -> s.sizeId == chartId)) {
      return Optional.of("Variant " + v.id + " already has size " + chartId);
    }
    return Optional.empty();
  }

  private Long chartSizeId(Map<String, Object> size) {
    if (size.get("id") != null) {
      long id = Rows.toLong(size.get("id"), "size.id");
      return chartSizeIds.containsValue(id) ? id : null;
    }
    return size.get("name") == null ? null : chartSizeIds.get(size.get("name").toString());
  }

  /** A new size; its SKU is the product, variant and size numbers joined as they are (Centra builds it so). */
  private Size addSize(Variant v, Map<String, Object> in) {
    Size s = new Size();
    s.id = id();
    s.sizeId = chartSizeId(object(in.get("size"), "size"));
    s.name = chartSizeIds.entrySet().stream().filter(e -> e.getValue() == s.sizeId).findFirst().orElseThrow().getKey();
    s.variant = v;
    s.ean = in.get("EAN") == null || in.get("EAN").toString().isEmpty() ? null : in.get("EAN").toString();
    s.sizeNumber = (String) in.get("sizeNumber");
    s.sku = nullToEmpty(v.product.productNumber) + nullToEmpty(v.variantNumber) + nullToEmpty(s.sizeNumber);
    v.sizes.add(s);
    sizes.put(s.id, s);
    sizeBySku.putIfAbsent(s.sku, s);
    return s;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private Map<String, Object> updateProductSize(long id, Map<String, Object> in) {
    Size s = sizes.get(id);
    if (s == null) {
      return payload("productSize", null, List.of(userError("Product size not found", "id")), List.of());
    }
    if (in.containsKey("EAN")) {
      // Centra: "Pass empty to unset EAN"
      s.ean = in.get("EAN") == null || in.get("EAN").toString().isEmpty() ? null : in.get("EAN").toString();
    }
    if (in.containsKey("sizeNumber")) {
      s.sizeNumber = (String) in.get("sizeNumber");
    }
    return payload("productSize", sizeJson(s), List.of(), List.of());
  }

  // ------------------------------------------------------------------ orders

  private Order orderRef(Object ref, String field) {
    Map<String, Object> m = object(ref, field);
    if (m == null) {
      throw new BadRequest("Field \"" + field + "\" of required type was not provided.");
    }
    if (m.get("id") != null) {
      return orderById.get(m.get("id").toString());
    }
    if (m.get("number") != null) {
      return orders.get((int) Rows.toLong(m.get("number"), field + ".number"));
    }
    return null;
  }

  private Map<String, Object> confirmOrder(Map<String, Object> in) {
    Order o = orderRef(in.get("order"), "order");
    if (o == null) {
      return payload("order", null, List.of(userError("Order not found", "input", "order")), List.of());
    }
    if (o.status.equals("PENDING")) {
      o.status = "CONFIRMED";
      emit("Order", "UPDATED", o);
    }
    return payload("order", orderJson(o), List.of(), List.of());
  }

  /** Puts an order on hold or releases it, as a person in the AMS would; emits an {@code Order UPDATED} event. */
  public void setOnHold(int number, boolean onHold) {
    synchronized (lock) {
      Order o = orders.get(number);
      if (o == null) {
        throw new IllegalArgumentException("no order " + number);
      }
      o.onHold = onHold;
      emit("Order", "UPDATED", o);
    }
  }

  private Map<String, Object> setOrdersLock(Map<String, Object> in) {
    boolean locked = Boolean.TRUE.equals(in.get("isLocked"));
    List<Object> result = new ArrayList<>();
    for (Map<String, Object> ref : objects(in.get("orders"), "orders")) {
      Order o = orderRef(ref, "orders");
      if (o == null) {
        return payload("orders", null, List.of(userError("Order not found", "input", "orders")), List.of());
      }
      o.isLocked = locked;
      result.add(row("id", o.id, "number", o.number, "isLocked", locked));
    }
    return payload("orders", result, List.of(), List.of());
  }

  /**
   * Cancels {@code quantity} of the line of {@code sku} that is not in a shipment yet: the line's
   * quantity drops, its cancelled quantity grows and its allocation is released.
   */
  public CentraOrder cancelLine(int orderNumber, String sku, int quantity) {
    synchronized (lock) {
      Order o = orders.get(orderNumber);
      if (o == null) {
        throw new IllegalArgumentException("unknown order " + orderNumber);
      }
      OrderLine line = o.lines.stream().filter(l -> l.size.sku.equals(sku)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("order " + orderNumber + " has no line of " + sku));
      if (quantity < 1 || quantity > line.quantity - line.inShipments) {
        throw new IllegalArgumentException("cannot cancel " + quantity + " of " + sku + ": "
            + (line.quantity - line.inShipments) + " not in a shipment");
      }
      line.quantity -= quantity;
      line.cancelledQuantity += quantity;
      int left = quantity;
      for (Map.Entry<Long, Integer> alloc : line.allocations.entrySet()) {
        int take = Math.min(left, alloc.getValue());
        line.size.stock.get(alloc.getKey())[1] -= take;
        alloc.setValue(alloc.getValue() - take);
        left -= take;
      }
      line.allocations.values().removeIf(q -> q == 0);
      emit("Order", "UPDATED", o);
      return orderSnapshot(o);
    }
  }

  public CentraOrder placeOrder(String currency, Map<String, Integer> skuQuantities) {
    return placeOrder(currency, skuQuantities, null);
  }

  /** Places a web order for the shopper with {@code email} (null: a new shopper per order). */
  public CentraOrder placeOrder(String currency, Map<String, Integer> skuQuantities, String email) {
    synchronized (lock) {
      Pricelist pl = null;
      for (Pricelist p : pricelists.values()) {
        if (p.currency.equals(currency)) {
          pl = p;
          break;
        }
      }
      if (pl == null) {
        throw new IllegalArgumentException("no pricelist in currency " + currency);
      }
      if (skuQuantities.isEmpty()) {
        throw new IllegalArgumentException("an order needs at least one line");
      }
      // Check everything first so a refused order leaves no partial allocation behind.
      for (Map.Entry<String, Integer> e : skuQuantities.entrySet()) {
        Size s = sizeBySku.get(e.getKey());
        if (s == null) {
          throw new IllegalArgumentException("unknown SKU " + e.getKey());
        }
        if (e.getValue() == null || e.getValue() < 1) {
          throw new IllegalArgumentException("quantity of " + e.getKey() + " must be at least 1");
        }
        long fta = 0;
        for (long[] st : s.stock.values()) {
          fta += st[0] - st[1];
        }
        if (fta < e.getValue()) {
          throw new IllegalStateException("not enough stock of " + e.getKey() + ": " + fta + " free to allocate, "
              + e.getValue() + " ordered");
        }
      }
      Order o = new Order();
      o.number = nextOrderNumber++;
      o.id = String.format("%032x", (long) o.number * 2654435761L);
      o.status = "CONFIRMED";
      o.createdAt = clock.instant();
      o.pricelist = pl;
      o.currency = currency;
      o.shipping = currency.equals("GBP") ? new BigDecimal("4.95") : new BigDecimal("5.95");
      o.email = email != null ? email : "shopper" + o.number + "@example.com";
      o.paymentReference = "PSP" + (8800000000L + o.number);
      for (Map.Entry<String, Integer> e : skuQuantities.entrySet()) {
        Size s = sizeBySku.get(e.getKey());
        OrderLine l = new OrderLine();
        l.id = id();
        l.size = s;
        l.quantity = e.getValue();
        BigDecimal variantPrice = pl.variantPrices.get(s.variant.id);
        l.unitPrice = variantPrice != null ? variantPrice : pl.productPrices.get(s.variant.product.id);
        l.taxPercent = taxPercentBySku.getOrDefault(s.sku, new BigDecimal("20"));
        int left = l.quantity;
        for (Map.Entry<Long, long[]> st : s.stock.entrySet()) {
          int take = (int) Math.min(left, st.getValue()[0] - st.getValue()[1]);
          if (take > 0) {
            st.getValue()[1] += take;
            l.allocations.merge(st.getKey(), take, Integer::sum);
            left -= take;
          }
        }
        o.lines.add(l);
      }
      orders.put(o.number, o);
      orderById.put(o.id, o);
      emit("Order", "CREATED", o);
      return orderSnapshot(o);
    }
  }

  // ------------------------------------------------------------------ shipments

  private Map<String, Object> createShipment(Map<String, Object> in) {
    Order o = orderRef(in.get("order"), "order");
    if (o == null) {
      return payload("shipment", null, List.of(userError("Order not found", "input", "order")), List.of());
    }
    List<Object> errors = new ArrayList<>();
    List<Object[]> planned = new ArrayList<>();
    for (Map<String, Object> line : objects(in.get("lines"), "lines")) {
      Map<String, Object> ref = object(line.get("orderLine"), "orderLine");
      long lineId = ref == null ? -1 : Rows.toLong(ref.get("id"), "orderLine.id");
      OrderLine ol = o.lines.stream().filter(l -> l.id == lineId).findFirst().orElse(null);
      int qty = (int) Rows.toLong(line.get("quantity"), "quantity");
      if (ol == null) {
        errors.add(userError("Order line " + lineId + " does not belong to order " + o.number, "input", "lines"));
      } else if (qty < 1 || ol.inShipments + qty > ol.quantity) {
        errors.add(userError("Quantity " + qty + " for line " + lineId + " exceeds the " + (ol.quantity - ol.inShipments)
            + " not yet in a shipment", "input", "lines"));
      } else {
        planned.add(new Object[] {ol, qty});
      }
    }
    if (planned.isEmpty() && errors.isEmpty()) {
      errors.add(userError("A shipment needs at least one line", "input", "lines"));
    }
    if (!errors.isEmpty()) {
      return payload("shipment", null, errors, List.of());
    }
    Shipment s = new Shipment();
    s.id = id();
    s.number = o.number + "-" + (shipmentsOf(o).size() + 1);
    s.order = o;
    s.goodToGo = !Boolean.FALSE.equals(in.get("isGoodToGo"));
    s.paid = Boolean.TRUE.equals(in.get("isPaid"));
    s.createdAt = clock.instant();
    s.additionalMessage = (String) in.get("additionalMessage");
    for (Object[] p : planned) {
      ShipmentLine sl = new ShipmentLine();
      sl.id = id();
      sl.orderLine = (OrderLine) p[0];
      sl.quantity = (Integer) p[1];
      sl.orderLine.inShipments += sl.quantity;
      s.lines.add(sl);
    }
    if (Boolean.TRUE.equals(in.get("capture"))) {
      s.captured = true;
      s.paid = true;
      s.capturedAt = s.createdAt;
    }
    shipments.put(s.id, s);
    o.status = "PROCESSING";
    emit("Shipment", "CREATED", s);
    return payload("shipment", shipmentJson(s), List.of(), List.of());
  }

  private Map<String, Object> completeShipment(long id, Map<String, Object> in) {
    Shipment s = shipments.get(id);
    if (s == null) {
      return payload("shipment", null, List.of(userError("Shipment not found", "id")), List.of());
    }
    if (s.shipped) {
      return payload("shipment", null, List.of(userError("Shipment " + s.number + " is already completed", "id")), List.of());
    }
    Map<String, Object> input = in == null ? Map.of() : in;
    Instant shippedAt = input.get("shippedAt") == null || "now".equals(input.get("shippedAt")) ? clock.instant()
        : dateTime(input.get("shippedAt"), "shippedAt");
    if (shippedAt.isAfter(clock.instant())) {
      return payload("shipment", null, List.of(userError("shippedAt cannot be in the future", "input", "shippedAt")), List.of());
    }
    for (ShipmentLine sl : s.lines) {
      int left = sl.quantity;
      OrderLine ol = sl.orderLine;
      // Shipped goods leave the warehouses they were allocated from: physical and allocated both drop.
      for (Map.Entry<Long, Integer> alloc : ol.allocations.entrySet()) {
        int take = Math.min(left, alloc.getValue());
        if (take > 0) {
          long[] st = ol.size.stock.get(alloc.getKey());
          st[0] -= take;
          st[1] -= take;
          alloc.setValue(alloc.getValue() - take);
          sl.fromWarehouses.merge(alloc.getKey(), take, Integer::sum);
          left -= take;
        }
      }
      if (left > 0) {
        // Unallocated demand ships from the first warehouse holding it, never below zero.
        for (Map.Entry<Long, long[]> st : ol.size.stock.entrySet()) {
          int take = (int) Math.min(left, st.getValue()[0] - st.getValue()[1]);
          if (take > 0) {
            st.getValue()[0] -= take;
            sl.fromWarehouses.merge(st.getKey(), take, Integer::sum);
            left -= take;
          }
        }
      }
      ol.allocations.values().removeIf(q -> q == 0);
      ol.shippedQuantity += sl.quantity;
    }
    s.shipped = true;
    s.shippedAt = shippedAt;
    Map<String, Object> info = object(input.get("shipmentInfo"), "shipmentInfo");
    if (info != null) {
      s.carrier = (String) info.get("carrier");
      s.service = (String) info.get("service");
      s.trackingNumber = (String) info.get("trackingNumber");
      s.returnTrackingNumber = (String) info.get("returnTrackingNumber");
      s.packages = info.get("packagesNumber") == null ? null : (int) Rows.toLong(info.get("packagesNumber"), "packagesNumber");
    }
    Order o = s.order;
    boolean allShipped = o.lines.stream().allMatch(l -> l.shippedQuantity >= l.quantity);
    boolean allPaid = shipmentsOf(o).stream().allMatch(x -> x.paid);
    if (allShipped && allPaid) {
      o.status = "SHIPPED";
      emit("Order", "COMPLETED", o);
    }
    emit("Shipment", "COMPLETED", s);
    return payload("shipment", shipmentJson(s), List.of(), List.of());
  }

  private Map<String, Object> captureShipment(long id) {
    Shipment s = shipments.get(id);
    if (s == null) {
      return payload("shipment", null, List.of(userError("Shipment not found", "id")), List.of());
    }
    if (s.captured) {
      return payload("shipment", null, List.of(userError("Shipment " + s.number + " is already captured", "id")), List.of());
    }
    s.captured = true;
    s.paid = true;
    s.capturedAt = clock.instant();
    Map<String, Object> p = payload("shipment", shipmentJson(s), List.of(), List.of());
    p.put("paymentHistoryEntry", row("id", id(), "createdAt", s.capturedAt, "status", "SUCCESS", "entryType", "CAPTURE",
        "externalReference", s.order.paymentReference, "value", shipmentJson(s).get("grandTotal")));
    emit("Shipment", "UPDATED", s);
    return p;
  }

  private Map<String, Object> updateShipment(long id, Map<String, Object> in) {
    Shipment s = shipments.get(id);
    if (s == null) {
      return payload("shipment", null, List.of(userError("Shipment not found", "id")), List.of());
    }
    if (in.containsKey("isPaid")) {
      s.paid = Boolean.TRUE.equals(in.get("isPaid"));
    }
    if (in.containsKey("isGoodToGo")) {
      s.goodToGo = Boolean.TRUE.equals(in.get("isGoodToGo"));
    }
    Map<String, Object> info = object(in.get("shipmentInfo"), "shipmentInfo");
    if (info != null) {
      s.trackingNumber = (String) info.getOrDefault("trackingNumber", s.trackingNumber);
      s.carrier = (String) info.getOrDefault("carrier", s.carrier);
    }
    Order o = s.order;
    if (s.shipped && o.lines.stream().allMatch(l -> l.shippedQuantity >= l.quantity)
        && shipmentsOf(o).stream().allMatch(x -> x.paid) && !o.status.equals("SHIPPED")) {
      o.status = "SHIPPED";
      emit("Order", "COMPLETED", o);
    }
    emit("Shipment", "UPDATED", s);
    return payload("shipment", shipmentJson(s), List.of(), List.of());
  }

  // ------------------------------------------------------------------ returns

  private Map<String, Object> createReturn(Map<String, Object> in) {
    Map<String, Object> ref = object(in.get("shipment"), "shipment");
    Shipment s = ref == null ? null : shipments.get(Rows.toLong(ref.get("id"), "shipment.id"));
    if (s == null) {
      return payload("return", null, List.of(userError("Shipment not found", "input", "shipment")), List.of());
    }
    if (!s.shipped) {
      return payload("return", null, List.of(userError("Shipment " + s.number + " is not shipped yet", "input", "shipment")),
          List.of());
    }
    List<Object> errors = new ArrayList<>();
    Return r = new Return();
    for (Map<String, Object> line : objects(in.get("lines"), "lines")) {
      Map<String, Object> slRef = object(line.get("shipmentLine"), "shipmentLine");
      ShipmentLine sl = slRef == null ? null : shipmentLine(s, Rows.toLong(slRef.get("id"), "shipmentLine.id"));
      int qty = (int) Rows.toLong(line.get("quantity"), "quantity");
      if (sl == null || qty < 1 || sl.returned + qty > sl.quantity) {
        errors.add(userError("Invalid return line (shipment line not found or quantity above what was shipped)", "input", "lines"));
        continue;
      }
      r.lines.add(new long[] {0, sl.id, qty});
    }
    if (r.lines.isEmpty() && errors.isEmpty()) {
      errors.add(userError("A return needs at least one line", "input", "lines"));
    }
    if (!errors.isEmpty()) {
      return payload("return", null, errors, List.of());
    }
    r.id = id();
    r.shipment = s;
    r.createdAt = clock.instant();
    r.comment = (String) in.get("comment");
    Map<String, Object> shippingCost = object(in.get("shippingCost"), "shippingCost");
    if (shippingCost != null && shippingCost.get("value") instanceof Map) {
      r.shippingRefund = new BigDecimal(String.valueOf(((Map<?, ?>) shippingCost.get("value")).get("value")));
    }
    Map<String, Object> policy = object(in.get("returnStockActionPolicy"), "returnStockActionPolicy");
    r.releaseToWarehouse = policy == null || Boolean.TRUE.equals(policy.get("releaseItemsBackToWarehouse"));
    for (long[] l : r.lines) {
      l[0] = id();
      ShipmentLine sl = shipmentLine(s, l[1]);
      sl.returned += (int) l[2];
      sl.orderLine.returnedQuantity += (int) l[2];
    }
    returns.put(r.id, r);
    emit("Return", "CREATED", r);
    return payload("return", returnJson(r), List.of(), List.of());
  }

  public void setTaxPercent(String sku, BigDecimal percent) {
    synchronized (lock) {
      if (!sizeBySku.containsKey(sku)) {
        throw new IllegalArgumentException("unknown SKU " + sku);
      }
      taxPercentBySku.put(sku, percent);
    }
  }

  private Map<String, Object> completeReturn(long id) {
    Return r = returns.get(id);
    if (r == null) {
      return payload("return", null, List.of(userError("Return not found", "id")), List.of());
    }
    if (r.completedAt != null) {
      return payload("return", null, List.of(userError("Return " + id + " is already completed", "id")), List.of());
    }
    r.completedAt = clock.instant();
    r.status = "COMPLETED";
    // Completing a D2C return refunds the shopper through the PSP: the returned goods plus any shipping refund.
    BigDecimal goods = BigDecimal.ZERO;
    for (long[] l : r.lines) {
      goods = goods.add(shipmentLine(r.shipment, l[1]).orderLine.unitPrice.multiply(BigDecimal.valueOf(l[2])));
    }
    r.refunded = goods.add(r.shippingRefund);
    if (r.releaseToWarehouse) {
      for (long[] l : r.lines) {
        ShipmentLine sl = shipmentLine(r.shipment, l[1]);
        long wid = sl.fromWarehouses.isEmpty() ? warehouses.keySet().iterator().next()
            : sl.fromWarehouses.keySet().iterator().next();
        sl.orderLine.size.stock.computeIfAbsent(wid, k -> new long[2])[0] += l[2];
      }
    }
    emit("Return", "COMPLETED", r);
    return payload("return", returnJson(r), List.of(), List.of());
  }

  // ------------------------------------------------------------------ events

  private Map<String, Object> setEventListeners(Object input) {
    for (Map<String, Object> l : objects(input, "input")) {
      String type = String.valueOf(l.get("objectType"));
      boolean fresh = !listeners.containsKey(type);
      Set<String> changes = listeners.computeIfAbsent(type, k -> new HashSet<>());
      Set<String> wanted = stringSet(l.get("changeTypes"));
      if (wanted.isEmpty()) {
        changes.clear(); // an empty set means every change type
      } else if (fresh || !changes.isEmpty()) {
        changes.addAll(wanted);
      }
    }
    return payload("eventListeners", eventListenersJson(), List.of(), List.of());
  }

  private Map<String, Object> unsetEventListeners(Object input) {
    for (Map<String, Object> l : objects(input, "input")) {
      String type = String.valueOf(l.get("objectType"));
      listeners.remove(type);
      // Centra deletes queued events of the removed types.
      events.values().removeIf(e -> e.objectType.equals(type));
    }
    return payload("eventListeners", eventListenersJson(), List.of(), List.of());
  }

  private List<Object> eventListenersJson() {
    List<Object> out = new ArrayList<>();
    listeners.forEach((type, changes) -> out.add(row("objectType", type, "changeTypes",
        changes.isEmpty() ? List.of("CREATED", "UPDATED", "DELETED", "COMPLETED", "DEPENDENT_DATA_CHANGED")
            : new ArrayList<>(changes))));
    return out;
  }

  private void emit(String objectType, String changeType, Object subject) {
    Set<String> changes = listeners.get(objectType);
    if (changes == null || (!changes.isEmpty() && !changes.contains(changeType))) {
      return;
    }
    Event e = new Event();
    e.id = id();
    e.objectType = objectType;
    e.changeType = changeType;
    e.createdAt = clock.instant();
    e.subject = subject;
    e.objectReference = subject instanceof Order ? String.valueOf(((Order) subject).number)
        : subject instanceof Shipment ? String.valueOf(((Shipment) subject).id) : String.valueOf(((Return) subject).id);
    events.put(e.id, e);
  }

  private List<Object> events(Map<String, Object> where, Map<String, Object> a) {
    Map<String, Object> w = where == null ? Map.of() : where;
    Set<String> types = stringSet(w.get("objectType"));
    Set<String> changes = stringSet(w.get("changeType"));
    int limit = a.get("limit") == null ? 20 : (int) Rows.toLong(a.get("limit"), "limit");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadRequest("Limit must be in range 1 - " + MAX_LIMIT);
    }
    List<Object> out = new ArrayList<>();
    for (Event e : events.values()) {
      if (out.size() >= limit) {
        break;
      }
      if ((types.isEmpty() || types.contains(e.objectType)) && (changes.isEmpty() || changes.contains(e.changeType))) {
        // object is the current state, not a snapshot from when the event fired (as in Centra).
        Object current = e.subject instanceof Order ? orderJson((Order) e.subject)
            : e.subject instanceof Shipment ? shipmentJson((Shipment) e.subject) : returnJson((Return) e.subject);
        out.add(row("id", e.id, "objectType", e.objectType, "changeType", e.changeType,
            "objectReference", e.objectReference, "createdAt", e.createdAt, "store", row("id", 1, "name", "Web"),
            "market", ((Map<?, ?>) current).get("market") != null ? ((Map<?, ?>) current).get("market")
                : marketOf(e.subject instanceof Shipment ? ((Shipment) e.subject).order : ((Return) e.subject).shipment.order),
            "object", current));
      }
    }
    return out;
  }

  private Map<String, Object> confirmEvents(Map<String, Object> in) {
    Object ids = in.get("eventsIds");
    if (ids == null) {
      ids = in.get("eventIds");
    }
    List<Object> warnings = new ArrayList<>();
    for (String id : stringSet(ids)) {
      if (events.remove(Long.parseLong(id)) == null) {
        warnings.add(userError("Event " + id + " is not queued (already confirmed?)", "input", "eventsIds"));
      }
    }
    Map<String, Object> p = payload("confirmed", true, List.of(), warnings);
    return p;
  }

  /** A merchandiser's edit: the SKU of one size. */
  public void changeSku(String sku, String newSku) {
    synchronized (lock) {
      if (sizeBySku.containsKey(newSku)) {
        throw new IllegalArgumentException("SKU " + newSku + " is already on another size");
      }
      Size s = sizeBySku.remove(sku);
      if (s == null) {
        throw new IllegalArgumentException("unknown SKU " + sku);
      }
      s.sku = newSku;
      sizeBySku.put(newSku, s);
    }
  }

  /**
   * A merchandiser's edit in the admin of one product field of the product {@code sku} belongs to:
   * {@code name}, {@code status}, {@code weight} (kilograms), {@code countryOfOrigin},
   * {@code harmonizedCommodityCode}; or of the size's {@code EAN}.
   */
  public void editProduct(String sku, String field, String value) {
    synchronized (lock) {
      Size s = sizeBySku.get(sku);
      if (s == null) {
        throw new IllegalArgumentException("unknown SKU " + sku);
      }
      Product p = s.variant.product;
      switch (field) {
        case "name":
          p.name = value;
          break;
        case "status":
          if (!PRODUCT_STATUSES.contains(value)) {
            throw new IllegalArgumentException("status must be one of " + PRODUCT_STATUSES + ", was " + value);
          }
          p.status = value;
          break;
        case "weight":
          p.weight = value == null ? null : new BigDecimal(value);
          p.weightUnit = value == null ? null : "KG";
          break;
        case "countryOfOrigin":
          p.countryOfOrigin = value;
          break;
        case "harmonizedCommodityCode":
          p.commodityCode = value;
          break;
        case "EAN":
          s.ean = value;
          break;
        default:
          throw new IllegalArgumentException("unknown product field " + field
              + "; use name, status, weight, countryOfOrigin, harmonizedCommodityCode or EAN");
      }
    }
  }

  /** Every size of the catalogue with its variant's and product's fields, by product id then size id. */
  public List<CentraCatalogItem> catalogItems() {
    synchronized (lock) {
      List<CentraCatalogItem> out = new ArrayList<>();
      for (Product p : products.values()) {
        for (Variant v : p.variants) {
          for (Size s : v.sizes) {
            out.add(new CentraCatalogItem(p.id, p.productNumber, p.name, p.status, p.weight,
                p.countryOfOrigin, p.commodityCode, v.id, v.variantNumber, v.name, s.id, s.sku, s.ean, s.sizeNumber, s.name));
          }
        }
      }
      return out;
    }
  }

  /** A merchandiser's edit: the name of the product {@code sku} belongs to. */
  public void renumberShipment(long shipmentId, String number) {
    synchronized (lock) {
      Shipment s = shipments.get(shipmentId);
      if (s == null) {
        throw new IllegalArgumentException("unknown shipment " + shipmentId);
      }
      s.number = number;
    }
  }

  public void renameProduct(String sku, String name) {
    synchronized (lock) {
      Size s = sizeBySku.get(sku);
      if (s == null) {
        throw new IllegalArgumentException("unknown SKU " + sku);
      }
      s.variant.product.name = name;
    }
  }

  // ------------------------------------------------------------------ inspection (Java API)

  public CentraStock stock(String sku, String warehouse) {
    synchronized (lock) {
      Size s = sizeBySku.get(sku);
      if (s == null) {
        throw new IllegalArgumentException("unknown SKU " + sku);
      }
      Warehouse w = warehouseByName.get(warehouse);
      if (w == null) {
        throw new IllegalArgumentException("unknown warehouse " + warehouse + "; known: " + warehouseByName.keySet());
      }
      long[] st = s.stock.getOrDefault(w.id, new long[2]);
      return new CentraStock(sku, warehouse, BigDecimal.valueOf(st[0]), BigDecimal.valueOf(st[1]),
          BigDecimal.valueOf(st[0] - st[1]));
    }
  }

  public List<CentraShipment> shipments(int orderNumber) {
    synchronized (lock) {
      Order o = orders.get(orderNumber);
      if (o == null) {
        throw new IllegalArgumentException("unknown order " + orderNumber);
      }
      List<CentraShipment> out = new ArrayList<>();
      for (Shipment s : shipmentsOf(o)) {
        Map<String, Integer> q = new LinkedHashMap<>();
        for (ShipmentLine l : s.lines) {
          q.merge(l.orderLine.size.sku, l.quantity, Integer::sum);
        }
        out.add(new CentraShipment(s.id, s.number, o.number, s.goodToGo, s.paid, s.shipped, s.captured, s.trackingNumber,
            s.carrier, s.shippedAt, q));
      }
      return out;
    }
  }

  public List<CentraOrder> orders() {
    synchronized (lock) {
      return orders.values().stream().map(this::orderSnapshot).collect(Collectors.toList());
    }
  }

  private CentraOrder orderSnapshot(Order o) {
    List<CentraOrder.Line> lines = new ArrayList<>();
    for (OrderLine l : o.lines) {
      lines.add(new CentraOrder.Line(l.id, l.size.sku, l.quantity, l.unitPrice, l.taxPercent,
          l.unitPrice.multiply(BigDecimal.valueOf(l.quantity))));
    }
    return new CentraOrder(o.id, o.number, o.status, o.currency, o.createdAt, lines, o.shipping,
        linesTotal(o).add(o.shipping));
  }

  public int queuedEvents() {
    synchronized (lock) {
      return events.size();
    }
  }

  public Map<String, Long> ids(String kind) {
    synchronized (lock) {
      Map<String, Long> out = new TreeMap<>();
      switch (kind) {
        case "warehouse":
          warehouseByName.forEach((n, w) -> out.put(n, w.id));
          break;
        case "pricelist":
          pricelists.values().forEach(p -> out.put(p.currency, p.id));
          break;
        case "variant":
          sizeBySku.forEach((sku, s) -> out.put(sku, s.variant.id));
          break;
        case "product":
          sizeBySku.forEach((sku, s) -> out.put(sku, s.variant.product.id));
          break;
        default:
          throw new IllegalArgumentException("unknown id kind " + kind + "; use warehouse, pricelist, variant or product");
      }
      return out;
    }
  }
}
