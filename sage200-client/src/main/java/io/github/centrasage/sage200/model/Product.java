package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A stock item ({@code products}).
 *
 * <p>Usage: {@code Product.builder()…build()}
 */
@Value.Immutable
public interface Product {
  /** JSON {@code id}. */
  long id();

  /** JSON {@code code}. */
  String code();

  /** JSON {@code name}. */
  Optional<String> name();

  /** JSON {@code description}. */
  Optional<String> description();

  /** JSON {@code product_group_id}. */
  OptionalLong productGroupId();

  /** JSON {@code barcode}. */
  Optional<String> barcode();

  /** JSON {@code tax_code_id}. */
  OptionalLong taxCodeId();

  /** JSON {@code allow_sales_order}. */
  Optional<Boolean> allowSalesOrder();

  /** JSON {@code product_status_type}. */
  Optional<String> productStatusType();

  /** JSON {@code weight}. */
  Optional<BigDecimal> weight();

  /** JSON {@code free_stock_quantity}. */
  Optional<BigDecimal> freeStockQuantity();

  /** JSON {@code date_time_updated}. */
  Optional<OffsetDateTime> dateTimeUpdated();

  /**
   * Fields this library does not model, as read: site-specific or unconfirmed ones (country of
   * origin, commodity code), which a caller reads by name.
   */
  Map<String, Object> extraFields();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Product}; get one from {@link Product#builder()}. */
  final class Builder extends ImmutableProduct.Builder {
    Builder() {}
  }
}
