package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The fields every SOP line shares, read or written: what is sold, from where, how many, at what
 * price and tax code. Amounts are in the document's currency.
 *
 * <p>Usage: {@code line.lineQuantity().orElse(BigDecimal.ZERO)}
 */
public interface LineItem {
  /** JSON {@code product_id}; required on standard lines. */
  OptionalLong productId();

  /** JSON {@code warehouse_id}; required on standard lines. */
  OptionalLong warehouseId();

  /** JSON {@code code}: the product or charge code. */
  Optional<String> code();

  /** JSON {@code description}; required on free-text and comment lines. */
  Optional<String> description();

  /** JSON {@code line_quantity} (5 decimal places). */
  Optional<BigDecimal> lineQuantity();

  /** JSON {@code selling_unit_price}. */
  Optional<BigDecimal> sellingUnitPrice();

  /** JSON {@code tax_code_id}: a tax code's {@code id}, not its {@code code}. */
  OptionalLong taxCodeId();
}
