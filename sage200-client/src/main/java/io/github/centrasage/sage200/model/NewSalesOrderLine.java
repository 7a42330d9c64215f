package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A line of a sales order to create: use {@link #standard}, {@link #charge}, {@link #freeText} or {@link #comment}, or the builder for more fields.
 *
 * <p>Usage: {@code NewSalesOrderLine.builder()…build()}
 */
@Value.Immutable
public interface NewSalesOrderLine extends LineItem {
  /** JSON {@code line_type}. */
  String lineType();

  /** JSON {@code unit_discount_percent}. */
  Optional<BigDecimal> unitDiscountPercent();

  /** JSON {@code unit_discount_value}. */
  Optional<BigDecimal> unitDiscountValue();

  /** JSON {@code to_allocate_quantity}. */
  Optional<BigDecimal> toAllocateQuantity();

  /** JSON {@code nominal_reference}. */
  Optional<String> nominalReference();

  /** JSON {@code nominal_cost_centre}. */
  Optional<String> nominalCostCentre();

  /** JSON {@code nominal_department}. */
  Optional<String> nominalDepartment();

  /** JSON {@code analysis_code_1}. */
  Optional<String> analysisCode1();

  /** A stock item line: product, warehouse and quantity; add price and tax with the builder. */
  static Builder standard(long productId, long warehouseId, BigDecimal quantity) {
    return builder().lineType(SageModelChecks.STANDARD).productId(productId).warehouseId(warehouseId)
        .lineQuantity(quantity);
  }

  /** An additional charge such as carriage, by charge {@code code} (or a description set on the builder). */
  static Builder charge(String code, BigDecimal price) {
    return builder().lineType(SageModelChecks.CHARGE).code(code).sellingUnitPrice(price).lineQuantity(BigDecimal.ONE);
  }

  /** A non-stock line described in words. */
  static Builder freeText(String description, BigDecimal quantity, BigDecimal price) {
    return builder().lineType(SageModelChecks.FREE_TEXT).description(description).lineQuantity(quantity)
        .sellingUnitPrice(price);
  }

  /** A comment line (text only, no value). */
  static Builder comment(String text) {
    return builder().lineType(SageModelChecks.COMMENT).description(text);
  }

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void check() {
    SageModelChecks.checkLine(this);
  }

  /** Builds a {@link NewSalesOrderLine}; get one from {@link NewSalesOrderLine#builder()}. */
  final class Builder extends ImmutableNewSalesOrderLine.Builder {
    Builder() {}
  }
}
