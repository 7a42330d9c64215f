package io.github.centrasage.sandbox.internal;

import static io.github.centrasage.sandbox.internal.Rows.object;
import static io.github.centrasage.sandbox.internal.Rows.row;

import io.github.centrasage.sandbox.SandboxCatalog;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Read-side fetchers: order, product and price filters, {@code orderConnection}, currencies. */
abstract class CentraReads extends CentraEventQueue {
  CentraReads(String token, Clock clock, SandboxCatalog catalog, String ftaQuantityType) {
    super(token, clock, catalog, ftaQuantityType);
  }

  // ------------------------------------------------------------------ queries

  Order findOrder(Map<String, Object> a) {
    if (a.get("id") != null) {
      return orderById.get(a.get("id").toString());
    }
    if (a.get("number") != null) {
      return orders.get((int) Rows.toLong(a.get("number"), "number"));
    }
    throw new BadRequest("Argument \"id\" of required type \"String!\" was not provided.");
  }

  static Instant dateTime(Object v, String field) {
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

  List<Order> filterOrders(Map<String, Object> where) {
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

  List<Shipment> filterShipments(Map<String, Object> where) {
    Map<String, Object> w = where == null ? Map.of() : where;
    Set<String> orderNumbers = stringSet(w.get("orderNumber"));
    Set<String> ids = stringSet(w.get("id"));
    return select(shipments.values(), s -> wanted(orderNumbers, s.order.number) && wanted(ids, s.id));
  }

  List<Product> filterProducts(Map<String, Object> where) {
    Map<String, Object> w = where == null ? Map.of() : where;
    Set<String> ids = stringSet(w.get("id"));
    Set<String> numbers = stringSet(w.get("productNumber"));
    return select(products.values(), p -> wanted(ids, p.id) && wanted(numbers, p.productNumber));
  }

  /** An absent filter (empty set) matches everything; otherwise the value must be one of the set. */
  static boolean wanted(Set<String> filter, Object value) {
    return filter.isEmpty() || filter.contains(String.valueOf(value));
  }

  static <T> List<T> select(Collection<T> items, java.util.function.Predicate<T> keep) {
    List<T> out = new ArrayList<>();
    for (T item : items) {
      if (keep.test(item)) {
        out.add(item);
      }
    }
    return out;
  }

  List<Object> prices(Map<String, Object> where) {
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

  List<Object> currencies(Map<String, Object> where) {
    List<Object> out = new ArrayList<>();
    Object isBase = where == null ? null : where.get("isBase");
    for (Object[] c : new Object[][] {{1, "GBP", "Pound Sterling", true}, {2, "EUR", "Euro", false}}) {
      if (isBase == null || isBase.equals(c[3])) {
        out.add(row("id", c[0], "code", c[1], "name", c[2], "isBase", c[3]));
      }
    }
    return out;
  }

  static List<Object> rateLimits() {
    List<Object> out = new ArrayList<>();
    for (Object[] r : new Object[][] {{"REQUEST_COUNT", "TEN_SECONDS", 60}, {"REQUEST_COUNT", "ONE_HOUR", 5000},
        {"MUTATION_COUNT", "TEN_SECONDS", 20}, {"MUTATION_COUNT", "ONE_HOUR", 1800},
        {"QUERY_COMPLEXITY", "TEN_SECONDS", 250000}, {"QUERY_COMPLEXITY", "ONE_HOUR", 30000000}}) {
      out.add(row("type", r[0], "intervalSeconds", r[1], "quota", r[2], "usedQuota", 0, "remainingQuota", r[2]));
    }
    return out;
  }

  Map<String, Object> orderConnection(Map<String, Object> where, Map<String, Object> a) {
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

  static String cursor(int number) {
    return java.util.Base64.getEncoder().encodeToString(("order:" + number).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static String decodeCursor(String cursor) {
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

}
