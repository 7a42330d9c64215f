package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A sales order line as Sage returns it.
 *
 * <p>Usage: {@code SalesOrderLine.builder()…build()}
 */
@Value.Immutable
public interface SalesOrderLine extends LineItem {
  /** JSON {@code id}. */
  long id();

  /** JSON {@code line_type}. */
  Optional<String> lineType();

  /** JSON {@code unit_discount_percent}. */
  Optional<BigDecimal> unitDiscountPercent();

  /** JSON {@code unit_discount_value}. */
  Optional<BigDecimal> unitDiscountValue();

  /** JSON {@code line_tax_value}. */
  Optional<BigDecimal> lineTaxValue();

  /** JSON {@code line_total_value}. */
  Optional<BigDecimal> lineTotalValue();

  /** JSON {@code allocated_quantity}. */
  Optional<BigDecimal> allocatedQuantity();

  /** JSON {@code available_for_despatch}. */
  Optional<BigDecimal> availableForDespatch();

  /** JSON {@code despatch_receipt_quantity}. */
  Optional<BigDecimal> despatchReceiptQuantity();

  /** JSON {@code despatch_receipt_status}. */
  Optional<String> despatchReceiptStatus();

  /** JSON {@code is_complete}. */
  Optional<Boolean> isComplete();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SalesOrderLine}; get one from {@link SalesOrderLine#builder()}. */
  final class Builder extends ImmutableSalesOrderLine.Builder {
    Builder() {}
  }
}
