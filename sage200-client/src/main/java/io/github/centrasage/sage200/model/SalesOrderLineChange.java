package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A change to one line in a sales order update: an existing line by {@code id} (quantity, price, or {@code isToDelete}), or a new line with {@code lineType}.
 *
 * <p>Usage: {@code SalesOrderLineChange.builder()…build()}
 */
@Value.Immutable
public interface SalesOrderLineChange {
  /** JSON {@code id}. */
  OptionalLong id();

  /** JSON {@code is_to_delete}. */
  Optional<Boolean> isToDelete();

  /** JSON {@code line_type}. */
  Optional<String> lineType();

  /** JSON {@code product_id}. */
  OptionalLong productId();

  /** JSON {@code warehouse_id}. */
  OptionalLong warehouseId();

  /** JSON {@code code}. */
  Optional<String> code();

  /** JSON {@code description}. */
  Optional<String> description();

  /** JSON {@code line_quantity}. */
  Optional<BigDecimal> lineQuantity();

  /** JSON {@code selling_unit_price}. */
  Optional<BigDecimal> sellingUnitPrice();

  /** JSON {@code tax_code_id}. */
  OptionalLong taxCodeId();

  static ImmutableSalesOrderLineChange.Builder builder() {
    return ImmutableSalesOrderLineChange.builder();
  }
}
