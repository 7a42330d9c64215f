package io.github.centrasage.sandbox.internal;

import static io.github.centrasage.sandbox.internal.Rows.objects;
import static io.github.centrasage.sandbox.internal.Rows.optionalLong;
import static io.github.centrasage.sandbox.internal.Rows.required;
import static io.github.centrasage.sandbox.internal.Rows.requiredDecimal;
import static io.github.centrasage.sandbox.internal.Rows.requiredLong;
import static io.github.centrasage.sandbox.internal.Rows.row;
import static io.github.centrasage.sandbox.internal.SageState.lines;

import io.github.centrasage.sandbox.SageDespatch;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SOP despatch: the lines awaiting despatch ({@code sop_confirm_despatch}), confirming a despatch
 * (stock leaves the warehouse, the order's despatch status moves), the despatch views and the
 * despatch receipts whose tracking details can be edited afterwards.
 */
final class SageDespatchRoutes extends SageRoutes {
  private final SageOrderRoutes orders;

  SageDespatchRoutes(SageState state, SageOrderRoutes orders) {
    super(state);
    this.orders = orders;
  }

  @Override
  void register(SageRouter router) {
    router.get("/sop_confirm_despatch", (rq, id) -> ok(despatchableOrders(ODataQuery.parse(rq.query()))));
    router.post("/sop_confirm_despatch", (rq, id) -> {
      Map<String, Object> body = Json.parseObject(rq.body());
      confirmDespatch(body);
      return created(body);
    });
    router.get("/sop_order_despatch_views", (rq, id) -> {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Map<String, Object> d : state.despatches.values()) {
        rows.add(despatchView(d));
      }
      // Sage's default order for this view: newest despatch first.
      Collections.reverse(rows);
      return list(rq, rows);
    });
    router.get("/sop_order_despatch_line_views", (rq, id) -> list(rq, despatchLines()));
    router.get("/sop_despatch_receipts", (rq, id) -> list(rq, despatchReceipts()));
    router.get("/sop_despatch_receipts/{id}", (rq, id) ->
        ok(despatchReceipt(state.despatches.get(SageState.requireRow(state.despatches, id, "despatch receipt")))));
    router.put("/sop_despatch_receipts/{id}", (rq, id) -> ok(updateDespatchReceipt(id, Json.parseObject(rq.body()))));
  }

  /**
   * {@code GET /sop_confirm_despatch}: one {@code sop_confirm_despatch_adjustment} per order with
   * lines to despatch, the lines in {@code items}. The filter names Sage documents for it
   * (confirmation_intent_type, trader_id, warehouse_id, document_no, document_date) select lines.
   */
  private List<Map<String, Object>> despatchableOrders(ODataQuery query) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> o : state.orders.values()) {
      Map<String, Object> customer = state.customers.get((Long) o.get("customer_id"));
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
            "warehouse_name", state.warehouseName(line), "line_quantity", qty,
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
    Map<String, Object> order = state.orders.get(orderId);
    if (order == null) {
      throw new BadRequest("The sop_order_return_id " + orderId + " is not a valid sales order.");
    }
    state.checkRecordLock(order);
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
    Instant now = state.clock.instant();
    List<Object> despatchedLines = new ArrayList<>();
    for (Map.Entry<Long, BigDecimal> w : wanted.entrySet()) {
      Map<String, Object> line = byId.get(w.getKey());
      BigDecimal q = w.getValue();
      Map<String, Object> h = state.holding((Long) line.get("product_id"), (Long) line.get("warehouse_id"));
      h.put("quantity_in_stock", ((BigDecimal) h.get("quantity_in_stock")).subtract(q));
      h.put("quantity_allocated_sop", ((BigDecimal) h.get("quantity_allocated_sop")).subtract(q));
      state.refreshHolding(h, now);
      line.put("allocated_quantity", ((BigDecimal) line.get("allocated_quantity")).subtract(q));
      line.put("despatch_receipt_quantity", ((BigDecimal) line.get("despatch_receipt_quantity")).add(q));
      despatchedLines.add(row("sop_order_line_id", line.get("id"), "item_code", line.get("code"),
          "item_description", line.get("description"), "product_id", line.get("product_id"),
          "warehouse_id", line.get("warehouse_id"), "warehouse_name", state.warehouseName(line), "quantity", q));
    }
    orders.recalculate(order, now);
    Map<String, Object> tracking = objects(body.get("tracking_items"), "tracking_items").stream().findFirst().orElse(Map.of());
    Long courierId = optionalLong(tracking, "courier_id");
    Object courierName = courierId == null || !state.couriers.containsKey(courierId) ? null
        : state.couriers.get(courierId).get("name");
    Map<String, Object> customer = state.customers.get((Long) order.get("customer_id"));
    String despatchNo = String.format("DN%08d", state.nextDespatchNo++);
    Map<String, Object> despatch = row("sop_despatch_id", null, "sop_despatch_document_no", despatchNo,
        "sop_despatch_date", SageState.dateOr(body.get("despatch_receipt_date"), now), "sop_despatch_courier_id", courierId,
        "sop_despatch_courier_name", courierName, "sop_despatch_consignment_no", tracking.get("consignment_no"),
        "sop_despatch_pieces", tracking.get("pieces"), "sop_despatch_weight", tracking.get("weight"),
        "sop_despatch_notes", tracking.get("notes"), "sop_despatch_user_name", "api",
        "sop_order_id", order.get("id"), "sop_order_document_no", order.get("document_no"),
        "sop_order_customer_document_no", order.get("customer_document_no"),
        "customer_id", customer.get("id"), "customer_reference", customer.get("reference"),
        "sop_order_document_date", order.get("document_date"),
        "customer_name", customer.get("name"), "lines", despatchedLines, "date_time_updated", now);
    long id = state.add(state.despatches, despatch);
    state.despatches.get(id).put("sop_despatch_id", id);
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
    for (Map<String, Object> d : state.despatches.values()) {
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
    for (Map<String, Object> d : state.despatches.values()) {
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
    Map<String, Object> d = state.despatches.get(SageState.requireRow(state.despatches, id, "despatch receipt"));
    if (body.containsKey("courier_id")) {
      Long courierId = optionalLong(body, "courier_id");
      if (courierId != null && !state.couriers.containsKey(courierId)) {
        throw new BadRequest("The courier_id " + courierId + " is not a valid courier.");
      }
      d.put("sop_despatch_courier_id", courierId);
      d.put("sop_despatch_courier_name", courierId == null ? null : state.couriers.get(courierId).get("name"));
    }
    for (String[] f : new String[][] {{"consignment_no", "sop_despatch_consignment_no"}, {"weight", "sop_despatch_weight"},
        {"pieces", "sop_despatch_pieces"}, {"notes", "sop_despatch_notes"}}) {
      if (body.containsKey(f[0])) {
        d.put(f[1], body.get(f[0]));
      }
    }
    d.put("date_time_updated", state.clock.instant());
    return despatchReceipt(d);
  }

  // ------------------------------------------------------------------ warehouse actions (Java API)

  /** Despatches everything allocated and not yet despatched on the order. */
  SageDespatch despatchAllocated(String documentNo, String consignmentNo) {
    long id = orders.orderId(documentNo);
    List<Object> items = new ArrayList<>();
    for (Map<String, Object> line : lines(state.orders.get(id))) {
      BigDecimal allocated = (BigDecimal) line.get("allocated_quantity");
      if (line.get("product_id") != null && allocated.signum() > 0) {
        items.add(row("id", line.get("id"), "quantity", allocated));
      }
    }
    if (items.isEmpty()) {
      throw new IllegalStateException("sales order " + documentNo + " has nothing allocated to despatch");
    }
    long despatchId = confirmDespatch(row("sop_order_return_id", id, "items", items, "tracking_items",
        List.of(row("courier_id", state.couriers.keySet().iterator().next(), "consignment_no", consignmentNo, "pieces", 1))));
    return despatchSnapshot(state.despatches.get(despatchId));
  }

  List<SageDespatch> despatchSnapshots() {
    List<SageDespatch> out = new ArrayList<>();
    for (Map<String, Object> d : state.despatches.values()) {
      out.add(despatchSnapshot(d));
    }
    return out;
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
}
