package io.github.centrasage.sandbox.internal;

import static io.github.centrasage.sandbox.internal.Rows.object;
import static io.github.centrasage.sandbox.internal.Rows.objects;
import static io.github.centrasage.sandbox.internal.Rows.row;

import io.github.centrasage.sandbox.SandboxCatalog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Shipments: create, complete (decrements physical stock), capture, update. */
abstract class CentraShipmentDomain extends CentraOrderDomain {
  CentraShipmentDomain(String token, Clock clock, SandboxCatalog catalog, String ftaQuantityType) {
    super(token, clock, catalog, ftaQuantityType);
  }

  // ------------------------------------------------------------------ shipments

  Map<String, Object> createShipment(Map<String, Object> in) {
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

  Map<String, Object> completeShipment(long id, Map<String, Object> in) {
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

  Map<String, Object> captureShipment(long id) {
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

  Map<String, Object> updateShipment(long id, Map<String, Object> in) {
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

}
