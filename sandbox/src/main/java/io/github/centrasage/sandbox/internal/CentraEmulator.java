package io.github.centrasage.sandbox.internal;

import static io.github.centrasage.sandbox.internal.Rows.object;
import static io.github.centrasage.sandbox.internal.Rows.objects;
import static io.github.centrasage.sandbox.internal.Rows.row;

import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.CentraShipment;
import io.github.centrasage.sandbox.CentraStockLevel;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sandbox.internal.HttpExchange.Answer;
import io.github.centrasage.sandbox.internal.HttpExchange.Call;
import io.github.centrasage.sandbox.internal.HttpExchange.Emulator;
import io.github.centrasage.sandbox.internal.HttpExchange.Request;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The Centra Integration API emulator: catalogue, warehouses and stock (physical / allocated /
 * free to allocate), pricelists, orders that allocate on placement, shipments that decrement
 * physical stock when completed, returns, and the per-integration event queue. Requests are parsed,
 * validated and executed by graphql-java against Centra's SDL ({@link CentraSchema}): root fields
 * render full objects and graphql-java applies the selection sets. One monitor guards all state.
 */
public final class CentraEmulator extends CentraReturnDomain implements Emulator {
  public CentraEmulator(String token, Clock clock, SandboxCatalog catalog, String ftaQuantityType) {
    super(token, clock, catalog, ftaQuantityType);
    // The names the SDL could not confirm from Centra's reference, for the CONTRACT RESULT line.
    ContractLedger.inferredNames(ContractLedger.Api.CENTRA, CentraSchema.get().inferredNames());
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
  Answer unauthorised() {
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
  final CentraSchema.Resolver resolver = new CentraSchema.Resolver() {
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

  Object resolveMutation(String name, Map<String, Object> a) {
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

  Object resolveQuery(String name, Map<String, Object> a) {
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
      case "eventListeners":
        return eventListenersJson();
      case "rateLimits":
        return rateLimits();
      case "currencies":
        return currencies(object(a.get("where"), "where"));
      default:
        throw new IllegalStateException("Query." + name + " is in the SDL but the sandbox does not emulate it");
    }
  }

  // ------------------------------------------------------------------ inspection (Java API)

  public CentraStockLevel stock(String sku, String warehouse) {
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
      return new CentraStockLevel(sku, warehouse, BigDecimal.valueOf(st[0]), BigDecimal.valueOf(st[1]),
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
