package io.github.centrasage.sync.catalog.internal;

import io.github.centrasage.centra.CodeRef;
import io.github.centrasage.centra.ImmutableProductInput;
import io.github.centrasage.centra.Product;
import io.github.centrasage.centra.ProductInput;
import io.github.centrasage.centra.Weight;
import io.github.centrasage.sync.catalog.CatalogField;
import io.github.centrasage.sync.catalog.CatalogPublishOptions;
import io.github.centrasage.sync.catalog.FieldOwnership;
import io.github.centrasage.sync.catalog.internal.SizeIndex.CatalogSize;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Sage-owned non-price fields of one Centra product: what Sage says they should be, and the
 * writes that make Centra agree. Only fields {@link FieldOwnership} gives to Sage are ever in a
 * write, and only when Centra's value differs, so a repeated pass writes nothing.
 */
public final class FieldPlan {
  private static final Logger LOG = LoggerFactory.getLogger(FieldPlan.class);

  private FieldPlan() {}

  /** The product update (only differing Sage-owned fields) and the EANs to write, by product-size id. */
  public record Writes(Optional<ProductInput> product, Map<Long, String> eanByProductSizeId) {
    public boolean isEmpty() {
      return product.isEmpty() && eanByProductSizeId.isEmpty();
    }
  }

  /**
   * What Sage says of the product-level fields it owns, from the Sage items of one Centra product
   * (one per size): name from the item description, status active when any item may be sold,
   * weight the heaviest item's (Centra keeps one weight per product; the heaviest never
   * under-declares a parcel), country of origin and commodity code the first item's that has one
   * (read from the configured extra fields). A field no item has a value for is left unset.
   */
  public static ImmutableProductInput.Builder desired(List<io.github.centrasage.sage200.model.Product> sageItems,
      CatalogPublishOptions options) {
    FieldOwnership own = options.ownership();
    ImmutableProductInput.Builder b = ProductInput.builder();
    List<io.github.centrasage.sage200.model.Product> items = sageItems.stream()
        .sorted(Comparator.comparing(io.github.centrasage.sage200.model.Product::code)).toList();
    if (own.sageOwns(CatalogField.NAME)) {
      items.stream().map(FieldPlan::productName).flatMap(Optional::stream).findFirst().ifPresent(b::name);
    }
    if (own.sageOwns(CatalogField.STATUS)) {
      List<Boolean> sellable = items.stream().map(FieldPlan::sellable).flatMap(Optional::stream).toList();
      if (!sellable.isEmpty()) {
        b.status(sellable.contains(true) ? options.activeStatus() : options.inactiveStatus());
      }
    }
    if (own.sageOwns(CatalogField.WEIGHT)) {
      items.stream().map(io.github.centrasage.sage200.model.Product::weight).flatMap(Optional::stream)
          .max(Comparator.naturalOrder()).ifPresent(w -> b.weight(Weight.of(w, options.weightUnit())));
    }
    if (own.sageOwns(CatalogField.COUNTRY_OF_ORIGIN)) {
      items.stream().map(i -> countryOfOrigin(i, options.countryOfOriginField())).flatMap(Optional::stream).findFirst()
          .ifPresent(b::countryOfOrigin);
    }
    if (own.sageOwns(CatalogField.COMMODITY_CODE)) {
      items.stream().map(i -> commodityCode(i, options.commodityCodeField())).flatMap(Optional::stream).findFirst()
          .ifPresent(b::harmonizedCommodityCode);
    }
    return b;
  }

  /** The writes that bring {@code centra} and its {@code sizes} to what the linked Sage items say. */
  public static Writes plan(Product centra, List<CatalogSize> sizes,
      Map<Long, io.github.centrasage.sage200.model.Product> sageByProductSizeId, CatalogPublishOptions options) {
    ProductInput want = desired(List.copyOf(sageByProductSizeId.values()), options).build();
    ImmutableProductInput.Builder diff = ProductInput.builder();
    want.name().filter(n -> !Optional.of(n).equals(centra.name())).ifPresent(diff::name);
    want.status().filter(s -> !Optional.of(s).equals(centra.status())).ifPresent(diff::status);
    want.weight().filter(w -> !sameWeight(w, centra.weight())).ifPresent(diff::weight);
    want.countryOfOrigin().filter(c -> !Optional.of(c).equals(centra.countryOfOrigin().map(CodeRef::code)))
        .ifPresent(diff::countryOfOrigin);
    want.harmonizedCommodityCode().filter(c -> !Optional.of(c).equals(centra.harmonizedCommodityCode()))
        .ifPresent(diff::harmonizedCommodityCode);
    ProductInput update = diff.build();

    Map<Long, String> eans = new LinkedHashMap<>();
    if (options.ownership().sageOwns(CatalogField.EAN)) {
      for (CatalogSize size : sizes) {
        Optional.ofNullable(sageByProductSizeId.get(size.productSizeId()))
            .flatMap(io.github.centrasage.sage200.model.Product::barcode).filter(b -> !b.isBlank())
            // a Sage item without a barcode leaves Centra's EAN alone rather than unsetting it
            .filter(b -> !size.ean().filter(b::equals).isPresent())
            .ifPresent(b -> eans.put(size.productSizeId(), b));
      }
    }
    return new Writes(update.isEmpty() ? Optional.empty() : Optional.of(update), eans);
  }

  private static boolean sameWeight(Weight want, Optional<Weight> have) {
    return have.isPresent() && have.get().value().compareTo(want.value()) == 0
        && (have.get().unit().isEmpty() || Objects.equals(have.get().unit(), want.unit()));
  }

  /**
   * The ISO alpha-2 country of origin in the Sage item's {@code field}: a code, or an object with a
   * {@code code}. Anything else (an id into {@code country_codes}, a name) is logged and not
   * written, since guessing a country would declare a wrong origin to customs.
   */
  static Optional<String> countryOfOrigin(io.github.centrasage.sage200.model.Product item, String field) {
    Object value = item.extraFields().get(field);
    if (value instanceof Map<?, ?> map) {
      value = map.get("code");
    }
    if (value == null || value instanceof String s && s.isBlank()) {
      return Optional.empty();
    }
    String code = value instanceof String s ? s.trim().toUpperCase(Locale.ROOT) : "";
    if (code.length() != 2 || !code.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
      LOG.warn("Sage product {}: {} = {} is not an ISO 3166 alpha-2 country code (or an object with one);"
          + " country of origin not written", item.code(), field, value);
      return Optional.empty();
    }
    return Optional.of(code);
  }

  /** The commodity code in the Sage item's {@code field}: text, or a number (digits as written). */
  static Optional<String> commodityCode(io.github.centrasage.sage200.model.Product item, String field) {
    Object value = item.extraFields().get(field);
    if (value instanceof Number n) {
      // JSON numbers arrive as doubles; a commodity code is digits, so write them without exponent or fraction
      return Optional.of(new BigDecimal(n.toString()).stripTrailingZeros().toPlainString());
    }
    if (value instanceof String s && !s.isBlank()) {
      return Optional.of(s.trim());
    }
    if (value != null && !(value instanceof String)) {
      LOG.warn("Sage product {}: {} = {} is not a commodity code; not written", item.code(), field, value);
    }
    return Optional.empty();
  }

  /** The Centra product name a Sage item gives: its description (Sage's name carries colour and size). */
  static Optional<String> productName(io.github.centrasage.sage200.model.Product item) {
    return item.description().filter(d -> !d.isBlank()).or(() -> item.name().filter(n -> !n.isBlank()));
  }

  /**
   * Whether the Sage item may be sold: {@code allow_sales_order} not false and an active
   * {@code product_status_type}; empty when Sage says neither.
   */
  public static Optional<Boolean> sellable(io.github.centrasage.sage200.model.Product item) {
    if (item.allowSalesOrder().isEmpty() && item.productStatusType().isEmpty()) {
      return Optional.empty();
    }
    boolean allowed = item.allowSalesOrder().orElse(true);
    boolean active = item.productStatusType().map(t -> t.endsWith("Active")).orElse(true);
    return Optional.of(allowed && active);
  }
}
