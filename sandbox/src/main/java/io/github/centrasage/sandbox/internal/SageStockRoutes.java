package io.github.centrasage.sandbox.internal;

import io.github.centrasage.sandbox.SageHolding;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Products, warehouses, warehouse holdings and product prices: the reads a stock or catalogue sync
 * makes, and the Java hooks that stand for work done in the Sage desktop (goods received, a stock
 * count, a product or price-book edit). A new desktop action on products belongs here: a method
 * working on {@code state.products} / {@code state.productByCode}, called through
 * {@link SageEmulator} under the state's lock.
 */
final class SageStockRoutes extends SageRoutes {
  SageStockRoutes(SageState state) {
    super(state);
  }

  @Override
  void register(SageRouter router) {
    table(router, "products", state.products, "product");
    table(router, "warehouses", state.warehouses, "warehouse");
    table(router, "warehouse_holdings", state.holdings, "warehouse holding");
    // lookup_product (stock.json) has these fields of the product record
    router.get("/lookup_products", (rq, id) -> listOnly(rq, state.products.values(), java.util.Set.of("id", "code",
        "name", "allow_sales_order", "bom_item_type_id", "free_stock_quantity", "product_status_id", "product_type_id",
        "record_nos_on_goods_received", "this_is_the_sop_product_group", "traceable_type_id")));
    router.get("/products/{id}/warehouse_holdings",
        (rq, id) -> list(rq, state.holdingsOf(SageState.requireRow(state.products, id, "product"))));
    router.get("/warehouses/{id}/warehouse_holdings", (rq, id) -> {
      SageState.requireRow(state.warehouses, id, "warehouse");
      List<Map<String, Object>> out = new ArrayList<>();
      for (Map<String, Object> h : state.holdings.values()) {
        if (h.get("warehouse_id").equals(id)) {
          out.add(h);
        }
      }
      return list(rq, out);
    });
    router.get("/product_price_views", (rq, id) -> list(rq, state.productPrices.values()));
  }

  // ------------------------------------------------------------------ desktop actions (Java API)

  SageHolding holdingSnapshot(String sku, String warehouse) {
    Map<String, Object> h = state.holdingFor(sku, warehouse);
    return new SageHolding((Long) h.get("id"), sku, warehouse, (BigDecimal) h.get("quantity_in_stock"),
        (BigDecimal) h.get("quantity_allocated"), (BigDecimal) h.get("free_stock_available"),
        (Instant) h.get("date_time_updated"));
  }

  /** Moves physical stock by {@code delta} (goods received, stock count adjustments). */
  SageHolding adjustStock(String sku, String warehouse, BigDecimal delta) {
    Map<String, Object> h = state.holdingFor(sku, warehouse);
    BigDecimal after = ((BigDecimal) h.get("quantity_in_stock")).add(delta);
    if (after.signum() < 0) {
      throw new IllegalArgumentException("stock of " + sku + " in " + warehouse + " would become negative (" + after + ")");
    }
    h.put("quantity_in_stock", after);
    state.refreshHolding(h, state.clock.instant());
    return holdingSnapshot(sku, warehouse);
  }

  /** Edits one field of a product record and stamps it as updated now, as an edit in Sage would. */
  void editProduct(String sku, String field, Object value) {
    Map<String, Object> row = state.products.get(productId(sku));
    row.put(field, value);
    row.put("date_time_updated", state.clock.instant());
  }

  /** Changes the price of {@code sku} in the band named {@code band}, as a price-book edit in Sage would; returns the old price. */
  BigDecimal changePrice(String sku, String band, BigDecimal price) {
    Long pid = productId(sku);
    for (Map<String, Object> row : state.productPrices.values()) {
      if (pid.equals(row.get("product_id")) && band.equals(row.get("price_band_name"))) {
        BigDecimal before = (BigDecimal) row.get("product_price_price");
        row.put("product_price_price", price);
        row.put("date_time_updated", state.clock.instant());
        return before;
      }
    }
    throw new IllegalArgumentException("product " + sku + " has no price in band " + band);
  }

  /** Deletes the product record {@code sku} with its price-book rows and holdings, as a person would in Sage 200. */
  void deleteProduct(String sku) {
    Long pid = state.productByCode.remove(sku);
    if (pid == null) {
      throw new IllegalArgumentException("unknown product " + sku);
    }
    state.products.remove(pid);
    state.productPrices.values().removeIf(row -> pid.equals(row.get("product_id")));
    state.holdings.values().removeIf(row -> pid.equals(row.get("product_id")));
  }

  /** Deletes the price-book row of {@code sku} in {@code band}; nothing else is stamped as changed. */
  void removePrice(String sku, String band) {
    Long pid = productId(sku);
    if (!state.productPrices.values().removeIf(row -> pid.equals(row.get("product_id"))
        && band.equals(row.get("price_band_name")))) {
      throw new IllegalArgumentException("product " + sku + " has no price in band " + band);
    }
  }

  private Long productId(String sku) {
    Long pid = state.productByCode.get(sku);
    if (pid == null) {
      throw new IllegalArgumentException("unknown product " + sku);
    }
    return pid;
  }
}
