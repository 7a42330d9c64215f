package io.github.centrasage.sandbox.internal;

import static io.github.centrasage.sandbox.internal.Rows.object;
import static io.github.centrasage.sandbox.internal.Rows.row;

import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.SandboxCatalog;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The Centra sandbox's state (catalogue, warehouses and stock, pricelists, orders, shipments,
 * returns, events, ID conversions), the argument helpers and the JSON renderings every domain
 * shares. The domains add their data fetchers in a chain of subclasses ending in
 * {@link CentraEmulator}; one monitor ({@link #lock}) guards all state.
 */
abstract class CentraState {
  static final BigDecimal HUNDRED = new BigDecimal("100");
  static final int MAX_LIMIT = 200;

  final Object lock = new Object();
  final String token;
  final Clock clock;
  final String ftaQuantityType;

  // --- catalogue
  final Map<Long, Product> products = new TreeMap<>();
  final Map<Long, Variant> variants = new HashMap<>();
  final Map<Long, Size> sizes = new HashMap<>();
  final Map<String, Size> sizeBySku = new HashMap<>();
  final Map<Long, Warehouse> warehouses = new TreeMap<>();
  final Map<String, Warehouse> warehouseByName = new HashMap<>();
  final Map<Long, Pricelist> pricelists = new TreeMap<>();
  // --- orders and fulfilment
  final Map<Integer, Order> orders = new TreeMap<>();
  final Map<String, Order> orderById = new HashMap<>();
  final Map<Long, Shipment> shipments = new TreeMap<>();
  final Map<Long, Return> returns = new TreeMap<>();
  /** VAT rates other than the standard 20% (children's clothing, books), for orders placed afterwards. */
  final Map<String, BigDecimal> taxPercentBySku = new HashMap<>();
  // --- events: listeners per object type (empty set = every change type), queue in id order
  final Map<String, Set<String>> listeners = new LinkedHashMap<>();
  final Map<Long, Event> events = new TreeMap<>();
  /** "objectType|internalId" → externalId, the per-integration ID conversion table. */
  final Map<String, String> idConversions = new TreeMap<>();
  /** The one size chart: size name → size id. */
  final Map<String, Long> chartSizeIds = new LinkedHashMap<>();

  long nextId = 1;
  int nextOrderNumber = 100001;

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
    /** Whether the size may be sold ({@code isActive}). */
    boolean active = true;
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

  CentraState(String token, Clock clock, SandboxCatalog catalog, String ftaQuantityType) {
    this.token = token;
    this.clock = clock;
    this.ftaQuantityType = ftaQuantityType;
    seed(catalog);
  }

  long id() {
    return nextId++;
  }

  void seed(SandboxCatalog catalog) {
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

  Pricelist pricelist(String name, String currency) {
    Pricelist p = new Pricelist();
    p.id = id();
    p.name = name;
    p.currency = currency;
    pricelists.put(p.id, p);
    return p;
  }

  static Map<String, Object> input(Map<String, Object> a) {
    Map<String, Object> in = object(a.get("input"), "input");
    if (in == null) {
      throw new BadRequest("Argument \"input\" of required type was not provided.");
    }
    return in;
  }

  static long longArg(Map<String, Object> a, String name) {
    Object v = a.get(name);
    if (v == null) {
      throw new BadRequest("Argument \"" + name + "\" of required type was not provided.");
    }
    return Rows.toLong(v, name);
  }

  <T> List<Object> page(List<T> all, Map<String, Object> a, java.util.function.Function<T, Object> render) {
    long[] range = pageRange(a);
    List<Object> out = new ArrayList<>();
    for (long i = range[0]; i < Math.min(all.size(), range[1]); i++) {
      out.add(render.apply(all.get((int) i)));
    }
    return out;
  }

  /** The rows [from, to) that the {@code limit} and {@code page} arguments ask for, validated like Centra. */
  static long[] pageRange(Map<String, Object> a) {
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

  static Map<String, Object> payload(String key, Object value, List<Object> errors, List<Object> warnings) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(key, errors.isEmpty() ? value : null);
    p.put("userErrors", errors);
    p.put("userWarnings", warnings);
    return p;
  }

  static Map<String, Object> userError(String message, Object... path) {
    return row("message", message, "path", List.of(path));
  }

  // ------------------------------------------------------------------ JSON renderings

  static Map<String, Object> money(BigDecimal value, String currency) {
    BigDecimal v = value.setScale(2, RoundingMode.HALF_UP);
    return row("value", v, "currency", row("id", currency.equals("GBP") ? 1 : 2, "code", currency),
        "conversionRate", currency.equals("GBP") ? BigDecimal.ONE : new BigDecimal("0.854700"),
        "formattedValue", (currency.equals("GBP") ? "£" : "€") + v.toPlainString());
  }

  Map<String, Object> sizeJson(Size s) {
    long physical = 0;
    long allocated = 0;
    for (long[] st : s.stock.values()) {
      physical += st[0];
      allocated += st[1];
    }
    return row("id", s.id, "SKU", s.sku, "EAN", s.ean, "GTIN", s.ean, "UPC", null, "sizeNumber", s.sizeNumber,
        "description", s.variant.product.name + " " + s.variant.name + " " + s.name, "preorder", false,
        "size", row("id", s.sizeId, "name", s.name), "productVariant", row("id", s.variant.id),
        "isActive", s.active, "stockTotals", row("physicalQuantity", physical, "allocatedQuantity", allocated,
            "availableQuantity", physical - allocated, "freeToAllocateQuantity", physical - allocated,
            "demandQuantity", 0, "unshippedQuantity", allocated, "onDeliveryQuantity", 0,
            "linkedIncomingQuantity", 0, "unlinkedIncomingQuantity", 0));
  }

  Map<String, Object> variantJson(Variant v, boolean withSizes) {
    Map<String, Object> m = row("id", v.id, "name", v.name, "variantNumber", v.variantNumber, "status", v.status,
        "product", row("id", v.product.id, "name", v.product.name));
    if (withSizes) {
      m.put("productSizes", v.sizes.stream().map(this::sizeJson).collect(Collectors.toList()));
    }
    return m;
  }

  Map<String, Object> productJson(Product p, boolean deep) {
    return row("id", p.id, "name", p.name, "productNumber", p.productNumber, "status", p.status,
        "brand", p.brandId == null ? null : row("id", p.brandId, "name", p.brandId == 1L ? "Sandbox Studio" : "Brand " + p.brandId),
        "collection", p.collectionId == null ? null : row("id", p.collectionId, "name", "Collection " + p.collectionId),
        "folder", p.folderId == null ? null : row("id", p.folderId, "name", "Folder " + p.folderId),
        "countryOfOrigin", p.countryOfOrigin == null ? null : row("code", p.countryOfOrigin, "name", p.countryOfOrigin),
        "harmonizedCommodityCode", p.commodityCode, "harmonizedCommodityCodeDescription", p.commodityCodeDescription,
        "weight", p.weight == null ? null : row("value", p.weight, "unit", p.weightUnit),
        "variants", p.variants.stream().map(v -> variantJson(v, deep)).collect(Collectors.toList()));
  }

  Map<String, Object> warehouseJson(Warehouse w, boolean withStock) {
    return withStock ? warehouseJson(w, 0, Long.MAX_VALUE) : warehouseJson(w, 0, 0);
  }

  /** The warehouse with its stock rows {@code from} (inclusive) to {@code to} (exclusive), in catalogue order. */
  Map<String, Object> warehouseJson(Warehouse w, long from, long to) {
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

  Map<String, Object> pricelistJson(Pricelist p) {
    return row("id", p.id, "name", p.name, "status", "ACTIVE",
        "currency", row("code", p.currency, "name", p.currency.equals("GBP") ? "Pound Sterling" : "Euro"),
        "store", row("id", 1, "type", "DIRECT_TO_CONSUMER"));
  }

  BigDecimal linesTotal(Order o) {
    BigDecimal total = BigDecimal.ZERO;
    for (OrderLine l : o.lines) {
      total = total.add(l.unitPrice.multiply(BigDecimal.valueOf(l.quantity)));
    }
    return total;
  }

  static BigDecimal includedTax(BigDecimal gross, BigDecimal percent) {
    return gross.multiply(percent).divide(HUNDRED.add(percent), 2, RoundingMode.HALF_UP);
  }

  static Map<String, Object> marketOf(Order o) {
    return o.currency.equals("GBP") ? row("id", 1, "name", "UK") : row("id", 2, "name", "EU");
  }

  Map<String, Object> orderJson(Order o) {
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

  List<Shipment> shipmentsOf(Order o) {
    List<Shipment> out = new ArrayList<>();
    for (Shipment s : shipments.values()) {
      if (s.order == o) {
        out.add(s);
      }
    }
    return out;
  }

  Map<String, Object> shipmentJson(Shipment s) {
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

  Map<String, Object> returnJson(Return r) {
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

  static ShipmentLine shipmentLine(Shipment s, long id) {
    for (ShipmentLine l : s.lines) {
      if (l.id == id) {
        return l;
      }
    }
    return null;
  }

  static Set<String> stringSet(Object v) {
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

  CentraOrder orderSnapshot(Order o) {
    List<CentraOrder.Line> lines = new ArrayList<>();
    for (OrderLine l : o.lines) {
      lines.add(new CentraOrder.Line(l.id, l.size.sku, l.quantity, l.unitPrice, l.taxPercent,
          l.unitPrice.multiply(BigDecimal.valueOf(l.quantity))));
    }
    return new CentraOrder(o.id, o.number, o.status, o.currency, o.createdAt, lines, o.shipping,
        linesTotal(o).add(o.shipping));
  }
}
