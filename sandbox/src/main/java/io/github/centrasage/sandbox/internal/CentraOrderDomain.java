package io.github.centrasage.sandbox.internal;

import static io.github.centrasage.sandbox.internal.Rows.object;
import static io.github.centrasage.sandbox.internal.Rows.objects;
import static io.github.centrasage.sandbox.internal.Rows.row;

import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.SandboxCatalog;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Orders: placement (with allocation), confirmation, hold and lock, line cancellation. */
abstract class CentraOrderDomain extends CentraCatalogue {
  CentraOrderDomain(String token, Clock clock, SandboxCatalog catalog, String ftaQuantityType) {
    super(token, clock, catalog, ftaQuantityType);
  }

  // ------------------------------------------------------------------ orders

  Order orderRef(Object ref, String field) {
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

  Map<String, Object> confirmOrder(Map<String, Object> in) {
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

  Map<String, Object> setOrdersLock(Map<String, Object> in) {
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

  /** Cancels every unit of order {@code orderNumber} not in a shipment, as {@link #cancelLine} does per line, and marks it cancelled. */
  public CentraOrder cancelOrder(int orderNumber) {
    synchronized (lock) {
      Order o = orders.get(orderNumber);
      if (o == null) {
        throw new IllegalArgumentException("unknown order " + orderNumber);
      }
      for (OrderLine line : o.lines) {
        if (line.quantity - line.inShipments > 0) {
          cancelLine(orderNumber, line.size.sku, line.quantity - line.inShipments);
        }
      }
      if (o.lines.stream().allMatch(l -> l.inShipments == 0)) {
        o.status = "CANCELLED";
      }
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

}
