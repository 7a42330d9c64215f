package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A line of a SOP return to create: {@link #standard} for goods coming back into a warehouse,
 * {@link #freeText} for money without stock (refunded carriage, an amount kept back), or the
 * builder for more fields. Field names are inferred from sales order lines (see {@link NewSalesReturn}).
 *
 * <p>Usage: {@code NewSalesReturnLine.standard(productId, warehouseId, BigDecimal.ONE).sellingUnitPrice(price).taxCodeId(t).build()}
 */
@Value.Immutable
public interface NewSalesReturnLine extends LineItem {
  /** JSON {@code line_type}. */
  String lineType();

  /** JSON {@code nominal_reference}: the nominal a free-text line is credited to. */
  Optional<String> nominalReference();

  /** A stock item coming back: product, warehouse and quantity; add price and tax with the builder. */
  static Builder standard(long productId, long warehouseId, BigDecimal quantity) {
    return builder().lineType(SageModelChecks.STANDARD).productId(productId).warehouseId(warehouseId)
        .lineQuantity(quantity);
  }

  /** A line without stock, described in words; its unit price may be negative (an amount kept back). */
  static Builder freeText(String description, BigDecimal quantity, BigDecimal price) {
    return builder().lineType(SageModelChecks.FREE_TEXT).description(description).lineQuantity(quantity)
        .sellingUnitPrice(price);
  }

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void check() {
    SageModelChecks.checkLine("NewSalesReturnLine", "sales return", lineType(), this);
    if (lineType().equals(SageModelChecks.STANDARD) && lineQuantity().map(q -> q.signum() <= 0).orElse(true)) {
      throw new IllegalStateException("a standard sales return line needs a positive line_quantity, was "
          + lineQuantity().map(BigDecimal::toPlainString).orElse("none"));
    }
  }

  /** Builds a {@link NewSalesReturnLine}; get one from {@link NewSalesReturnLine#builder()}. */
  final class Builder extends ImmutableNewSalesReturnLine.Builder {
    Builder() {}
  }
}
