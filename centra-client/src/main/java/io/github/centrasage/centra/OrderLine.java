package io.github.centrasage.centra;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One line of an order.
 *
 * <pre>{@code
 * for (OrderLine line : order.lines()) System.out.println(line.sku() + " x " + line.quantity());
 * }</pre>
 */
@Value.Immutable
public interface OrderLine {
  long id();

  int quantity();

  @Value.Default
  default int cancelledQuantity() {
    return 0;
  }

  BigDecimal taxPercent();

  Optional<BigDecimal> discountPercent();

  Optional<NamedRef> product();

  Optional<NamedRef> productVariant();

  Optional<OrderLineSize> productSize();

  /** Price per unit after discounts. */
  Money unitPrice();

  /** Price per unit before discounts. */
  Optional<Money> unitOriginalPrice();

  Money lineValue();

  /**
   * Where Centra allocated the line's units, per warehouse; empty while the line is not allocated
   * (or when Centra did not return allocations).
   */
  List<OrderLineAllocation> allocations();

  /** The line's SKU, empty when Centra returned no product size. */
  default Optional<String> sku() {
    return productSize().flatMap(OrderLineSize::sku);
  }
}
