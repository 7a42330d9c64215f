package io.github.centrasage.sandbox.internal;

import static io.github.centrasage.sandbox.internal.Rows.object;
import static io.github.centrasage.sandbox.internal.Rows.objects;
import static io.github.centrasage.sandbox.internal.Rows.row;

import io.github.centrasage.sandbox.SandboxCatalog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Stock: {@code setStock} (absolute) and {@code changeStock} (delta) over physical / allocated stock. */
abstract class CentraStockDomain extends CentraReads {
  CentraStockDomain(String token, Clock clock, SandboxCatalog catalog, String ftaQuantityType) {
    super(token, clock, catalog, ftaQuantityType);
  }

  // ------------------------------------------------------------------ stock

  Warehouse warehouseRef(Object ref, String field) {
    Map<String, Object> m = object(ref, field);
    if (m == null || m.get("id") == null) {
      throw new BadRequest("Field \"" + field + ".id\" of required type was not provided.");
    }
    return warehouses.get(Rows.toLong(m.get("id"), field + ".id"));
  }

  Size sizeOf(Variant v, Map<String, Object> sizeRef) {
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

  Variant variantRef(Map<String, Object> item) {
    Map<String, Object> ref = object(item.get("productVariant"), "productVariant");
    if (ref == null || ref.get("id") == null) {
      return null;
    }
    return variants.get(Rows.toLong(ref.get("id"), "productVariant.id"));
  }

  Map<String, Object> setStock(Map<String, Object> in) {
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

  Map<String, Object> changeStock(Map<String, Object> in) {
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

}
