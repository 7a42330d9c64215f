package io.github.centrasage.sandbox.internal;

import static io.github.centrasage.sandbox.internal.Rows.object;
import static io.github.centrasage.sandbox.internal.Rows.objects;

import io.github.centrasage.sandbox.SandboxCatalog;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Returns: create against a shipment, complete (stock back, refund entry). */
abstract class CentraReturnDomain extends CentraShipmentDomain {
  CentraReturnDomain(String token, Clock clock, SandboxCatalog catalog, String ftaQuantityType) {
    super(token, clock, catalog, ftaQuantityType);
  }

  // ------------------------------------------------------------------ returns

  Map<String, Object> createReturn(Map<String, Object> in) {
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

  Map<String, Object> completeReturn(long id) {
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

}
