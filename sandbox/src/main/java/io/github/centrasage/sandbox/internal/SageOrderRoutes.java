package io.github.centrasage.sandbox.internal;

import static io.github.centrasage.sandbox.internal.Rows.decimal;
import static io.github.centrasage.sandbox.internal.Rows.objects;
import static io.github.centrasage.sandbox.internal.Rows.optionalDecimal;
import static io.github.centrasage.sandbox.internal.Rows.optionalLong;
import static io.github.centrasage.sandbox.internal.Rows.optionalString;
import static io.github.centrasage.sandbox.internal.Rows.requiredLong;
import static io.github.centrasage.sandbox.internal.Rows.row;
import static io.github.centrasage.sandbox.internal.SageState.lines;

import io.github.centrasage.sandbox.SageSalesOrder;
import io.github.centrasage.sandbox.internal.HttpExchange.Answer;
import io.github.centrasage.sandbox.internal.HttpExchange.Request;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * SOP sales orders: entry (with allocation from free stock), reads and lookups, edits under Sage's
 * record lock ({@code $expand=is_to_lock}, then {@code lock_id} on the PUT), deletion, and the Java
 * hooks for orders keyed in at the desktop. Line pricing and tax ({@link #newLine},
 * {@link #lineValues}) are shared with returns.
 */
final class SageOrderRoutes extends SageRoutes {
  private static final BigDecimal HUNDRED = new BigDecimal("100");

  SageOrderRoutes(SageState state) {
    super(state);
  }

  @Override
  void register(SageRouter router) {
    router.get("/sop_orders", (rq, id) -> listTable(rq, state.orders));
    router.post("/sop_orders", (rq, id) -> created(createOrder(Json.parseObject(rq.body()))));
    router.get("/sop_orders/{id}", this::getOrder);
    router.put("/sop_orders/{id}", (rq, id) -> ok(updateOrder(id, Json.parseObject(rq.body()))));
    router.delete("/sop_orders/{id}", (rq, id) -> {
      deleteOrder(id);
      return new Answer(200, Map.of(), "");
    });
    router.get("/sop_orders/{id}/sop_order_lines", (rq, id) -> list(rq, lines(state.requireOrder(id))));
    router.get("/customers/{id}/sop_orders", (rq, id) -> list(rq, ordersWhere(o -> o.get("customer_id").equals(id))));
    router.get("/lookup_sop_orders", (rq, id) -> list(rq, lookupOrders()));
    router.get("/sop_order_return_views", (rq, id) -> list(rq, lookupOrders()));
  }

  private List<Map<String, Object>> ordersWhere(Predicate<Map<String, Object>> p) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> o : state.orders.values()) {
      if (p.test(o)) {
        out.add(o);
      }
    }
    return out;
  }

  Map<String, Object> createOrder(Map<String, Object> body) {
    Map<String, Object> customer = state.requireCustomer(body);
    long customerId = (Long) customer.get("id");
    List<Map<String, Object>> inputLines = requireLines(body, "sales order");
    Instant now = state.clock.instant();
    // Validate every line before touching stock: a Sage POST is all-or-nothing.
    List<Map<String, Object>> lines = new ArrayList<>();
    for (Map<String, Object> in : inputLines) {
      lines.add(newLine(in, customer));
    }
    String documentNo = String.format("%010d", state.nextDocumentNo++);
    Map<String, Object> order = row("document_no", documentNo, "document_date", SageState.dateOr(body.get("document_date"), now),
        "customer_id", customerId, "customer_document_no", optionalString(body, "customer_document_no", 30),
        "currency_id", customer.get("currency_id"), "exchange_rate", optionalDecimal(body, "exchange_rate", BigDecimal.ONE),
        "requested_delivery_date", body.get("requested_delivery_date"), "promised_delivery_date", body.get("promised_delivery_date"),
        "delivery_address", body.get("delivery_address"), "use_invoice_address", body.getOrDefault("use_invoice_address", true),
        "payment_with_order", Boolean.TRUE.equals(body.get("payment_with_order")), "payment_value",
        optionalDecimal(body, "payment_value", BigDecimal.ZERO), "payment_reference", optionalString(body, "payment_reference", 20),
        "payment_method_id", body.get("payment_method_id"), "document_status", SageState.LIVE,
        "despatch_receipt_status", "EnumDocumentStatusNone", "is_draft", false, "lock_id", null);
    for (String copy : new String[] {"analysis_code_1", "analysis_code_2", "analysis_code_3", "analysis_code_4",
        "analysis_code_5", "spare_text_1", "spare_text_2", "spare_text_3", "document_created_by", "order_priority"}) {
      order.put(copy, body.get(copy));
    }
    order.put("lines", lines);
    order.put("date_time_created", now);
    order.put("date_time_updated", now);
    long id = state.add(state.orders, order);
    Map<String, Object> stored = state.orders.get(id);
    int n = 1;
    for (Map<String, Object> line : lines) {
      line.put("sop_order_id", id);
      line.put("line_number", n++);
      allocate(line, (BigDecimal) line.remove("_to_allocate"), now);
    }
    recalculate(stored, now);
    state.orderByDocumentNo.put(documentNo, id);
    return stored;
  }

  static List<Map<String, Object>> requireLines(Map<String, Object> body, String document) {
    List<Map<String, Object>> lines = objects(body.get("lines"), "lines");
    if (lines.isEmpty()) {
      throw new BadRequest("A " + document + " must have at least one line.");
    }
    return lines;
  }

  /** A validated order (or return) line; {@code _to_allocate} carries what entry should allocate. */
  Map<String, Object> newLine(Map<String, Object> in, Map<String, Object> customer) {
    String type = (String) in.getOrDefault("line_type", "EnumLineTypeStandard");
    Map<String, Object> line = row("id", state.id(), "line_type", type);
    BigDecimal qty = optionalDecimal(in, "line_quantity", BigDecimal.ZERO);
    Long taxCodeId = optionalLong(in, "tax_code_id");
    if (taxCodeId == null) {
      taxCodeId = (Long) customer.get("default_tax_code_id");
    }
    if (taxCodeId != null && !state.taxCodes.containsKey(taxCodeId)) {
      throw new BadRequest("The tax_code_id " + taxCodeId + " is not a valid tax code.");
    }
    BigDecimal price = optionalDecimal(in, "selling_unit_price", BigDecimal.ZERO);
    switch (type) {
      case "EnumLineTypeStandard": {
        long productId = requiredLong(in, "product_id");
        long warehouseId = requiredLong(in, "warehouse_id");
        Map<String, Object> product = state.products.get(productId);
        if (product == null) {
          throw new BadRequest("The product_id " + productId + " is not a valid product.");
        }
        if (!state.warehouses.containsKey(warehouseId)) {
          throw new BadRequest("The warehouse_id " + warehouseId + " is not a valid warehouse.");
        }
        if (qty.signum() <= 0) {
          throw new BadRequest("The line_quantity must be greater than zero for product " + product.get("code") + ".");
        }
        line.put("product_id", productId);
        line.put("code", product.get("code"));
        line.put("description", product.get("name"));
        line.put("warehouse_id", warehouseId);
        BigDecimal toAllocate = optionalDecimal(in, "to_allocate_quantity", state.allocateOnOrderEntry ? qty : BigDecimal.ZERO);
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
    Map<String, Object> h = state.holding((Long) line.get("product_id"), (Long) line.get("warehouse_id"));
    BigDecimal free = ((BigDecimal) h.get("free_stock_available")).max(BigDecimal.ZERO);
    BigDecimal take = wanted.min(free);
    if (take.signum() == 0) {
      return;
    }
    h.put("quantity_allocated_sop", ((BigDecimal) h.get("quantity_allocated_sop")).add(take));
    state.refreshHolding(h, now);
    BigDecimal allocated = ((BigDecimal) line.get("allocated_quantity")).add(take);
    line.put("allocated_quantity", allocated);
  }

  private void deallocate(Map<String, Object> line, Instant now) {
    BigDecimal allocated = (BigDecimal) line.get("allocated_quantity");
    if (line.get("product_id") == null || allocated.signum() == 0) {
      return;
    }
    Map<String, Object> h = state.holding((Long) line.get("product_id"), (Long) line.get("warehouse_id"));
    h.put("quantity_allocated_sop", ((BigDecimal) h.get("quantity_allocated_sop")).subtract(allocated));
    state.refreshHolding(h, now);
    line.put("allocated_quantity", BigDecimal.ZERO);
  }

  /** Recomputes an order's totals and its lines' allocation and despatch status. */
  void recalculate(Map<String, Object> order, Instant now) {
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
  BigDecimal lineValues(Map<String, Object> line) {
    BigDecimal qty = (BigDecimal) line.get("line_quantity");
    BigDecimal price = (BigDecimal) line.get("selling_unit_price");
    BigDecimal discount = (BigDecimal) line.get("unit_discount_percent");
    BigDecimal lineNet = qty.multiply(price).multiply(HUNDRED.subtract(discount)).divide(HUNDRED)
        .setScale(2, RoundingMode.HALF_UP);
    BigDecimal rate = line.get("tax_code_id") == null ? BigDecimal.ZERO
        : (BigDecimal) state.taxCodes.get((Long) line.get("tax_code_id")).get("tax_rate");
    BigDecimal lineTax = lineNet.multiply(rate).divide(HUNDRED).setScale(2, RoundingMode.HALF_UP);
    line.put("line_total_value", lineNet);
    line.put("line_tax_value", lineTax);
    return lineNet;
  }

  private List<Map<String, Object>> lookupOrders() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> o : state.orders.values()) {
      out.add(row("id", o.get("id"), "document_no", o.get("document_no"), "customer_id", o.get("customer_id"),
          "customer_document_no", o.get("customer_document_no"), "document_status", o.get("document_status"),
          "despatch_receipt_status", o.get("despatch_receipt_status"), "date_time_updated", o.get("date_time_updated")));
    }
    return out;
  }

  private Answer getOrder(Request rq, long id) {
    Map<String, Object> order = state.requireOrder(id);
    ODataQuery query = ODataQuery.parse(rq.query());
    if (query.expands("is_to_lock")) {
      state.checkRecordLock(order);
      if (order.get("lock_id") != null) {
        throw new BadRequest("The sales order " + order.get("document_no") + " is in use by another user and is locked for editing.");
      }
      order.put("lock_id", 7_000_000L + state.id());
    }
    return ok(query.project(expand(List.of(order), query).iterator().next()));
  }

  private Map<String, Object> updateOrder(long id, Map<String, Object> body) {
    Map<String, Object> order = state.requireOrder(id);
    state.checkRecordLock(order);
    Object held = order.get("lock_id");
    Long given = optionalLong(body, "lock_id");
    if (held != null && !held.equals(given)) {
      throw new BadRequest("The sales order " + order.get("document_no") + " is in use by another user and is locked for editing.");
    }
    Instant now = state.clock.instant();
    for (String field : new String[] {"customer_document_no", "requested_delivery_date", "promised_delivery_date",
        "analysis_code_1", "analysis_code_2", "analysis_code_3", "spare_text_1", "spare_text_2", "spare_text_3",
        "delivery_address", "order_priority"}) {
      if (body.containsKey(field)) {
        order.put(field, field.equals("customer_document_no") ? optionalString(body, field, 30) : body.get(field));
      }
    }
    Map<String, Object> customer = state.customers.get((Long) order.get("customer_id"));
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
    Map<String, Object> order = state.requireOrder(id);
    state.checkRecordLock(order);
    for (Map<String, Object> line : lines(order)) {
      if (((BigDecimal) line.get("despatch_receipt_quantity")).signum() > 0) {
        throw new BadRequest("The sales order " + order.get("document_no") + " has despatched lines and cannot be deleted.");
      }
    }
    Instant now = state.clock.instant();
    for (Map<String, Object> line : lines(order)) {
      deallocate(line, now);
    }
    state.orders.remove(id);
    state.orderByDocumentNo.remove((String) order.get("document_no"));
  }

  // ------------------------------------------------------------------ desktop actions (Java API)

  SageSalesOrder createOrderFor(String customerReference, String customerDocumentNo, Map<String, BigDecimal> skuQuantities,
      String warehouse) {
    Long customerId = state.customerByReference.get(customerReference.toUpperCase());
    if (customerId == null) {
      throw new IllegalArgumentException("unknown customer reference " + customerReference);
    }
    Long wid = state.warehouseByName.get(warehouse);
    if (wid == null) {
      throw new IllegalArgumentException("unknown warehouse " + warehouse);
    }
    List<Object> lines = new ArrayList<>();
    for (Map.Entry<String, BigDecimal> e : skuQuantities.entrySet()) {
      Long pid = state.productByCode.get(e.getKey());
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

  /** Deletes order {@code documentNo} as a desktop user would (nothing despatched yet): its allocations go back to free stock. */
  void deleteOrderByDocumentNo(String documentNo) {
    deleteOrder(orderId(documentNo));
  }

  /** The id of order {@code documentNo}, for the Java hooks. */
  long orderId(String documentNo) {
    Long id = state.orderByDocumentNo.get(documentNo);
    if (id == null) {
      throw new IllegalArgumentException("unknown sales order " + documentNo);
    }
    return id;
  }

  void lockRecord(String documentNo, int attempts) {
    orderId(documentNo);
    state.recordLocks.put(documentNo, attempts);
  }

  void releaseRecord(String documentNo) {
    state.recordLocks.remove(documentNo);
  }

  List<SageSalesOrder> orderSnapshots() {
    List<SageSalesOrder> out = new ArrayList<>();
    for (Map<String, Object> o : state.orders.values()) {
      out.add(orderSnapshot(o));
    }
    return out;
  }

  private SageSalesOrder orderSnapshot(Map<String, Object> o) {
    List<SageSalesOrder.Line> lines = new ArrayList<>();
    for (Map<String, Object> l : lines(o)) {
      lines.add(new SageSalesOrder.Line((Long) l.get("id"), (String) l.get("line_type"),
          l.get("product_id") == null ? null : (String) l.get("code"), state.warehouseName(l),
          (BigDecimal) l.get("line_quantity"), (BigDecimal) l.get("allocated_quantity"),
          (BigDecimal) l.get("despatch_receipt_quantity"), (BigDecimal) l.get("selling_unit_price"),
          (BigDecimal) l.get("line_total_value")));
    }
    Map<String, Object> c = state.customers.get((Long) o.get("customer_id"));
    return new SageSalesOrder((Long) o.get("id"), (String) o.get("document_no"), (String) o.get("customer_document_no"),
        (String) c.get("reference"), (String) o.get("document_status"), (String) o.get("despatch_receipt_status"), lines,
        (BigDecimal) o.get("total_net_value"), (BigDecimal) o.get("total_tax_value"), (BigDecimal) o.get("total_gross_value"),
        (Instant) o.get("date_time_created"), (Instant) o.get("date_time_updated"));
  }
}
