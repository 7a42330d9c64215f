package io.github.centrasage.sandbox.internal;

import static io.github.centrasage.sandbox.internal.Rows.object;
import static io.github.centrasage.sandbox.internal.Rows.objects;
import static io.github.centrasage.sandbox.internal.Rows.row;

import io.github.centrasage.sandbox.CentraCatalogItem;
import io.github.centrasage.sandbox.SandboxCatalog;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Catalogue: ID conversions, {@code setPrices}, product / variant / size writes and the merchandiser's edits. */
abstract class CentraCatalogue extends CentraStockDomain {
  CentraCatalogue(String token, Clock clock, SandboxCatalog catalog, String ftaQuantityType) {
    super(token, clock, catalog, ftaQuantityType);
  }

  // ------------------------------------------------------------------ id conversions

  Map<String, Object> setIdConversions(Object input, boolean set) {
    List<Object> errors = new ArrayList<>();
    int index = 0;
    for (Map<String, Object> entry : objects(input, "input")) {
      Object type = entry.get("objectType");
      Object internal = entry.get("internalId");
      Object external = entry.get("externalId");
      if (type == null || internal == null || set && external == null) {
        errors.add(userError("objectType, internalId" + (set ? " and externalId" : "") + " are required", "input", index));
      } else if (set && external.toString().length() > 255) {
        errors.add(userError("externalId must be at most 255 characters", "input", index, "externalId"));
      }
      index++;
    }
    if (!errors.isEmpty()) {
      return payload("idConversions", null, errors, List.of());
    }
    for (Map<String, Object> entry : objects(input, "input")) {
      String key = entry.get("objectType") + "|" + Rows.toLong(entry.get("internalId"), "internalId");
      if (set) {
        // Batch and idempotent: a colliding entry is overwritten, as Centra documents.
        idConversions.put(key, entry.get("externalId").toString());
      } else {
        idConversions.remove(key);
      }
    }
    return payload("idConversions", idConversions(null), List.of(), List.of());
  }

  List<Object> idConversions(Map<String, Object> where) {
    Map<String, Object> w = where == null ? Map.of() : where;
    Set<String> types = stringSet(w.get("objectType"));
    Set<String> internalIds = stringSet(w.get("internalId"));
    Object external = w.get("externalId");
    if (external instanceof Map) {
      external = ((Map<?, ?>) external).get("equals");
    }
    List<Object> out = new ArrayList<>();
    for (Map.Entry<String, String> e : idConversions.entrySet()) {
      String[] key = e.getKey().split("\\|", 2);
      if ((types.isEmpty() || types.contains(key[0])) && (internalIds.isEmpty() || internalIds.contains(key[1]))
          && (external == null || external.toString().equals(e.getValue()))) {
        out.add(row("objectType", key[0], "internalId", Long.parseLong(key[1]), "externalId", e.getValue()));
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ prices

  Map<String, Object> setPrices(Map<String, Object> in) {
    List<Object> warnings = new ArrayList<>();
    Map<String, Object> ref = object(in.get("pricelist"), "pricelist");
    Pricelist pl = ref == null || ref.get("id") == null ? null : pricelists.get(Rows.toLong(ref.get("id"), "pricelist.id"));
    if (pl == null) {
      return payload("pricelist", null, List.of(userError("Pricelist not found", "input", "pricelist")), warnings);
    }
    int index = 0;
    for (Map<String, Object> pp : objects(in.get("productPrices"), "productPrices")) {
      Map<String, Object> productRef = object(pp.get("product"), "product");
      Product p = productRef == null ? null : products.get(Rows.toLong(productRef.get("id"), "product.id"));
      Map<String, Object> price = object(pp.get("price"), "price");
      if (p == null || price == null || !pl.currency.equals(price.get("currencyIsoCode"))) {
        warnings.add(userError(p == null ? "Product not found; row skipped"
            : "Price currency must be " + pl.currency + "; row skipped", "input", "productPrices", index++));
        continue;
      }
      // Centra keeps a price to its currency's minor units (19.995 GBP shows as 20.00): observed, rounding mode inferred
      BigDecimal value = minorUnits(Rows.decimal(price.get("value"), "price.value"), pl.currency);
      pl.productPrices.put(p.id, value);
      if (Boolean.TRUE.equals(pp.get("overrideIndividualVariantPrices"))) {
        for (Variant v : p.variants) {
          pl.variantPrices.remove(v.id);
        }
      }
      for (Map<String, Object> vp : objects(pp.get("individualVariantPrices"), "individualVariantPrices")) {
        Variant v = variantRef(vp);
        Map<String, Object> vprice = object(vp.get("price"), "price");
        if (v == null || v.product != p || vprice == null) {
          warnings.add(userError("Variant not found on product " + p.id + "; row skipped", "input", "productPrices", index));
          continue;
        }
        pl.variantPrices.put(v.id, minorUnits(Rows.decimal(vprice.get("value"), "price.value"), pl.currency));
      }
      index++;
    }
    return payload("pricelist", pricelistJson(pl), List.of(), warnings);
  }

  static BigDecimal minorUnits(BigDecimal value, String currency) {
    int digits = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
    return value.setScale(Math.max(digits, 0), java.math.RoundingMode.HALF_UP);
  }

  // ------------------------------------------------------------------ product writes

  /** Centra's product statuses as far as the docs show them; anything else is a user error. */
  static final Set<String> PRODUCT_STATUSES = Set.of("ACTIVE", "INACTIVE", "CANCELLED");

  Map<String, Object> updateProduct(long id, Map<String, Object> in) {
    Product p = products.get(id);
    if (p == null) {
      return payload("product", null, List.of(userError("Product not found", "id")), List.of());
    }
    List<Object> errors = checkProductInput(in);
    if (!errors.isEmpty()) {
      return payload("product", null, errors, List.of());
    }
    applyProductInput(p, in);
    return payload("product", productJson(p, true), List.of(), List.of());
  }

  Map<String, Object> createProduct(Map<String, Object> in) {
    List<Object> errors = checkProductInput(in);
    for (String required : List.of("name", "productNumber", "status")) {
      if (in.get(required) == null) {
        errors.add(userError(required + " is required", "input", required));
      }
    }
    if (!errors.isEmpty()) {
      return payload("product", null, errors, List.of());
    }
    Product p = new Product();
    p.id = id();
    p.brandId = null;
    applyProductInput(p, in);
    products.put(p.id, p);
    return payload("product", productJson(p, true), List.of(), List.of());
  }

  static List<Object> checkProductInput(Map<String, Object> in) {
    List<Object> errors = new ArrayList<>();
    if (in.get("status") != null && !PRODUCT_STATUSES.contains(in.get("status").toString())) {
      errors.add(userError("Unknown product status " + in.get("status"), "input", "status"));
    }
    Map<String, Object> weight = object(in.get("weight"), "weight");
    if (weight != null && (weight.get("value") == null || Rows.decimal(weight.get("value"), "weight.value").signum() < 0)) {
      errors.add(userError("Weight must be a value of 0 or more", "input", "weight"));
    }
    return errors;
  }

  /** Sets the fields present in {@code in}; a field the input leaves out keeps its value, as in Centra. */
  static void applyProductInput(Product p, Map<String, Object> in) {
    if (in.containsKey("name")) {
      p.name = (String) in.get("name");
    }
    if (in.containsKey("status")) {
      p.status = (String) in.get("status");
    }
    if (in.containsKey("productNumber")) {
      p.productNumber = (String) in.get("productNumber");
    }
    if (in.containsKey("brand")) {
      p.brandId = refId(in.get("brand"), "brand");
    }
    if (in.containsKey("collection")) {
      p.collectionId = refId(in.get("collection"), "collection");
    }
    if (in.containsKey("folder")) {
      p.folderId = refId(in.get("folder"), "folder");
    }
    if (in.containsKey("countryOfOrigin")) {
      Map<String, Object> country = object(in.get("countryOfOrigin"), "countryOfOrigin");
      p.countryOfOrigin = country == null || country.get("code") == null ? null : country.get("code").toString();
    }
    if (in.containsKey("harmonizedCommodityCode")) {
      p.commodityCode = (String) in.get("harmonizedCommodityCode");
    }
    if (in.containsKey("harmonizedCommodityCodeDescription")) {
      p.commodityCodeDescription = (String) in.get("harmonizedCommodityCodeDescription");
    }
    if (in.containsKey("weight")) {
      Map<String, Object> weight = object(in.get("weight"), "weight");
      p.weight = weight == null ? null : Rows.decimal(weight.get("value"), "weight.value");
      p.weightUnit = weight == null || weight.get("unit") == null ? null : weight.get("unit").toString();
    }
  }

  static Long refId(Object ref, String field) {
    Map<String, Object> m = object(ref, field);
    return m == null || m.get("id") == null ? null : Rows.toLong(m.get("id"), field + ".id");
  }

  Map<String, Object> createProductVariant(Map<String, Object> in) {
    Long productId = refId(in.get("product"), "product");
    Product p = productId == null ? null : products.get(productId);
    List<Object> errors = new ArrayList<>();
    if (p == null) {
      errors.add(userError("Product not found", "input", "product"));
    }
    if (in.get("name") == null) {
      errors.add(userError("name is required", "input", "name"));
    }
    List<Map<String, Object>> sizeInputs = objects(in.get("productSizes"), "productSizes");
    for (int i = 0; i < sizeInputs.size(); i++) {
      sizeError(sizeInputs.get(i), null).ifPresent(m -> errors.add(userError(m, "input", "productSizes")));
    }
    if (!errors.isEmpty()) {
      return payload("productVariant", null, errors, List.of());
    }
    Variant v = new Variant();
    v.id = id();
    v.product = p;
    v.name = in.get("name").toString();
    v.variantNumber = (String) in.get("variantNumber");
    if (in.get("status") != null) {
      v.status = in.get("status").toString();
    }
    p.variants.add(v);
    variants.put(v.id, v);
    sizeInputs.forEach(si -> addSize(v, si));
    return payload("productVariant", variantJson(v, true), List.of(), List.of());
  }

  Map<String, Object> createProductSize(Map<String, Object> in) {
    Long variantId = refId(in.get("productVariant"), "productVariant");
    Variant v = variantId == null ? null : variants.get(variantId);
    if (v == null) {
      return payload("productSize", null, List.of(userError("Product variant not found", "input", "productVariant")), List.of());
    }
    Optional<String> error = sizeError(in, v);
    if (error.isPresent()) {
      return payload("productSize", null, List.of(userError(error.get(), "input", "size")), List.of());
    }
    return payload("productSize", sizeJson(addSize(v, in)), List.of(), List.of());
  }

  /** Why a size input cannot be created on {@code v} (null: a new variant), if it cannot. */
  Optional<String> sizeError(Map<String, Object> in, Variant v) {
    Map<String, Object> size = object(in.get("size"), "size");
    Long chartId = size == null ? null : chartSizeId(size);
    if (chartId == null) {
      return Optional.of("Size not found in the size chart " + chartSizeIds.keySet());
    }
    if (in.get("isActive") == null) {
      return Optional.of("isActive is required");
    }
    if (v != null && v.sizes.stream().anyMatch(s -> s.sizeId == chartId)) {
      return Optional.of("Variant " + v.id + " already has size " + chartId);
    }
    return Optional.empty();
  }

  Long chartSizeId(Map<String, Object> size) {
    if (size.get("id") != null) {
      long id = Rows.toLong(size.get("id"), "size.id");
      return chartSizeIds.containsValue(id) ? id : null;
    }
    return size.get("name") == null ? null : chartSizeIds.get(size.get("name").toString());
  }

  /** A new size; its SKU is the product, variant and size numbers joined as they are (Centra builds it so). */
  Size addSize(Variant v, Map<String, Object> in) {
    Size s = new Size();
    s.id = id();
    s.sizeId = chartSizeId(object(in.get("size"), "size"));
    s.name = chartSizeIds.entrySet().stream().filter(e -> e.getValue() == s.sizeId).findFirst().orElseThrow().getKey();
    s.variant = v;
    s.ean = in.get("EAN") == null || in.get("EAN").toString().isEmpty() ? null : in.get("EAN").toString();
    s.sizeNumber = (String) in.get("sizeNumber");
    s.active = !Boolean.FALSE.equals(in.get("isActive"));
    s.sku = nullToEmpty(v.product.productNumber) + nullToEmpty(v.variantNumber) + nullToEmpty(s.sizeNumber);
    v.sizes.add(s);
    sizes.put(s.id, s);
    sizeBySku.putIfAbsent(s.sku, s);
    return s;
  }

  static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  Map<String, Object> updateProductSize(long id, Map<String, Object> in) {
    Size s = sizes.get(id);
    if (s == null) {
      return payload("productSize", null, List.of(userError("Product size not found", "id")), List.of());
    }
    if (in.containsKey("EAN")) {
      // Centra: "Pass empty to unset EAN"
      s.ean = in.get("EAN") == null || in.get("EAN").toString().isEmpty() ? null : in.get("EAN").toString();
    }
    if (in.containsKey("sizeNumber")) {
      s.sizeNumber = (String) in.get("sizeNumber");
    }
    if (in.get("isActive") != null) {
      s.active = Boolean.TRUE.equals(in.get("isActive"));
    }
    return payload("productSize", sizeJson(s), List.of(), List.of());
  }

  /** A merchandiser's edit: the SKU of one size. */
  public void changeSku(String sku, String newSku) {
    synchronized (lock) {
      if (sizeBySku.containsKey(newSku)) {
        throw new IllegalArgumentException("SKU " + newSku + " is already on another size");
      }
      Size s = sizeBySku.remove(sku);
      if (s == null) {
        throw new IllegalArgumentException("unknown SKU " + sku);
      }
      s.sku = newSku;
      sizeBySku.put(newSku, s);
    }
  }

  /**
   * A merchandiser's edit in the admin of one product field of the product {@code sku} belongs to:
   * {@code name}, {@code status}, {@code weight} (kilograms), {@code countryOfOrigin},
   * {@code harmonizedCommodityCode}; or of the size's {@code EAN}.
   */
  public void editProduct(String sku, String field, String value) {
    synchronized (lock) {
      Size s = sizeBySku.get(sku);
      if (s == null) {
        throw new IllegalArgumentException("unknown SKU " + sku);
      }
      Product p = s.variant.product;
      switch (field) {
        case "name":
          p.name = value;
          break;
        case "status":
          if (!PRODUCT_STATUSES.contains(value)) {
            throw new IllegalArgumentException("status must be one of " + PRODUCT_STATUSES + ", was " + value);
          }
          p.status = value;
          break;
        case "weight":
          p.weight = value == null ? null : new BigDecimal(value);
          p.weightUnit = value == null ? null : "KG";
          break;
        case "countryOfOrigin":
          p.countryOfOrigin = value;
          break;
        case "harmonizedCommodityCode":
          p.commodityCode = value;
          break;
        case "EAN":
          s.ean = value;
          break;
        default:
          throw new IllegalArgumentException("unknown product field " + field
              + "; use name, status, weight, countryOfOrigin, harmonizedCommodityCode or EAN");
      }
    }
  }

  /** Every size of the catalogue with its variant's and product's fields, by product id then size id. */
  public List<CentraCatalogItem> catalogItems() {
    synchronized (lock) {
      List<CentraCatalogItem> out = new ArrayList<>();
      for (Product p : products.values()) {
        for (Variant v : p.variants) {
          for (Size s : v.sizes) {
            out.add(new CentraCatalogItem(p.id, p.productNumber, p.name, p.status, p.weight,
                p.countryOfOrigin, p.commodityCode, v.id, v.variantNumber, v.name, s.id, s.sku, s.ean, s.sizeNumber, s.name,
                s.active));
          }
        }
      }
      return out;
    }
  }

  /** A merchandiser's edit: the name of the product {@code sku} belongs to. */
  public void renumberShipment(long shipmentId, String number) {
    synchronized (lock) {
      Shipment s = shipments.get(shipmentId);
      if (s == null) {
        throw new IllegalArgumentException("unknown shipment " + shipmentId);
      }
      s.number = number;
    }
  }

  public void renameProduct(String sku, String name) {
    synchronized (lock) {
      Size s = sizeBySku.get(sku);
      if (s == null) {
        throw new IllegalArgumentException("unknown SKU " + sku);
      }
      s.variant.product.name = name;
    }
  }

}
